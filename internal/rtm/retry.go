package rtm

import "time"

// Backoff schedule: exponential with "equal jitter" (a delay d is drawn from
// [d/2, d)), so callers rate limited together do not retry in lockstep.
const (
	// RTM counts calls per second; waiting a quarter of a second or more lets
	// the window move on.
	rateLimitedBackoff = 250 * time.Millisecond
	// A dropped connection is redialled by the next attempt; a short pause
	// keeps a restarting server from being hammered.
	connectionBackoff = 50 * time.Millisecond
	maxBackoff        = 5 * time.Second
)

// backoff returns how long to wait before retry number attempt (1-based)
// after err.
func (c *Client) backoff(err error, attempt int) time.Duration {
	base := connectionBackoff
	switch CodeOf(err) {
	case CodeSameSign:
		return 0 // a fresh salt and ts make a new sign; nothing to wait for
	case CodeFrequencyLimited:
		base = rateLimitedBackoff
	}
	d := base << min(attempt-1, 16)
	if d <= 0 || d > maxBackoff {
		d = maxBackoff
	}
	half := int64(d / 2)
	return time.Duration(half + c.jitter(half))
}
