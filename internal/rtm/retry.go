package rtm

import (
	"context"
	"errors"
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

// retryError is the last attempt's error of a call that made at least one
// attempt: retrying stopped because the error is not retryable, because
// MaxRetries ran out (exhausted), or because the context ended (stop).
type retryError struct {
	attempts  int
	err       error
	stop      error
	exhausted bool
}

func (e *retryError) Error() string {
	if e.attempts <= 1 && e.stop == nil {
		return e.err.Error()
	}
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

// Attempts reports how many attempts the failed call in err made and
// whether it failed because retrying ran out: the last attempt failed with a
// retryable error (IsRetryable) and MaxRetries retries had been made.
// exhausted is false when the last error was not retryable or when the
// context ended (or would have ended before the next retry was due). For a
// *BatchError it describes the chunk in Err. n is 0 when err records no
// attempt: nil, a configuration error, a malformed answer, or a call that
// ended (context, Close) before its first attempt.
func Attempts(err error) (n int, exhausted bool) {
	var re *retryError
	if errors.As(err, &re) {
		return re.attempts, re.exhausted
	}
	return 0, false
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
