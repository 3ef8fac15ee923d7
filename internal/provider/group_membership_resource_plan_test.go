package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// A group that already has members nobody listed: the plan of a new
// membership fails instead of hiding their removal, and changes nothing.
// Importing the group first makes the next plan show each removal.
func TestAccGroupMembership_refusesHiddenRemovals(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 7500
	srv.AddMembers(testProjectID, gid, idRange(4001, 4005)...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config: membershipConfig(srv, gid, []int64{4001}),
				ExpectError: mustPhrases("RTM Group Has Members Not in user_ids",
					"Group 7500 already has 5 members, and 4 of them are not in user_ids: [4002 4003 4004 4005]",
					"terraform import rtm_group_membership.NAME 7500", "import block", "add the members who should stay"),
			},
			{
				// The refused plan sent no write; the import shows the
				// removals one by one and the apply carries them out.
				PreConfig: func() {
					if err := checkEmulatorMembers(srv, gid, idRange(4001, 4005)); err != nil {
						t.Fatal(err)
					}
				},
				Config: membershipConfig(srv, gid, []int64{4001}) + `
import {
  to = rtm_group_membership.test
  id = "7500"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate),
						membershipPlanCheck{testMembershipAddr, expectDelta(idRange(4002, 4005), nil)},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{4001})},
			},
		},
	})
}

// Listing every current member (and more) is not a hidden removal: the
// plan goes through quietly, as the re-apply after a failed create does
// (TestAccGroupMembership_createFailure).
func TestAccGroupMembership_adoptsListedMembersQuietly(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 7501
	srv.AddMembers(testProjectID, gid, 1, 2)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{{
			Config: membershipConfig(srv, gid, []int64{3, 2, 1}),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionCreate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{1, 2, 3})},
		}},
	})
}

// RTM unreachable at plan time: the plan goes on (with a warning, see
// TestUnitMembershipAdoptionCheckWarnings), and the apply keeps its own
// check, failing there with the usual diagnostic.
func TestAccGroupMembership_adoptionCheckUnreachable(t *testing.T) {
	srv := newTestEmulator(t)
	config := testProviderConfigWith(srv.Addr(), "  max_retries = 0\n  connect_timeout = \"1s\"") + `
resource "rtm_group_membership" "test" {
  group_id = 7502
  user_ids = [1]
}
`
	srv.Close() // nothing listens there any more

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config:             config,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}, {
			Config:      config,
			ExpectError: mustPhrases("RTM Endpoint Unreachable", "read the members of group 7502"),
		}},
	})
}

// modifyPlan runs r.ModifyPlan for a create (prior state null) of planned.
func modifyPlan(t *testing.T, r fwresource.ResourceWithModifyPlan, planned tfsdk.State) diag.Diagnostics {
	t.Helper()
	plan := tfsdk.Plan(planned)
	prior := tfsdk.State{Schema: planned.Schema, Raw: tftypes.NewValue(planned.Raw.Type(), nil)}
	resp := &fwresource.ModifyPlanResponse{Plan: plan}
	r.ModifyPlan(context.Background(), fwresource.ModifyPlanRequest{Plan: plan, State: prior}, resp)
	return resp.Diagnostics
}

// The warnings of the plan-time adoption check, which acceptance tests
// cannot see (a plan that succeeds shows no diagnostics to plugin-testing).
func TestUnitMembershipAdoptionCheckWarnings(t *testing.T) {
	t.Parallel()
	srv := newTestEmulator(t)
	const gid = 7503
	srv.AddMembers(testProjectID, gid, 1, 2, 3)
	withUnknown := func(known ...int64) MembersList {
		elems := []attr.Value{types.Int64Unknown()}
		for _, id := range known {
			elems = append(elems, types.Int64Value(id))
		}
		return MembersList{ListValue: types.ListValueMust(types.Int64Type, elems)}
	}
	tests := []struct {
		name     string
		userIDs  MembersList
		severity diag.Severity // of the one diagnostic; 0: none
		summary  string
	}{
		{"every member listed", NewMembersListValue([]int64{3, 2, 1, 4}), 0, ""},
		{"one unknown id may be the one missing member", withUnknown(1, 2), diag.SeverityWarning, "RTM Group Members May Be Removed"},
		{"one unknown id cannot be two missing members", withUnknown(1), diag.SeverityError, "RTM Group Has Members Not in user_ids"},
		{"whole list unknown", MembersList{ListValue: types.ListUnknown(types.Int64Type)}, diag.SeverityWarning, "RTM Group Already Has Members"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &GroupMembershipResource{clientHolder{data: testProviderData(t, srv)}}
			planned := resourceState(t, r, map[string]any{"group_id": int64(gid), "user_ids": tt.userIDs})
			diags := modifyPlan(t, r, planned)
			switch {
			case tt.severity == 0 && len(diags) != 0:
				t.Errorf("diagnostics %v, want none", diags)
			case tt.severity != 0 && (len(diags) != 1 || diags[0].Severity() != tt.severity || diags[0].Summary() != tt.summary):
				t.Errorf("diagnostics %v, want one %v %q", diags, tt.severity, tt.summary)
			}
		})
	}

	t.Run("RTM unreachable", func(t *testing.T) {
		gone := newTestEmulator(t)
		r := &GroupMembershipResource{clientHolder{data: testProviderData(t, gone)}}
		gone.Close()
		planned := resourceState(t, r, map[string]any{"group_id": int64(gid), "user_ids": NewMembersListValue([]int64{1})})
		diags := modifyPlan(t, r, planned)
		if len(diags) != 1 || diags[0].Severity() != diag.SeverityWarning ||
			diags[0].Summary() != "Could Not Read the Members of the RTM Group" ||
			!strings.Contains(diags[0].Detail(), "RTM Endpoint Unreachable") {
			t.Errorf("diagnostics %v, want the one unreachable warning", diags)
		}
	})
}
