package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// expectCalls is a state check on the quests the emulator answered since
// the last ResetCalls, by method.
func expectCalls(srv *rtmtest.Server, want map[string]int) statecheck.StateCheck {
	return emulatorCheck(func() error { return expectCallsNow(srv, want) })
}

func expectCallsNow(srv *rtmtest.Server, want map[string]int) error {
	for method, n := range want {
		if got := srv.Calls(method); got != n {
			return fmt.Errorf("%s called %d times, want %d", method, got, n)
		}
	}
	return nil
}

// Creating 1,000 members from empty takes the minimum: ten calls of 100,
// and three reads: the plan's adoption check, the same check when the apply
// plans again, and the create's own; a one-member change afterwards sends a
// single call.
func TestAccGroupMembership_minimalCalls(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2201
	members := idRange(1, 1000)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				PreConfig: srv.ResetCalls,
				Config:    membershipConfig(srv, gid, members),
				ConfigStateChecks: []statecheck.StateCheck{
					expectCalls(srv, map[string]int{"getgroupmembers": 3, "addgroupmembers": 10, "delgroupmembers": 0}),
					emulatorMembers(srv, gid, members),
				},
			},
			{
				// The plan's refresh reads once; the apply sends one call.
				PreConfig: srv.ResetCalls,
				Config:    membershipConfig(srv, gid, append(idRange(1, 999), 5000)),
				ConfigStateChecks: []statecheck.StateCheck{
					expectCalls(srv, map[string]int{"getgroupmembers": 1, "addgroupmembers": 1, "delgroupmembers": 1}),
					emulatorMembers(srv, gid, append(idRange(1, 999), 5000)),
				},
			},
		},
	})
}

func TestAccGroupMembership_timeouts(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2202
	config := func(create string) string {
		return testProviderConfig(srv) + fmt.Sprintf(`
resource "rtm_group_membership" "test" {
  group_id = %d
  user_ids = [1, 2]
  timeouts = {
    create = %q
  }
}
`, gid, create)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				Config:      config("soon"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Time Duration.*"soon"`),
			},
			{
				// A server slower than the create timeout: the apply stops at
				// the deadline instead of waiting for the request timeout.
				PreConfig:   func() { srv.DelayAnswers(3 * time.Second) },
				Config:      config("500ms"),
				ExpectError: regexp.MustCompile(`(?s)RTM Operation Timed Out.*context deadline exceeded`),
			},
			{
				PreConfig:         func() { srv.DelayAnswers(0) },
				Config:            config("1m"),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{1, 2})},
			},
		},
	})
}
