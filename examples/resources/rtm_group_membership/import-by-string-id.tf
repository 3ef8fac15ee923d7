# Take over the member list of an existing group (Terraform 1.5+): the id is
# the group id. Plan after importing: users in the group but not in user_ids
# show as removals.
import {
  to = rtm_group_membership.example
  id = "1001"
}
