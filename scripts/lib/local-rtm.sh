# shellcheck shell=bash disable=SC2034 # rtm_endpoint is read by the scripts that source this file
# Sourced by scripts/demo.sh and scripts/module-test.sh: a local build of the
# provider, the RTM emulator on 127.0.0.1, and the dev_overrides CLI config
# that points Terraform at that build (no `terraform init`: it would look for
# the provider in the registry).
#
#   local_rtm_build DIR         provider -> DIR/plugins, emulator -> DIR/rtm-emulator
#   local_rtm_cli_config DIR    writes DIR/terraform.rc (dev_overrides for DIR/plugins)
#   local_rtm_start DIR PROJECT_ID SECRET [FLAG...]
#                               starts DIR/rtm-emulator, logging to DIR/emulator.log;
#                               sets rtm_emulator_pid and rtm_endpoint (host:port)
#   local_rtm_stop              stops it: TERM, then KILL after 5 s
#
# Call from the repository root; call local_rtm_stop from the EXIT trap.

# Set by local_rtm_start, read by the scripts that source this file.
rtm_emulator_pid=""
rtm_endpoint=""

local_rtm_build() {
	mkdir -p "$1/plugins"
	go build -o "$1/plugins/terraform-provider-rtm" . &&
		go build -o "$1/rtm-emulator" ./cmd/rtm-emulator
}

local_rtm_cli_config() {
	cat >"$1/terraform.rc" <<CONFIG
provider_installation {
  dev_overrides {
    "rtm-terraform/rtm" = "$1/plugins"
  }
  direct {}
}
CONFIG
}

# local_rtm_port_in_use PORT: something accepts connections on 127.0.0.1:PORT.
local_rtm_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Port 0: the operating system picks a free port, and the emulator logs the
# address it listens on ("serving project N on 127.0.0.1:PORT"). The secret
# goes by environment, not on the command line where `ps` would show it.
# setsid: its own session, so a Ctrl-C at the terminal reaches Terraform
# (which stops gracefully, still talking to the emulator) but not the
# emulator; the caller stops it afterwards.
local_rtm_start() {
	local dir="$1" project_id="$2" secret="$3" endpoint
	shift 3
	RTM_SECRET_KEY="$secret" setsid "$dir/rtm-emulator" -listen 127.0.0.1:0 -project-id "$project_id" "$@" \
		>"$dir/emulator.log" 2>&1 &
	rtm_emulator_pid=$!
	rtm_endpoint=""
	for _ in $(seq 100); do
		kill -0 "$rtm_emulator_pid" 2>/dev/null || return 1
		endpoint="$(grep -m1 -oE '127\.0\.0\.1:[0-9]+' "$dir/emulator.log" || true)"
		if [[ -n "$endpoint" ]] && local_rtm_port_in_use "${endpoint#*:}"; then
			rtm_endpoint="$endpoint"
			return 0
		fi
		sleep 0.1
	done
	return 1
}

local_rtm_stop() {
	local pid="$rtm_emulator_pid"
	rtm_emulator_pid=""
	[[ -n "$pid" ]] || return 0
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}
