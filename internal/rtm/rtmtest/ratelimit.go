package rtmtest

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// rateLimits is one token bucket per project (RTM limits calls per project,
// PROTOCOL.md §7). Buckets are fed by AuthClock, so a fake AuthClock
// makes refills deterministic in tests.
type rateLimits struct {
	mu        sync.Mutex
	perSecond float64 // 0 = unlimited
	buckets   map[int64]*rate.Limiter
}

func newRateLimits(perSecond float64) *rateLimits {
	return &rateLimits{perSecond: perSecond, buckets: map[int64]*rate.Limiter{}}
}

// allow takes one token from pid's bucket.
func (r *rateLimits) allow(pid int64, now time.Time) bool {
	r.mu.Lock()
	if r.perSecond <= 0 {
		r.mu.Unlock()
		return true
	}
	b := r.buckets[pid]
	if b == nil {
		b = rate.NewLimiter(rate.Limit(r.perSecond), burstFor(r.perSecond))
		r.buckets[pid] = b
	}
	r.mu.Unlock()
	return b.AllowN(now, 1)
}

// set changes the rate; buckets start full again.
func (r *rateLimits) set(perSecond float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.perSecond = max(perSecond, 0)
	r.buckets = map[int64]*rate.Limiter{}
}

// burstFor allows one second's worth of calls at once (at least one).
func burstFor(perSecond float64) int {
	return int(max(1, math.Ceil(perSecond)))
}

// SetRateLimit changes the per-project rate limit (calls per second, 0 =
// unlimited) while the server runs.
func (s *Server) SetRateLimit(perSecond float64) { s.limits.set(perSecond) }
