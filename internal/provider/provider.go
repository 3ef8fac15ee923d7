// Package provider implements the rtm Terraform provider: RTM groups, their
// members and bans, managed through the RTM server-end API over FPNN.
package provider

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

var _ provider.Provider = &RTMProvider{}

// Environment variables read when the matching attribute is not set.
const (
	envEndpoint  = "RTM_ENDPOINT"
	envProjectID = "RTM_PROJECT_ID"
	envSecretKey = "RTM_SECRET_KEY"
)

// Defaults for the optional settings (provider schemas cannot declare
// defaults, so Configure applies them).
const (
	defaultRequestTimeout       = 30 * time.Second
	defaultConnectTimeout       = 10 * time.Second
	defaultMaxRetries           = 3
	defaultMaxRequestsPerSecond = 100.0
	maxMaxRetries               = 20
)

// RTMProvider is the rtm provider. It owns one rtm.Client, created by the
// first Configure and shared by every resource and data source.
type RTMProvider struct {
	version string
	clock   clock.Clock
	getenv  func(string) string // os.Getenv; tests substitute a map so they can run in parallel

	mu       sync.Mutex
	client   *rtm.Client
	settings clientSettings // what client was built from
}

// providerData is what Configure hands to resources and data sources
// (as *providerData in resp.ResourceData / resp.DataSourceData).
type providerData struct {
	client *rtm.Client
	clock  clock.Clock
	owners *groupOwners // who manages each group's members in this run's plan
}

// rtmProviderModel is the provider block.
type rtmProviderModel struct {
	Endpoint             types.String  `tfsdk:"endpoint"`
	ProjectID            types.Int64   `tfsdk:"project_id"`
	SecretKey            types.String  `tfsdk:"secret_key"`
	RequestTimeout       types.String  `tfsdk:"request_timeout"`
	ConnectTimeout       types.String  `tfsdk:"connect_timeout"`
	MaxRetries           types.Int64   `tfsdk:"max_retries"`
	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
	Encryption           types.Object  `tfsdk:"encryption"` // encryption.go
}

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return NewWithClock(version, clock.Real{})
}

// NewWithClock is New with an injected clock, so tests can move time (ban
// expiry) without sleeping.
func NewWithClock(version string, clk clock.Clock) func() provider.Provider {
	return func() provider.Provider { return newRTMProvider(version, clk, os.Getenv) }
}

func newRTMProvider(version string, clk clock.Clock, getenv func(string) string) *RTMProvider {
	if clk == nil {
		clk = clock.Real{}
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	return &RTMProvider{version: version, clock: clk, getenv: getenv}
}

func (p *RTMProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "rtm"
	resp.Version = p.version
}

func (p *RTMProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages [RTM](https://www.ilivedata.com/) (LiveData real-time messaging) groups, their members " +
			"and bans through the RTM server-end API (FPNN over TCP). Every resource and data source of one provider " +
			"block shares one connection, signed with the project's secret key.",
		Attributes: map[string]schema.Attribute{
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "RTM server-end gate as `host:port`, e.g. `rtm-nx-back.ilivedata.com:13315`. " +
					"May also be set with the `" + envEndpoint + "` environment variable.",
				Optional:   true,
				Validators: []validator.String{endpointValidator{}},
			},
			"project_id": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("RTM project id (1 to %d), from the RTM console. "+
					"May also be set with the `%s` environment variable.", rtm.MaxProjectID, envProjectID),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, rtm.MaxProjectID)},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "Server secret key of the project, from the RTM console; it signs every request and is " +
					"never logged. May also be set with the `" + envSecretKey + "` environment variable (recommended, " +
					"so the key stays out of configuration files).",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "How long one attempt of a request waits for its answer, as a Go duration " +
					"(`30s`, `1m`). Defaults to `" + defaultRequestTimeout.String() + "`.",
				Optional:   true,
				Validators: []validator.String{durationValidator{}},
			},
			"connect_timeout": schema.StringAttribute{
				MarkdownDescription: "How long connecting to the endpoint may take, as a Go duration (`10s`). " +
					"Defaults to `" + defaultConnectTimeout.String() + "`.",
				Optional:   true,
				Validators: []validator.String{durationValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a failed request is retried (connection loss, timeout, "+
					"rate limiting), with exponential backoff; every RTM group call is idempotent, so retrying is safe. "+
					"`0` disables retries. Defaults to `%d`, at most %d.", defaultMaxRetries, maxMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, maxMaxRetries)},
			},
			"max_requests_per_second": schema.Float64Attribute{
				MarkdownDescription: fmt.Sprintf("Client-side rate limit shared by every request of this provider block, "+
					"to stay under the project's RTM rate limit (error 200010). `0` disables the limit. Defaults to `%g`.",
					defaultMaxRequestsPerSecond),
				Optional:   true,
				Validators: []validator.Float64{float64validator.AtLeast(0)},
			},
			"encryption": encryptionSchemaAttribute(),
		},
	}
}

func (p *RTMProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config rtmProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	settings, diags := p.resolveSettings(config)
	settings.encryption = p.resolveEncryption(ctx, config.Encryption, &diags)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = tflog.SetField(ctx, "rtm_endpoint", settings.endpoint)
	ctx = tflog.SetField(ctx, "rtm_project_id", exactInteger(settings.projectID))
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretLogFieldKeys...)
	tflog.Debug(ctx, "Configuring the RTM client")

	client, diags := p.clientFor(settings)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	data := &providerData{client: client, clock: p.clock, owners: newGroupOwners()}
	resp.ResourceData = data
	resp.DataSourceData = data
	tflog.Info(ctx, "Configured the RTM client")
}

func (p *RTMProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewGroupResource,
		NewGroupMembershipResource,
		NewGroupMemberResource,
		NewGroupBanResource,
	}
}

func (p *RTMProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewUserGroupsDataSource,
		NewGroupDataSource,
	}
}
