# A group and its info. RTM creates groups implicitly; this resource owns the
# group's public and private info, and deleting it deletes the whole group
# (members included).
resource "rtm_group" "example" {
  group_id     = 1001
  public_info  = jsonencode({ name = "Support", topic = "Ask us anything" })
  private_info = jsonencode({ owner = "support-team" })
}
