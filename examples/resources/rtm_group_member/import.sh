# Import one membership as <group_id>/<user_id>.
terraform import rtm_group_member.example 1001/501
