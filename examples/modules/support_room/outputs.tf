output "room_id" {
  description = "The room's group id."
  value       = rtm_group.room.group_id
}

output "user_ids" {
  description = "Every user in the room: the members, then the moderators who are not also listed as members."
  value       = rtm_group_membership.room.user_ids
}

output "moderator_membership_ids" {
  description = "The ids (<moderators_group_id>/<user_id>) of the moderators this room added to the moderators' group."
  value       = sort([for m in rtm_group_member.moderator : m.id])
}

output "bans" {
  description = "Banned user id => when the ban ends (RFC 3339), or null for a permanent ban."
  value       = { for uid, ban in rtm_group_ban.banned : uid => ban.expires_at }
}
