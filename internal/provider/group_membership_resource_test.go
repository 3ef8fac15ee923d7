package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccGroupMembership_basic(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2001
	// A member already there and the group's info: create adopts the group
	// (member 2 stays; a member user_ids leaves out would fail the plan, see
	// TestAccGroupMembership_refusesHiddenRemovals), destroy removes the
	// members but never the info.
	srv.AddMembers(testProjectID, gid, 2)
	srv.SetGroupInfo(testProjectID, gid, "lobby", "")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy: func(s *terraform.State) error {
			if public, _ := srv.GroupInfo(testProjectID, gid); public != "lobby" {
				return fmt.Errorf("destroy changed the group's public info to %q", public)
			}
			return checkMembersRemoved(srv, gid)(s)
		},
		Steps: []resource.TestStep{
			{
				Config: membershipConfig(srv, gid, []int64{3, 1, 2}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("id"), knownvalue.StringExact("2001")),
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("group_id"), knownvalue.Int64Exact(gid)),
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs([]int64{3, 1, 2})),
					emulatorMembers(srv, gid, []int64{1, 2, 3}),
				},
			},
			{
				// One member added: an in-place update of exactly that member.
				Config: membershipConfig(srv, gid, []int64{1, 2, 3, 4}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate),
						membershipPlanCheck{testMembershipAddr, expectDelta(nil, []int64{4})},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs([]int64{1, 2, 3, 4})),
					emulatorMembers(srv, gid, []int64{1, 2, 3, 4}),
				},
			},
			{
				// One member removed.
				Config: membershipConfig(srv, gid, []int64{2, 3, 4}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate),
						membershipPlanCheck{testMembershipAddr, expectDelta([]int64{1}, nil)},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{2, 3, 4})},
			},
			{
				ResourceName:      testMembershipAddr,
				ImportState:       true,
				ImportStateId:     "2001",
				ImportStateVerify: true,
			},
			{
				ResourceName:  testMembershipAddr,
				ImportState:   true,
				ImportStateId: "2001/4",
				ExpectError:   regexp.MustCompile(`(?s)Unexpected Format of ID.*group_id`),
			},
		},
	})
}

// expectDelta checks that the plan changes exactly these members.
func expectDelta(removed, added []int64) func(before, after []int64) error {
	return func(before, after []int64) error {
		gotRemoved := membersMinus(before, newIDSet(after))
		gotAdded := membersMinus(after, newIDSet(before))
		slices.Sort(gotRemoved)
		slices.Sort(gotAdded)
		if !slices.Equal(gotRemoved, removed) || !slices.Equal(gotAdded, added) {
			return fmt.Errorf("plan removes %v and adds %v, want removes %v and adds %v", gotRemoved, gotAdded, removed, added)
		}
		return nil
	}
}

func TestAccGroupMembership_drift(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2002
	members := []int64{10, 20, 30}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:            membershipConfig(srv, gid, members),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, members)},
			},
			{
				// Added and removed outside Terraform: the plan removes the
				// stranger and restores the missing member, nothing else.
				PreConfig: func() {
					srv.AddMembers(testProjectID, gid, 77)
					srv.RemoveMembers(testProjectID, gid, 20)
				},
				Config: membershipConfig(srv, gid, members),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate),
						membershipPlanCheck{testMembershipAddr, expectDelta([]int64{77}, []int64{20})},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, members)},
			},
			{
				// The whole group deleted outside Terraform: every member is
				// added back, in place.
				PreConfig: func() { srv.DeleteGroup(testProjectID, gid) },
				Config:    membershipConfig(srv, gid, members),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate),
						membershipPlanCheck{testMembershipAddr, expectDelta(nil, members)},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, members)},
			},
			{
				// Emptying the group is a valid membership.
				Config:            membershipConfig(srv, gid, []int64{}),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, nil)},
			},
		},
	})
}

func TestAccGroupMembership_order(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2003
	unsorted := []int64{50, 3, 900, 1, 42}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				// Unsorted config: no diff after apply, nor after refresh.
				Config: membershipConfig(srv, gid, unsorted),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh:  []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs(unsorted)),
				},
			},
			{
				// The same members reordered: no change planned, state keeps its order.
				Config: membershipConfig(srv, gid, []int64{1, 3, 42, 50, 900}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs(unsorted)),
				},
			},
			{
				// A drift keeps the known members' order; the newcomer is
				// planned for removal, shown as one element.
				PreConfig:          func() { srv.AddMembers(testProjectID, gid, 7) },
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(testMembershipAddr, "user_ids.#", "6"),
					resource.TestCheckResourceAttr(testMembershipAddr, "user_ids.0", "50"),
					resource.TestCheckResourceAttr(testMembershipAddr, "user_ids.4", "42"),
					resource.TestCheckResourceAttr(testMembershipAddr, "user_ids.5", "7"),
				),
			},
		},
	})
}

// An import block then an unsorted configuration: the server's order in
// state and the configuration's order never make an order-only diff.
func TestAccGroupMembership_importBlockUnsorted(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2004
	srv.AddMembers(testProjectID, gid, 5, 6, 7, 8)
	config := membershipConfig(srv, gid, []int64{8, 6, 5, 7}) + fmt.Sprintf(`
import {
  to = rtm_group_membership.test
  id = "%d"
}
`, gid)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs([]int64{5, 6, 7, 8})),
					emulatorMembers(srv, gid, []int64{5, 6, 7, 8}),
				},
			},
		},
	})
}

// The first change after an import, with a configuration in another order
// than the import's ascending one: an in-place update that lands exactly
// the configured members. The plan also moves every id to its configured
// position (hence the advice to keep user_ids ascending); after the apply
// the state follows the configuration and plans are empty.
func TestAccGroupMembership_firstChangeAfterImportUnsorted(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2006
	srv.AddMembers(testProjectID, gid, 5, 6, 7, 8)
	importBlock := fmt.Sprintf(`
import {
  to = rtm_group_membership.test
  id = "%d"
}
`, gid)
	changed := []int64{8, 6, 9, 5} // 7 goes, 9 comes

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config: membershipConfig(srv, gid, []int64{8, 6, 5, 7}) + importBlock,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs([]int64{5, 6, 7, 8})),
				},
			},
			{
				Config: membershipConfig(srv, gid, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate),
						membershipPlanCheck{testMembershipAddr, expectDelta([]int64{7}, []int64{9})},
						membershipPlanCheck{testMembershipAddr, func(before, after []int64) error {
							if !slices.Equal(before, []int64{5, 6, 7, 8}) || !slices.Equal(after, changed) {
								return fmt.Errorf("plan changes user_ids from %v to %v, want from the import's [5 6 7 8] to the configuration's %v", before, after, changed)
							}
							return nil
						}},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs(changed)),
					emulatorMembers(srv, gid, changed),
				},
			},
		},
	})
}

func TestAccGroupMembership_validation(t *testing.T) {
	srv := newTestEmulator(t)
	tooMany := idRange(1, maxGroupMembers+1)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				Config:      membershipConfig(srv, 2005, []int64{1, 2, 1}),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Duplicate User ID.*User id 1 appears more than once`),
			},
			{
				Config:      membershipConfig(srv, 2005, []int64{1, 0}),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid User ID.*at least 1, got 0`),
			},
			{
				// A null id fails the plan, not the apply.
				Config:      strings.Replace(membershipConfig(srv, 2005, []int64{1}), "[1]", "[1, null]", 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Null User ID.*Element 1 of the list is null.*compact\(\)`),
			},
			{
				Config:      membershipConfig(srv, 2005, tooMany),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Too Many Group Members.*at most 10000`),
			},
			{
				Config:      membershipConfig(srv, 0, []int64{1}),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)group_id.*at least 1`),
			},
		},
	})
}
