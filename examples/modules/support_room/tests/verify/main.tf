# Test helper: reads back from RTM what the module under test applied, so the
# suite asserts on the server's view and not only on Terraform's state.

terraform {
  required_providers {
    rtm = {
      source = "rtm-terraform/rtm"
    }
  }
}

variable "room_id" {
  type = number
}

variable "moderators_group_id" {
  type = number
}

variable "user_id" {
  description = "A user whose groups are read (data rtm_user_groups)."
  type        = number
}

data "rtm_group" "room" {
  group_id = var.room_id
}

data "rtm_group" "moderators" {
  group_id = var.moderators_group_id
}

data "rtm_user_groups" "user" {
  user_id = var.user_id
}
