package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// conflictRulesURL is where the docs explain which resources may share a group.
const conflictRulesURL = "https://registry.terraform.io/providers/rtm-terraform/rtm/latest/docs/resources/group_membership#conflicts"

// groupOwners records which resources of one provider configuration manage
// the members of each group in the current plan. Terraform plans every
// resource of a provider configuration in the same provider process, and
// Configure builds a fresh groupOwners for each run (plan, apply), so two
// owners of one group are seen when the second of them is planned: an
// rtm_group_membership owns every member and must be alone on its group;
// rtm_group_member resources may share a group, one per user.
//
// Resources of other provider configurations (aliases) and of other
// workspaces are invisible here; the docs say so.
type groupOwners struct {
	mu     sync.Mutex
	groups map[int64]*groupClaims
}

// groupClaims is who manages the members of one group.
type groupClaims struct {
	membership bool
	members    map[int64]bool // user ids added by rtm_group_member
}

func newGroupOwners() *groupOwners {
	return &groupOwners{groups: make(map[int64]*groupClaims)}
}

func (o *groupOwners) claims(gid int64) *groupClaims {
	c := o.groups[gid]
	if c == nil {
		c = &groupClaims{members: make(map[int64]bool)}
		o.groups[gid] = c
	}
	return c
}

// claimMembership records an rtm_group_membership of gid. It returns a
// conflict error diagnostic when the group already has an owner in this plan.
func (o *groupOwners) claimMembership(gid int64) (diag.Diagnostic, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c := o.claims(gid)
	var conflict diag.Diagnostic
	switch {
	case c.membership:
		conflict = ownersConflictDiag(gid, "two rtm_group_membership resources",
			"Each removes the users the other lists, so every plan shows changes on both and neither list lasts. "+
				"Keep one rtm_group_membership per group and merge the two user_ids lists into it.")
	case len(c.members) > 0:
		conflict = membershipAndMemberConflictDiag(gid, lowestUser(c.members))
	}
	c.membership = true
	return conflict, conflict != nil
}

// claimMember records an rtm_group_member of gid and uid. It returns a
// conflict error diagnostic when an rtm_group_membership owns the group or
// another rtm_group_member adds the same user.
func (o *groupOwners) claimMember(gid, uid int64) (diag.Diagnostic, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c := o.claims(gid)
	var conflict diag.Diagnostic
	switch {
	case c.membership:
		conflict = membershipAndMemberConflictDiag(gid, uid)
	case c.members[uid]:
		conflict = ownersConflictDiag(gid, fmt.Sprintf("two rtm_group_member resources for user %d", uid),
			"Destroying either of them removes the user from the group although the other still wants it there. "+
				"Keep one rtm_group_member per user and group.")
	}
	c.members[uid] = true
	return conflict, conflict != nil
}

// ownedByMembership reports whether an rtm_group_membership of this plan
// manages gid.
func (o *groupOwners) ownedByMembership(gid int64) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	c := o.groups[gid]
	return c != nil && c.membership
}

// lowestUser is the smallest user id of a non-empty claim set, so the
// diagnostic is the same whatever order Terraform planned the resources in.
func lowestUser(members map[int64]bool) int64 {
	return slices.Min(slices.Collect(maps.Keys(members)))
}

func membershipAndMemberConflictDiag(gid, uid int64) diag.Diagnostic {
	return ownersConflictDiag(gid, fmt.Sprintf("an rtm_group_membership and an rtm_group_member (user %d)", uid),
		fmt.Sprintf("rtm_group_membership owns every member of the group and removes users it does not list, and "+
			"rtm_group_member adds them back: the plan would show changes forever. Keep one: list user %d in the "+
			"membership's user_ids and remove the rtm_group_member, or replace the membership with one rtm_group_member "+
			"per user.", uid))
}

func ownersConflictDiag(gid int64, who, why string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(path.Root("group_id"), "Two Owners of One RTM Group's Members",
		fmt.Sprintf("RTM group %d is managed by %s in this configuration. %s\n\nSee the conflict rules: %s\n\n"+
			"(This check sees the resources of one provider configuration; resources in other workspaces or behind "+
			"another provider alias cannot be checked.)", gid, who, why, conflictRulesURL))
}

// planClaimKey is the private state key that tells the two plans of one
// replacement apart from two resources. Terraform plans a replacement
// twice: first with the prior state, then again with a null prior state
// and the first call's private state. The first call claims the group and
// records the prior keys there; the second call finds them and must not
// count as a second owner of the group.
const planClaimKey = "plan_claim"

// claimedKeys are the keys of the prior state a replacement starts from.
type claimedKeys struct {
	GroupID int64 `json:"group_id"`
	UserID  int64 `json:"user_id,omitempty"`
}

// planClaim is what one ModifyPlan call learns about its place in the plan.
type planClaim struct {
	// replan: this is the second plan of a replacement, already claimed.
	replan bool
	// prior: the keys of the object being replaced (only when replan).
	prior claimedKeys
}

// readPlanClaim tells whether this call is the second plan of a
// replacement, and prepares the planned private state: the marker is set
// for the first call of a resource that has a prior state and removed in the
// second, so a created object never keeps it.
func readPlanClaim(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, prior claimedKeys) planClaim {
	if !req.State.Raw.IsNull() {
		marker, err := json.Marshal(prior)
		if err == nil {
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, planClaimKey, marker)...)
		}
		return planClaim{}
	}
	raw, diags := req.Private.GetKey(ctx, planClaimKey)
	resp.Diagnostics.Append(diags...)
	if len(raw) == 0 {
		return planClaim{}
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, planClaimKey, nil)...)
	var claim planClaim
	claim.replan = json.Unmarshal(raw, &claim.prior) == nil
	return claim
}
