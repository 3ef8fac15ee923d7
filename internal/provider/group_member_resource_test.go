package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

const testMemberAddr = "rtm_group_member.test"

func memberConfig(srv *rtmtest.Server, gid, uid int64) string {
	return testProviderConfig(srv) + fmt.Sprintf(`
resource "rtm_group_member" "test" {
  group_id = %d
  user_id  = %d
}
`, gid, uid)
}

func TestAccGroupMember_basic(t *testing.T) {
	srv := newTestEmulator(t)
	const gid, uid = 3001, 42
	// Additive: a member managed elsewhere is never touched.
	srv.AddMembers(testProjectID, gid, 7)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy: func(*terraform.State) error {
			return checkEmulatorMembers(srv, gid, []int64{7})
		},
		Steps: []resource.TestStep{
			{
				Config: memberConfig(srv, gid, uid),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMemberAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMemberAddr, tfjsonpath.New("id"), knownvalue.StringExact("3001/42")),
					statecheck.ExpectKnownValue(testMemberAddr, tfjsonpath.New("group_id"), knownvalue.Int64Exact(gid)),
					statecheck.ExpectKnownValue(testMemberAddr, tfjsonpath.New("user_id"), knownvalue.Int64Exact(uid)),
					emulatorMembers(srv, gid, []int64{7, uid}),
				},
			},
			{
				// Another user: a replacement, never an in-place update.
				Config: memberConfig(srv, gid, 43),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMemberAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMemberAddr, tfjsonpath.New("id"), knownvalue.StringExact("3001/43")),
					emulatorMembers(srv, gid, []int64{7, 43}),
				},
			},
			{
				ResourceName:      testMemberAddr,
				ImportState:       true,
				ImportStateId:     "3001/43",
				ImportStateVerify: true,
			},
			{
				ResourceName:  testMemberAddr,
				ImportState:   true,
				ImportStateId: "3001/99",
				ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
			},
			{
				ResourceName:  testMemberAddr,
				ImportState:   true,
				ImportStateId: "3001",
				ExpectError:   regexp.MustCompile(`(?s)Unexpected Format of ID.*group_id.*user_id`),
			},
		},
	})
}

func TestAccGroupMember_drift(t *testing.T) {
	srv := newTestEmulator(t)
	const gid, uid = 3002, 42

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:            memberConfig(srv, gid, uid),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{uid})},
			},
			{
				// Removed outside Terraform: the plan adds the user again.
				PreConfig: func() { srv.RemoveMembers(testProjectID, gid, uid) },
				Config:    memberConfig(srv, gid, uid),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMemberAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{uid})},
			},
			{
				// The group deleted outside Terraform: the same.
				PreConfig: func() { srv.DeleteGroup(testProjectID, gid) },
				Config:    memberConfig(srv, gid, uid),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMemberAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{uid})},
			},
			{
				// Destroying a member that is already gone succeeds.
				PreConfig:    func() { srv.RemoveMembers(testProjectID, gid, uid) },
				Config:       testProviderConfig(srv),
				RefreshState: false,
				ConfigStateChecks: []statecheck.StateCheck{
					emulatorCheck(func() error {
						if slices.Contains(srv.Members(testProjectID, gid), uid) {
							return fmt.Errorf("user %d still in group %d", uid, gid)
						}
						return nil
					}),
				},
			},
		},
	})
}

// Create refuses a user who already is a member (added by someone else):
// adopting it would make destroy remove their member. The error suggests
// the import, which then works.
func TestAccGroupMember_createRefusesExistingMember(t *testing.T) {
	srv := newTestEmulator(t)
	const gid, uid = 3003, 42
	srv.AddMembers(testProjectID, gid, uid)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				PreConfig:   srv.ResetCalls,
				Config:      memberConfig(srv, gid, uid),
				ExpectError: regexp.MustCompile(`(?s)RTM User Already a Group Member.*terraform import\s+rtm_group_member\.NAME\s+3003/42`),
			},
			{
				// The refusal changed nothing, and the import it suggests works.
				Config: memberConfig(srv, gid, uid) + `
import {
  to = rtm_group_member.test
  id = "3003/42"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMemberAddr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectCalls(srv, map[string]int{"addgroupmembers": 0}),
					emulatorMembers(srv, gid, []int64{uid}),
				},
			},
		},
	})
}
