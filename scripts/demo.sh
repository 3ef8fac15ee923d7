#!/usr/bin/env bash
# make demo: the provider doing its job against a local RTM emulator.
#
# Builds the provider and cmd/rtm-emulator into a temporary directory, starts
# the emulator on 127.0.0.1 with a demo project, points Terraform at the local
# provider build through a dev_overrides CLI config (no `terraform init`: it
# would try the network), then applies examples/demo, checks that a second plan
# shows no changes, destroys everything and stops the emulator. Nothing is
# written to the repository; the temporary directory is removed on success,
# failure and Ctrl-C.
#
# Environment knobs:
#   RTM_DEMO_KEEP=1        keep the temporary directory (state, logs) for inspection
#   RTM_DEMO_PROJECT_ID    project id of the demo project (default 90000001)
#   RTM_DEMO_ENCRYPTION=1  the emulator offers FPNN encryption (secp256k1) and the
#                          provider uses it (encrypt = true, RTM_SERVER_PUBLIC_KEY)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# Terraform offline: no checkpoint calls, no CLI config from the environment.
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
unset TF_CLI_CONFIG_FILE TF_DATA_DIR TF_WORKSPACE TF_CLI_ARGS RTM_SERVER_PUBLIC_KEY TF_VAR_encrypt

project_id="${RTM_DEMO_PROJECT_ID:-90000001}"
# A throwaway key for the throwaway emulator; a real project's key never goes here.
secret_key="demo-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

# Colours on a terminal only; in CI logs plain text (terraform too).
bold="" red="" green="" plain=""
if [[ -t 1 ]]; then
	bold=$'\033[1m' red=$'\033[31m' green=$'\033[32m' plain=$'\033[0m'
else
	export TF_CLI_ARGS="-no-color"
fi

total_steps=9
step_no=0
step() {
	step_no=$((step_no + 1))
	printf '\n%s==> [%d/%d] %s%s\n' "$bold" "$step_no" "$total_steps" "$*" "$plain"
}
info() { printf '    %s\n' "$*"; }
fail() {
	printf '\n%sdemo failed:%s %s\n' "$red" "$plain" "$*" >&2
	exit 1
}

work=""
emulator_pid=""
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
		info "stopping the emulator (pid $emulator_pid)"
		kill "$emulator_pid" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "$emulator_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$emulator_pid" 2>/dev/null || true
		wait "$emulator_pid" 2>/dev/null || true
	fi
	if [[ $status -ne 0 && -n "$work" && -s "$work/emulator.log" ]]; then
		echo "--- last lines of the emulator log ---" >&2
		tail -n 20 "$work/emulator.log" >&2 || true
	fi
	if [[ -n "$work" && -d "$work" ]]; then
		if [[ "${RTM_DEMO_KEEP:-}" == 1 ]]; then
			info "kept $work (RTM_DEMO_KEEP=1)"
		else
			rm -rf "$work"
		fi
	fi
	if [[ $status -eq 0 ]]; then
		printf '\n%sdemo finished: applied, planned with no changes, destroyed.%s\n' "$green" "$plain"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'echo; echo "interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

# port_in_use PORT: something accepts connections on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

step "Checking the tools"
command -v go >/dev/null || fail "go is not on PATH (Go 1.26 is required)"
info "$(go version)"
if command -v terraform >/dev/null; then
	terraform_bin="$(command -v terraform)"
else
	info "terraform is not on PATH: using the pinned v1.11.4 from tools/terraform (built once, a few minutes; then cached)"
	terraform_bin="$(scripts/tools.sh --path terraform)"
fi
info "$("$terraform_bin" version | head -n 1) ($terraform_bin)"
tf() { "$terraform_bin" -chdir="$work/config" "$@"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/rtm-demo.XXXXXX")"
info "working directory: $work (removed at the end)"

step "Building the provider and the RTM emulator"
mkdir -p "$work/plugins"
go build -o "$work/plugins/terraform-provider-rtm" .
go build -o "$work/rtm-emulator" ./cmd/rtm-emulator
info "built $work/plugins/terraform-provider-rtm and $work/rtm-emulator"

encryption_flags=()
encryption_note=""
if [[ "${RTM_DEMO_ENCRYPTION:-}" == 1 ]]; then
	# The emulator creates the key pair and writes the public half for clients.
	encryption_flags=(-ecdh-curve secp256k1 -ecdh-private-key "$work/ecdh-private.key"
		-ecdh-public-key-out "$work/server-public.pem")
	encryption_note=", FPNN encryption on secp256k1"
fi

step "Starting the RTM emulator on 127.0.0.1 (demo project $project_id$encryption_note)"
# Port 0: the operating system picks a free port, and the emulator logs the
# address it listens on ("serving project N on 127.0.0.1:PORT"). The secret
# goes by environment, not on the command line where `ps` would show it.
# setsid: its own process group, so Ctrl-C interrupts terraform (which stops
# gracefully, still talking to the emulator) and cleanup then stops the emulator.
RTM_SECRET_KEY="$secret_key" setsid "$work/rtm-emulator" -listen 127.0.0.1:0 -project-id "$project_id" \
	-state "$work/emulator-state.json" "${encryption_flags[@]}" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
endpoint=""
for _ in $(seq 100); do
	kill -0 "$emulator_pid" 2>/dev/null || break
	endpoint="$(grep -m1 -oE '127\.0\.0\.1:[0-9]+' "$work/emulator.log" || true)"
	if [[ -n "$endpoint" ]] && port_in_use "${endpoint#*:}"; then
		break
	fi
	endpoint=""
	sleep 0.1
done
[[ -n "$endpoint" ]] || fail "the emulator did not start within 10 s (its log is below)"
info "emulator pid $emulator_pid listening on $endpoint; one log line per request in $work/emulator.log"

step "Pointing Terraform at the local provider build (dev_overrides, no terraform init)"
cat >"$work/terraform.rc" <<EOF
provider_installation {
  dev_overrides {
    "rtm-terraform/rtm" = "$work/plugins"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$work/terraform.rc"
export RTM_ENDPOINT="$endpoint"
export RTM_PROJECT_ID="$project_id"
export RTM_SECRET_KEY="$secret_key"
info "TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE"
info "RTM_ENDPOINT=$RTM_ENDPOINT RTM_PROJECT_ID=$RTM_PROJECT_ID RTM_SECRET_KEY=(demo key)"
if [[ -n "$encryption_note" ]]; then
	RTM_SERVER_PUBLIC_KEY="$(cat "$work/server-public.pem")"
	export RTM_SERVER_PUBLIC_KEY
	export TF_VAR_encrypt=true
	info "RTM_SERVER_PUBLIC_KEY=(the emulator's public key, $work/server-public.pem) TF_VAR_encrypt=true"
fi
# A copy of the configuration, so .terraform/ and the state stay in $work.
cp -R examples/demo "$work/config"
# `terraform get` installs the local module (examples/demo/modules/team_member)
# without touching providers or the network; init would try the registry.
tf get >/dev/null
info "installed the local module with 'terraform get'"

step "terraform apply: three groups, an authoritative membership, two team modules, a timed ban"
tf apply -auto-approve -input=false -compact-warnings

step "terraform output: what the data sources read back"
tf output

step "terraform plan -detailed-exitcode: a second plan must show no changes"
set +e
tf plan -detailed-exitcode -input=false -compact-warnings
plan_status=$?
set -e
case $plan_status in
0) info "no changes: the state matches RTM" ;;
2) fail "the plan after apply shows changes (perpetual diff)" ;;
*) fail "terraform plan failed (exit $plan_status)" ;;
esac

step "terraform destroy: memberships, ban, then the groups"
tf destroy -auto-approve -input=false -compact-warnings

step "Stopping the emulator"
requests="$(grep -c ' method=' "$work/emulator.log" || true)"
info "the emulator answered $requests requests:"
grep -oE ' method=[^ ]+' "$work/emulator.log" | sort | uniq -c | sort -rn |
	while read -r count method; do info "  $count ${method#method=}"; done
kill "$emulator_pid"
wait "$emulator_pid" 2>/dev/null || true
emulator_pid=""
info "stopped"
