package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithModifyPlan = &GroupMemberResource{}

// ModifyPlan refuses, at plan time, what Create would refuse or what
// would fight forever: a group an rtm_group_membership of this
// configuration owns, the same user added twice, and (for a create) a user
// who is already a member of the group.
func (r *GroupMemberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return // a destroy, or the provider is not configured yet
	}
	var plan, state GroupMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	claim := readPlanClaim(ctx, req, resp, claimedKeys{GroupID: state.GroupID.ValueInt64(), UserID: state.UserID.ValueInt64()})
	if plan.GroupID.IsUnknown() || plan.UserID.IsUnknown() {
		return
	}
	gid, uid := plan.GroupID.ValueInt64(), plan.UserID.ValueInt64()
	if !claim.replan {
		if conflict, found := r.data.owners.claimMember(gid, uid); found {
			resp.Diagnostics.Append(conflict)
		}
	}
	// Only a new membership is checked; a forced replacement of this same
	// membership (-replace) finds the user there because of this resource,
	// and its destroy runs first.
	if !req.State.Raw.IsNull() || claim.prior == (claimedKeys{GroupID: gid, UserID: uid}) {
		return
	}
	member, err := r.data.client.IsGroupMember(ctx, gid, uid)
	if err != nil {
		resp.Diagnostics.AddAttributeWarning(path.Root("user_id"), "Could Not Check the RTM Group Member",
			fmt.Sprintf("The plan could not check whether user %d is already a member of group %d: %s\n\n"+
				"The apply checks again before adding the user.", uid, gid, clientErrorSummary(err)))
		return
	}
	if member {
		resp.Diagnostics.Append(r.alreadyMemberDiag(gid, uid))
	}
}

// alreadyMemberDiag refuses to take over a member someone else added:
// destroying this resource would remove it from under them. When an
// rtm_group_membership of this configuration owns the group, importing
// would be the wrong advice (the membership already keeps the user, and
// destroying the imported rtm_group_member would remove it), so the way
// on is to drop this resource.
func (r *GroupMemberResource) alreadyMemberDiag(gid, uid int64) diag.Diagnostic {
	const summary = "RTM User Already a Group Member"
	if r.data.owners.ownedByMembership(gid) {
		return diag.NewAttributeErrorDiagnostic(path.Root("user_id"), summary,
			fmt.Sprintf("User %d is already a member of RTM group %d, and an rtm_group_membership of this configuration "+
				"owns that group's members. Remove this rtm_group_member and list user %d in the membership's user_ids "+
				"instead. Do not import it: destroying an imported rtm_group_member removes the user from the group, "+
				"from under the membership. See the conflict rules: %s", uid, gid, uid, conflictRulesURL))
	}
	id := formatGroupUserID(gid, uid)
	return diag.NewAttributeErrorDiagnostic(path.Root("user_id"), summary,
		fmt.Sprintf("User %d is already a member of RTM group %d, so it is probably managed elsewhere, and destroying "+
			"this resource would remove it. To manage the existing membership with Terraform, import it: "+
			"terraform import rtm_group_member.NAME %s (or an import block with id = %q). That is also the fix when an "+
			"earlier apply of this resource added the user and then failed.\n\n"+
			"If an rtm_group_membership (in another configuration or behind another provider alias) owns group %d, "+
			"do not import: remove this rtm_group_member and list the user in that membership.", uid, gid, id, id, gid))
}
