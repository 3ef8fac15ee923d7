package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

const testGroupAddr = "rtm_group.test"

// testGroupConfig is an rtm_group with both infos set; a nil info is left
// out of the configuration (so its default applies).
func testGroupConfig(srv *rtmtest.Server, gid int64, public, private *string) string {
	var infos strings.Builder
	if public != nil {
		fmt.Fprintf(&infos, "  public_info  = %q\n", *public)
	}
	if private != nil {
		fmt.Fprintf(&infos, "  private_info = %q\n", *private)
	}
	return testProviderConfig(srv) + fmt.Sprintf(`
resource "rtm_group" "test" {
  group_id = %[1]d
%[2]s}
`, gid, infos.String())
}

func ptr(s string) *string { return &s }

// groupStateChecks asserts every attribute of rtm_group.test and what the
// emulator holds.
func groupStateChecks(srv *rtmtest.Server, gid int64, public, private string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("id"), knownvalue.StringExact(formatGroupID(gid))),
		statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("group_id"), knownvalue.Int64Exact(gid)),
		statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("public_info"), knownvalue.StringExact(public)),
		statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("private_info"), knownvalue.StringExact(private)),
		emulatorGroupInfo(srv, gid, public, private),
	}
}

// checkGroupDeleted is a CheckDestroy proving Delete ran delgroup: the infos
// and the members are gone from the emulator.
func checkGroupDeleted(srv *rtmtest.Server, gid int64) func(*terraform.State) error {
	return func(*terraform.State) error {
		if public, private := srv.GroupInfo(testProjectID, gid); public != "" || private != "" {
			return fmt.Errorf("group %d still has info (%s, %s) after destroy", gid, abbrev(public), abbrev(private))
		}
		if members := srv.Members(testProjectID, gid); len(members) != 0 {
			return fmt.Errorf("group %d still has members %v after destroy", gid, members)
		}
		return nil
	}
}

func TestAccGroup_basic(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 1001

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkGroupDeleted(srv, gid),
		Steps: []resource.TestStep{
			{
				Config: testGroupConfig(srv, gid, ptr("Welcome to the lobby"), ptr(`{"tier":"gold"}`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(testGroupAddr, tfjsonpath.New("id")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: groupStateChecks(srv, gid, "Welcome to the lobby", `{"tier":"gold"}`),
			},
			{
				// Members added by someone else must not stop the update, and go
				// with the group on destroy (see CheckDestroy).
				PreConfig: func() { srv.AddMembers(testProjectID, gid, 7, 8) },
				Config:    testGroupConfig(srv, gid, ptr("Lobby (renamed) — ünïcode"), nil),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("private_info"), knownvalue.StringExact("")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: groupStateChecks(srv, gid, "Lobby (renamed) — ünïcode", ""),
			},
			{
				ResourceName:      testGroupAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:    testGroupAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionNoop),
						plancheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("id"), knownvalue.StringExact("1001")),
						plancheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("public_info"), knownvalue.StringExact("Lobby (renamed) — ünïcode")),
						plancheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("private_info"), knownvalue.StringExact("")),
					},
				},
			},
		},
	})
}

func TestAccGroup_changeGroupIDReplaces(t *testing.T) {
	srv := newTestEmulator(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkGroupDeleted(srv, 2002),
		Steps: []resource.TestStep{
			{
				Config:            testGroupConfig(srv, 2001, ptr("first"), nil),
				ConfigStateChecks: groupStateChecks(srv, 2001, "first", ""),
			},
			{
				Config: testGroupConfig(srv, 2002, ptr("first"), nil),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: append(groupStateChecks(srv, 2002, "first", ""),
					emulatorGroupInfo(srv, 2001, "", "")), // the old group was deleted
			},
		},
	})
}

func TestAccGroup_driftIsCorrectedInPlace(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 3001
	config := testGroupConfig(srv, gid, ptr("managed public"), ptr("managed private"))
	expectRestoringUpdate := resource.ConfigPlanChecks{
		PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("public_info"), knownvalue.StringExact("managed public")),
			plancheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("private_info"), knownvalue.StringExact("managed private")),
		},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkGroupDeleted(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: groupStateChecks(srv, gid, "managed public", "managed private"),
			},
			{
				// Refresh alone records the out-of-band edit in state...
				PreConfig:    func() { srv.SetGroupInfo(testProjectID, gid, "edited by hand", "managed private") },
				RefreshState: true,
				RefreshPlanChecks: resource.RefreshPlanChecks{
					PostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionUpdate),
					},
				},
				ExpectNonEmptyPlan: true,
				// State checks cannot run on refresh-only steps; Check can.
				Check: resource.TestCheckResourceAttr(testGroupAddr, "public_info", "edited by hand"),
			},
			{
				// ...and the next apply puts the configured info back in place.
				Config:            config,
				ConfigPlanChecks:  expectRestoringUpdate,
				ConfigStateChecks: groupStateChecks(srv, gid, "managed public", "managed private"),
			},
			{
				// A group deleted out of band reads back with empty infos (RTM
				// groups are implicit): an in-place update recreates it.
				PreConfig:         func() { srv.DeleteGroup(testProjectID, gid) },
				Config:            config,
				ConfigPlanChecks:  expectRestoringUpdate,
				ConfigStateChecks: groupStateChecks(srv, gid, "managed public", "managed private"),
			},
		},
	})
}

func TestAccGroup_createRefusedWhenInfoExists(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 4001
	srv.SetGroupInfo(testProjectID, gid, "owned elsewhere", "")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkGroupDeleted(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:      testGroupConfig(srv, gid, ptr("mine now"), nil),
				ExpectError: regexp.MustCompile(`(?s)RTM Group Already Has Info.*terraform import rtm_group\.NAME\s+4001`),
			},
			{
				// The refusal changed nothing, and the import it suggests works.
				Config: testGroupConfig(srv, gid, ptr("owned elsewhere"), nil) + `
import {
  to = rtm_group.test
  id = "4001"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: groupStateChecks(srv, gid, "owned elsewhere", ""),
			},
		},
	})
}

// A group whose info is exactly the planned info is adopted without a
// write: an earlier apply's setgroupinfo reached the server but its answer
// was lost. Info that differs in either field is still refused.
func TestAccGroup_createAdoptsIdenticalInfo(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 4011
	srv.SetGroupInfo(testProjectID, gid, "lobby", "secret")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkGroupDeleted(srv, gid),
		Steps: []resource.TestStep{
			{
				// Same public info, other private info: refused, untouched.
				Config:      testGroupConfig(srv, gid, ptr("lobby"), ptr("other")),
				ExpectError: regexp.MustCompile(`(?s)RTM Group Already Has Info.*terraform import rtm_group\.NAME\s+4011`),
			},
			{
				PreConfig: srv.ResetCalls,
				Config:    testGroupConfig(srv, gid, ptr("lobby"), ptr("secret")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testGroupAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(groupStateChecks(srv, gid, "lobby", "secret"),
					expectCalls(srv, map[string]int{"setgroupinfo": 0})),
			},
		},
	})
}

func TestAccGroup_importRejectsBadIDs(t *testing.T) {
	srv := newTestEmulator(t)
	config := testGroupConfig(srv, 5001, nil, nil)

	steps := []resource.TestStep{{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("public_info"), knownvalue.StringExact("")),
			statecheck.ExpectKnownValue(testGroupAddr, tfjsonpath.New("private_info"), knownvalue.StringExact("")),
		},
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
	}}
	for _, id := range []string{"lobby", "0", "-3", "1001/42"} {
		steps = append(steps, resource.TestStep{
			ResourceName:  testGroupAddr,
			ImportState:   true,
			ImportStateId: id,
			ExpectError:   regexp.MustCompile(`(?s)Unexpected Format of ID.*expected\s+<group_id>`),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps:                    steps,
	})
}

func TestAccGroup_planTimeValidation(t *testing.T) {
	srv := newTestEmulator(t)
	// 21,846 three-byte characters: within a character limit of 65535, but
	// 65,538 bytes, over RTM's byte limit.
	wide := strings.Repeat("€", 21846)
	fits := strings.Repeat("a", maxGroupInfoBytes)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkGroupDeleted(srv, 6001),
		Steps: []resource.TestStep{
			{
				Config:      testGroupConfig(srv, 0, nil, nil),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`group_id value must be at least 1, got: 0`),
			},
			{
				Config:      testGroupConfig(srv, 6001, ptr(wide), nil),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Value Too Long.*65538 bytes long; RTM allows at most\s+65535 bytes`),
			},
			{
				Config:      testGroupConfig(srv, 6001, nil, ptr(fits+"b")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Value Too Long.*private_info is 65536 bytes long`),
			},
			{
				// Exactly at the limit is accepted by the plan and by the server.
				Config:            testGroupConfig(srv, 6001, ptr(fits), nil),
				ConfigStateChecks: []statecheck.StateCheck{emulatorGroupInfo(srv, 6001, fits, "")},
			},
		},
	})
}

func TestAccGroup_destroyAfterOutOfBandDelete(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 7001
	config := testGroupConfig(srv, gid, ptr("short-lived"), nil)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkGroupDeleted(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: groupStateChecks(srv, gid, "short-lived", ""),
			},
			{
				// Deleting a group that is already gone succeeds.
				PreConfig: func() { srv.DeleteGroup(testProjectID, gid) },
				Config:    config,
				Destroy:   true,
			},
		},
	})
}
