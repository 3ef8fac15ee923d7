#!/usr/bin/env bash
# make module-test (and the last step of make test): `terraform test` for the
# example modules, against the RTM emulator.
#
#   scripts/module-test.sh                          every examples/modules/*/ with a tests/ directory
#   scripts/module-test.sh examples/modules/NAME    one module
#
# For each module: a fresh emulator on 127.0.0.1 (port 0, read from its log),
# RTM_ENDPOINT / RTM_PROJECT_ID / RTM_SECRET_KEY exported for the provider, a
# dev_overrides CLI config pointing at a local build of the provider, and in a
# copy of the module `terraform get` (installs the modules the test files use,
# offline) then `terraform test` (its *.tftest.hcl files: the integration
# suite and the mock_provider unit tests). `terraform init` is never run: with
# dev_overrides it would still ask the registry for the provider.
# The emulator is always stopped and the temporary directory removed
# (RTM_MODULE_TEST_KEEP=1 keeps it).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=scripts/lib/local-rtm.sh
source scripts/lib/local-rtm.sh

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_CLI_CONFIG_FILE TF_DATA_DIR TF_WORKSPACE TF_CLI_ARGS RTM_SERVER_PUBLIC_KEY
[[ -t 1 ]] || export TF_CLI_ARGS="-no-color"

project_id=90000002
# A throwaway key for the throwaway emulator.
secret_key="module-test-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

modules=("$@")
if [[ ${#modules[@]} -eq 0 ]]; then
	mapfile -t modules < <(find examples/modules -mindepth 2 -maxdepth 2 -type d -name tests -printf '%h\n' | sort)
fi
if [[ ${#modules[@]} -eq 0 ]]; then
	echo "module-test: no examples/modules/*/tests directory found" >&2
	exit 1
fi

work=""
cleanup() {
	local status=$?
	trap '' INT TERM # a second Ctrl-C must not leave the emulator running
	trap - EXIT
	local_rtm_stop
	if [[ -n "$work" && -d "$work" ]]; then
		if [[ "${RTM_MODULE_TEST_KEEP:-}" == 1 ]]; then
			echo "module-test: kept $work (RTM_MODULE_TEST_KEEP=1)"
		else
			rm -rf "$work"
		fi
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'echo; echo "module-test: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

# emulator_log_tail: the end of the emulator's log, after a failure.
emulator_log_tail() {
	echo "--- last lines of the emulator log ---" >&2
	tail -n 20 "$work/emulator.log" >&2 || true
}

terraform_bin="$(scripts/with-terraform.sh --path)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rtm-module-test.XXXXXX")"

echo "module-test: building the provider and the emulator"
local_rtm_build "$work"
local_rtm_cli_config "$work"
export TF_CLI_CONFIG_FILE="$work/terraform.rc"
echo "module-test: $("$terraform_bin" version | sed -n 1p) ($terraform_bin)"

failed=()
for module in "${modules[@]}"; do
	module="${module%/}"
	name="$(basename "$module")"
	if [[ ! -d "$module/tests" ]]; then
		echo "module-test: $module has no tests/ directory" >&2
		exit 2
	fi
	printf '\n==> terraform test: %s\n' "$module"
	if ! local_rtm_start "$work" "$project_id" "$secret_key"; then
		echo "module-test: the emulator did not start within 10 s" >&2
		emulator_log_tail
		exit 1
	fi
	export RTM_ENDPOINT="$rtm_endpoint" RTM_PROJECT_ID="$project_id" RTM_SECRET_KEY="$secret_key"
	echo "    emulator on $RTM_ENDPOINT, project $project_id"
	# A copy: .terraform/ stays out of the repository.
	copy="$work/modules/$name"
	mkdir -p "$copy"
	cp -R "$module/." "$copy/"
	rm -rf "$copy/.terraform"
	if "$terraform_bin" -chdir="$copy" get >"$work/get.log" 2>&1 &&
		"$terraform_bin" -chdir="$copy" test; then
		echo "    ok    $module"
	else
		if grep -q Error "$work/get.log"; then cat "$work/get.log" >&2; fi
		echo "    FAIL  $module" >&2
		emulator_log_tail
		failed+=("$module")
	fi
	local_rtm_stop
done

echo
if [[ ${#failed[@]} -gt 0 ]]; then
	echo "module-test: ${#failed[@]} of ${#modules[@]} module(s) failed: ${failed[*]}" >&2
	exit 1
fi
echo "module-test: ${#modules[@]} module(s) passed"
