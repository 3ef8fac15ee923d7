# Adopt an existing ban (Terraform 1.5+): the id is <group_id>/<user_id>.
import {
  to = rtm_group_ban.example
  id = "1001/666"
}
