package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// maxGroupMembers is RTM's limit on the members of one group.
const maxGroupMembers = 10000

// maxMemberDiagnostics bounds the per-element errors one list can produce,
// so a bad 10,000-element list does not print 10,000 diagnostics.
const maxMemberDiagnostics = 10

var _ validator.List = membersValidator{}

// membersValidator checks a member list at plan time in one O(n) pass:
// no null ids, every id at least 1, at most maxGroupMembers ids, no
// duplicates. Unknown ids are checked again when Terraform re-validates
// the configuration at apply time.
// (listvalidator.UniqueValues compares every pair, O(n²) at 10,000.)
type membersValidator struct{}

func (v membersValidator) Description(context.Context) string {
	return fmt.Sprintf("at most %d user ids, each at least 1 and not null, without duplicates", maxGroupMembers)
}

func (v membersValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v membersValidator) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if len(elems) > maxGroupMembers {
		resp.Diagnostics.AddAttributeError(req.Path, "Too Many Group Members",
			fmt.Sprintf("RTM allows at most %d members per group; this list has %d.", maxGroupMembers, len(elems)))
		return
	}
	firstIndex := make(map[int64]int, len(elems))
	reported := 0
	report := func(i int, summary, detail string) {
		if reported < maxMemberDiagnostics {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i), summary, detail)
		}
		reported++
	}
	for i, e := range elems {
		iv, ok := e.(types.Int64)
		if !ok || iv.IsUnknown() {
			continue
		}
		if iv.IsNull() {
			report(i, "Null User ID",
				fmt.Sprintf("Element %d of the list is null, and a group member needs a user id: remove it, "+
					"or wrap the list in compact() to drop null elements.", i))
			continue
		}
		id := iv.ValueInt64()
		if id < 1 {
			report(i, "Invalid User ID", fmt.Sprintf("User ids must be at least 1, got %d.", id))
			continue
		}
		if first, dup := firstIndex[id]; dup {
			report(i, "Duplicate User ID",
				fmt.Sprintf("User id %d appears more than once (indexes %d and %d); list each member once.", id, first, i))
			continue
		}
		firstIndex[id] = i
	}
	if reported > maxMemberDiagnostics {
		resp.Diagnostics.AddAttributeError(req.Path, "More Invalid User IDs",
			fmt.Sprintf("%d more invalid or duplicate user ids were not listed.", reported-maxMemberDiagnostics))
	}
}
