# Import an existing group by its group id.
terraform import rtm_group.example 1001
