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
		return fmt.Errorf("planned user_ids %s, want the configuration %s", abbreviateIDs(after), abbreviateIDs(config))
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
// tainted, and replacing it would remove every member first), and says how
// many members it placed; applying the same configuration again adopts
// them without a word (every member is in user_ids) and sends only the
// difference.
func TestAccGroupMembership_createFailure(t *testing.T) {
	// Five calls a second on the server and no retries: most of the ten
	// calls of 100 are refused with 200010.
	srv := newTestEmulator(t, func(c *rtmtest.Config) { c.RateLimit = 5 })
	const gid = 2103
	members := idRange(1, 1000)
	config := testProviderConfigWith(srv.Addr(), "  max_retries = 0\n  max_requests_per_second = 0") + fmt.Sprintf(`
resource "rtm_group_membership" "test" {
  group_id = %d
  user_ids = %s
}
`, gid, hclIDs(members))
	var wantCalls map[string]int

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)` + phrase("set the members of group 2103") + `.*` +
					phrase("RTM confirmed that") + `\s+\d+\s+` + phrase("of the 1000 users to add were added to group 2103") +
					`.*` + phrase("Nothing is recorded in the state") + `.*` + phrase("run terraform apply again, which adopts them")),
			},
			{
				PreConfig: func() {
					present := srv.Members(testProjectID, gid)
					if len(present) == 0 || len(present) == len(members) {
						t.Fatalf("after the failed create the group has %d members, want some but not all", len(present))
					}
					wantCalls = map[string]int{
						"addgroupmembers": (len(members) - len(present) + 99) / 100,
						"delgroupmembers": 0,
					}
					srv.SetRateLimit(0)
					srv.ResetCalls()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					emulatorMembers(srv, gid, members),
					emulatorCheck(func() error { return expectCallsNow(srv, wantCalls) }),
				},
			},
		},
	})
}
