#!/usr/bin/env bash
# make check-docs: the docs and examples are what the code says, and they work.
#
#   1. terraform fmt -check -recursive examples
#   2. every example directory passes `terraform validate` against a local
#      build of the provider (dev_overrides; no terraform init)
#   3. tfplugindocs validate --provider-name rtm passes on docs/ as committed
#   4. regenerating docs/ with tfplugindocs changes nothing
#
# Nothing in the working tree is modified: generation runs in a temporary
# copy of the tree, and validation in temporary copies of the examples.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export CHECKPOINT_DISABLE=1
unset TF_CLI_CONFIG_FILE TF_DATA_DIR TF_WORKSPACE TF_CLI_ARGS

say() { printf '\n==> %s\n' "$*"; }
failures=0
fail() {
	printf 'FAIL: %s\n' "$*" >&2
	failures=$((failures + 1))
}

# tfplugindocs runs the terraform on PATH, and would try to download one if
# there were none: fall back to the pinned build (tools/terraform) instead.
if ! command -v terraform >/dev/null; then
	echo "terraform is not on PATH: using the pinned v1.11.4 from tools/terraform (built once, a few minutes)"
	PATH="$(dirname "$(scripts/tools.sh --path terraform)"):$PATH"
	export PATH
fi
tfplugindocs="$(scripts/tools.sh --path tfplugindocs)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rtm-check-docs.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "terraform fmt -check -recursive examples"
if ! terraform fmt -check -recursive -diff examples; then
	fail "examples are not formatted: run 'terraform fmt -recursive examples' (make docs does it)"
fi

say "terraform validate in every example directory (local build, dev_overrides, no init)"
mkdir -p "$tmp/plugins"
go build -o "$tmp/plugins/terraform-provider-rtm" .
cat >"$tmp/terraform.rc" <<EOF
provider_installation {
  dev_overrides {
    "rtm-terraform/rtm" = "$tmp/plugins"
  }
  direct {}
}
EOF
# Examples of single resources leave out the terraform block (the docs show
# only the resource); validation needs to know where "rtm" comes from.
providers_tf='terraform {
  required_providers {
    rtm = {
      source = "rtm-terraform/rtm"
    }
  }
}'
mapfile -t example_dirs < <(find examples -name '*.tf' -printf '%h\n' | sort -u)
for dir in "${example_dirs[@]}"; do
	work="$tmp/validate/$dir"
	mkdir -p "$work"
	cp -R "$dir/." "$work/"
	if ! grep -qs 'required_providers' "$work"/*.tf; then
		printf '%s\n' "$providers_tf" >"$work/zz_check_required_providers.tf"
	fi
	# validate needs no init under dev_overrides, but modules must be
	# installed first: `terraform get` does that offline for local sources,
	# including those of test files' run blocks (validate checks tests/ too).
	if grep -qsE '^[[:space:]]*module[[:space:]]+("|\{)' "$work"/*.tf "$work"/tests/*.tftest.hcl &&
		! TF_CLI_CONFIG_FILE="$tmp/terraform.rc" terraform -chdir="$work" get -no-color >"$work.get.log" 2>&1; then
		cat "$work.get.log" >&2
		fail "$dir: terraform get"
		continue
	fi
	if TF_CLI_CONFIG_FILE="$tmp/terraform.rc" terraform -chdir="$work" validate -no-color >"$work.log" 2>&1; then
		printf '    ok    %s\n' "$dir"
	else
		printf '    FAIL  %s\n' "$dir"
		sed 's/^/      /' "$work.log" >&2
		fail "$dir: terraform validate"
	fi
done

say "copying the tree (the files git would commit) to check docs/ without touching it"
copy="$tmp/tree"
mkdir -p "$copy"
# The files git would commit (tracked and new, not ignored; docs/ included),
# less the ones deleted in the working tree.
git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do
		if [[ -e "$f" ]]; then printf '%s\0' "$f"; fi
	done |
	xargs -0 -r cp --parents -t "$copy"

say "tfplugindocs validate --provider-name rtm (the docs/ as they are)"
if (cd "$copy" && "$tfplugindocs" validate --provider-name rtm) >"$tmp/validate.log" 2>&1; then
	echo "    valid"
else
	cat "$tmp/validate.log" >&2
	fail "tfplugindocs validate"
fi

say "tfplugindocs generate in the copy: docs/ must not change"
(cd "$copy" && "$tfplugindocs" generate --provider-name rtm) >"$tmp/generate.log" 2>&1 || {
	cat "$tmp/generate.log" >&2
	fail "tfplugindocs generate failed"
}
if [[ ! -d docs ]]; then
	fail "docs/ is missing: run 'make docs'"
elif ! diff -ru docs "$copy/docs"; then
	fail "docs/ is out of date: run 'make docs' and commit the result"
else
	echo "    docs/ is up to date"
fi

if [[ $failures -gt 0 ]]; then
	printf '\ncheck-docs: %d check(s) failed\n' "$failures" >&2
	exit 1
fi
printf '\ncheck-docs: all checks passed\n'
