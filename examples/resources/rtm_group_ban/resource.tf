# A ban for one day. expires_at records when it ends; after that the ban stays
# in state with no diff, unless reban_on_expiry asks Terraform to ban again.
resource "rtm_group_ban" "example" {
  group_id         = 1001
  user_id          = 666
  duration_seconds = 86400
}

# A permanent ban: leave duration_seconds out.
resource "rtm_group_ban" "permanent" {
  group_id = 1001
  user_id  = 667
}

# A one-hour ban that Terraform renews on the next apply after it expires.
resource "rtm_group_ban" "renewed" {
  group_id         = 1001
  user_id          = 668
  duration_seconds = 3600
  reban_on_expiry  = true
}
