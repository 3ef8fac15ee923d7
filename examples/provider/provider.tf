terraform {
  required_providers {
    rtm = {
      source = "rtm-terraform/rtm"
    }
  }
}

# The secret comes from an ephemeral variable (for example TF_VAR_rtm_secret_key;
# Terraform >= 1.10 keeps its value out of saved plans and state) or from
# RTM_SECRET_KEY, never from a literal in the configuration.
variable "rtm_secret_key" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = null # null: the provider reads RTM_SECRET_KEY
}

provider "rtm" {
  # Each of these three may be left out and set by environment variable
  # instead: RTM_ENDPOINT, RTM_PROJECT_ID, RTM_SECRET_KEY.
  endpoint   = "rtm-nx-back.ilivedata.com:13315" # the project's server-end gate, host:port
  project_id = 80000001
  secret_key = var.rtm_secret_key

  # Optional tuning, shown with the defaults.
  connect_timeout         = "10s" # dialling the gate
  request_timeout         = "30s" # one attempt of one call
  max_retries             = 3     # retries after the first attempt
  max_requests_per_second = 100   # RTM allows 100 server-end calls per second per project
}
