// Package provider implements the rtm Terraform provider: RTM groups, their
// members and bans, managed through the RTM server-end API over FPNN.
package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
	ctx = tflog.SetField(ctx, "rtm_project_id", settings.projectID)
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretLogFieldKeys...)
	tflog.Debug(ctx, "Configuring the RTM client")

	client, diags := p.clientFor(settings)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	data := &providerData{client: client, clock: p.clock}
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

// clientSettings is the resolved provider configuration. It is comparable,
// so a repeated Configure with the same settings keeps the same client.
type clientSettings struct {
	endpoint             string
	projectID            int64
	secretKey            string
	requestTimeout       time.Duration
	connectTimeout       time.Duration
	maxRetries           int64
	maxRequestsPerSecond float64
	encryption           encryptionSettings
}

func (s clientSettings) rtmConfig() rtm.Config {
	cfg := rtm.Config{
		Endpoint:       s.endpoint,
		ProjectID:      s.projectID,
		SecretKey:      s.secretKey,
		ConnectTimeout: s.connectTimeout,
		RequestTimeout: s.requestTimeout,
		MaxRetries:     int(s.maxRetries),
		RateLimit:      s.maxRequestsPerSecond,
		Logger:         newTflogAdapter(s.secretKey),
		Encryption:     s.encryption.fpnnConfig(),
	}
	// The provider's 0 means "none"; the client's 0 means "default".
	if s.maxRetries == 0 {
		cfg.MaxRetries = -1
	}
	if s.maxRequestsPerSecond == 0 {
		cfg.RateLimit = -1
	}
	return cfg
}

// clientFor returns the provider's client, creating it on first use (or
// when the settings changed: the old client is closed).
func (p *RTMProvider) clientFor(s clientSettings) (*rtm.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.client != nil && p.settings == s {
		return p.client, diags
	}
	client, err := rtm.New(s.rtmConfig())
	if err != nil {
		diags.Append(rtmConfigErrorDiag(err))
		return nil, diags
	}
	if p.client != nil {
		_ = p.client.Close()
	}
	p.client, p.settings = client, s
	return client, diags
}

// rtmConfigErrorDiag points a config the client refused at the attribute
// it came from. resolveSettings checks the same rules first, so this is a
// backstop.
func rtmConfigErrorDiag(err error) diag.Diagnostic {
	var cfgErr *rtm.ConfigError
	attribute := map[string]string{
		"Endpoint":       "endpoint",
		"ProjectID":      "project_id",
		"SecretKey":      "secret_key",
		"ConnectTimeout": "connect_timeout",
		"RequestTimeout": "request_timeout",
		"MaxRetries":     "max_retries",
		"RateLimit":      "max_requests_per_second",
		"Encryption":     "encryption",
	}
	if errors.As(err, &cfgErr) {
		if name, ok := attribute[cfgErr.Field]; ok {
			return diag.NewAttributeErrorDiagnostic(path.Root(name), "Invalid RTM Provider Configuration",
				fmt.Sprintf("The %s setting is invalid: %s. Fix it in the provider configuration.", name, cfgErr.Reason))
		}
	}
	return diag.NewErrorDiagnostic("Unable to Create RTM Client",
		"The RTM client could not be created from the provider configuration.\n\nOriginal Error: "+err.Error())
}

// providerDataFrom is the Configure step of every resource and data source:
// nil before the provider is configured (Terraform calls Configure early),
// *providerData after.
func providerDataFrom(data any, kind string) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics
	if data == nil {
		return nil, diags
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.Append(unexpectedProviderDataDiag(kind, data))
		return nil, diags
	}
	return pd, diags
}

// resolveSettings applies the hashicups precedence: unknown values are
// errors, environment variables are defaults, the configuration overrides
// them, and whatever is still missing or invalid is an error on the
// attribute it belongs to, saying how to fix it.
func (p *RTMProvider) resolveSettings(config rtmProviderModel) (clientSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := clientSettings{
		requestTimeout:       defaultRequestTimeout,
		connectTimeout:       defaultConnectTimeout,
		maxRetries:           defaultMaxRetries,
		maxRequestsPerSecond: defaultMaxRequestsPerSecond,
	}
	if checkKnown(config, &diags); diags.HasError() {
		return s, diags
	}

	s.endpoint = p.resolveEndpoint(config.Endpoint, &diags)
	s.projectID = p.resolveProjectID(config.ProjectID, &diags)
	s.secretKey = p.resolveSecretKey(config.SecretKey, &diags)

	var err error
	if s.requestTimeout, err = durationSetting(config.RequestTimeout, defaultRequestTimeout); err != nil {
		diags.AddAttributeError(path.Root("request_timeout"), "Invalid Request Timeout", err.Error())
	}
	if s.connectTimeout, err = durationSetting(config.ConnectTimeout, defaultConnectTimeout); err != nil {
		diags.AddAttributeError(path.Root("connect_timeout"), "Invalid Connect Timeout", err.Error())
	}
	if !config.MaxRetries.IsNull() {
		s.maxRetries = config.MaxRetries.ValueInt64()
	}
	if !config.MaxRequestsPerSecond.IsNull() {
		s.maxRequestsPerSecond = config.MaxRequestsPerSecond.ValueFloat64()
	}
	return s, diags
}

// checkKnown reports every setting whose value is not known yet: the client
// cannot be built from a value that only exists after apply.
func checkKnown(config rtmProviderModel, diags *diag.Diagnostics) {
	unknown := map[string]bool{
		"endpoint":                config.Endpoint.IsUnknown(),
		"project_id":              config.ProjectID.IsUnknown(),
		"secret_key":              config.SecretKey.IsUnknown(),
		"request_timeout":         config.RequestTimeout.IsUnknown(),
		"connect_timeout":         config.ConnectTimeout.IsUnknown(),
		"max_retries":             config.MaxRetries.IsUnknown(),
		"max_requests_per_second": config.MaxRequestsPerSecond.IsUnknown(),
	}
	for _, name := range providerAttributeOrder {
		if unknown[name] {
			diags.AddAttributeError(path.Root(name), "Unknown RTM "+providerAttributeTitle[name],
				fmt.Sprintf("The provider cannot create the RTM client because %s is not known until apply. "+
					"Set it statically in the configuration%s, or apply the resource it depends on first (terraform apply -target=...).",
					name, envHint(name)))
		}
	}
}

// resolveEndpoint reads endpoint from the configuration or RTM_ENDPOINT.
func (p *RTMProvider) resolveEndpoint(configured types.String, diags *diag.Diagnostics) string {
	endpoint := p.getenv(envEndpoint)
	if !configured.IsNull() {
		endpoint = configured.ValueString()
	}
	if endpoint == "" {
		diags.AddAttributeError(path.Root("endpoint"), "Missing RTM Endpoint",
			"The provider cannot create the RTM client because the endpoint is not set. Set endpoint in the provider "+
				"configuration or the "+envEndpoint+" environment variable to the host:port of the RTM server-end gate, "+
				"e.g. \"rtm-nx-back.ilivedata.com:13315\".")
		return ""
	}
	if err := checkEndpoint(endpoint); err != nil {
		diags.AddAttributeError(path.Root("endpoint"), "Invalid RTM Endpoint",
			fmt.Sprintf("The endpoint (from the configuration or %s) is invalid: %s.", envEndpoint, err))
		return ""
	}
	return endpoint
}

// resolveSecretKey reads secret_key from the configuration or RTM_SECRET_KEY.
func (p *RTMProvider) resolveSecretKey(configured types.String, diags *diag.Diagnostics) string {
	secret := p.getenv(envSecretKey)
	if !configured.IsNull() {
		secret = configured.ValueString()
	}
	if secret == "" {
		diags.AddAttributeError(path.Root("secret_key"), "Missing RTM Secret Key",
			"The provider cannot create the RTM client because the secret key is not set. Set the "+envSecretKey+
				" environment variable (recommended) or secret_key in the provider configuration to the project's "+
				"server secret key from the RTM console.")
	}
	return secret
}

// resolveProjectID reads project_id from the configuration or, when it is
// not set there, from RTM_PROJECT_ID. It returns 0 after adding an error.
func (p *RTMProvider) resolveProjectID(configured types.Int64, diags *diag.Diagnostics) int64 {
	id, source := configured.ValueInt64(), "project_id"
	if configured.IsNull() {
		raw := p.getenv(envProjectID)
		if raw == "" {
			diags.AddAttributeError(path.Root("project_id"), "Missing RTM Project ID",
				"The provider cannot create the RTM client because the project id is not set. Set project_id in the "+
					"provider configuration or the "+envProjectID+" environment variable to the project id from the RTM console.")
			return 0
		}
		parsed, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			diags.AddAttributeError(path.Root("project_id"), "Invalid RTM Project ID",
				fmt.Sprintf("The %s environment variable is %q, which is not a whole number. Set it to the numeric "+
					"project id from the RTM console (1 to %d), or set project_id in the provider configuration.",
					envProjectID, raw, rtm.MaxProjectID))
			return 0
		}
		id, source = parsed, "the "+envProjectID+" environment variable"
	}
	if id < 1 || id > rtm.MaxProjectID {
		diags.AddAttributeError(path.Root("project_id"), "Invalid RTM Project ID",
			fmt.Sprintf("The project id from %s is %d, but RTM project ids are between 1 and %d. "+
				"Copy the project id from the RTM console.", source, id, rtm.MaxProjectID))
		return 0
	}
	return id
}

// providerAttributeOrder keeps diagnostics in schema order.
var providerAttributeOrder = []string{
	"endpoint", "project_id", "secret_key", "request_timeout", "connect_timeout", "max_retries", "max_requests_per_second",
}

var providerAttributeTitle = map[string]string{
	"endpoint":                "Endpoint",
	"project_id":              "Project ID",
	"secret_key":              "Secret Key",
	"request_timeout":         "Request Timeout",
	"connect_timeout":         "Connect Timeout",
	"max_retries":             "Max Retries",
	"max_requests_per_second": "Max Requests Per Second",
}

func envHint(name string) string {
	switch name {
	case "endpoint":
		return " or use the " + envEndpoint + " environment variable"
	case "project_id":
		return " or use the " + envProjectID + " environment variable"
	case "secret_key":
		return " or use the " + envSecretKey + " environment variable"
	}
	return ""
}

// durationSetting parses a Go duration attribute, or returns def when it is
// not set.
func durationSetting(v types.String, def time.Duration) (time.Duration, error) {
	if v.IsNull() {
		return def, nil
	}
	return parsePositiveDuration(v.ValueString())
}

func parsePositiveDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration; use a Go duration such as \"30s\", \"1m30s\" or \"500ms\"", s)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be longer than zero, e.g. \"30s\"", s)
	}
	return d, nil
}

// checkEndpoint accepts host:port with a non-empty host and a port number,
// the form RTM's consoles and SDKs use. Schemes and paths are refused with
// a hint, as "tcp://host:13315" otherwise passes net.SplitHostPort.
func checkEndpoint(endpoint string) error {
	host, port, err := net.SplitHostPort(endpoint)
	if err != nil || host == "" || strings.ContainsAny(host, "/ ") {
		return fmt.Errorf("%q is not host:port; write it as host:port without a scheme or path, e.g. \"rtm-nx-back.ilivedata.com:13315\"", endpoint)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("%q: the port must be a number between 1 and 65535, e.g. \"rtm-nx-back.ilivedata.com:13315\"", endpoint)
	}
	return nil
}

// endpointValidator checks endpoint at plan time when it is written in the
// configuration; values from RTM_ENDPOINT are checked in Configure.
type endpointValidator struct{}

var _ validator.String = endpointValidator{}

func (endpointValidator) Description(context.Context) string {
	return "value must be host:port, e.g. rtm-nx-back.ilivedata.com:13315"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid RTM Endpoint", "The endpoint is invalid: "+err.Error()+".")
	}
}

// durationValidator checks a Go duration string at plan time.
type durationValidator struct{}

var _ validator.String = durationValidator{}

func (durationValidator) Description(context.Context) string {
	return "value must be a positive Go duration, e.g. 30s or 1m30s"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parsePositiveDuration(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Duration", fmt.Sprintf("%s is invalid: %s.", req.Path, err))
	}
}
