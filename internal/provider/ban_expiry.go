package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// banStatus is what Read concludes about a ban in state.
type banStatus int

const (
	banActive  banStatus = iota // RTM says banned
	banLifted                   // not banned before it should have ended: lifted outside Terraform
	banExpired                  // not banned because its time ran out
)

// classifyBan decides a ban's status from isbanofgroup and the clock. A
// permanent ban (expiresAt nil) that is gone was always lifted.
func classifyBan(banned bool, expiresAt *time.Time, now time.Time) banStatus {
	switch {
	case banned:
		return banActive
	case expiresAt == nil || now.Before(*expiresAt):
		return banLifted
	default:
		return banExpired
	}
}

// banExpiry returns expires_at as a time, nil when null or unknown.
func banExpiry(v timetypes.RFC3339) (*time.Time, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	t, diags := v.ValueRFC3339Time()
	if diags.HasError() {
		return nil, diags
	}
	return &t, nil
}
