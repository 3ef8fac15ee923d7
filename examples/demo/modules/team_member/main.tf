# A team's building block: adds the team's users to a shared group without
# touching anyone else's membership (rtm_group_member is additive). Never point
# it at a group whose members an rtm_group_membership owns.

terraform {
  required_providers {
    rtm = {
      source = "rtm-terraform/rtm"
    }
  }
}

variable "group_id" {
  description = "The shared group."
  type        = number
}

variable "user_ids" {
  description = "The team's users to add."
  type        = list(number)
}

resource "rtm_group_member" "this" {
  # Keyed by user id, so removing one user from the list destroys only that
  # user's membership.
  for_each = { for uid in var.user_ids : tostring(uid) => uid }

  group_id = var.group_id
  user_id  = each.value
}

output "member_ids" {
  description = "The resource ids (<group_id>/<user_id>) of the memberships this module added."
  value       = [for m in rtm_group_member.this : m.id]
}
