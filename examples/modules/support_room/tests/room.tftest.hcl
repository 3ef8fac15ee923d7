# Integration tests against an RTM server: the local emulator in `make test`
# (scripts/module-test.sh starts it and exports RTM_ENDPOINT, RTM_PROJECT_ID
# and RTM_SECRET_KEY), or a test project of your own. The provider reads its
# settings from those variables. Run blocks run in order and share state;
# at the end `terraform test` destroys everything they created.

variables {
  room_id             = 5101
  name                = "Billing support"
  topic               = "Invoices and refunds"
  moderators_group_id = 5100
  member_ids          = [301, 302]
  moderator_ids       = [401]
  banned_user_ids     = [666]
  ban_seconds         = 3600
}

# The shared moderators' group, with another team's moderator in it.
run "setup_moderators_group" {
  module {
    source = "./tests/setup"
  }

  variables {
    other_team_moderator_ids = [400]
  }
}

run "create_room" {
  assert {
    condition     = output.room_id == 5101
    error_message = "room_id output is ${output.room_id}, want 5101"
  }
  assert {
    condition     = output.user_ids == tolist([301, 302, 401])
    error_message = "the room's users are ${jsonencode(output.user_ids)}, want the members then the moderator: [301,302,401]"
  }
  assert {
    condition     = jsondecode(rtm_group.room.public_info) == { kind = "support", name = "Billing support", topic = "Invoices and refunds" }
    error_message = "public_info is ${rtm_group.room.public_info}"
  }
  assert {
    condition     = output.moderator_membership_ids == tolist(["5100/401"])
    error_message = "moderator memberships are ${jsonencode(output.moderator_membership_ids)}, want [\"5100/401\"]"
  }
  assert {
    condition     = length(output.bans) == 1 && can(timeadd(output.bans["666"], "0s"))
    error_message = "bans are ${jsonencode(output.bans)}, want user 666 with an RFC 3339 expiry"
  }
  assert {
    # Created an hour from now (give or take the test's own run time).
    condition     = timecmp(output.bans["666"], timeadd(plantimestamp(), "50m")) > 0 && timecmp(output.bans["666"], timeadd(plantimestamp(), "70m")) < 0
    error_message = "the ban ends at ${output.bans["666"]}, want about one hour after the apply"
  }
}

# What RTM itself reports, through the provider's data sources.
run "rtm_has_the_room" {
  module {
    source = "./tests/verify"
  }

  variables {
    user_id = 401
  }

  assert {
    condition     = data.rtm_group.room.user_ids == tolist([301, 302, 401]) && data.rtm_group.room.member_count == 3
    error_message = "RTM says the room has ${jsonencode(data.rtm_group.room.user_ids)}"
  }
  assert {
    condition     = data.rtm_group.moderators.user_ids == tolist([400, 401])
    error_message = "RTM says the moderators' group has ${jsonencode(data.rtm_group.moderators.user_ids)}, want the other team's 400 kept and 401 added"
  }
  assert {
    condition     = data.rtm_user_groups.user.group_ids == tolist([5100, 5101])
    error_message = "RTM says moderator 401 is in ${jsonencode(data.rtm_user_groups.user.group_ids)}, want the moderators' group and the room"
  }
}

# New variables: a member leaves, one joins, a second moderator, bans lifted.
run "change_members_moderators_and_bans" {
  variables {
    member_ids      = [302, 303]
    moderator_ids   = [401, 402]
    banned_user_ids = []
  }

  assert {
    condition     = output.user_ids == tolist([302, 303, 401, 402])
    error_message = "the room's users are ${jsonencode(output.user_ids)}, want [302,303,401,402]"
  }
  assert {
    condition     = output.moderator_membership_ids == tolist(["5100/401", "5100/402"])
    error_message = "moderator memberships are ${jsonencode(output.moderator_membership_ids)}"
  }
  assert {
    condition     = length(output.bans) == 0
    error_message = "bans are ${jsonencode(output.bans)}, want none"
  }
}

run "rtm_has_the_changes" {
  module {
    source = "./tests/verify"
  }

  variables {
    user_id = 301
  }

  assert {
    condition     = data.rtm_group.room.user_ids == tolist([302, 303, 401, 402])
    error_message = "RTM says the room has ${jsonencode(data.rtm_group.room.user_ids)}"
  }
  assert {
    condition     = data.rtm_group.moderators.user_ids == tolist([400, 401, 402])
    error_message = "RTM says the moderators' group has ${jsonencode(data.rtm_group.moderators.user_ids)}, want 400 still there"
  }
  assert {
    condition     = length(data.rtm_user_groups.user.group_ids) == 0
    error_message = "user 301 left the room but RTM says it is in ${jsonencode(data.rtm_user_groups.user.group_ids)}"
  }
}

# Bad input stops at the plan, before anything is sent to RTM.
run "rejects_a_member_listed_twice" {
  command = plan

  variables {
    member_ids = [302, 303, 302]
  }

  expect_failures = [var.member_ids]
}

run "rejects_banning_a_moderator" {
  command = plan

  variables {
    banned_user_ids = [401]
  }

  expect_failures = [rtm_group_ban.banned]
}
