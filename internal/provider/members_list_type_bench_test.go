package provider

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// BenchmarkMembersStateRoundTrip measures one tfsdk.State Set + Get of a
// member collection, the unit of work the framework repeats on every plan,
// apply and refresh. It compares the candidates for user_ids:
//
//	go test ./internal/provider/ -run '^$' -bench MembersStateRoundTrip -benchtime 3x
//
// The Set(Int64) candidate at 10,000 takes tens of seconds per iteration;
// it is skipped unless RTM_BENCH_SET10K=1.
func BenchmarkMembersStateRoundTrip(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		ids := make([]int64, n)
		for i := range ids {
			ids[i] = int64(i + 1)
		}
		b.Run(fmt.Sprintf("MembersList/%d", n), func(b *testing.B) {
			roundTrip(b, schema.ListAttribute{CustomType: NewMembersListType(), ElementType: types.Int64Type, Required: true},
				func() attr.Value { return NewMembersListValue(ids) }, func() any {
					return &struct {
						V MembersList `tfsdk:"v"`
					}{}
				})
		})
		b.Run(fmt.Sprintf("List/%d", n), func(b *testing.B) {
			roundTrip(b, schema.ListAttribute{ElementType: types.Int64Type, Required: true},
				func() attr.Value { return NewMembersListValue(ids).ListValue }, func() any {
					return &struct {
						V types.List `tfsdk:"v"`
					}{}
				})
		})
		b.Run(fmt.Sprintf("Set/%d", n), func(b *testing.B) {
			if n > 1000 && !benchSet10k() {
				b.Skip("set at 10,000 takes ~24 s per op; RTM_BENCH_SET10K=1 to run")
			}
			elems := NewMembersListValue(ids).Elements()
			roundTrip(b, schema.SetAttribute{ElementType: types.Int64Type, Required: true},
				func() attr.Value { return types.SetValueMust(types.Int64Type, elems) }, func() any {
					return &struct {
						V types.Set `tfsdk:"v"`
					}{}
				})
		})
	}
}

func roundTrip(b *testing.B, a schema.Attribute, value func() attr.Value, target func() any) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{"v": a}}
	v := value()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
		if d := st.SetAttribute(ctx, pathV, v); d.HasError() {
			b.Fatal(d)
		}
		if d := st.Get(ctx, target()); d.HasError() {
			b.Fatal(d)
		}
	}
}

var pathV = path.Root("v")

func benchSet10k() bool { return os.Getenv("RTM_BENCH_SET10K") == "1" }
