package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ planmodifier.List = membersKeepPriorOrder{}

// membersKeepPriorOrder plans the prior state's list when the configuration
// holds the same members in another order. Terraform accepts a planned
// value equal to the prior one as "functionally equivalent to the
// configuration", so reordering user_ids (or importing, which stores the
// ids ascending) never produces a diff.
//
// Known limitation, which no provider can avoid: when the configuration
// has ids that are unknown until apply, the plan must be the configuration
// itself. Terraform plans again during the apply, once the ids are known,
// and gives the provider nothing that tells that call apart from an
// ordinary plan. If the ids turned out to be the current members in
// another order, that call keeps the prior order, which contradicts a
// known id of the first plan, and Terraform stops the apply ("Provider
// produced inconsistent final plan"). The next apply plans no change. The
// plan warns when the known ids make this possible (unknownIDsMayReorder).
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
	prior, ok := int64Elements(req.StateValue)
	if !ok {
		return
	}
	planned, ok := int64Elements(req.PlanValue)
	if !ok {
		if remaining, risky := unknownIDsMayReorder(prior, req.PlanValue); risky {
			resp.Diagnostics.AddAttributeWarning(req.Path, "User IDs Known Only After Apply May Fail the Apply Once",
				fmt.Sprintf("Some of user_ids are known only after apply. If they turn out to be %s, user_ids holds the "+
					"group's current members in another order than the state records, and Terraform stops the apply with "+
					"\"Provider produced inconsistent final plan\" before changing anything. Run apply again: it then plans "+
					"no change. Keeping user_ids in ascending order avoids this.", abbreviateIDs(remaining)))
		}
		return
	}
	if !sameMembers(prior, planned) {
		return
	}
	resp.PlanValue = req.StateValue
}

// unknownIDsMayReorder reports whether a planned list with unknown elements
// can fail the apply (see membersKeepPriorOrder): it can when the unknown
// elements may still turn out to be exactly the prior members the known
// ones leave out (remaining), and a known element sits where the prior
// list has another id, so the prior list contradicts the plan.
func unknownIDsMayReorder(prior []int64, planned types.List) (remaining []int64, risky bool) {
	elems := planned.Elements()
	if len(elems) != len(prior) {
		return nil, false // the final list cannot hold the same members
	}
	priorSet := newIDSet(prior)
	known := make(idSet, len(elems))
	contradicts := false
	for i, e := range elems {
		iv, ok := e.(types.Int64)
		if !ok || iv.IsNull() {
			return nil, false
		}
		if iv.IsUnknown() {
			continue
		}
		id := iv.ValueInt64()
		if !priorSet.has(id) || known.has(id) {
			return nil, false // a new member or a duplicate: never the prior members
		}
		known[id] = struct{}{}
		if prior[i] != id {
			contradicts = true
		}
	}
	if !contradicts {
		return nil, false
	}
	return membersMinus(prior, known), true
}

// abbreviateIDs shows a few ids ascending, for a diagnostic.
func abbreviateIDs(ids []int64) string {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	const show = 10
	if len(sorted) <= show {
		return fmt.Sprint(sorted)
	}
	return fmt.Sprintf("%v and %d more", sorted[:show], len(sorted)-show)
}

// int64Elements returns the ids of a plain list of int64; ok is false when
// the list or an element is null or unknown.
func int64Elements(l types.List) ([]int64, bool) {
	return MembersList{ListValue: l}.UserIDs()
}
