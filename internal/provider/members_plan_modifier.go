package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ planmodifier.List = membersKeepPriorOrder{}

// membersKeepPriorOrder plans the prior state's list when the configuration
// holds the same members in another order. Terraform accepts a planned
// value equal to the prior one as "functionally equivalent to the
// configuration", so reordering user_ids (or importing, which stores the
// server's order) never produces a diff.
type membersKeepPriorOrder struct{}

func (m membersKeepPriorOrder) Description(context.Context) string {
	return "The order of user ids is not significant: a reordered list plans no change."
}

func (m membersKeepPriorOrder) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m membersKeepPriorOrder) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	planned, ok := int64Elements(req.PlanValue)
	if !ok {
		return
	}
	prior, ok := int64Elements(req.StateValue)
	if !ok || !sameMembers(prior, planned) {
		return
	}
	resp.PlanValue = req.StateValue
}

// int64Elements returns the ids of a plain list of int64; ok is false when
// the list or an element is null or unknown.
func int64Elements(l types.List) ([]int64, bool) {
	return MembersList{ListValue: l}.UserIDs()
}
