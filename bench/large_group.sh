#!/usr/bin/env bash
# Large-group benchmark: the real terraform CLI drives the provider against
# a local RTM emulator, for rtm_group_membership with 1,000 and 10,000 members.
#
# For each size it prints, per terraform command, the wall time, the peak
# memory (/usr/bin/time -f %M: the largest process, i.e. terraform itself),
# the exit code and the RTM quests sent (counted from the emulator's
# one-line-per-request log). Commands: apply from empty; a no-change plan
# (also with -json, which skips the human-readable renderer, and with -json
# and TF_LOG_SDK_FRAMEWORK=off, which skips the framework's per-element
# trace logs); a plan of the same members in reverse order (exit 0 = no
# order-only diff); a plan removing one member (and how many user_ids lines
# it prints) and its apply.
#
#   bench/large_group.sh                # sizes 1000 10000
#   bench/large_group.sh 1000 2000      # other sizes
#
# Needs go, terraform and GNU time (/usr/bin/time). Offline: a dev_overrides
# CLI config points terraform at the freshly built provider (no `terraform
# init`).
# Everything runs in a temporary directory and on 127.0.0.1; every command
# is bounded by `timeout`.
set -euo pipefail

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
step_timeout=${BENCH_STEP_TIMEOUT:-900} # seconds per terraform command

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/rtm-bench.XXXXXX")
emulator_pid=""
cleanup() {
	if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
project_id=80000001
export RTM_SECRET_KEY=bench-secret-$$ # read by the emulator and the provider

echo "building provider and emulator..." >&2
mkdir -p "$work/bin"
(cd "$repo" && timeout 600 go build -o "$work/bin/terraform-provider-rtm" . \
	&& timeout 600 go build -o "$work/bin/rtm-emulator" ./cmd/rtm-emulator)

# Port 0: the emulator picks a free port and says which on its first line.
"$work/bin/rtm-emulator" -listen 127.0.0.1:0 -project-id "$project_id" 2>"$work/emulator.log" &
emulator_pid=$!
endpoint=""
for _ in $(seq 1 100); do
	endpoint=$(grep -m1 -oE '127\.0\.0\.1:[0-9]+' "$work/emulator.log" || true)
	[ -n "$endpoint" ] && break
	sleep 0.1
done
[ -n "$endpoint" ] || { echo "the emulator did not start:" >&2; cat "$work/emulator.log" >&2; exit 1; }

cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "rtm-terraform/rtm" = "$work/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE=$work/cli.tfrc

# write_config DIR GID FIRST LAST [SKIP [reverse]]: members FIRST..LAST
# without SKIP (-1: none), in ascending order or, with "reverse", descending.
write_config() {
	local ids
	local order=(seq "$3" "$4")
	[ "${6:-}" = reverse ] && order=(seq "$4" -1 "$3")
	ids=$("${order[@]}" | grep -vx -- "${5:--1}" | paste -sd, - | sed 's/,/, /g')
	cat >"$1/main.tf" <<TF
terraform {
  required_providers {
    rtm = { source = "rtm-terraform/rtm" }
  }
}

resource "rtm_group_membership" "bench" {
  group_id = $2
  user_ids = [$ids]
}
TF
}

# quests_since LINE: RTM quests logged after line LINE, by method.
quests_since() {
	tail -n +"$(($1 + 1))" "$work/emulator.log" | grep -o 'method=[a-z]*' | sort | uniq -c \
		| awk '{printf "%s%s:%s", sep, substr($2, 8), $1; sep=" "} END {if (NR == 0) printf "none"}'
}

# timed LABEL CMD...: runs CMD in the config dir, prints seconds and quests.
timed() {
	local label=$1; shift
	local mark start end rss rc=0
	mark=$(wc -l <"$work/emulator.log")
	start=$(date +%s.%N)
	/usr/bin/time -f %M -o "$dir/$label.rss" timeout "$step_timeout" "$@" >"$dir/$label.out" 2>&1 || rc=$?
	end=$(date +%s.%N)
	rss=$(($(tail -n 1 "$dir/$label.rss") / 1024))
	printf '  %-26s %7.2f s  %5s MiB  exit %-3s quests: %s\n' "$label" "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" "$rss" "$rc" "$(quests_since "$mark")"
}

export RTM_ENDPOINT=$endpoint RTM_PROJECT_ID=$project_id
gid=9000
for n in "${sizes[@]}"; do
	gid=$((gid + 1))
	dir=$work/n$n
	mkdir -p "$dir"
	cd "$dir"
	echo "== rtm_group_membership with $n members (group $gid) =="
	write_config "$dir" "$gid" 1 "$n"
	timed apply-from-empty terraform apply -auto-approve -input=false -no-color
	timed plan-no-change terraform plan -input=false -no-color -detailed-exitcode
	# The same plan without the human-readable renderer (see README.md).
	timed plan-no-change-json terraform plan -input=false -json -detailed-exitcode
	# The same with the framework's per-element trace logging off (README.md:
	# "Where the time of plan -json goes"). Matches the line above once
	# main.go quiets those logs itself.
	timed plan-json-no-fw-trace env TF_LOG_SDK_FRAMEWORK=off terraform plan -input=false -json -detailed-exitcode
	write_config "$dir" "$gid" 1 "$n" -1 reverse
	timed plan-reordered terraform plan -input=false -no-color -detailed-exitcode
	write_config "$dir" "$gid" 1 "$n" $((n / 2))
	timed plan-one-member-removed terraform plan -input=false -no-color -detailed-exitcode -out=one.tfplan
	printf '  %-26s %s\n' "one-member plan shows" \
		"$(grep -cE '^ +- [0-9]+,?$' "$dir/plan-one-member-removed.out") removed id line(s), $(grep -cE '^ +\+ [0-9]+,?$' "$dir/plan-one-member-removed.out") added, '$(grep -m1 -oE 'Plan: .*' "$dir/plan-one-member-removed.out")'"
	timed apply-one-member-removed terraform apply -input=false -no-color one.tfplan
	timed plan-after terraform plan -input=false -no-color -detailed-exitcode
	cd "$repo"
done
