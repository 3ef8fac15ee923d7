package provider

import (
	"fmt"
	"math"
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

// banEndTolerance is how long before expires_at a ban that is gone still
// counts as expired: servers may round a ban's end to whole seconds, and
// expires_at is itself truncated to the second, so a ban can end up to
// about a second before it. A ban lifted by hand that close to its end
// changes nothing worth re-creating.
const banEndTolerance = 2 * time.Second

// classifyBan decides a ban's status from isbanofgroup and the clock. A
// permanent ban (expiresAt nil) that is gone was always lifted.
func classifyBan(banned bool, expiresAt *time.Time, now time.Time) banStatus {
	switch {
	case banned:
		return banActive
	case expiresAt == nil || now.Before(expiresAt.Add(-banEndTolerance)):
		return banLifted
	default:
		return banExpired
	}
}

// maxBanSeconds is the longest ban duration_seconds accepts: the RTM client
// sends btime as an int32 (about 68 years).
const maxBanSeconds = math.MaxInt32

// banDuration converts duration_seconds to a Duration. The schema keeps it
// within 1..maxBanSeconds; checking again here means a value that slipped
// past can never wrap time.Duration (past ~292 years it overflows into the
// past, which the server would take as a permanent ban).
func banDuration(seconds int64) (time.Duration, error) {
	if seconds < 1 || seconds > maxBanSeconds {
		return 0, fmt.Errorf("duration_seconds must be between 1 and %d, got %d", maxBanSeconds, seconds)
	}
	return time.Duration(seconds) * time.Second, nil
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
