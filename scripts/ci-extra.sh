#!/usr/bin/env bash
# The CI checks besides `make test`: docs and examples, lint, release, demo.
# .ci/run calls it (after terraform is on PATH):
#
#   scripts/ci-extra.sh            # every step
#   scripts/ci-extra.sh lint docs  # some steps (tools docs lint shell release demo)
#
# Every step runs even when an earlier one fails; the summary lists each with
# its result (ok, FAILED, or skipped and why) and time, and the exit status is
# non-zero if any failed.
#
# Time on two cores: the pinned tools are built only when missing or when
# tools/<name>/go.mod changed (cached in ~/.cache/terraform-provider-rtm/tools):
# cold about 2 min tfplugindocs+golangci-lint and 5 min goreleaser with the
# module downloads, 0 s warm. The checks themselves take 2-4 minutes.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root" || exit 1

export CHECKPOINT_DISABLE=1
unset TF_CLI_CONFIG_FILE
export PATH="$repo_root/bin:$PATH"

# skip REASON: the step could not run here; the summary says "skipped".
skip_reason=""
skip() {
	skip_reason="$*"
	echo "skipped: $*"
}

run_tools() { scripts/tools.sh all; }
run_docs() { scripts/check-docs.sh; }
run_lint() { "$(scripts/tools.sh --path golangci-lint)" run --allow-serial-runners ./...; }
run_release() { scripts/release-notes-test.sh && scripts/release-check.sh; }
run_demo() { scripts/demo.sh && RTM_DEMO_ENCRYPTION=1 scripts/demo.sh; }
# The shell linter (Debian package shellcheck, not a Go tool) runs when installed.
run_shell() {
	if command -v shellcheck >/dev/null; then
		shellcheck -x scripts/*.sh scripts/lib/*.sh
	else
		skip "shellcheck is not installed (apt-get install shellcheck)"
	fi
}

steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(tools docs lint shell release demo)

passed=0
failed=0
skipped=0
summary=()
for step in "${steps[@]}"; do
	if ! declare -F "run_$step" >/dev/null; then
		echo "ci-extra: unknown step '$step' (tools docs lint shell release demo)" >&2
		exit 2
	fi
	printf '\n########## ci-extra: %s ##########\n' "$step"
	start=$SECONDS
	skip_reason=""
	if ! "run_$step"; then
		result=FAILED
		failed=$((failed + 1))
	elif [[ -n "$skip_reason" ]]; then
		result=skipped
		skipped=$((skipped + 1))
	else
		result=ok
		passed=$((passed + 1))
	fi
	line="$(printf '%-8s %-7s %4ds' "$step" "$result" $((SECONDS - start)))"
	[[ "$result" == skipped ]] && line+="  ($skip_reason)"
	summary+=("$line")
done

printf '\n########## ci-extra summary ##########\n'
printf '%s\n' "${summary[@]}"
echo "ci-extra: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
