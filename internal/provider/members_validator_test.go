package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func validateMembers(t *testing.T, list types.List) []string {
	t.Helper()
	resp := &validator.ListResponse{}
	membersValidator{}.ValidateList(context.Background(), validator.ListRequest{Path: path.Root("user_ids"), ConfigValue: list}, resp)
	var out []string
	for _, d := range resp.Diagnostics {
		out = append(out, d.Summary()+": "+d.Detail())
	}
	return out
}

func TestMembersValidator(t *testing.T) {
	tests := []struct {
		name string
		list types.List
		want []string // substrings, one per diagnostic
	}{
		{"valid", NewMembersListValue([]int64{5, 1, 3}).ListValue, nil},
		{"empty", NewMembersListValue(nil).ListValue, nil},
		{"null", types.ListNull(types.Int64Type), nil},
		{"unknown", types.ListUnknown(types.Int64Type), nil},
		{"unknown element skipped", types.ListValueMust(types.Int64Type, []attr.Value{types.Int64Value(1), types.Int64Unknown()}), nil},
		{"null element", types.ListValueMust(types.Int64Type, []attr.Value{types.Int64Value(1), types.Int64Null()}),
			[]string{"Null User ID: Element 1 of the list is null, and a group member needs a user id: remove it, or wrap the list in compact()"}},
		{"zero", NewMembersListValue([]int64{1, 0}).ListValue, []string{"Invalid User ID: User ids must be at least 1, got 0"}},
		{"duplicate", NewMembersListValue([]int64{7, 8, 7}).ListValue, []string{"User id 7 appears more than once (indexes 0 and 2)"}},
		{"too many", NewMembersListValue(idRange(1, maxGroupMembers+1)).ListValue, []string{"at most 10000 members per group; this list has 10001"}},
		{"at the limit", NewMembersListValue(idRange(1, maxGroupMembers)).ListValue, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := validateMembers(t, tt.list)
			if len(got) != len(tt.want) {
				t.Fatalf("diagnostics %q, want %d", got, len(tt.want))
			}
			for i := range got {
				if !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("diagnostic %q does not contain %q", got[i], tt.want[i])
				}
			}
		})
	}
}

func TestMembersValidatorBoundsDiagnostics(t *testing.T) {
	ids := make([]int64, 1000)
	for i := range ids {
		ids[i] = 5
	}
	got := validateMembers(t, NewMembersListValue(ids).ListValue)
	if len(got) != maxMemberDiagnostics+1 || !strings.Contains(got[len(got)-1], "989 more") {
		t.Errorf("got %d diagnostics, last %q; want %d plus a summary of 989 more", len(got), got[len(got)-1], maxMemberDiagnostics)
	}
}

// A null element is reported on the element itself, so Terraform points at
// it in the configuration.
func TestMembersValidatorNullElementPath(t *testing.T) {
	resp := &validator.ListResponse{}
	list := types.ListValueMust(types.Int64Type, []attr.Value{types.Int64Value(1), types.Int64Value(2), types.Int64Null()})
	membersValidator{}.ValidateList(context.Background(), validator.ListRequest{Path: path.Root("user_ids"), ConfigValue: list}, resp)
	if len(resp.Diagnostics) != 1 {
		t.Fatalf("diagnostics %v, want one", resp.Diagnostics)
	}
	withPath, ok := resp.Diagnostics[0].(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root("user_ids").AtListIndex(2)) {
		t.Errorf("diagnostic %v is not on user_ids[2]", resp.Diagnostics[0])
	}
}
