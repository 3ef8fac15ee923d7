package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

// Create adopts the group: one getgroupmembers, then only the difference.
// On failure no state is saved: Terraform would mark a created-with-error
// resource tainted and the next apply would replace it (removing every
// member first). Without state, the next apply creates again, adopts what
// this one already applied and sends only what is still missing.
func (r *GroupMembershipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan GroupMembershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Create)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	gid := plan.GroupID.ValueInt64()
	want, ok := knownUserIDs(plan, &resp.Diagnostics)
	if !ok {
		return
	}

	current, err := r.data.client.GetGroupMembers(ctx, gid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("read the members of group %d", gid), err))
		return
	}
	if progress, err := r.applyDelta(ctx, gid, current, want); err != nil {
		resp.Diagnostics.Append(partialErrorDiag(fmt.Sprintf("set the members of group %d", gid),
			createProgress(gid, progress), err))
		return
	}

	plan.ID = types.StringValue(formatGroupID(gid))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read stores the group's full member list, so members added outside
// Terraform show as removals in the plan. Known members keep the prior
// order, new ones follow sorted: a refresh never reorders the list.
func (r *GroupMembershipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state GroupMembershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, state.Timeouts.Read)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	gid := state.GroupID.ValueInt64()

	remote, err := r.data.client.GetGroupMembers(ctx, gid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("read the members of group %d", gid), err))
		return
	}
	prior, _ := state.UserIDs.UserIDs()
	state.ID = types.StringValue(formatGroupID(gid))
	// Reusing the prior value when nothing changed avoids rebuilding a
	// 10,000-element list on every refresh.
	if state.UserIDs.IsNull() || !sameMembers(prior, remote) {
		state.UserIDs = NewMembersListValue(membersInPriorOrder(prior, remote))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update sends only the difference between the state and the plan:
// removals first, then additions, so a group kept full at RTM's 10,000
// limit never overflows while members are swapped. If a call fails part
// way, the state records what was really applied and the error is
// returned, so the next plan shows exactly the remaining work.
func (r *GroupMembershipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state GroupMembershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Update)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	gid := plan.GroupID.ValueInt64()
	want, ok := knownUserIDs(plan, &resp.Diagnostics)
	if !ok {
		return
	}
	prior, _ := state.UserIDs.UserIDs()
	// ModifyPlan's marker is for the plan only; do not keep it in the state.
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, planClaimKey, nil)...)

	plan.ID = types.StringValue(formatGroupID(gid))
	progress, err := r.applyDelta(ctx, gid, prior, want)
	if err != nil {
		plan.UserIDs = NewMembersListValue(membersAfterPartialUpdate(prior, want, progress.removed, progress.added))
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		resp.Diagnostics.Append(partialErrorDiag(fmt.Sprintf("update the members of group %d", gid),
			fmt.Sprintf("RTM confirmed %d of %d removals and %d of %d additions. The state records them, so the next plan "+
				"shows exactly the remaining work (after its refresh, also any unconfirmed call that was carried out); run "+
				"terraform apply again to finish it.",
				len(progress.removed), len(progress.toRemove), len(progress.added), len(progress.toAdd)), err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete removes the members in state from the group; the group's info
// stays. If it stops part way, the members not yet removed stay in state.
func (r *GroupMembershipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state GroupMembershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, state.Timeouts.Delete)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	gid := state.GroupID.ValueInt64()
	members, _ := state.UserIDs.UserIDs()

	// delgroupmembers ignores users that are no longer members.
	if err := r.data.client.DelGroupMembers(ctx, gid, members); err != nil {
		removed := appliedPart(err)
		if len(removed) > 0 {
			state.UserIDs = NewMembersListValue(membersMinus(members, newIDSet(removed)))
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		}
		resp.Diagnostics.Append(partialErrorDiag(fmt.Sprintf("remove the members of group %d", gid),
			fmt.Sprintf("RTM confirmed the removal of %d of the %d members. The %d other members stay in the state; run "+
				"terraform destroy (or apply) again to remove them.", len(removed), len(members), len(members)-len(removed)), err))
		return
	}
	tflog.Debug(ctx, "Removed RTM group members", map[string]any{"group_id": gid, "count": len(members)})
}

// deltaProgress is what applyDelta set out to do and what it really applied.
type deltaProgress struct {
	toRemove, toAdd []int64
	removed, added  []int64
}

// createProgress tells what a failed create left in the group. Nothing is
// in the state, so the members it added are nobody's until an apply
// adopts them (ModifyPlan lets that apply through quietly: every member is
// then in user_ids). Only confirmed calls are counted as done: a call whose
// answer never came (interrupted, dropped, timed out) may have been
// carried out all the same.
func createProgress(gid int64, p deltaProgress) string {
	removals := ""
	if len(p.toRemove) > 0 {
		removals = fmt.Sprintf(", and %d of the %d members not in user_ids were removed", len(p.removed), len(p.toRemove))
	}
	return fmt.Sprintf("RTM confirmed that %d of the %d users to add were added to group %d%s; the other calls may or "+
		"may not have been carried out. Nothing is recorded in the state, so Terraform does not manage these members "+
		"yet: run terraform apply again, which adopts them and adds the rest. To undo it instead, import the membership "+
		"(terraform import rtm_group_membership.NAME %d) and destroy it.",
		len(p.added), len(p.toAdd), gid, removals, gid)
}

// applyDelta turns the group's member list from current into want with
// one delgroupmembers batch and one addgroupmembers batch (each split in
// calls of ≤100 by the client), removals first. On error, progress holds
// the ids the server accepted.
func (r *GroupMembershipResource) applyDelta(ctx context.Context, gid int64, current, want []int64) (deltaProgress, error) {
	progress := deltaProgress{
		toRemove: membersMinus(current, newIDSet(want)),
		toAdd:    membersMinus(want, newIDSet(current)),
	}
	tflog.Debug(ctx, "Applying RTM group membership delta", map[string]any{
		"group_id": gid, "remove": len(progress.toRemove), "add": len(progress.toAdd),
	})
	if err := r.data.client.DelGroupMembers(ctx, gid, progress.toRemove); err != nil {
		progress.removed = appliedPart(err)
		return progress, err
	}
	progress.removed = progress.toRemove
	if err := r.data.client.AddGroupMembers(ctx, gid, progress.toAdd); err != nil {
		progress.added = appliedPart(err)
		return progress, err
	}
	progress.added = progress.toAdd
	return progress, nil
}

// appliedPart is the ids a failed member-list call applied before failing:
// a *rtm.BatchError says which; any other error applied nothing.
func appliedPart(err error) []int64 {
	var batchErr *rtm.BatchError
	if errors.As(err, &batchErr) {
		return batchErr.Applied
	}
	return nil
}

// knownUserIDs returns the planned members. The validator and the plan
// make them known by apply time; an unknown list here is a provider bug.
func knownUserIDs(plan GroupMembershipModel, diags *diag.Diagnostics) ([]int64, bool) {
	want, ok := plan.UserIDs.UserIDs()
	if !ok {
		diags.AddError("Unknown User IDs", "user_ids must be known at apply time. Please report this issue to the provider developers.")
	}
	return want, ok
}

// withTimeout bounds ctx by a `timeouts` value, defaulting to
// membershipDefaultTimeout.
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)) (context.Context, context.CancelFunc, diag.Diagnostics) {
	d, diags := get(ctx, membershipDefaultTimeout)
	if diags.HasError() {
		return ctx, func() {}, diags
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, diags
}
