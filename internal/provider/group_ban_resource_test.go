package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

const testBanAddr = "rtm_group_ban.test"

// banStart is the fake clock's start: a fixed instant, so expires_at is exact.
var banStart = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// banConfig bans uid in gid; duration 0 leaves duration_seconds out
// (permanent); extra is added to the resource body.
func banConfig(srv *rtmtest.Server, gid, uid, duration int64, extra string) string {
	body := fmt.Sprintf("  group_id = %d\n  user_id  = %d\n", gid, uid)
	if duration > 0 {
		body += fmt.Sprintf("  duration_seconds = %d\n", duration)
	}
	return testProviderConfig(srv) + "\nresource \"rtm_group_ban\" \"test\" {\n" + body + extra + "}\n"
}

// newBanTest is an emulator and provider sharing one fake clock, so a ban
// expires for both at the same instant.
func newBanTest(t *testing.T) (*rtmtest.Server, *clock.Fake) {
	clk := clock.NewFake(banStart)
	srv := newTestEmulator(t, func(c *rtmtest.Config) { c.Clock = clk })
	return srv, clk
}

func emulatorBanned(srv *rtmtest.Server, gid, uid int64, want bool) statecheck.StateCheck {
	return emulatorCheck(func() error { return checkBanned(srv, gid, uid, want) })
}

func checkBanned(srv *rtmtest.Server, gid, uid int64, want bool) error {
	if got := srv.IsBanned(testProjectID, gid, uid); got != want {
		return fmt.Errorf("emulator: user %d banned in group %d = %t, want %t", uid, gid, got, want)
	}
	return nil
}

func TestAccGroupBan_basic(t *testing.T) {
	srv, clk := newBanTest(t)
	const gid, uid = 4001, 42

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(clk),
		CheckDestroy:             func(*terraform.State) error { return checkBanned(srv, gid, uid, false) },
		Steps: []resource.TestStep{
			{
				Config: banConfig(srv, gid, uid, 3600, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testBanAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(testBanAddr, tfjsonpath.New("expires_at")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("id"), knownvalue.StringExact("4001/42")),
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("group_id"), knownvalue.Int64Exact(gid)),
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("user_id"), knownvalue.Int64Exact(uid)),
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("duration_seconds"), knownvalue.Int64Exact(3600)),
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2026-03-01T13:00:00Z")),
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("reban_on_expiry"), knownvalue.Bool(false)),
					emulatorBanned(srv, gid, uid, true),
				},
			},
			{
				// reban_on_expiry alone is an in-place update; the ban is untouched.
				Config: banConfig(srv, gid, uid, 3600, "  reban_on_expiry = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testBanAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2026-03-01T13:00:00Z")),
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("reban_on_expiry"), knownvalue.Bool(true)),
				},
			},
			{
				// A new duration is a new ban, starting now.
				PreConfig: func() { clk.Advance(10 * time.Minute) },
				Config:    banConfig(srv, gid, uid, 60, "  reban_on_expiry = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testBanAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2026-03-01T12:11:00Z")),
					emulatorBanned(srv, gid, uid, true),
				},
			},
			{
				// RTM cannot tell how long a ban has left: an import records it
				// as permanent, so only those two attributes differ.
				ResourceName:            testBanAddr,
				ImportState:             true,
				ImportStateId:           "4001/42",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"duration_seconds", "expires_at", "reban_on_expiry"},
			},
		},
	})
}

func TestAccGroupBan_permanentImport(t *testing.T) {
	srv, clk := newBanTest(t)
	const gid, uid = 4002, 42

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(clk),
		CheckDestroy:             func(*terraform.State) error { return checkBanned(srv, gid, uid, false) },
		Steps: []resource.TestStep{
			{
				Config: banConfig(srv, gid, uid, 0, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("duration_seconds"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("expires_at"), knownvalue.Null()),
					emulatorBanned(srv, gid, uid, true),
				},
			},
			{
				// A permanent ban stays through any amount of time.
				PreConfig: func() { clk.Advance(24 * 365 * time.Hour) },
				Config:    banConfig(srv, gid, uid, 0, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:      testBanAddr,
				ImportState:       true,
				ImportStateId:     "4002/42",
				ImportStateVerify: true,
			},
			{
				ResourceName:  testBanAddr,
				ImportState:   true,
				ImportStateId: "4002/43",
				ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
			},
			{
				ResourceName:  testBanAddr,
				ImportState:   true,
				ImportStateId: "4002-42",
				ExpectError:   regexp.MustCompile(`(?s)Unexpected Format of ID.*group_id.*user_id`),
			},
		},
	})
}

func TestAccGroupBan_liftedOutOfBand(t *testing.T) {
	srv, clk := newBanTest(t)
	const gid, uid = 4003, 43

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(clk),
		CheckDestroy:             func(*terraform.State) error { return checkBanned(srv, gid, uid, false) },
		Steps: []resource.TestStep{
			{
				Config:            banConfig(srv, gid, uid, 3600, ""),
				ConfigStateChecks: []statecheck.StateCheck{emulatorBanned(srv, gid, uid, true)},
			},
			{
				// Lifted before it expired: the plan bans again, from now.
				PreConfig: func() {
					clk.Advance(30 * time.Minute)
					srv.Unban(testProjectID, gid, uid)
				},
				Config: banConfig(srv, gid, uid, 3600, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testBanAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2026-03-01T13:30:00Z")),
					emulatorBanned(srv, gid, uid, true),
				},
			},
		},
	})
}

func TestAccGroupBan_expiry(t *testing.T) {
	srv, clk := newBanTest(t)
	const gid, uid = 4004, 42

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(clk),
		CheckDestroy:             func(*terraform.State) error { return checkBanned(srv, gid, uid, false) },
		Steps: []resource.TestStep{
			{
				Config:            banConfig(srv, gid, uid, 60, ""),
				ConfigStateChecks: []statecheck.StateCheck{emulatorBanned(srv, gid, uid, true)},
			},
			{
				// Expired naturally: it stays in state and nothing is planned.
				PreConfig: func() { clk.Advance(2 * time.Minute) },
				Config:    banConfig(srv, gid, uid, 60, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2026-03-01T12:01:00Z")),
					emulatorBanned(srv, gid, uid, false),
				},
			},
			{
				// Opting in to re-banning: the plan replaces the expired ban.
				Config: banConfig(srv, gid, uid, 60, "  reban_on_expiry = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testBanAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectUnknownValue(testBanAddr, tfjsonpath.New("expires_at")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testBanAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2026-03-01T12:03:00Z")),
					emulatorBanned(srv, gid, uid, true),
				},
			},
			{
				// And again at the next expiry.
				PreConfig: func() { clk.Advance(61 * time.Second) },
				Config:    banConfig(srv, gid, uid, 60, "  reban_on_expiry = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testBanAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorBanned(srv, gid, uid, true)},
			},
		},
	})
}

func TestAccGroupBan_validation(t *testing.T) {
	srv := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				Config:      banConfig(srv, 4005, 42, 0, "  duration_seconds = 0\n"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)duration_seconds.*between 1 and 2147483647, got:\s+0`),
			},
			{
				// 10^10 s would overflow time.Duration into a date in 1759,
				// which RTM takes as a permanent ban.
				Config:      banConfig(srv, 4005, 42, 10000000000, ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)duration_seconds.*between 1 and 2147483647, got:\s+10000000000`),
			},
			{
				// The longest ban RTM takes is accepted.
				Config:             banConfig(srv, 4005, 42, 2147483647, ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config:      banConfig(srv, 4005, 0, 60, ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)user_id.*at least 1`),
			},
		},
	})
}
