package provider

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

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
		Logger:         tflogAdapter{},
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
