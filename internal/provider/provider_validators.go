package provider

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// parsePositiveDuration parses a Go duration that must be longer than zero,
// with errors that show the expected form.
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
