package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithModifyPlan = &GroupMembershipResource{}

// ModifyPlan makes the plan honest about what the membership takes over:
// it refuses a second owner of the group in this configuration, and, for a
// create, reads the group's members so that adopting a group never removes
// members the plan does not show. (A plan for a new resource has no prior
// list to show removals against; after an import it has, and each removal
// is a `-` line.)
func (r *GroupMembershipResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return // a destroy, or the provider is not configured yet
	}
	var plan, state GroupMembershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	claim := readPlanClaim(ctx, req, resp, claimedKeys{GroupID: state.GroupID.ValueInt64()})
	if plan.GroupID.IsUnknown() {
		return
	}
	gid := plan.GroupID.ValueInt64()
	if !claim.replan {
		if conflict, found := r.data.owners.claimMembership(gid); found {
			resp.Diagnostics.Append(conflict)
			return
		}
	}
	// A replacement within the same group (-replace) shows its removals:
	// the destroy half removes every member the state lists, and the state
	// lists every member of the group.
	if req.State.Raw.IsNull() && claim.prior.GroupID != gid {
		r.checkAdoption(ctx, gid, plan, resp)
	}
}

// checkAdoption fails the plan of a new membership when the group has
// members that user_ids leaves out: creating it would remove them without
// the plan saying so. When every current member is listed (a create that
// failed part way and is applied again), the plan stays quiet. When RTM
// cannot be reached, it warns and leaves the check to the apply.
func (r *GroupMembershipResource) checkAdoption(ctx context.Context, gid int64, plan GroupMembershipModel, resp *resource.ModifyPlanResponse) {
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Read)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	defer cancel()
	current, err := r.data.client.GetGroupMembers(ctx, gid)
	if err != nil {
		resp.Diagnostics.AddAttributeWarning(path.Root("user_ids"), "Could Not Read the Members of the RTM Group",
			fmt.Sprintf("Creating this rtm_group_membership removes every member of group %d that user_ids does not list, "+
				"and the plan could not read the group's current members to show whether there are any: %s\n\n"+
				"The apply reads them again and removes those members. Run the plan again when RTM is reachable to see "+
				"them, or import the group first (terraform import rtm_group_membership.NAME %d).",
				gid, clientErrorSummary(err), gid))
		return
	}
	known, unknown := knownMembers(plan.UserIDs)
	removed := membersMinus(current, newIDSet(known))
	switch {
	case len(removed) == 0:
		return
	case plan.UserIDs.IsUnknown():
		resp.Diagnostics.AddAttributeWarning(path.Root("user_ids"), "RTM Group Already Has Members",
			fmt.Sprintf("Group %d already has %d members, and user_ids is known only after apply, so this plan cannot "+
				"show which of them creating this rtm_group_membership removes. %s", gid, len(current), adoptionAdvice(gid)))
	case len(removed) > unknown:
		resp.Diagnostics.AddAttributeError(path.Root("user_ids"), "RTM Group Has Members Not in user_ids",
			fmt.Sprintf("Group %d already has %d members, and %d of them are not in user_ids: %s. rtm_group_membership "+
				"is authoritative, so creating it would remove them, and the plan of a new resource cannot show those "+
				"removals. %s", gid, len(current), len(removed), abbreviateIDs(removed), adoptionAdvice(gid)))
	default:
		resp.Diagnostics.AddAttributeWarning(path.Root("user_ids"), "RTM Group Members May Be Removed",
			fmt.Sprintf("Group %d already has %d members that the known ids of user_ids leave out: %s. Unless the ids "+
				"known only after apply are exactly these users, creating this rtm_group_membership removes them. %s",
				gid, len(removed), abbreviateIDs(removed), adoptionAdvice(gid)))
	}
}

// adoptionAdvice is the two ways on for a group that already has members.
func adoptionAdvice(gid int64) string {
	return fmt.Sprintf("Either:\n\n"+
		"* import the group first, so that the plan shows each removal as a `-` line of user_ids: "+
		"terraform import rtm_group_membership.NAME %[1]d, or an import block:\n\n"+
		"    import {\n      to = rtm_group_membership.NAME\n      id = \"%[1]d\"\n    }\n\n"+
		"* or add the members who should stay to user_ids.\n\n"+
		"To add users next to the existing members without owning the group, use rtm_group_member instead.", gid)
}

// knownMembers returns the known ids of a planned member list and how many
// of its elements are unknown. A wholly unknown list has no known ids.
func knownMembers(l MembersList) (known []int64, unknown int) {
	if l.IsNull() || l.IsUnknown() {
		return nil, 0
	}
	for _, e := range l.Elements() {
		iv, ok := e.(types.Int64)
		switch {
		case !ok || iv.IsNull():
		case iv.IsUnknown():
			unknown++
		default:
			known = append(known, iv.ValueInt64())
		}
	}
	return known, unknown
}
