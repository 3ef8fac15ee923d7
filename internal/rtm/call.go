package rtm

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// payloadPool recycles quest buffers: fpnn copies the payload before Call returns.
var payloadPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

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
			return nil, err
		}
		if attempt > c.s.maxRetries {
			if attempt == 1 {
				return nil, err
			}
			return nil, &retryError{attempts: attempt, err: err}
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

// attempt signs and sends q once, bounded by RequestTimeout.
func (c *Client) attempt(ctx context.Context, q *quest, attempt int) ([]byte, error) {
	bufp := payloadPool.Get().(*[]byte)
	payload := appendQuestPayload((*bufp)[:0], c.s.projectID, c.s.secret, c.salts.next(), c.s.now().Unix(), q)

	attemptCtx, cancel := c.attemptContext(ctx)
	start := time.Now()
	answer, err := c.conn.Call(attemptCtx, q.method, payload)
	latency := time.Since(start)
	timedOut := err != nil && attemptCtx.Err() != nil && ctx.Err() == nil
	cancel()

	*bufp = payload
	payloadPool.Put(bufp)

	err = c.wrapError(q.method, err, timedOut)
	c.debugAttempt(ctx, q, attempt, latency, err)
	return answer, err
}

// attemptContext bounds one attempt by RequestTimeout, unless ctx already
// ends sooner (then the extra timer is pointless).
func (c *Client) attemptContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= c.s.requestTimeout {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, c.s.requestTimeout)
}

// wrapError turns what fpnn returned into the errors this package documents.
func (c *Client) wrapError(method string, err error, timedOut bool) error {
	if err == nil {
		return nil
	}
	var answer *fpnn.ErrorAnswer
	switch {
	case errors.As(err, &answer):
		return &Error{Method: method, Code: answer.Code, Ex: answer.Ex}
	case timedOut:
		return fmt.Errorf("rtm %s: no answer from %s within %s: %w", method, c.s.endpoint, c.s.requestTimeout, ErrRequestTimeout)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, fpnn.ErrClientClosed):
		return ErrClosed
	default:
		return fmt.Errorf("rtm %s: %w", method, err)
	}
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
