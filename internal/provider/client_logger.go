package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

var _ rtm.Logger = tflogAdapter{}

// secretLogFieldKeys are field names whose values are never logged, whatever
// they hold.
var secretLogFieldKeys = []string{"secret_key", "sign"}

// tflogAdapter sends the rtm client's log entries to Terraform's provider
// log (TF_LOG_PROVIDER). The client logs with the context of the resource
// operation that made the call, not the one Configure saw, so the masking
// is applied here on every entry rather than once in Configure.
//
// Only fields are masked, by key. The rtm client never logs the secret key
// or the sign; masking the secret's text wherever it appears would garble
// every line that happens to contain a short secret ("s" turns
// "addgroupmembers" into "addgroupmember***").
type tflogAdapter struct{}

func (a tflogAdapter) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(a.mask(ctx), msg, exactIntegers(fields))
}

func (a tflogAdapter) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(a.mask(ctx), msg, exactIntegers(fields))
}

// exactIntegers turns integer field values (group, user and project ids)
// into decimal strings. Provider log lines reach Terraform as JSON and are
// printed from float64, so 80000001 would read "8.0000001e+07".
func exactIntegers(fields map[string]any) map[string]any {
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		out[k] = exactInteger(v)
	}
	return out
}

func exactInteger(v any) any {
	switch n := v.(type) {
	case int:
		return strconv.Itoa(n)
	case int32:
		return strconv.FormatInt(int64(n), 10)
	case int64:
		return strconv.FormatInt(n, 10)
	case uint32:
		return strconv.FormatUint(uint64(n), 10)
	case uint64:
		return strconv.FormatUint(n, 10)
	default:
		return v
	}
}

func (a tflogAdapter) mask(ctx context.Context) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretLogFieldKeys...)
	return tflog.SetField(ctx, "component", "rtm_client")
}
