package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// noRetries makes a provider block give up on the first failed quest, so
// one dropped connection fails the operation part way (with retries, the
// client would simply send the quest again).
func noRetries(config string) string {
	return strings.Replace(config, "provider \"rtm\" {\n", "provider \"rtm\" {\n  max_retries = 0\n", 1)
}

// rtm_group and rtm_group_membership of one group, destroyed in the same
// run: delgroup may run before or after the members are removed (or, with
// a reference, strictly after), and either way the destroy succeeds.
func TestAccGroupMembership_destroyWithGroup(t *testing.T) {
	for name, groupRef := range map[string]string{
		"independent": "%d",                      // Terraform destroys both at once
		"referenced":  "rtm_group.test.group_id", // the membership goes first
	} {
		t.Run(name, func(t *testing.T) {
			srv := newTestEmulator(t)
			const gid = 2501
			if strings.Contains(groupRef, "%d") {
				groupRef = fmt.Sprintf(groupRef, gid)
			}
			config := testProviderConfig(srv) + fmt.Sprintf(`
resource "rtm_group" "test" {
  group_id    = %d
  public_info = "lobby"
}

resource "rtm_group_membership" "test" {
  group_id = %s
  user_ids = %s
}
`, gid, groupRef, hclIDs(idRange(1, 150)))

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
				CheckDestroy:             checkGroupDeleted(srv, gid),
				Steps: []resource.TestStep{
					{
						Config: config,
						ConfigStateChecks: []statecheck.StateCheck{
							emulatorGroupInfo(srv, gid, "lobby", ""),
							emulatorMembers(srv, gid, idRange(1, 150)),
						},
					},
				},
			})
		})
	}
}

// The client sends a batch's chunks a few at a time, and a dropped
// connection loses the answers of every chunk in flight on it, applied or
// not: a partial failure leaves some ids whose fate the provider cannot
// know. Without a refresh, the state must keep every id that may still be
// there (removing it again is harmless); with one, the plan is exactly the
// remaining work.

// expectNothingLost checks a no-refresh plan after a partial failure: the
// state holds every member the group still has, nothing that was never
// there, and less than before (the confirmed part was recorded).
func expectNothingLost(srv *rtmtest.Server, gid int64, original []int64) func(before, after []int64) error {
	return func(before, _ []int64) error {
		group := srv.Members(testProjectID, gid)
		if lost := membersMinus(group, newIDSet(before)); len(lost) != 0 {
			return fmt.Errorf("state lost members the group still has: %s", abbreviateIDs(lost))
		}
		if strangers := membersMinus(before, newIDSet(original)); len(strangers) != 0 {
			return fmt.Errorf("state has members that were never there: %s", abbreviateIDs(strangers))
		}
		if len(before) >= len(original) {
			return fmt.Errorf("state still has all %d members: the confirmed removals were not recorded", len(before))
		}
		if len(group) == 0 || len(group) == len(original) {
			return fmt.Errorf("the group has %d of %d members: the failure was not partial", len(group), len(original))
		}
		return nil
	}
}

// expectRemainingWork checks a refreshed plan: from exactly the group's
// members to exactly the configuration.
func expectRemainingWork(srv *rtmtest.Server, gid int64, config []int64) func(before, after []int64) error {
	return func(before, after []int64) error {
		if err := checkEmulatorMembers(srv, gid, before); err != nil {
			return fmt.Errorf("refreshed state does not match the group: %w", err)
		}
		if !slices.Equal(after, config) {
			return fmt.Errorf("planned user_ids %s, want the configuration %s", abbreviateIDs(after), abbreviateIDs(config))
		}
		return nil
	}
}

// An update whose removal batch fails part way (a connection drop during
// the delgroupmembers calls) records what was removed; the next plan shows
// exactly the remaining work, including the additions that never started,
// and the next apply finishes.
func TestAccGroupMembership_partialRemovalFailure(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2502
	initial := idRange(1, 300)
	// Removes 1..200 (two calls of 100), then adds 1001..1050.
	final := append(idRange(201, 300), idRange(1001, 1050)...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:            noRetries(membershipConfig(srv, gid, initial)),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, initial)},
			},
			{
				// Quests: the plan's refresh, then two delgroupmembers; the
				// second one to arrive is dropped.
				PreConfig:   func() { srv.DropAfter(3) },
				Config:      noRetries(membershipConfig(srv, gid, final)),
				ExpectError: regexp.MustCompile(`(?s)update the members of group 2502`),
			},
			{
				Config:             noRetries(membershipConfig(srv, gid, final)),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{
						membershipPlanCheck{testMembershipAddr, expectNothingLost(srv, gid, initial)},
						membershipPlanCheck{testMembershipAddr, func(before, after []int64) error {
							if added := membersMinus(after, newIDSet(before)); !slices.Equal(added, idRange(1001, 1050)) {
								return fmt.Errorf("plan adds %s, want 1001..1050 (the additions never started)", abbreviateIDs(added))
							}
							return nil
						}},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{
						membershipPlanCheck{testMembershipAddr, expectRemainingWork(srv, gid, final)},
					},
				},
			},
			{
				Config: noRetries(membershipConfig(srv, gid, final)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, final)},
			},
		},
	})
}

// A destroy that fails part way keeps in state the members it could not
// confirm as removed; the next destroy removes the rest.
func TestAccGroupMembership_partialDeleteFailure(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2503
	members := idRange(1, 250)
	config := noRetries(membershipConfig(srv, gid, members))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, members)},
			},
			{
				// Quests: the destroy plan's refresh, then three
				// delgroupmembers; the second one to arrive is dropped.
				PreConfig:   func() { srv.DropAfter(3) },
				Config:      config,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)remove the members of group 2503`),
			},
			{
				// The resource is still in state, holding what may be left.
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate),
						membershipPlanCheck{testMembershipAddr, expectNothingLost(srv, gid, members)},
					},
				},
			},
			{
				Config:  config,
				Destroy: true,
			},
		},
	})
}
