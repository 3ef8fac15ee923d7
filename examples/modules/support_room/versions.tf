terraform {
  # The module itself runs on any Terraform the provider supports; its
  # `terraform test` suite needs 1.7 (mock_provider).
  required_version = ">= 1.5"

  required_providers {
    rtm = {
      source = "rtm-terraform/rtm"
    }
  }
}
