# Import a ban as <group_id>/<user_id>. RTM does not report how long a ban has
# left, so an imported ban is recorded as permanent (no duration_seconds).
terraform import rtm_group_ban.example 1001/666
