package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ resource.Resource                = &GroupResource{}
	_ resource.ResourceWithConfigure   = &GroupResource{}
	_ resource.ResourceWithImportState = &GroupResource{}
)

// maxGroupInfoBytes is RTM's limit on each of a group's infos.
const maxGroupInfoBytes = 65535

// GroupResource manages the public and private info of one RTM group.
// RTM groups are implicit (they exist while they have members or info), so
// the group's lifetime is the info's lifetime, and Delete deletes the group.
type GroupResource struct {
	clientHolder
}

// GroupResourceModel is the rtm_group state.
type GroupResourceModel struct {
	ID          types.String `tfsdk:"id"`
	GroupID     types.Int64  `tfsdk:"group_id"`
	PublicInfo  types.String `tfsdk:"public_info"`
	PrivateInfo types.String `tfsdk:"private_info"`
}

// NewGroupResource is the rtm_group constructor.
func NewGroupResource() resource.Resource { return &GroupResource{} }

func (r *GroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group"
}

func (r *GroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An RTM group and its public and private info.\n\n" +
			"RTM creates groups implicitly, so this resource claims a group id: creating it refuses a group that " +
			"already has info (import that group instead), unless that info is exactly the configured info, and " +
			"changes made outside Terraform show up as an in-place update. **Destroying it deletes the group on RTM, members included**, whatever manages them. " +
			"Manage members with `rtm_group_membership` or `rtm_group_member`.",
		Attributes: map[string]schema.Attribute{
			"id":       idAttribute("The group id, as a string (the import ID)."),
			"group_id": keyIDAttribute("RTM group id (at least 1). Changing it deletes this group and creates the other one."),
			"public_info": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Public info of the group, readable by its members' clients; at most %d bytes. "+
					"Defaults to `\"\"`.", maxGroupInfoBytes),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(""),
				Validators: []validator.String{byteLengthAtMost(maxGroupInfoBytes)},
			},
			"private_info": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Private info of the group, readable only through the server API; at most %d bytes. "+
					"Defaults to `\"\"`.", maxGroupInfoBytes),
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(""),
				Validators: []validator.String{byteLengthAtMost(maxGroupInfoBytes)},
			},
		},
	}
}

func (r *GroupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, "Resource", &resp.Diagnostics)
}

func (r *GroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan GroupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid := plan.GroupID.ValueInt64()

	public, private := plan.PublicInfo.ValueString(), plan.PrivateInfo.ValueString()

	// Refuse to adopt a group someone else configured: writing our info
	// would silently overwrite theirs. Info that is exactly the planned
	// info is adopted: most likely an earlier apply's setgroupinfo reached
	// the server but its answer was lost, and nothing would be overwritten.
	existing, err := r.data.client.GetGroupInfo(ctx, gid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("check whether group %d already has info", gid), err))
		return
	}
	hasInfo := existing.Public != "" || existing.Private != ""
	if hasInfo && existing.Public == public && existing.Private == private {
		tflog.Info(ctx, "RTM group already has exactly the planned info; adopting it", map[string]any{"group_id": gid})
		plan.ID = types.StringValue(formatGroupID(gid))
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	if hasInfo {
		resp.Diagnostics.AddAttributeError(path.Root("group_id"), "RTM Group Already Has Info",
			fmt.Sprintf("RTM group %d already has public or private info, so it is probably managed elsewhere, and creating "+
				"it here would overwrite that info. To manage the existing group with Terraform, import it: "+
				"terraform import rtm_group.NAME %d (or an import block with id = \"%d\"). Otherwise choose another group_id.",
				gid, gid, gid))
		return
	}

	if err := r.data.client.SetGroupInfo(ctx, gid, &public, &private); err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("set the info of group %d", gid), err))
		return
	}
	tflog.Debug(ctx, "Created RTM group", map[string]any{"group_id": gid})

	plan.ID = types.StringValue(formatGroupID(gid))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *GroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state GroupResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid := state.GroupID.ValueInt64()

	// A group deleted outside Terraform reads back with empty infos: RTM
	// cannot tell it from a group that never had info, so the resource stays
	// and the plan restores the configured info in place.
	info, err := r.data.client.GetGroupInfo(ctx, gid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("read the info of group %d", gid), err))
		return
	}
	state.ID = types.StringValue(formatGroupID(gid))
	state.PublicInfo = types.StringValue(info.Public)
	state.PrivateInfo = types.StringValue(info.Private)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *GroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan GroupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid := plan.GroupID.ValueInt64()

	// Both infos are sent, so the group ends up exactly as planned even if
	// only one of them drifted.
	public, private := plan.PublicInfo.ValueString(), plan.PrivateInfo.ValueString()
	if err := r.data.client.SetGroupInfo(ctx, gid, &public, &private); err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("update the info of group %d", gid), err))
		return
	}

	plan.ID = types.StringValue(formatGroupID(gid))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *GroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state GroupResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid := state.GroupID.ValueInt64()

	// delgroup succeeds for a group that is already gone.
	if err := r.data.client.DelGroup(ctx, gid); err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("delete group %d", gid), err))
		return
	}
	tflog.Debug(ctx, "Deleted RTM group", map[string]any{"group_id": gid})
}

func (r *GroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importGroupID(ctx, req, resp)
}

// byteLengthAtMost limits a string's length in bytes, the unit RTM counts
// in (stringvalidator.LengthAtMost counts characters).
func byteLengthAtMost(maxBytes int) validator.String { return byteLengthValidator{max: maxBytes} }

type byteLengthValidator struct{ max int }

func (v byteLengthValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be at most %d bytes long (UTF-8)", v.max)
}

func (v byteLengthValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v byteLengthValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := len(req.ConfigValue.ValueString()); n > v.max {
		resp.Diagnostics.AddAttributeError(req.Path, "Value Too Long",
			fmt.Sprintf("%s is %d bytes long; RTM allows at most %d bytes (UTF-8; characters outside ASCII take 2 to 4 bytes). "+
				"Shorten it.", req.Path, n, v.max))
	}
}
