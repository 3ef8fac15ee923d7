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
	srv := newTestEmulator(t)
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
					emulatorCheck(func() error {
						srv.DropEvery(0)
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
