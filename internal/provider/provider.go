// Package provider implements the rtm Terraform provider.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ provider.Provider = &RTMProvider{}

// RTMProvider is the rtm provider. The full configuration lands with the
// provider issue; this keeps main.go serving from the first commit.
type RTMProvider struct {
	version string
}

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &RTMProvider{version: version} }
}

func (p *RTMProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "rtm"
	resp.Version = p.version
}

func (p *RTMProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{}
}

func (p *RTMProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *RTMProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *RTMProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
