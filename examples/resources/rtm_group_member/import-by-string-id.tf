# Adopt an existing membership (Terraform 1.5+): the id is <group_id>/<user_id>.
import {
  to = rtm_group_member.example
  id = "1001/501"
}
