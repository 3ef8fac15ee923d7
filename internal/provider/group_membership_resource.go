package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.Resource                = &GroupMembershipResource{}
	_ resource.ResourceWithConfigure   = &GroupMembershipResource{}
	_ resource.ResourceWithImportState = &GroupMembershipResource{}
)

// membershipDefaultTimeout bounds each operation unless `timeouts` says
// otherwise: a 10,000-member apply is ~100 calls, far below it.
const membershipDefaultTimeout = 20 * time.Minute

// GroupMembershipResource manages the complete member list of one RTM group
// (authoritative: members it does not list are removed).
type GroupMembershipResource struct {
	clientHolder
}

// GroupMembershipModel is the rtm_group_membership state.
type GroupMembershipModel struct {
	ID       types.String   `tfsdk:"id"`
	GroupID  types.Int64    `tfsdk:"group_id"`
	UserIDs  MembersList    `tfsdk:"user_ids"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// NewGroupMembershipResource is the rtm_group_membership constructor.
func NewGroupMembershipResource() resource.Resource { return &GroupMembershipResource{} }

func (r *GroupMembershipResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_membership"
}

func (r *GroupMembershipResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "**Authoritative** member list of one RTM group: Terraform owns *every* member of the group.\n\n" +
			"**Any member not listed in `user_ids` is removed** — members added by hand, by your business system, " +
			"by another Terraform configuration or by `rtm_group_member`. Creating this resource adopts the group and adds the " +
			"missing members; so that no removal is ever hidden, the plan fails when the group already has members that " +
			"`user_ids` does not list (import the group first, and the plan shows each removal). A member added outside " +
			"Terraform later shows up in the next plan as a removal from `user_ids`. Destroying the resource removes the listed members from the group (the " +
			"group's info, managed by `rtm_group`, stays). Never combine it with `rtm_group_member`, or with a second " +
			"`rtm_group_membership`, on the same group: the plan refuses both.\n\n" +
			"Updates send only the difference, removals first and then additions (so a full group of 10,000 never " +
			"overflows), in calls of at most 100 user ids. If an update stops part way, the state records what was really " +
			"applied and the next plan shows exactly the remaining work. If creating stops part way, nothing is recorded " +
			"(a failed create would otherwise be tainted and replaced, which removes every member first) and the error says " +
			"how many members were added; the next apply adopts them and sends only what is still missing. The order of `user_ids` does not matter.",
		Attributes: map[string]schema.Attribute{
			"id":       idAttribute("The group id, as a string (the import ID)."),
			"group_id": keyIDAttribute("RTM group id (at least 1). Changing it removes the members from the old group and adds them to the new one."),
			"user_ids": schema.ListAttribute{
				MarkdownDescription: fmt.Sprintf("**Every** member of the group: user ids (each at least 1, no duplicates, "+
					"no nulls, at most %d). Members of the group that are not listed are removed. `[]` empties the group.\n\n"+
					"Order does not matter: a reordered list is not a change, and the state keeps the order it already has. "+
					"An import stores the ids in ascending order, so **keeping `user_ids` in ascending order gives the smallest "+
					"diffs after an import**: with another order, the first change after the import also shows every id "+
					"moving to its configured position.\n\n"+
					"One limitation: when some ids are known only after apply (they come from a resource changed in the same "+
					"apply) and turn out to be the current members in another order than the state's, that apply stops once "+
					"with \"Provider produced inconsistent final plan\", before changing anything; run apply again, and it "+
					"plans no change. The plan warns when this can happen; keeping `user_ids` in ascending order avoids it.",
					maxGroupMembers),
				CustomType:    NewMembersListType(),
				ElementType:   types.Int64Type,
				Required:      true,
				Validators:    []validator.List{membersValidator{}},
				PlanModifiers: []planmodifier.List{membersKeepPriorOrder{}},
			},
			"timeouts": membershipTimeoutsAttribute(ctx),
		},
	}
}

func (r *GroupMembershipResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, "Resource", &resp.Diagnostics)
}

func (r *GroupMembershipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importGroupID(ctx, req, resp)
}

// membershipTimeoutsAttribute is the `timeouts` nested attribute, described
// for the generated docs.
func membershipTimeoutsAttribute(ctx context.Context) schema.Attribute {
	attr := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: true,
		CreateDescription: "How long creating (adopting) the membership may take, e.g. `\"30m\"`. Default `\"20m\"`.",
		ReadDescription:   "How long reading the member list may take. Default `\"20m\"`.",
		UpdateDescription: "How long an update may take. Default `\"20m\"`.",
		DeleteDescription: "How long removing the members may take. Default `\"20m\"`.",
	})
	if nested, ok := attr.(schema.SingleNestedAttribute); ok {
		nested.MarkdownDescription = "Time limits for each operation, as Go durations (`\"30s\"`, `\"20m\"`, `\"1h\"`); each defaults to `\"20m\"`."
		return nested
	}
	return attr
}
