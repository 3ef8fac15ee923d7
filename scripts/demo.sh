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

# A shell started with SIGINT ignored (a background job of a script, some CI
# runners) cannot trap it, yet terraform, a Go program, still stops on it: a
# Ctrl-C would look like a failed terraform step. Start over with SIGINT at
# its default, so the INT trap below sees it.
if [[ "$(trap -p INT)" == "trap -- '' SIGINT" ]] && env --default-signal=INT true 2>/dev/null; then
	exec env --default-signal=INT "$0" "$@"
fi

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=scripts/lib/local-rtm.sh
source scripts/lib/local-rtm.sh

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
interrupted=""
finished=""
cleanup() {
	local status=$?
	# Ignored from here on: a second Ctrl-C must not leave the emulator running.
	trap '' INT TERM
	trap - EXIT
	if [[ -n "$interrupted" ]]; then
		printf '\n%sdemo %s%s\n' "$red" "$interrupted" "$plain" >&2
	fi
	if [[ -n "$rtm_emulator_pid" ]]; then
		info "stopping the emulator (pid $rtm_emulator_pid)"
		local_rtm_stop
	fi
	# The emulator's log explains a failure, not an interrupt.
	if [[ $status -ne 0 && -z "$interrupted" && -n "$work" && -s "$work/emulator.log" ]]; then
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
	if [[ $status -eq 0 && -n "$finished" ]]; then
		printf '\n%sdemo finished: applied, planned with no changes, destroyed.%s\n' "$green" "$plain"
		echo "Next, with your own configuration: README.md, \"Run the emulator for your own configuration\";"
		echo "to test your own module with 'terraform test': \"Testing your own module\" (examples/modules/support_room)."
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'interrupted=interrupted; exit 130' INT
trap 'interrupted=terminated; exit 143' TERM
trap 'interrupted="hung up"; exit 129' HUP

step "Checking the tools"
command -v go >/dev/null || fail "go is not on PATH (Go 1.26 is required)"
info "$(go version)"
# The terraform on PATH, else the pinned v1.11.4 built from tools/terraform.
terraform_bin="$(scripts/with-terraform.sh --path)"
info "$("$terraform_bin" version | head -n 1) ($terraform_bin)"
tf() { "$terraform_bin" -chdir="$work/config" "$@"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/rtm-demo.XXXXXX")"
info "working directory: $work (removed at the end)"

step "Building the provider and the RTM emulator"
local_rtm_build "$work"
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
# On a free port of 127.0.0.1, read from its log (scripts/lib/local-rtm.sh).
local_rtm_start "$work" "$project_id" "$secret_key" -state "$work/emulator-state.json" "${encryption_flags[@]}" ||
	fail "the emulator did not start within 10 s (its log is below)"
endpoint="$rtm_endpoint"
info "emulator pid $rtm_emulator_pid listening on $endpoint; one log line per request in $work/emulator.log"

step "Pointing Terraform at the local provider build (dev_overrides, no terraform init)"
local_rtm_cli_config "$work"
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
local_rtm_stop
info "stopped"
finished=1
