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
var payloadPool = sync.Pool{New: func() any { return newPayloadBuf() }}

func newPayloadBuf() *[]byte { b := make([]byte, 0, 512); return &b }

// getPayloadBuf takes a buffer from payloadPool.
func getPayloadBuf() *[]byte {
	if bufp, ok := payloadPool.Get().(*[]byte); ok {
		return bufp
	}
	return newPayloadBuf() // unreachable: the pool holds only *[]byte
}

// attempt signs and sends q once, bounded by RequestTimeout.
func (c *Client) attempt(ctx context.Context, q *quest, attempt int) ([]byte, error) {
	bufp := getPayloadBuf()
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
	}
	if ce := connectionError(method, err); ce != nil {
		return ce
	}
	return fmt.Errorf("rtm %s: %w", method, err)
}
