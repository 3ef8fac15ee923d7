# Every group a user belongs to, sorted by group id.
data "rtm_user_groups" "example" {
  user_id = 501
}

output "user_501_group_ids" {
  value = data.rtm_user_groups.example.group_ids
}
