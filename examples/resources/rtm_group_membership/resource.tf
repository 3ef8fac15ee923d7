# Authoritative: after apply, these users and nobody else are members of the
# group. Members added by any other means are removed on the next apply.
resource "rtm_group_membership" "example" {
  group_id = 1001
  user_ids = [501, 502, 503]

  # Optional: large groups take several calls (at most 100 users per call).
  timeouts = {
    create = "10m"
    update = "10m"
  }
}
