package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.Resource                = &GroupBanResource{}
	_ resource.ResourceWithConfigure   = &GroupBanResource{}
	_ resource.ResourceWithImportState = &GroupBanResource{}
	_ resource.ResourceWithModifyPlan  = &GroupBanResource{}
)

// GroupBanResource bans one user in one RTM group, for a duration or for good.
type GroupBanResource struct {
	clientHolder
}

// GroupBanModel is the rtm_group_ban state.
type GroupBanModel struct {
	ID              types.String      `tfsdk:"id"`
	GroupID         types.Int64       `tfsdk:"group_id"`
	UserID          types.Int64       `tfsdk:"user_id"`
	DurationSeconds types.Int64       `tfsdk:"duration_seconds"`
	ExpiresAt       timetypes.RFC3339 `tfsdk:"expires_at"`
	RebanOnExpiry   types.Bool        `tfsdk:"reban_on_expiry"`
}

// NewGroupBanResource is the rtm_group_ban constructor.
func NewGroupBanResource() resource.Resource { return &GroupBanResource{} }

func (r *GroupBanResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_ban"
}

func (r *GroupBanResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Bans one user in one RTM group (the user cannot send messages in the group), for " +
			"`duration_seconds` or, without it, permanently.\n\n" +
			"- **Ban lifted outside Terraform** before it expires: the resource leaves the state and the next plan " +
			"creates it again (a new ban for the full duration).\n" +
			"- **Ban expired naturally** (`expires_at` has passed): the resource stays and the plan is empty — the " +
			"configuration said \"ban for N seconds\", and that happened. Set `reban_on_expiry = true` to have the next " +
			"plan replace the expired ban with a new one instead, or run `terraform apply -replace=...` once.\n" +
			"- **Import** (`<group_id>/<user_id>`) works only while the user is banned. RTM does not tell how long a ban " +
			"has left, so an imported ban is recorded as permanent (`duration_seconds` and `expires_at` null); if your " +
			"configuration sets `duration_seconds`, the next plan replaces the ban with one of that duration.",
		Attributes: map[string]schema.Attribute{
			"id":       idAttribute("`<group_id>/<user_id>` (the import ID)."),
			"group_id": keyIDAttribute("RTM group id (at least 1). Changing it lifts this ban and bans the user in the other group."),
			"user_id":  keyIDAttribute("RTM user id to ban (at least 1). Changing it lifts this ban and bans the other user."),
			"duration_seconds": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How long the ban lasts, in seconds (1 to %d, about 68 years), counted from "+
					"the apply that creates it. Omit it for a permanent ban. Changing it replaces the ban (a new one starts from now).",
					maxBanSeconds),
				Optional:      true,
				Validators:    []validator.Int64{int64validator.Between(1, maxBanSeconds)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the ban ends (RFC 3339, UTC), computed at creation as the apply time plus " +
					"`duration_seconds`; null for a permanent or imported ban.",
				CustomType:    timetypes.RFC3339Type{},
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"reban_on_expiry": schema.BoolAttribute{
				MarkdownDescription: "When `true`, a ban that has expired naturally is replaced by a new one at the next " +
					"apply (the plan shows the replacement). Default `false`: an expired ban stays expired and the plan is empty.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
		},
	}
}

func (r *GroupBanResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, "Resource", &resp.Diagnostics)
}

// ImportState takes `<group_id>/<user_id>`. The ban is recorded as
// permanent: RTM cannot say how long it has left. Read then checks that
// the user is banned, and Terraform refuses the import when not.
func (r *GroupBanResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importGroupUserID(ctx, req, resp) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("reban_on_expiry"), false)...)
	}
}
