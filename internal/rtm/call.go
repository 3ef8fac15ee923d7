package rtm

import (
	"context"
	"fmt"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// call sends q and returns the decoded answer. Every attempt is paced by the
// rate limiter and signed afresh (new salt and ts); retryable failures are
// retried up to MaxRetries times, never sleeping past ctx's deadline.
func (c *Client) call(ctx context.Context, q *quest) (*fpnn.Params, error) {
	if c.closed.Load() {
		return nil, ErrClosed
	}
	var lastErr error
	for attempt := 1; ; attempt++ {
		if err := c.waitTurn(ctx); err != nil {
			return nil, c.stopped(q, attempt-1, lastErr, err)
		}
		answer, err := c.attempt(ctx, q, attempt)
		if err == nil {
			params, err := fpnn.DecodeParams(answer)
			if err != nil {
				return nil, malformed(q.method, err)
			}
			return params, nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, c.stopped(q, attempt, lastErr, ctxErr)
		}
		lastErr = err
		if !IsRetryable(err) {
			return nil, &retryError{attempts: attempt, err: err}
		}
		if attempt > c.s.maxRetries {
			return nil, &retryError{attempts: attempt, err: err, exhausted: true}
		}
		delay := c.backoff(err, attempt)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= delay {
			return nil, &retryError{attempts: attempt, err: err,
				stop: fmt.Errorf("next retry due in %s, after the context deadline: %w", delay.Round(time.Millisecond), context.DeadlineExceeded)}
		}
		c.warnRetry(ctx, q, attempt, delay, err)
		if err := c.sleep(ctx, delay); err != nil {
			return nil, c.stopped(q, attempt, lastErr, err)
		}
	}
}

// stopped builds the error for a call cut short by its context (or by a rate
// limiter wait that would outlast the deadline).
func (c *Client) stopped(q *quest, attempts int, lastErr, cause error) error {
	if lastErr == nil {
		return fmt.Errorf("rtm %s: %w", q.method, cause)
	}
	return &retryError{attempts: attempts, err: lastErr, stop: cause}
}

// waitTurn takes a token from the shared bucket.
func (c *Client) waitTurn(ctx context.Context) error {
	if c.limiter == nil {
		return ctx.Err()
	}
	if err := c.limiter.Wait(ctx); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return fmt.Errorf("waiting for the client rate limit would pass the context deadline: %w", context.DeadlineExceeded)
	}
	return nil
}
