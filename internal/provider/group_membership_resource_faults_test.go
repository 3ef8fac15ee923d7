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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// Connections dropped every few quests during a 1,000-member apply: the
// client retries (every group call is idempotent) and the group ends up
// exactly as configured.
func TestAccGroupMembership_dropConnections(t *testing.T) {
	var quests questLog
	srv := newTestEmulator(t, func(c *rtmtest.Config) { c.Log = &quests })
	const gid = 2101
	members := idRange(1, 1000)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					srv.DropAfterApplying(true) // the harder case: applied, answer lost
					srv.DropEvery(4)
				},
				Config: membershipConfig(srv, gid, members),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownvalue.ListSizeExact(len(members))),
					emulatorMembers(srv, gid, members),
					// The faults really happened, and the client sent quests
					// again: ten calls of 100 would do without drops.
					emulatorCheck(func() error {
						if dropped := srv.Dropped(); dropped < 2 {
							return fmt.Errorf("emulator dropped %d connections, want at least 2", dropped)
						}
						if sent := quests.count("addgroupmembers"); sent <= 10 {
							return fmt.Errorf("%d addgroupmembers quests sent, want more than 10 (retries of dropped ones)", sent)
						}
						return nil
					}),
				},
			},
		},
	})
}

// A group kept at its limit can swap members, because removals go first;
// an update that fails part way (the group overflows after a few calls)
// records what was applied, so the next plan shows exactly the rest.
func TestAccGroupMembership_partialFailure(t *testing.T) {
	srv := newTestEmulator(t, func(c *rtmtest.Config) { c.MaxMembers = 300 })
	const gid = 2102
	full := idRange(1, 300)
	swapped := idRange(101, 400)
	// Removes 101..200, then adds 401..1100 in 7 calls: only one fits.
	overflowing := append(idRange(201, 400), idRange(401, 1100)...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				Config:            membershipConfig(srv, gid, full),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, full)},
			},
			{
				Config:            membershipConfig(srv, gid, swapped),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, swapped)},
			},
			{
				Config:      membershipConfig(srv, gid, overflowing),
				ExpectError: regexp.MustCompile(`(?s)update the members of group 2102.*uids applied`),
			},
			{
				// Without refreshing, the state alone must already match the
				// group; the plan adds exactly the members still missing.
				Config:             membershipConfig(srv, gid, overflowing),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{
						membershipPlanCheck{testMembershipAddr, func(before, after []int64) error {
							return expectPartialState(srv, gid, overflowing, before, after)
						}},
					},
				},
			},
		},
	})
}

// expectPartialState checks the plan made from a partially applied state:
// before holds exactly the emulator's members, after the configuration, and
// the difference is the 600 members the failed update could not add.
func expectPartialState(srv *rtmtest.Server, gid int64, config, before, after []int64) error {
	if err := checkEmulatorMembers(srv, gid, before); err != nil {
		return fmt.Errorf("state does not match the group: %w", err)
	}
	if !slices.Equal(after, config) {
		return fmt.Errorf("planned user_ids %s, want the configuration %s", abbrevIDs(after), abbrevIDs(config))
	}
	if removed := membersMinus(before, newIDSet(after)); len(removed) != 0 {
		return fmt.Errorf("plan removes %v, want no removals", removed)
	}
	if added := membersMinus(after, newIDSet(before)); len(added) != 600 {
		return fmt.Errorf("plan adds %d members, want the 600 not yet applied", len(added))
	}
	return nil
}

// A create that fails part way records nothing (a failed create would be
// tainted, and replacing it would remove every member first); the next
// apply creates again, adopts what the first one applied and sends only
// the difference.
func TestAccGroupMembership_createFailure(t *testing.T) {
	srv := newTestEmulator(t, func(c *rtmtest.Config) { c.MaxMembers = 300 })
	const gid = 2103
	final := idRange(1, 300)
	var wantCalls map[string]int

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				// 500 members in calls of 100: three fit, the rest fail.
				Config:      membershipConfig(srv, gid, idRange(1, 500)),
				ExpectError: regexp.MustCompile(`(?s)set the members of group 2103.*uids applied`),
			},
			{
				PreConfig: func() {
					present := srv.Members(testProjectID, gid)
					if len(present) != 300 {
						t.Fatalf("after the failed create the group has %d members, want 300", len(present))
					}
					missing := membersMinus(final, newIDSet(present))
					extra := membersMinus(present, newIDSet(final))
					wantCalls = map[string]int{
						"getgroupmembers": 1,
						"addgroupmembers": (len(missing) + 99) / 100,
						"delgroupmembers": (len(extra) + 99) / 100,
					}
					srv.ResetCalls()
				},
				Config: membershipConfig(srv, gid, final),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					emulatorMembers(srv, gid, final),
					emulatorCheck(func() error { return expectCallsNow(srv, wantCalls) }),
				},
			},
		},
	})
}
