#!/usr/bin/env bash
# make release-check: .goreleaser.yml is valid and builds a release binary.
#
#   goreleaser check
#   goreleaser build --snapshot --clean --single-target
#   goreleaser release --snapshot --skip=sign,publish for this os/arch only,
#     then checks the artifacts' names and the SHA256SUMS (zip + manifest)
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

# The release artifacts in the Registry's shape, for this os/arch only: the
# same configuration with goos/goarch narrowed to the host (all 14 targets
# take 7-11 minutes), signing and publishing skipped.
os="$(go env GOOS)"
arch="$(go env GOARCH)"
echo "==> goreleaser release --snapshot --skip=sign,publish (only $os/$arch)"
awk -v os="$os" -v arch="$arch" '
	skip && /^      - / { next }
	{ skip = 0 }
	/^    goos:$/ { print "    goos: [" os "]"; skip = 1; next }
	/^    goarch:$/ { print "    goarch: [" arch "]"; skip = 1; next }
	{ print }
' "$copy/.goreleaser.yml" >"$copy/.goreleaser.host.yml"
if ! grep -q "^    goos: \[$os\]\$" "$copy/.goreleaser.host.yml" ||
	! grep -q "^    goarch: \[$arch\]\$" "$copy/.goreleaser.host.yml"; then
	echo "release-check: could not narrow builds[0].goos/goarch in .goreleaser.yml (layout changed?)" >&2
	exit 1
fi
(cd "$copy" && "$goreleaser" release --snapshot --clean --skip=sign,publish --config .goreleaser.host.yml)

dist="$copy/dist"
sums="$(find "$dist" -maxdepth 1 -name 'terraform-provider-rtm_*_SHA256SUMS')"
zip="$(find "$dist" -maxdepth 1 -name "terraform-provider-rtm_*_${os}_${arch}.zip")"
# unzip -Z1 where unzip exists, else python3's zipfile.
zip_entries() {
	if command -v unzip >/dev/null; then
		unzip -Z1 "$1"
	else
		python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"
	fi
}
# The properties the Registry relies on, one function each.
one_zip() { [[ -n "$zip" && $(wc -l <<<"$zip") -eq 1 ]]; }
zip_holds_binary() { zip_entries "$zip" | grep -qE '^terraform-provider-rtm_v[^/]+$'; }
sums_exist() { [[ -n "$sums" ]]; }
sums_cover_zip() { grep -qF "  $(basename "$zip")" "$sums"; }
sums_cover_manifest() {
	local hash
	hash="$(sha256sum terraform-registry-manifest.json | cut -d' ' -f1)"
	grep -qE "^$hash  terraform-provider-rtm_[^ ]+_manifest\.json$" "$sums"
}
manifest_says_protocol_6() { tr -d ' \n' <terraform-registry-manifest.json | grep -qF '"protocol_versions":["6.0"]'; }

problems=0
expect() {
	local what="$1"
	shift
	if "$@"; then
		echo "    ok    $what"
	else
		echo "    FAIL  $what" >&2
		problems=$((problems + 1))
	fi
}
expect "one zip named terraform-provider-rtm_<version>_${os}_${arch}.zip" one_zip
expect "the zip holds the binary terraform-provider-rtm_v<version>" zip_holds_binary
expect "terraform-provider-rtm_<version>_SHA256SUMS exists" sums_exist
expect "SHA256SUMS covers the zip" sums_cover_zip
expect "SHA256SUMS covers terraform-provider-rtm_<version>_manifest.json with the manifest's hash" sums_cover_manifest
expect "terraform-registry-manifest.json says protocol 6.0" manifest_says_protocol_6
if [[ $problems -gt 0 ]]; then
	echo "release-check: $problems problem(s) with the release artifacts" >&2
	exit 1
fi
echo "release-check: passed"
