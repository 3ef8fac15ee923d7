# Adopt an existing group (Terraform 1.5+): the id is the group id.
import {
  to = rtm_group.example
  id = "1001"
}
