package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// MembersListType is the type of rtm_group_membership.user_ids: a list of
// int64 user ids whose order carries no meaning.
//
// Why a list and not a set: at 10,000 elements the framework's SetType costs
// ~24 s per state round trip (O(n²) duplicate checks) and Terraform core's
// apply-time set compatibility check is O(n²) too; a list is O(n) in both.
// Order is neutralised by ListSemanticEquals (multiset comparison, O(n))
// and by the membersKeepPriorOrder plan modifier.
type MembersListType struct {
	basetypes.ListType
}

var (
	_ basetypes.ListTypable                    = MembersListType{}
	_ basetypes.ListValuableWithSemanticEquals = MembersList{}
)

// NewMembersListType returns the list-of-int64 type used for member ids.
func NewMembersListType() MembersListType {
	return MembersListType{ListType: basetypes.ListType{ElemType: types.Int64Type}}
}

// Equal reports whether o is also a MembersListType.
func (t MembersListType) Equal(o attr.Type) bool {
	other, ok := o.(MembersListType)
	if !ok {
		return false
	}
	return t.ListType.Equal(other.ListType)
}

func (t MembersListType) String() string { return "MembersListType" }

// ValueFromList wraps a plain list value.
func (t MembersListType) ValueFromList(_ context.Context, in basetypes.ListValue) (basetypes.ListValuable, diag.Diagnostics) {
	return MembersList{ListValue: in}, nil
}

// ValueFromTerraform converts a tftypes value into a MembersList.
func (t MembersListType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.ListType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	lv, ok := v.(basetypes.ListValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return MembersList{ListValue: lv}, nil
}

// ValueType returns the value type of this type.
func (t MembersListType) ValueType(context.Context) attr.Value { return MembersList{} }

// MembersList is a list of user ids compared as a multiset.
type MembersList struct {
	basetypes.ListValue
}

// NewMembersListValue builds a known MembersList holding ids in the given order.
func NewMembersListValue(ids []int64) MembersList {
	elems := make([]attr.Value, len(ids))
	for i, id := range ids {
		elems[i] = types.Int64Value(id)
	}
	return MembersList{ListValue: basetypes.NewListValueMust(types.Int64Type, elems)}
}

// Type returns the MembersListType.
func (v MembersList) Type(context.Context) attr.Type { return NewMembersListType() }

// Equal is exact (order-sensitive) equality, as attr.Value requires.
func (v MembersList) Equal(o attr.Value) bool {
	other, ok := o.(MembersList)
	if !ok {
		return false
	}
	return v.ListValue.Equal(other.ListValue)
}

// UserIDs returns the ids in list order. ok is false when the list, or any
// element, is null or unknown.
func (v MembersList) UserIDs() (ids []int64, ok bool) {
	if v.IsNull() || v.IsUnknown() {
		return nil, false
	}
	elems := v.Elements()
	ids = make([]int64, 0, len(elems))
	for _, e := range elems {
		iv, isInt := e.(types.Int64)
		if !isInt || iv.IsNull() || iv.IsUnknown() {
			return nil, false
		}
		ids = append(ids, iv.ValueInt64())
	}
	return ids, true
}

// ListSemanticEquals treats two member lists as equal when they hold the same
// ids regardless of order, so a reordered list is never a diff.
func (v MembersList) ListSemanticEquals(_ context.Context, newValuable basetypes.ListValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(MembersList)
	if !ok {
		return false, nil
	}
	a, okA := v.UserIDs()
	b, okB := other.UserIDs()
	if !okA || !okB {
		return false, nil
	}
	return sameMembers(a, b), nil
}

// sameMembers compares two id lists as multisets in O(n).
func sameMembers(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	counts := make(map[int64]int, len(a))
	for _, id := range a {
		counts[id]++
	}
	for _, id := range b {
		if counts[id] == 0 {
			return false
		}
		counts[id]--
	}
	return true
}
