# Additive: adds one user to a group and leaves every other member alone.
# Several configurations or modules can each add their own members this way.
# Never use it on a group that an rtm_group_membership manages.
resource "rtm_group_member" "example" {
  group_id = 1001
  user_id  = 501
}
