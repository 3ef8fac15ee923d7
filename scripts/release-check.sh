#!/usr/bin/env bash
# make release-check: .goreleaser.yml is valid and builds the release.
#
#   goreleaser check
#   goreleaser build --snapshot --clean --single-target (provider and emulator)
#   goreleaser release --snapshot --skip=sign,publish for this os/arch only,
#     then checks both archives (the provider zip the Registry reads, and the
#     rtm-emulator archive), their contents, and the SHA256SUMS lines (both
#     archives with their hashes, and the manifest)
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

goreleaser_bin="$(scripts/tools.sh --path goreleaser)"
# Plain text in logs: goreleaser forces colours whenever CI is set (even into
# a pipe, and NO_COLOR does not stop it), so outside a terminal it runs
# without CI, and with NO_COLOR=1 for the rest of its output.
goreleaser() {
	if [[ -t 1 ]]; then
		"$goreleaser_bin" "$@"
	else
		env -u CI NO_COLOR=1 "$goreleaser_bin" "$@"
	fi
}

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
(cd "$copy" && goreleaser check)

echo "==> goreleaser build --snapshot --clean --single-target"
(cd "$copy" && goreleaser build --snapshot --clean --single-target)

echo "==> built:"
for binary in 'terraform-provider-rtm_v*' 'rtm-emulator' 'rtm-emulator.exe'; do
	find "$copy/dist" -type f -name "$binary" -printf '    %P (%s bytes)\n'
done
if ! find "$copy/dist" -type f -name 'terraform-provider-rtm_v*' | grep -q .; then
	echo "release-check: no terraform-provider-rtm_v* binary in dist/" >&2
	exit 1
fi
if ! find "$copy/dist" -type f -name 'rtm-emulator*' | grep -q .; then
	echo "release-check: no rtm-emulator binary in dist/" >&2
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
# Every build narrowed: as many "goos: [os]" lines as builds had goos lists.
builds_with_goos="$(grep -c '^    goos:$' "$copy/.goreleaser.yml" || true)"
if [[ "$builds_with_goos" -lt 1 ||
	"$(grep -c "^    goos: \[$os\]\$" "$copy/.goreleaser.host.yml" || true)" -ne "$builds_with_goos" ||
	"$(grep -c "^    goarch: \[$arch\]\$" "$copy/.goreleaser.host.yml" || true)" -ne "$builds_with_goos" ]]; then
	echo "release-check: could not narrow every build's goos/goarch in .goreleaser.yml (layout changed?)" >&2
	exit 1
fi
(cd "$copy" && goreleaser release --snapshot --clean --skip=sign,publish --config .goreleaser.host.yml)

dist="$copy/dist"
sums="$(find "$dist" -maxdepth 1 -name 'terraform-provider-rtm_*_SHA256SUMS')"
zip="$(find "$dist" -maxdepth 1 -name "terraform-provider-rtm_*_${os}_${arch}.zip")"
emulator_ext=tar.gz
[[ "$os" == windows ]] && emulator_ext=zip
emulator_archive="$(find "$dist" -maxdepth 1 -name "rtm-emulator_*_${os}_${arch}.${emulator_ext}")"
echo "==> archives:"
find "$dist" -maxdepth 1 -type f \( -name '*.zip' -o -name '*.tar.gz' -o -name '*SHA256SUMS' \) -printf '    %f (%s bytes)\n' | sort
# archive_entries FILE: the names in a zip or tar.gz (unzip -Z1 where unzip
# exists, else python3's zipfile).
archive_entries() {
	case "$1" in
	*.tar.gz) tar -tzf "$1" ;;
	*.zip)
		if command -v unzip >/dev/null; then
			unzip -Z1 "$1"
		else
			python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"
		fi
		;;
	esac
}
# The properties the Registry and a module's CI rely on, one function each.
one_zip() { [[ -n "$zip" && $(wc -l <<<"$zip") -eq 1 ]]; }
zip_holds_binary() { archive_entries "$zip" | grep -qE '^terraform-provider-rtm_v[^/]+$'; }
zip_has_no_emulator() { ! archive_entries "$zip" | grep -q 'rtm-emulator'; }
one_emulator_archive() { [[ -n "$emulator_archive" && $(wc -l <<<"$emulator_archive") -eq 1 ]]; }
emulator_archive_holds_binary_and_license() {
	[[ "$(archive_entries "$emulator_archive" | sort | tr '\n' ' ')" =~ ^LICENSE\ rtm-emulator(\.exe)?\ $ ]]
}
# The archived emulator runs here and prints its usage.
emulator_runs() {
	mkdir -p "$tmp/emulator"
	case "$emulator_archive" in
	*.tar.gz) tar -xzf "$emulator_archive" -C "$tmp/emulator" ;;
	*.zip) (cd "$tmp/emulator" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall()' "$emulator_archive") ;;
	esac
	local usage
	usage="$("$tmp/emulator/rtm-emulator" -h 2>&1)" && grep -q -- '-project-id' <<<"$usage"
}
sums_exist() { [[ -n "$sums" ]]; }
# covers NAME: SHA256SUMS has a line for NAME with NAME's real hash.
covers() { awk -v name="$1" '$2 == name' "$sums" | (cd "$dist" && sha256sum --quiet --strict -c -) >/dev/null 2>&1; }
sums_cover_zip() { covers "$(basename "$zip")"; }
sums_cover_emulator_archive() { covers "$(basename "$emulator_archive")"; }
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
expect "the zip holds no rtm-emulator" zip_has_no_emulator
expect "one archive named rtm-emulator_<version>_${os}_${arch}.${emulator_ext}" one_emulator_archive
expect "the emulator archive holds the rtm-emulator binary and LICENSE, nothing else" emulator_archive_holds_binary_and_license
expect "the archived rtm-emulator runs (-h)" emulator_runs
expect "terraform-provider-rtm_<version>_SHA256SUMS exists" sums_exist
expect "SHA256SUMS covers the zip, with its hash" sums_cover_zip
expect "SHA256SUMS covers the emulator archive, with its hash" sums_cover_emulator_archive
expect "SHA256SUMS covers terraform-provider-rtm_<version>_manifest.json with the manifest's hash" sums_cover_manifest
expect "terraform-registry-manifest.json says protocol 6.0" manifest_says_protocol_6
if [[ $problems -gt 0 ]]; then
	echo "release-check: $problems problem(s) with the release artifacts" >&2
	exit 1
fi
echo "release-check: passed"
