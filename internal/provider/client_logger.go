package provider

import (
	"context"

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
	tflog.Debug(a.mask(ctx), msg, fields)
}

func (a tflogAdapter) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(a.mask(ctx), msg, fields)
}

func (a tflogAdapter) mask(ctx context.Context) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretLogFieldKeys...)
	return tflog.SetField(ctx, "component", "rtm_client")
}
