#!/usr/bin/env bash
# Tests for scripts/release-notes.sh, against a sample changelog in a
# temporary directory, then against the repository's CHANGELOG.md.
# `make release-check` runs it first.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
notes="$repo_root/scripts/release-notes.sh"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/rtm-release-notes.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/CHANGELOG.md" <<'EOF'
## 1.3.0 (Unreleased)

FEATURES:

* unreleased feature

## 1.2.0 (March 04, 2027)

BUG FIXES:

* the fix

* another fix


## 1.2.0-beta.1 (February 01, 2027)

NOTES:

* the beta

## 1.1.0 (January 10, 2027)

## 1.0.0

* first
EOF

problems=0
pass() { echo "    ok    $1"; }
fail() {
	echo "    FAIL  $1" >&2
	problems=$((problems + 1))
}

# expect_notes NAME WANT ARGS...: the script succeeds and prints exactly WANT.
expect_notes() {
	local name="$1" want="$2" got
	shift 2
	if got="$("$notes" --changelog "$tmp/CHANGELOG.md" "$@" 2>"$tmp/stderr")" && [[ "$got" == "$want" ]]; then
		pass "$name"
	else
		fail "$name: got [$got], stderr [$(cat "$tmp/stderr")]"
	fi
}

# expect_error NAME MESSAGE ARGS...: the script fails, prints nothing on
# stdout, and says MESSAGE on stderr.
expect_error() {
	local name="$1" message="$2" got
	shift 2
	if got="$("$notes" --changelog "$tmp/CHANGELOG.md" "$@" 2>"$tmp/stderr")"; then
		fail "$name: succeeded with [$got]"
	elif [[ -n "$got" ]] || ! grep -qF -- "$message" "$tmp/stderr"; then
		fail "$name: stdout [$got], stderr [$(cat "$tmp/stderr")], want [$message]"
	else
		pass "$name"
	fi
}

fix_notes=$'BUG FIXES:\n\n* the fix\n\n* another fix'

echo "==> scripts/release-notes.sh"
expect_notes "a dated section, without its heading or the blank lines around it" "$fix_notes" 1.2.0
expect_notes "a tag's leading v is dropped" "$fix_notes" v1.2.0
expect_notes "a pre-release is its own section" $'NOTES:\n\n* the beta' 1.2.0-beta.1
expect_notes "a heading without a date" "* first" 1.0.0
expect_notes "--latest takes the first section, even unreleased" $'FEATURES:\n\n* unreleased feature' --latest
expect_error "an unreleased section is refused for a release" "still marked (Unreleased)" 1.3.0
expect_error "an unknown version names the versions there are" "no section for 1.2 (it has: 1.3.0, 1.2.0, 1.2.0-beta.1, 1.1.0, 1.0.0)" 1.2
expect_error "an empty section is refused" "is empty" 1.1.0
expect_error "a missing changelog is an error" "does not exist" --changelog "$tmp/missing.md" 1.2.0
expect_error "a version and --latest together are a usage error" "usage:" 1.2.0 --latest
expect_error "no version is a usage error" "usage:"

if "$notes" --changelog "$tmp/CHANGELOG.md" --output "$tmp/out.md" 1.2.0 >"$tmp/stdout" &&
	[[ ! -s "$tmp/stdout" && "$(cat "$tmp/out.md")" == "$fix_notes" ]]; then
	pass "--output writes the notes to the file, nothing to stdout"
else
	fail "--output: stdout [$(cat "$tmp/stdout")], file [$(cat "$tmp/out.md" 2>/dev/null)]"
fi

if latest="$("$notes" --latest)" && [[ -n "$latest" ]]; then
	pass "CHANGELOG.md has a first section with notes ($(grep -m1 '^## ' "$repo_root/CHANGELOG.md"))"
else
	fail "CHANGELOG.md: --latest found no notes"
fi

if [[ $problems -gt 0 ]]; then
	echo "release-notes-test: $problems problem(s)" >&2
	exit 1
fi
echo "release-notes-test: passed"
