package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// membershipWithLateIDConfig is an rtm_group_membership whose user_ids
// are written as HCL elements; terraform_data.late.output (= late) is
// unknown until terraform_data.late is created in the same apply, which
// happens again whenever round changes.
func membershipWithLateIDConfig(srv *rtmtest.Server, gid int64, round string, late int64, elements ...string) string {
	return testProviderConfig(srv) + fmt.Sprintf(`
resource "terraform_data" "late" {
  input            = %d
  triggers_replace = %q
}

resource "rtm_group_membership" "test" {
  group_id = %d
  user_ids = [%s]
}
`, late, round, gid, strings.Join(elements, ", "))
}

const lateID = "terraform_data.late.output"

// The known limitation of ids unknown until apply (see
// membersKeepPriorOrder): when they turn out to be the current members in
// another order than the state's, the apply stops once; the next apply
// plans no change and leaves the group as it is.
func TestAccGroupMembership_unknownIDsSameMembersReordered(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2401

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:            membershipConfig(srv, gid, []int64{2, 36}),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{2, 36})},
			},
			{
				// Planned [(known after apply), 2]; at apply 36 makes [36, 2],
				// the same members as the state's [2, 36].
				Config:      membershipWithLateIDConfig(srv, gid, "a", 36, lateID, "2"),
				ExpectError: regexp.MustCompile(`Provider produced inconsistent final plan`),
			},
			{
				PreConfig: srv.ResetCalls,
				Config:    membershipWithLateIDConfig(srv, gid, "a", 36, lateID, "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs([]int64{2, 36})),
					emulatorMembers(srv, gid, []int64{2, 36}),
					expectCalls(srv, map[string]int{"addgroupmembers": 0, "delgroupmembers": 0}),
				},
			},
		},
	})
}

// Everything else with ids unknown until apply works in one apply: ids that
// turn out to be new members, and ids that turn out to be the current
// members in the state's order.
func TestAccGroupMembership_unknownIDs(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2402

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				Config:            membershipConfig(srv, gid, []int64{2, 36}),
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{2, 36})},
			},
			{
				// A new member in the unknown element's place.
				Config: membershipWithLateIDConfig(srv, gid, "a", 40, lateID, "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testMembershipAddr, tfjsonpath.New("user_ids"), knownIDs([]int64{40, 2})),
					emulatorMembers(srv, gid, []int64{2, 40}),
				},
			},
			{
				// The current members in the state's order ([40, 2]): a new
				// round replaces terraform_data.late, so 40 is unknown again.
				Config: membershipWithLateIDConfig(srv, gid, "b", 40, lateID, "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, []int64{2, 40})},
			},
		},
	})
}

// listWithUnknowns is a list of int64 where 0 stands for an unknown element.
func listWithUnknowns(ids ...int64) types.List {
	elems := make([]attr.Value, len(ids))
	for i, id := range ids {
		elems[i] = types.Int64Value(id)
		if id == 0 {
			elems[i] = types.Int64Unknown()
		}
	}
	return types.ListValueMust(types.Int64Type, elems)
}

func TestUnknownIDsMayReorder(t *testing.T) {
	prior := []int64{2, 36, 50}
	tests := []struct {
		name          string
		planned       types.List
		wantRisky     bool
		wantRemaining []int64
	}{
		{"known id moved: risky", listWithUnknowns(0, 2, 0), true, []int64{36, 50}},
		{"known ids in place: safe", listWithUnknowns(2, 0, 50), false, nil},
		{"all unknown: safe", listWithUnknowns(0, 0, 0), false, nil},
		{"a new member: safe", listWithUnknowns(0, 2, 99), false, nil},
		{"longer: safe", listWithUnknowns(0, 2, 36, 50), false, nil},
		{"shorter: safe", listWithUnknowns(0, 2), false, nil},
		{"duplicate known: safe", listWithUnknowns(0, 2, 2), false, nil},
	}
	for _, tt := range tests {
		remaining, risky := unknownIDsMayReorder(prior, tt.planned)
		if risky != tt.wantRisky || !slices.Equal(remaining, tt.wantRemaining) {
			t.Errorf("%s: got %v, %t; want %v, %t", tt.name, remaining, risky, tt.wantRemaining, tt.wantRisky)
		}
	}
}

func TestMembersKeepPriorOrder(t *testing.T) {
	prior := NewMembersListValue([]int64{2, 36}).ListValue
	tests := []struct {
		name        string
		planned     types.List
		wantPrior   bool
		wantWarning bool
	}{
		{"reordered: keeps the prior order", NewMembersListValue([]int64{36, 2}).ListValue, true, false},
		{"changed: the configuration", NewMembersListValue([]int64{36, 3}).ListValue, false, false},
		{"unknown element, may reorder: warns", listWithUnknowns(0, 2), false, true},
		{"unknown element in place: quiet", listWithUnknowns(2, 0), false, false},
		{"wholly unknown: quiet", types.ListUnknown(types.Int64Type), false, false},
	}
	for _, tt := range tests {
		req := planmodifier.ListRequest{Path: path.Root("user_ids"), StateValue: prior, PlanValue: tt.planned, ConfigValue: tt.planned}
		resp := &planmodifier.ListResponse{PlanValue: tt.planned}
		membersKeepPriorOrder{}.PlanModifyList(context.Background(), req, resp)
		if got := resp.PlanValue.Equal(prior); got != tt.wantPrior {
			t.Errorf("%s: planned %v, want prior %t", tt.name, resp.PlanValue, tt.wantPrior)
		}
		if got := resp.Diagnostics.WarningsCount() == 1; got != tt.wantWarning || resp.Diagnostics.HasError() {
			t.Errorf("%s: diagnostics %v, want a warning %t", tt.name, resp.Diagnostics, tt.wantWarning)
		}
	}
}
