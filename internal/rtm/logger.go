package rtm

import (
	"context"
	"errors"
	"time"
)

// Logger receives one Debug entry per quest attempt (method, gid, attempt,
// latency, result code) and one Warn entry per retry. Fields never contain
// the secret key or the sign.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// Result codes logged for failures that are not error answers, borrowed from
// FPNN's own codes for the same conditions.
const (
	logCodeConnection = CodeFPNNConnClosed
	logCodeTimeout    = CodeFPNNTimeout
	logCodeCancelled  = 20015
	logCodeOther      = 20001
)

// resultCode is the code logged for an attempt's outcome.
func resultCode(err error) int {
	var answer *Error
	switch {
	case err == nil:
		return 0
	case errors.As(err, &answer):
		return answer.Code
	case errors.Is(err, ErrRequestTimeout):
		return logCodeTimeout
	case errors.Is(err, errConnectionClosed):
		return logCodeConnection
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return logCodeCancelled
	default:
		return logCodeOther
	}
}

// logFields describes q for a log entry: never the payload, so never the sign.
func logFields(q *quest, attempt int) map[string]any {
	f := map[string]any{"method": q.method, "attempt": attempt}
	if q.has(withGID) {
		f["gid"] = q.gid
	}
	if q.has(withUID) {
		f["uid"] = q.uid
	}
	if q.has(withUIDs) {
		f["uids"] = len(q.uids)
	}
	return f
}

func (c *Client) debugAttempt(ctx context.Context, q *quest, attempt int, latency time.Duration, err error) {
	if c.s.logger == nil {
		return
	}
	f := logFields(q, attempt)
	f["latency_ms"] = float64(latency.Microseconds()) / 1000
	f["code"] = resultCode(err)
	if err != nil {
		f["error"] = err.Error()
	}
	c.s.logger.Debug(ctx, "rtm quest", f)
}

func (c *Client) warnRetry(ctx context.Context, q *quest, attempt int, delay time.Duration, err error) {
	if c.s.logger == nil {
		return
	}
	f := logFields(q, attempt)
	f["code"] = resultCode(err)
	f["error"] = err.Error()
	f["retry_in_ms"] = delay.Milliseconds()
	c.s.logger.Warn(ctx, "rtm quest failed, retrying", f)
}
