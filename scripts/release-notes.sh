#!/usr/bin/env bash
# Prints the release notes of one version: its section of CHANGELOG.md, without
# the "## X.Y.Z (date)" heading. goreleaser runs it as a before hook and puts
# the result at the top of the GitHub release (.goreleaser.yml).
#
#   scripts/release-notes.sh [--output FILE] [--changelog FILE] VERSION
#   scripts/release-notes.sh [--output FILE] [--changelog FILE] --latest
#
# VERSION may carry a leading "v" (the tag). Its section must exist, hold
# something, and be dated: a heading still saying "(Unreleased)" means the
# changelog was not finished for this release, so the script fails. --latest
# takes the first section whatever its state (snapshot builds). --output writes
# the notes to FILE instead of stdout (goreleaser hooks have no redirection).
set -euo pipefail

usage() {
	echo "usage: $0 [--output FILE] [--changelog FILE] VERSION|--latest" >&2
	exit 2
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
changelog="$repo_root/CHANGELOG.md"
output=""
version=""
latest=false
while [[ $# -gt 0 ]]; do
	case "$1" in
	--output)
		[[ $# -ge 2 ]] || usage
		output="$2"
		shift 2
		;;
	--changelog)
		[[ $# -ge 2 ]] || usage
		changelog="$2"
		shift 2
		;;
	--latest)
		latest=true
		shift
		;;
	-*) usage ;;
	*)
		[[ -z "$version" ]] || usage
		version="${1#v}"
		shift
		;;
	esac
done
if [[ $latest == true && -n "$version" ]] || [[ $latest == false && -z "$version" ]]; then
	usage
fi

fail() {
	echo "release-notes: $*" >&2
	exit 1
}

[[ -f "$changelog" ]] || fail "$changelog does not exist"

# The heading of the wanted section, and its body with the blank lines at
# both ends trimmed. A heading is "## " + version, then nothing or " (...)".
heading=""
body=""
found=false
while IFS= read -r line; do
	if [[ "$line" == "## "* ]]; then
		$found && break
		rest="${line#"## "}"
		if $latest || [[ "$rest" == "$version" || "$rest" == "$version ("* ]]; then
			found=true
			heading="$line"
		fi
		continue
	fi
	if $found; then
		body+="$line"$'\n'
	fi
done <"$changelog"

if ! $found; then
	if $latest; then
		fail "$changelog has no '## X.Y.Z' section"
	fi
	versions="$(grep -E '^## ' "$changelog" | sed -E 's/^## ([^ ]+).*/\1/' | paste -sd, - | sed 's/,/, /g')"
	fail "$changelog has no section for $version (it has: ${versions:-none})"
fi
# Leading blank lines go here, trailing ones with the command substitution.
body="$(printf '%s' "$body" | sed -e '/./,$!d')"
[[ -n "${body//[[:space:]]/}" ]] || fail "the section '$heading' of $changelog is empty"
if ! $latest && [[ "$heading" == *"(Unreleased)"* ]]; then
	fail "the section '$heading' of $changelog is still marked (Unreleased): put the release date in its heading, e.g. '## $version ($(date -u '+%B %d, %Y'))'"
fi

if [[ -n "$output" ]]; then
	printf '%s\n' "$body" >"$output"
else
	printf '%s\n' "$body"
fi
