# A small chat setup, applied by `make demo` against the local RTM emulator.
# The same configuration works against a real RTM project: see README.md,
# "Pointing at a real RTM project".

terraform {
  required_providers {
    rtm = {
      source = "rtm-terraform/rtm"
    }
  }
}

# Endpoint and credentials come from RTM_ENDPOINT, RTM_PROJECT_ID and
# RTM_SECRET_KEY, so nothing secret lives in the configuration.
provider "rtm" {
  # FPNN encryption, for servers that offer it: `-var encrypt=true`, with the
  # server's public key (PEM) in RTM_SERVER_PUBLIC_KEY.
  encryption = var.encrypt ? {} : null
}

locals {
  lobby_id         = var.first_group_id
  support_id       = var.first_group_id + 1
  announcements_id = var.first_group_id + 2
}

# Three groups with their public and private info.
resource "rtm_group" "lobby" {
  group_id     = local.lobby_id
  public_info  = jsonencode({ name = "Lobby", topic = "Say hello" })
  private_info = jsonencode({ owner = "community-team" })
}

resource "rtm_group" "support" {
  group_id     = local.support_id
  public_info  = jsonencode({ name = "Support", topic = "Ask us anything" })
  private_info = jsonencode({ owner = "support-team", escalation = "#support-oncall" })
}

resource "rtm_group" "announcements" {
  group_id    = local.announcements_id
  public_info = jsonencode({ name = "Announcements", read_only = true })
}

# The lobby's member list is owned here: anyone added by hand is removed on
# the next apply.
resource "rtm_group_membership" "lobby" {
  group_id = rtm_group.lobby.group_id
  user_ids = var.lobby_user_ids
}

# Support is shared: each team's module adds its own people and leaves
# everyone else alone (additive rtm_group_member inside the module).
module "support_oncall" {
  source = "./modules/team_member"

  group_id = rtm_group.support.group_id
  user_ids = [201, 202]
}

module "support_billing" {
  source = "./modules/team_member"

  group_id = rtm_group.support.group_id
  user_ids = [203]
}

# A timed ban: user 666 may not speak in the lobby for an hour.
resource "rtm_group_ban" "lobby_spammer" {
  group_id         = rtm_group.lobby.group_id
  user_id          = 666
  duration_seconds = var.ban_seconds
}

# Read back what the resources above did. depends_on makes Terraform read
# these after the memberships are applied rather than before.
data "rtm_user_groups" "user_201" {
  user_id    = 201
  depends_on = [rtm_group_membership.lobby, module.support_oncall, module.support_billing]
}

data "rtm_group" "support" {
  group_id   = rtm_group.support.group_id
  depends_on = [module.support_oncall, module.support_billing]
}
