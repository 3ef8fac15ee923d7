package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
)

func TestUnitSchemasAreValid(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	var providerSchema provider.SchemaResponse
	newRTMProvider("test", nil, nil).Schema(ctx, provider.SchemaRequest{}, &providerSchema)
	reportDiags(t, "provider", append(providerSchema.Diagnostics, providerSchema.Schema.ValidateImplementation(ctx)...))

	var groupSchema fwresource.SchemaResponse
	NewGroupResource().Schema(ctx, fwresource.SchemaRequest{}, &groupSchema)
	reportDiags(t, "rtm_group", append(groupSchema.Diagnostics, groupSchema.Schema.ValidateImplementation(ctx)...))

	for name, ds := range map[string]datasource.DataSource{
		"data rtm_user_groups": NewUserGroupsDataSource(),
		"data rtm_group":       NewGroupDataSource(),
	} {
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		reportDiags(t, name, append(resp.Diagnostics, resp.Schema.ValidateImplementation(ctx)...))
	}
}

func reportDiags(t *testing.T, what string, diags diag.Diagnostics) {
	t.Helper()
	for _, d := range diags {
		t.Errorf("%s: %s: %s", what, d.Summary(), d.Detail())
	}
}

func TestUnitProviderDataFrom(t *testing.T) {
	t.Parallel()
	if data, diags := providerDataFrom(nil, "Resource"); data != nil || diags.HasError() {
		t.Errorf("providerDataFrom(nil) = %v, %v; want nil and no error (provider not configured yet)", data, diags)
	}
	want := &providerData{}
	if data, diags := providerDataFrom(want, "Resource"); data != want || diags.HasError() {
		t.Errorf("providerDataFrom(*providerData) = %v, %v; want the same pointer", data, diags)
	}
	_, diags := providerDataFrom("not provider data", "Data Source")
	if !diags.HasError() || diags[0].Summary() != "Unexpected Data Source Configure Type" ||
		!strings.Contains(diags[0].Detail(), "got: string. Please report this issue to the provider developers") {
		t.Errorf("providerDataFrom(string) diagnostics = %v", diags)
	}
}
