variable "first_group_id" {
  description = "Group id of the lobby; support and announcements take the next two ids. Pick ids that are free in your project."
  type        = number
  default     = 1001
}

variable "lobby_user_ids" {
  description = "Every member of the lobby (authoritative)."
  type        = list(number)
  default     = [101, 102, 103, 201]
}

variable "ban_seconds" {
  description = "How long the lobby ban lasts."
  type        = number
  default     = 3600
}

variable "encrypt" {
  description = "Encrypt the connection to RTM (the server must offer FPNN encryption; its public key PEM in RTM_SERVER_PUBLIC_KEY)."
  type        = bool
  default     = false
}
