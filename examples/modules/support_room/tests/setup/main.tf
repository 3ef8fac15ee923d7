# Test fixture: the shared moderators' group as another team left it, with one
# moderator of theirs that the module under test must never remove.

terraform {
  required_providers {
    rtm = {
      source = "rtm-terraform/rtm"
    }
  }
}

variable "moderators_group_id" {
  type = number
}

variable "other_team_moderator_ids" {
  type = list(number)
}

resource "rtm_group" "moderators" {
  group_id    = var.moderators_group_id
  public_info = jsonencode({ name = "Support moderators" })
}

resource "rtm_group_member" "other_team" {
  for_each = { for uid in var.other_team_moderator_ids : tostring(uid) => uid }

  group_id = rtm_group.moderators.group_id
  user_id  = each.value
}
