output "group_ids" {
  description = "The groups this configuration manages."
  value = {
    lobby         = rtm_group.lobby.group_id
    support       = rtm_group.support.group_id
    announcements = rtm_group.announcements.group_id
  }
}

output "user_201_group_ids" {
  description = "Every group user 201 is in (data rtm_user_groups): the lobby and support."
  value       = data.rtm_user_groups.user_201.group_ids
}

output "support_members" {
  description = "Support's members as RTM reports them (data rtm_group): both modules' users."
  value = {
    user_ids     = data.rtm_group.support.user_ids
    member_count = data.rtm_group.support.member_count
    public_info  = jsondecode(data.rtm_group.support.public_info)
  }
}

output "lobby_ban_expires_at" {
  description = "When the lobby ban ends (RFC 3339)."
  value       = rtm_group_ban.lobby_spammer.expires_at
}
