# Unit-style tests with no RTM server: mock_provider (Terraform 1.7+) answers
# for the rtm provider, so these check the module's own logic (what it asks
# the provider for, its validations and outputs) in well under a second.
# Terraform still loads the provider's schema, so the provider binary must be
# installed (the dev_overrides setup, or `terraform init` from a registry).

mock_provider "rtm" {
  # A mocked ban has no server to compute its end: give it one.
  mock_resource "rtm_group_ban" {
    defaults = {
      expires_at = "2030-01-01T00:00:00Z"
    }
  }
}

variables {
  room_id             = 7001
  name                = "Sales"
  moderators_group_id = 7000
  member_ids          = [11, 12]
  moderator_ids       = [12, 13]
  banned_user_ids     = [99]
}

run "moderators_join_the_room_once" {
  command = plan

  assert {
    condition     = rtm_group_membership.room.user_ids == tolist([11, 12, 13])
    error_message = "the room's users are ${jsonencode(rtm_group_membership.room.user_ids)}, want members then new moderators: [11,12,13]"
  }
  assert {
    condition     = toset(keys(rtm_group_member.moderator)) == toset(["12", "13"])
    error_message = "one rtm_group_member per moderator, keyed by user id"
  }
  assert {
    condition     = alltrue([for m in rtm_group_member.moderator : m.group_id == 7000])
    error_message = "moderators go to the moderators' group, never the room"
  }
}

run "public_info_is_json" {
  command = plan

  variables {
    topic = "Quotes & \"discounts\""
  }

  assert {
    condition     = jsondecode(rtm_group.room.public_info) == { kind = "support", name = "Sales", topic = "Quotes & \"discounts\"" }
    error_message = "public_info is ${rtm_group.room.public_info}"
  }
  assert {
    condition     = jsondecode(rtm_group.room.private_info).moderators_group_id == 7000
    error_message = "private_info is ${rtm_group.room.private_info}"
  }
}

run "bans_are_permanent_unless_timed" {
  variables {
    banned_user_ids = [98, 99]
  }

  assert {
    condition     = alltrue([for b in rtm_group_ban.banned : b.duration_seconds == null])
    error_message = "without ban_seconds every ban is permanent (duration_seconds null)"
  }
  assert {
    condition     = output.bans == { "98" = "2030-01-01T00:00:00Z", "99" = "2030-01-01T00:00:00Z" }
    error_message = "bans output is ${jsonencode(output.bans)}"
  }
}

run "timed_bans" {
  command = plan

  variables {
    ban_seconds = 86400
  }

  assert {
    condition     = rtm_group_ban.banned["99"].duration_seconds == 86400
    error_message = "the ban lasts ${rtm_group_ban.banned["99"].duration_seconds} s, want 86400"
  }
}

run "rejects_the_room_as_moderators_group" {
  command = plan

  variables {
    moderators_group_id = 7001
  }

  expect_failures = [rtm_group_membership.room]
}

run "rejects_a_fractional_ban_duration" {
  command = plan

  variables {
    ban_seconds = 1.5
  }

  expect_failures = [var.ban_seconds]
}

run "rejects_a_zero_ban_duration" {
  command = plan

  variables {
    ban_seconds = 0
  }

  expect_failures = [var.ban_seconds]
}

run "rejects_a_blank_name" {
  command = plan

  variables {
    name = "   "
  }

  expect_failures = [var.name]
}

run "rejects_user_id_zero" {
  command = plan

  variables {
    moderator_ids = [0]
  }

  expect_failures = [var.moderator_ids]
}
