#!/usr/bin/env bash
# make release-check: .goreleaser.yml is valid and builds a release binary.
#
#   goreleaser check
#   goreleaser build --snapshot --clean --single-target
#
# goreleaser needs a git repository with a remote (any URL; nothing is
# contacted) and a commit. The repository's own .git is never touched: the
# files git would commit (tracked and new, not ignored) are copied into a
# throwaway repository with a dummy remote, so uncommitted work is checked too.
# Only the host's os/arch is built: the full 14-target snapshot takes 7-11
# minutes on two cores.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

goreleaser="$(scripts/tools.sh --path goreleaser)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rtm-release-check.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> copying the tree into a throwaway git repository ($tmp/repo)"
copy="$tmp/repo"
mkdir -p "$copy"
git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do
		if [[ -e "$f" ]]; then printf '%s\0' "$f"; fi
	done |
	xargs -0 -r cp --parents -t "$copy"
(
	cd "$copy"
	git init -q
	git add -A
	git -c user.name=release-check -c user.email=release-check@localhost \
		commit -q --no-gpg-sign -m "release-check snapshot"
	git remote add origin https://github.com/rtm-terraform/terraform-provider-rtm.git
)

echo "==> goreleaser check"
(cd "$copy" && "$goreleaser" check)

echo "==> goreleaser build --snapshot --clean --single-target"
(cd "$copy" && "$goreleaser" build --snapshot --clean --single-target)

echo "==> built:"
find "$copy/dist" -type f -name 'terraform-provider-rtm_v*' -printf '    %P (%s bytes)\n'
if ! find "$copy/dist" -type f -name 'terraform-provider-rtm_v*' | grep -q .; then
	echo "release-check: no terraform-provider-rtm_v* binary in dist/" >&2
	exit 1
fi
echo "release-check: passed"
