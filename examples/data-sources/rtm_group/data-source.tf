# Read a group that this configuration does not manage.
data "rtm_group" "example" {
  group_id = 1001
}

output "group_1001" {
  value = {
    public_info  = data.rtm_group.example.public_info
    member_count = data.rtm_group.example.member_count
    user_ids     = data.rtm_group.example.user_ids
  }
}
