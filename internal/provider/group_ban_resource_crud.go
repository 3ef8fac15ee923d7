package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

func (r *GroupBanResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan GroupBanModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid, uid := plan.GroupID.ValueInt64(), plan.UserID.ValueInt64()
	// Taken before the call: RTM starts the ban when the quest arrives, so
	// the real end is never earlier than expires_at.
	now := r.data.clock.Now()
	var duration time.Duration // 0: permanent
	plan.ExpiresAt = timetypes.NewRFC3339Null()
	if !plan.DurationSeconds.IsNull() {
		var err error
		if duration, err = banDuration(plan.DurationSeconds.ValueInt64()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("duration_seconds"), "Invalid Ban Duration", err.Error()+".")
			return
		}
		plan.ExpiresAt = timetypes.NewRFC3339TimeValue(now.Add(duration).UTC().Truncate(time.Second))
	}
	if err := r.data.client.AddGroupBan(ctx, gid, uid, duration); err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("ban user %d in group %d", uid, gid), err))
		return
	}
	plan.ID = types.StringValue(formatGroupUserID(gid, uid))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read tells the three cases apart: banned (keep), lifted outside
// Terraform before expires_at (remove from state: the plan re-creates it),
// expired naturally (keep, no diff; ModifyPlan re-bans if asked to).
func (r *GroupBanResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state GroupBanModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid, uid := state.GroupID.ValueInt64(), state.UserID.ValueInt64()
	banned, err := r.data.client.IsBanOfGroup(ctx, gid, uid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("check whether user %d is banned in group %d", uid, gid), err))
		return
	}
	expiresAt, diags := banExpiry(state.ExpiresAt)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	fields := map[string]any{"group_id": gid, "user_id": uid}
	switch classifyBan(banned, expiresAt, r.data.clock.Now()) {
	case banLifted:
		tflog.Info(ctx, "RTM ban was lifted outside Terraform before it expired, removing from state", fields)
		resp.State.RemoveResource(ctx)
		return
	case banExpired:
		tflog.Info(ctx, "RTM ban has expired naturally; keeping it in state", fields)
	}
	state.ID = types.StringValue(formatGroupUserID(gid, uid))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only ever changes reban_on_expiry (everything else replaces),
// which lives in state alone.
func (r *GroupBanResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan GroupBanModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *GroupBanResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state GroupBanModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid, uid := state.GroupID.ValueInt64(), state.UserID.ValueInt64()
	// removegroupban succeeds for a user who is not banned (lifted or expired).
	if err := r.data.client.RemoveGroupBan(ctx, gid, uid); err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("lift the ban of user %d in group %d", uid, gid), err))
	}
}

// ModifyPlan re-bans an expired ban when reban_on_expiry is set, as a
// replacement the plan explains ("expires_at forces replacement"). Doing it
// here rather than by dropping the state in Read keeps the reason visible
// and works with -refresh=false too.
func (r *GroupBanResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	var state, plan GroupBanModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !plan.RebanOnExpiry.ValueBool() {
		return
	}
	expiresAt, diags := banExpiry(state.ExpiresAt)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || expiresAt == nil || r.data.clock.Now().Before(*expiresAt) {
		return
	}
	tflog.Info(ctx, "RTM ban has expired and reban_on_expiry is set: planning a new ban", map[string]any{
		"group_id": state.GroupID.ValueInt64(), "user_id": state.UserID.ValueInt64(),
	})
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("expires_at"), timetypes.NewRFC3339Unknown())...)
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("expires_at"))
}
