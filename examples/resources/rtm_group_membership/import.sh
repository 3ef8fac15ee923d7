# Import the complete member list of a group by its group id.
terraform import rtm_group_membership.example 1001
