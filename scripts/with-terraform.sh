#!/usr/bin/env bash
# The terraform CLI that the tests and the demo run, never a downloaded one:
#
#   scripts/with-terraform.sh COMMAND [ARG...]   runs COMMAND with TF_ACC_TERRAFORM_PATH
#                                                set to it and its directory first on PATH
#   scripts/with-terraform.sh --path             prints its path
#
# Which one: $TF_ACC_TERRAFORM_PATH when set, else `terraform` on PATH, else
# the pinned v1.11.4 built from tools/terraform by scripts/tools.sh (a few
# minutes the first time, then cached). Why the variable: without it,
# terraform-plugin-testing looks on PATH and, finding nothing there, asks
# checkpoint-api.hashicorp.com for the newest release and downloads it; with
# it, the tests run exactly that binary.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

find_terraform() {
	if [[ -n "${TF_ACC_TERRAFORM_PATH:-}" ]]; then
		if [[ ! -f "$TF_ACC_TERRAFORM_PATH" || ! -x "$TF_ACC_TERRAFORM_PATH" ]]; then
			echo "with-terraform: TF_ACC_TERRAFORM_PATH=$TF_ACC_TERRAFORM_PATH is not an executable file" >&2
			return 1
		fi
		echo "$TF_ACC_TERRAFORM_PATH"
	elif command -v terraform >/dev/null; then
		command -v terraform
	else
		echo "with-terraform: terraform is not on PATH: using the pinned v1.11.4 from tools/terraform" \
			"(built once, a few minutes; then cached)" >&2
		"$repo_root/scripts/tools.sh" --path terraform
	fi
}

if [[ $# -eq 0 ]]; then
	echo "usage: $0 --path | COMMAND [ARG...]" >&2
	exit 2
fi
terraform_bin="$(find_terraform)"
if [[ "$1" == "--path" ]]; then
	echo "$terraform_bin"
	exit 0
fi
export TF_ACC_TERRAFORM_PATH="$terraform_bin"
PATH="$(dirname "$terraform_bin"):$PATH"
echo "with-terraform: $(env -u TF_CLI_CONFIG_FILE CHECKPOINT_DISABLE=1 "$terraform_bin" version | sed -n 1p) ($terraform_bin)" >&2
exec "$@"
