package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

var (
	_ resource.Resource                = &GroupMemberResource{}
	_ resource.ResourceWithConfigure   = &GroupMemberResource{}
	_ resource.ResourceWithImportState = &GroupMemberResource{}
)

// GroupMemberResource adds one user to one RTM group (additive).
type GroupMemberResource struct {
	clientHolder
}

// GroupMemberModel is the rtm_group_member state.
type GroupMemberModel struct {
	ID      types.String `tfsdk:"id"`
	GroupID types.Int64  `tfsdk:"group_id"`
	UserID  types.Int64  `tfsdk:"user_id"`
}

// NewGroupMemberResource is the rtm_group_member constructor.
func NewGroupMemberResource() resource.Resource { return &GroupMemberResource{} }

func (r *GroupMemberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_member"
}

func (r *GroupMemberResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One user in one RTM group, **additive**: other members of the group are left alone, so " +
			"several modules can each add their own members.\n\n" +
			"Creating it refuses, at plan time, a user who is already a member of the group (import that membership " +
			"instead, `<group_id>/<user_id>`), so Terraform never takes over, and later removes, a member added by someone " +
			"else.\n\n" +
			"**Never combine it with `rtm_group_membership` on the same group**: that resource owns every member and " +
			"would remove this one on its next apply, and this one would add it back — a perpetual diff on both. The plan " +
			"refuses the combination, and two `rtm_group_member` for the same user and group, within one provider " +
			"configuration. " +
			"If the user is removed outside Terraform, the next plan adds it again.",
		Attributes: map[string]schema.Attribute{
			"id":       idAttribute("`<group_id>/<user_id>` (the import ID)."),
			"group_id": keyIDAttribute("RTM group id (at least 1). Changing it moves the user to the other group."),
			"user_id":  keyIDAttribute("RTM user id (at least 1). Changing it removes this user and adds the other one."),
		},
	}
}

func (r *GroupMemberResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, "Resource", &resp.Diagnostics)
}

func (r *GroupMemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan GroupMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid, uid := plan.GroupID.ValueInt64(), plan.UserID.ValueInt64()
	// Refuse to adopt a member someone else added (ModifyPlan checked at
	// plan time; this catches a member added since).
	member, err := r.data.client.IsGroupMember(ctx, gid, uid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("check whether user %d is already a member of group %d", uid, gid), err))
		return
	}
	if member {
		resp.Diagnostics.Append(r.alreadyMemberDiag(gid, uid))
		return
	}
	if err := r.data.client.AddGroupMembers(ctx, gid, []int64{uid}); err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("add user %d to group %d", uid, gid), err))
		return
	}
	plan.ID = types.StringValue(formatGroupUserID(gid, uid))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read drops the resource from state when the user is no longer a member
// (removed outside Terraform, or the group deleted): the plan shows a create.
func (r *GroupMemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state GroupMemberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid, uid := state.GroupID.ValueInt64(), state.UserID.ValueInt64()
	member, err := r.data.client.IsGroupMember(ctx, gid, uid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("check whether user %d is a member of group %d", uid, gid), err))
		return
	}
	if !member {
		tflog.Info(ctx, "RTM user is no longer a member of the group, removing from state", map[string]any{
			"group_id": gid, "user_id": uid,
		})
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID = types.StringValue(formatGroupUserID(gid, uid))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update is never called: every attribute requires replacement.
func (r *GroupMemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan GroupMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *GroupMemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state GroupMemberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid, uid := state.GroupID.ValueInt64(), state.UserID.ValueInt64()
	// delgroupmembers ignores users that are not members, so a user who
	// is already gone is a success (as is a server that says "not a member").
	err := r.data.client.DelGroupMembers(ctx, gid, []int64{uid})
	if err != nil && !rtm.IsNotGroupMember(err) {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("remove user %d from group %d", uid, gid), err))
	}
}

// ImportState takes `<group_id>/<user_id>`; Read then checks membership,
// and Terraform refuses the import when the user is not a member.
func (r *GroupMemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importGroupUserID(ctx, req, resp)
}
