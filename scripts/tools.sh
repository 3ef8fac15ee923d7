#!/usr/bin/env bash
# Builds the pinned developer tools (tools/<name>/go.mod) once per version and
# links them into ./bin.
#
#   scripts/tools.sh [tfplugindocs|golangci-lint|goreleaser|terraform|all]...
#                                   (default and "all": the first three)
#   scripts/tools.sh --path NAME    build if needed, then print the binary's path
#
# terraform is only built when asked for (scripts use the one on PATH first):
# tools/terraform pins the CLI the tests use, v1.11.4, for machines without one.
#
# Each tool is its own module under tools/, so its version and every dependency
# are pinned by go.mod + go.sum, and CI builds exactly what a developer runs.
# Builds are slow on two cores (golangci-lint ~3 min, goreleaser ~5 min cold), so
# the binary is cached in $RTM_TOOLS_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-rtm/tools), keyed by a hash
# of the tool's go.mod, go.sum and the Go version: a cached binary is reused until
# one of those changes.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${RTM_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-rtm/tools}"
all_tools=(tfplugindocs golangci-lint goreleaser)

log() { echo "tools: $*" >&2; }

# The package each tools module pins (its `tool` directive).
tool_package() {
	case "$1" in
	tfplugindocs) echo github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs ;;
	golangci-lint) echo github.com/golangci/golangci-lint/v2/cmd/golangci-lint ;;
	goreleaser) echo github.com/goreleaser/goreleaser/v2 ;;
	terraform) echo github.com/hashicorp/terraform ;;
	*)
		log "unknown tool '$1' (known: ${all_tools[*]})"
		return 1
		;;
	esac
}

# Bump when the build command below changes, so cached binaries are rebuilt.
build_recipe=1

cache_key() {
	local dir="$repo_root/tools/$1"
	{
		echo "recipe $build_recipe"
		cat "$dir/go.mod" "$dir/go.sum"
		go env GOVERSION GOOS GOARCH
	} | sha256sum | cut -c1-16
}

# ensure_tool NAME: builds the tool into the cache when missing, links it into
# ./bin and prints the cached binary's path.
ensure_tool() {
	local name="$1" pkg key dir bin start ldflags="-s -w"
	pkg="$(tool_package "$name")"
	key="$(cache_key "$name")"
	dir="$cache_root/$name-$key"
	bin="$dir/$name"
	if [[ ! -x "$bin" ]]; then
		log "building $name from tools/$name (not cached for this version; golangci-lint and goreleaser take minutes)"
		start=$SECONDS
		mkdir -p "$dir"
		# A release build of terraform, not a "-dev" one (as in .ci/run).
		if [[ "$name" == terraform ]]; then
			ldflags+=" -X github.com/hashicorp/terraform/version.dev=no"
		fi
		# Build to a temporary name and rename, so an interrupted build never
		# leaves a half-written binary that looks cached.
		(cd "$repo_root/tools/$name" && GOFLAGS=-mod=readonly CGO_ENABLED=0 \
			go build -trimpath -ldflags="$ldflags" -o "$bin.tmp.$$" "$pkg")
		mv -f "$bin.tmp.$$" "$bin"
		log "built $name in $((SECONDS - start))s -> $bin"
	fi
	mkdir -p "$repo_root/bin"
	ln -sfn "$bin" "$repo_root/bin/$name"
	echo "$bin"
}

if [[ "${1:-}" == "--path" ]]; then
	[[ $# -eq 2 ]] || {
		log "usage: $0 --path NAME"
		exit 2
	}
	ensure_tool "$2"
	exit 0
fi

names=("$@")
[[ ${#names[@]} -eq 0 || "${names[0]}" == "all" ]] && names=("${all_tools[@]}")
for name in "${names[@]}"; do
	path="$(ensure_tool "$name")"
	log "$name: $path"
done
