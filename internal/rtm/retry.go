package rtm

import (
	"context"
	"fmt"
	"time"
)

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

// retryError is the last attempt's error after retrying stopped, either
// because MaxRetries ran out (stop nil) or because the context ended.
type retryError struct {
	attempts int
	err      error
	stop     error
}

func (e *retryError) Error() string {
	plural := "s"
	if e.attempts == 1 {
		plural = ""
	}
	msg := fmt.Sprintf("%v (after %d attempt%s", e.err, e.attempts, plural)
	if e.stop != nil {
		msg += "; stopped: " + e.stop.Error()
	}
	return msg + ")"
}

func (e *retryError) Unwrap() []error {
	if e.stop == nil {
		return []error{e.err}
	}
	return []error{e.err, e.stop}
}

// sleepContext waits d or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
