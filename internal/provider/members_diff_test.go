package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestMembersInPriorOrder(t *testing.T) {
	tests := []struct {
		name                string
		prior, remote, want []int64
	}{
		{"import: no prior, sorted", nil, []int64{9, 2, 5}, []int64{2, 5, 9}},
		{"unchanged keeps prior order", []int64{9, 2, 5}, []int64{2, 5, 9}, []int64{9, 2, 5}},
		{"newcomers sorted at the end", []int64{9, 2}, []int64{7, 2, 9, 3}, []int64{9, 2, 3, 7}},
		{"removed members drop out", []int64{9, 2, 5}, []int64{5, 9}, []int64{9, 5}},
		{"group gone", []int64{9, 2}, nil, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := membersInPriorOrder(tt.prior, tt.remote); !slices.Equal(got, tt.want) {
				t.Errorf("membersInPriorOrder(%v, %v) = %v, want %v", tt.prior, tt.remote, got, tt.want)
			}
		})
	}
}

func TestMembersAfterPartialUpdate(t *testing.T) {
	prior := []int64{1, 2, 3, 4}
	planned := []int64{6, 5, 3, 4, 7}
	tests := []struct {
		name                     string
		removedApplied, addedApp []int64
		want                     []int64
	}{
		{"nothing applied", nil, nil, []int64{3, 4, 1, 2}},
		{"removals half done", []int64{1}, nil, []int64{3, 4, 2}},
		{"removals done, one addition", []int64{1, 2}, []int64{5}, []int64{5, 3, 4}},
		{"everything applied", []int64{1, 2}, []int64{6, 5, 7}, planned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := membersAfterPartialUpdate(prior, planned, tt.removedApplied, tt.addedApp)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSameMembers(t *testing.T) {
	tests := []struct {
		a, b []int64
		want bool
	}{
		{nil, nil, true},
		{[]int64{1, 2, 3}, []int64{3, 1, 2}, true},
		{[]int64{1, 2}, []int64{1, 2, 3}, false},
		{[]int64{1, 1, 2}, []int64{1, 2, 2}, false},
		{[]int64{1, 2}, []int64{1, 3}, false},
	}
	for _, tt := range tests {
		if got := sameMembers(tt.a, tt.b); got != tt.want {
			t.Errorf("sameMembers(%v, %v) = %t, want %t", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestMembersListSemanticEquals(t *testing.T) {
	ctx := context.Background()
	a := NewMembersListValue([]int64{3, 1, 2})
	for _, tt := range []struct {
		name  string
		other MembersList
		want  bool
	}{
		{"reordered", NewMembersListValue([]int64{1, 2, 3}), true},
		{"different", NewMembersListValue([]int64{1, 2, 4}), false},
		{"null", MembersList{ListValue: types.ListNull(types.Int64Type)}, false},
	} {
		got, diags := a.ListSemanticEquals(ctx, tt.other)
		if diags.HasError() || got != tt.want {
			t.Errorf("%s: ListSemanticEquals = %t (%v), want %t", tt.name, got, diags, tt.want)
		}
	}
	if a.Equal(NewMembersListValue([]int64{1, 2, 3})) {
		t.Error("Equal must stay order-sensitive (attr.Value contract)")
	}
}
