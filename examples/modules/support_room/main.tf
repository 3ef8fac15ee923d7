# A support room: one RTM group whose member list this module owns, moderators
# added to a moderators' group that several rooms share, and a ban list.
#
# Why two groups: the room's list is authoritative (rtm_group_membership), so
# nothing else may add members to it; the moderators' group is shared, so each
# room adds only its own moderators there (rtm_group_member, additive).

resource "rtm_group" "room" {
  group_id = var.room_id
  public_info = jsonencode({
    kind  = "support"
    name  = var.name
    topic = var.topic
  })
  private_info = jsonencode({ moderators_group_id = var.moderators_group_id })
}

resource "rtm_group_membership" "room" {
  group_id = rtm_group.room.group_id
  # Moderators are in the room too. distinct: a moderator may also be listed
  # as a member.
  user_ids = distinct(concat(var.member_ids, var.moderator_ids))

  lifecycle {
    precondition {
      # Both resources on one group would undo each other on every apply.
      condition     = var.moderators_group_id != var.room_id
      error_message = "moderators_group_id must be another group than room_id: the room's member list is owned by this module."
    }
  }
}

resource "rtm_group_member" "moderator" {
  # Keyed by user id, so dropping one moderator removes only that one.
  for_each = { for uid in var.moderator_ids : tostring(uid) => uid }

  group_id = var.moderators_group_id
  user_id  = each.value
}

resource "rtm_group_ban" "banned" {
  for_each = { for uid in var.banned_user_ids : tostring(uid) => uid }

  group_id         = rtm_group.room.group_id
  user_id          = each.value
  duration_seconds = var.ban_seconds

  lifecycle {
    precondition {
      condition     = !contains(var.moderator_ids, each.value)
      error_message = "User ${each.value} is a moderator of this room and cannot be banned in it: remove it from moderator_ids or banned_user_ids."
    }
  }
}
