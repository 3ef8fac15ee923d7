package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Two rtm_group_membership on one group would each remove the other's
// users on every apply: the plan refuses them, before anything is sent.
func TestAccGroupOwners_twoMemberships(t *testing.T) {
	srv := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: testProviderConfig(srv) + `
resource "rtm_group_membership" "a" {
  group_id = 7600
  user_ids = [1, 2]
}

resource "rtm_group_membership" "b" {
  group_id = 7600
  user_ids = [3]
}
`,
			ExpectError: mustPhrases("Two Owners of One RTM Group's Members",
				"RTM group 7600 is managed by two rtm_group_membership resources in this configuration",
				"See the conflict rules:", "#conflicts", "another provider alias"),
		}, {
			PreConfig: func() {
				if err := checkEmulatorMembers(srv, 7600, nil); err != nil {
					t.Fatal(err)
				}
			},
			Config:   testProviderConfig(srv),
			PlanOnly: true,
		}},
	})
}

// A membership and a member of the same group flap forever: refused at
// plan time, whichever of the two is planned first.
func TestAccGroupOwners_membershipAndMember(t *testing.T) {
	srv := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: testProviderConfig(srv) + `
resource "rtm_group_membership" "owner" {
  group_id = 7601
  user_ids = [1, 2]
}

resource "rtm_group_member" "extra" {
  group_id = 7601
  user_id  = 3
}
`,
			ExpectError: mustPhrases("Two Owners of One RTM Group's Members",
				"RTM group 7601 is managed by an rtm_group_membership and an rtm_group_member",
				"remove the rtm_group_member", "See the conflict rules:"),
		}},
	})
}

// rtm_group_member resources may share a group (that is what they are
// for), but not a user: destroying one would remove the other's user.
func TestAccGroupOwners_members(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 7602
	twoUsers := testProviderConfig(srv) + `
resource "rtm_group_member" "a" {
  group_id = 7602
  user_id  = 1
}

resource "rtm_group_member" "b" {
  group_id = 7602
  user_id  = 2
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{{
			Config: twoUsers,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{1, 2})},
		}, {
			Config: twoUsers + `
resource "rtm_group_member" "c" {
  group_id = 7602
  user_id  = 1
}
`,
			ExpectError: mustPhrases("Two Owners of One RTM Group's Members",
				"RTM group 7602 is managed by two rtm_group_member resources for user 1"),
		}},
	})
}

// The "already a member" advice when a membership of this configuration
// owns the group: drop the rtm_group_member, never import it (destroying
// the imported resource would remove the user from under the membership).
func TestAccGroupMember_alreadyMemberOfOwnedGroup(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 7001
	membership := testProviderConfig(srv) + `
resource "rtm_group_membership" "owner" {
  group_id = 7001
  user_ids = [2005, 2006]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{{
			Config:            membership,
			ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{2005, 2006})},
		}, {
			// The member refers to the membership, so the membership is
			// planned first and the member's check knows who owns the group.
			Config: membership + `
resource "rtm_group_member" "test" {
  group_id = rtm_group_membership.owner.group_id
  user_id  = 2005
}
`,
			ExpectError: mustPhrases("RTM User Already a Group Member",
				"User 2005 is already a member of RTM group 7001, and an rtm_group_membership of this configuration owns",
				"Remove this rtm_group_member", "Do not import it"),
		}},
	})
}

// Terraform plans a replacement twice (the second time as a create): that
// is not a second owner, and a forced replacement of the same membership
// (replace_triggered_by, -replace) is not "already a member" either.
func TestAccGroupOwners_replacementIsNotASecondOwner(t *testing.T) {
	srv := newTestEmulator(t)
	config := func(trigger string, uid int64) string {
		return testProviderConfig(srv) + fmt.Sprintf(`
resource "terraform_data" "trigger" {
  input = %q
}

resource "rtm_group_member" "test" {
  group_id = 7603
  user_id  = %d
  lifecycle {
    replace_triggered_by = [terraform_data.trigger]
  }
}

resource "rtm_group_membership" "test" {
  group_id = 7604
  user_ids = [1, 2]
  lifecycle {
    replace_triggered_by = [terraform_data.trigger]
  }
}
`, trigger, uid)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: config("one", 1),
		}, {
			Config: config("two", 1),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testMemberAddr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionDestroyBeforeCreate),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				emulatorMembers(srv, 7603, []int64{1}),
				emulatorMembers(srv, 7604, []int64{1, 2}),
			},
		}, {
			// A key change replaces too; the new user is checked as usual.
			Config: config("two", 2),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMemberAddr, plancheck.ResourceActionDestroyBeforeCreate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, 7603, []int64{2})},
		}},
	})
}
