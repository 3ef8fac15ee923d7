variable "room_id" {
  description = "RTM group id of the support room. The module creates the group and owns its member list."
  type        = number

  validation {
    condition     = var.room_id >= 1 && floor(var.room_id) == var.room_id
    error_message = "room_id must be a whole number of at least 1."
  }
}

variable "name" {
  description = "The room's display name, in its public info."
  type        = string

  validation {
    condition     = length(trimspace(var.name)) > 0 && length(var.name) <= 100
    error_message = "name must be 1 to 100 characters and not only spaces."
  }
}

variable "topic" {
  description = "What the room is for, in its public info."
  type        = string
  default     = ""
}

variable "member_ids" {
  description = "Every user of the room besides the moderators (authoritative: anyone else is removed from the room)."
  type        = list(number)
  default     = []

  validation {
    condition     = alltrue([for id in var.member_ids : id >= 1 && floor(id) == id])
    error_message = "member_ids must be whole numbers of at least 1."
  }
  validation {
    condition     = length(distinct(var.member_ids)) == length(var.member_ids)
    error_message = "member_ids lists a user more than once."
  }
}

variable "moderators_group_id" {
  description = <<-EOT
    RTM group id of the moderators' group that several rooms share (the support staff channel). The
    module adds its moderators to it one by one and leaves everyone else there alone. It must not be
    the room, and no rtm_group_membership may own it.
  EOT
  type        = number

  validation {
    condition     = var.moderators_group_id >= 1 && floor(var.moderators_group_id) == var.moderators_group_id
    error_message = "moderators_group_id must be a whole number of at least 1."
  }
}

variable "moderator_ids" {
  description = "The room's moderators: members of the room, and added to the moderators' group. A moderator may belong to one room only (the shared group refuses a second add of the same user)."
  type        = list(number)
  default     = []

  validation {
    condition     = alltrue([for id in var.moderator_ids : id >= 1 && floor(id) == id])
    error_message = "moderator_ids must be whole numbers of at least 1."
  }
  validation {
    condition     = length(distinct(var.moderator_ids)) == length(var.moderator_ids)
    error_message = "moderator_ids lists a user more than once."
  }
}

variable "banned_user_ids" {
  description = "Users banned from speaking in the room."
  type        = list(number)
  default     = []

  validation {
    condition     = alltrue([for id in var.banned_user_ids : id >= 1 && floor(id) == id])
    error_message = "banned_user_ids must be whole numbers of at least 1."
  }
  validation {
    condition     = length(distinct(var.banned_user_ids)) == length(var.banned_user_ids)
    error_message = "banned_user_ids lists a user more than once."
  }
}

variable "ban_seconds" {
  description = "How long each ban lasts, from the apply that creates it; null bans permanently."
  type        = number
  default     = null

  validation {
    condition     = var.ban_seconds == null || try(var.ban_seconds >= 1 && var.ban_seconds <= 2147483647 && floor(var.ban_seconds) == var.ban_seconds, false)
    error_message = "ban_seconds must be a whole number of seconds from 1 to 2147483647, or null for permanent bans."
  }
}
