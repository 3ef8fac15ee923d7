package rtm

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

type script = []func(context.Context) ([]byte, error)

func TestAttemptsTellsWhetherRetriesRanOut(t *testing.T) {
	for name, tc := range map[string]struct {
		cfg           Config
		script        script
		fallback      func(context.Context) ([]byte, error)
		wantN         int
		wantExhausted bool
	}{
		"drops until MaxRetries": {cfg: Config{MaxRetries: 2}, fallback: answerDrop, wantN: 3, wantExhausted: true},
		"rate limited until MaxRetries": {cfg: Config{MaxRetries: 1},
			fallback: answerCode(CodeFrequencyLimited), wantN: 2, wantExhausted: true},
		"no retries configured": {cfg: Config{MaxRetries: -1}, fallback: answerDrop, wantN: 1, wantExhausted: true},
		"not retryable at once": {cfg: Config{MaxRetries: 3},
			fallback: answerCode(CodeInvalidPidOrSign), wantN: 1},
		"not retryable after a retry": {cfg: Config{MaxRetries: 3},
			script: script{answerDrop}, fallback: answerCode(CodeInvalidPidOrSign), wantN: 2},
	} {
		t.Run(name, func(t *testing.T) {
			tr := &scriptedTransport{script: tc.script, fallback: tc.fallback}
			c, _ := newScriptedClient(t, tc.cfg, tr)
			err := c.DelGroup(context.Background(), 1)
			n, exhausted := Attempts(err)
			if err == nil || n != tc.wantN || exhausted != tc.wantExhausted || n != tr.calls() {
				t.Fatalf("Attempts(%v) = %d, %v; want %d, %v (%d quests sent)", err, n, exhausted, tc.wantN, tc.wantExhausted, tr.calls())
			}
			// The batch error of a member-list call carries it too.
			tr = &scriptedTransport{script: tc.script, fallback: tc.fallback}
			c, _ = newScriptedClient(t, tc.cfg, tr)
			err = c.AddGroupMembers(context.Background(), 1, []int64{1, 2})
			if n, exhausted := Attempts(err); n != tc.wantN || exhausted != tc.wantExhausted {
				t.Fatalf("batch: Attempts(%v) = %d, %v; want %d, %v", err, n, exhausted, tc.wantN, tc.wantExhausted)
			}
		})
	}
}

func TestAttemptsWhenTheContextEnds(t *testing.T) {
	tr := &scriptedTransport{fallback: answerCode(CodeFrequencyLimited)}
	c, _ := newScriptedClient(t, Config{MaxRetries: 10}, tr)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := c.DelGroup(ctx, 1) // the 4th backoff (2s) would pass the deadline
	if n, exhausted := Attempts(err); n != tr.calls() || n == 0 || exhausted {
		t.Fatalf("Attempts(%v) = %d, %v; want %d attempts, not exhausted", err, n, exhausted, tr.calls())
	}

	cancelled, cancelNow := context.WithCancel(context.Background())
	cancelNow()
	if n, exhausted := Attempts(c.DelGroup(cancelled, 1)); n != 0 || exhausted {
		t.Fatalf("call that never made an attempt: Attempts = %d, %v", n, exhausted)
	}
	if n, exhausted := Attempts(nil); n != 0 || exhausted {
		t.Fatalf("Attempts(nil) = %d, %v", n, exhausted)
	}
}

func TestConnectionErrorNamesEndpointAndCause(t *testing.T) {
	tr := &scriptedTransport{fallback: func(context.Context) ([]byte, error) {
		return nil, &fpnn.ConnError{Op: "read", Endpoint: "127.0.0.1:13315", Err: io.EOF}
	}}
	c, _ := newScriptedClient(t, Config{MaxRetries: -1}, tr)
	_, err := c.GetGroupCount(context.Background(), 1)
	var ce *ConnectionError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v (%T), want a *rtm.ConnectionError", err, err)
	}
	if ce.Method != "getgroupcount" || ce.Op != "read" || ce.Endpoint != "127.0.0.1:13315" || ce.Cause != io.EOF {
		t.Fatalf("ConnectionError = %+v", *ce)
	}
	var fe *fpnn.ConnError
	if !errors.As(err, &fe) || !errors.Is(err, fpnn.ErrConnectionClosed) || !errors.Is(err, io.EOF) || !IsConnectionError(err) {
		t.Fatalf("err = %v: the fpnn error must stay reachable", err)
	}
	const want = "rtm getgroupcount: fpnn: read 127.0.0.1:13315: connection closed: EOF"
	if err.Error() != want {
		t.Fatalf("message %q, want %q", err.Error(), want)
	}
}

// A key mismatch (the server's first frame does not decrypt) is a
// connection error, but retrying cannot fix it.
func TestKeyMismatchIsNotRetried(t *testing.T) {
	mismatch := func(context.Context) ([]byte, error) {
		return nil, &fpnn.ConnError{Op: "read", Endpoint: "127.0.0.1:13315",
			Err: errors.Join(fpnn.ErrKeyExchangeFailed, fpnn.ErrKeyMismatch)}
	}
	tr := &scriptedTransport{fallback: mismatch}
	c, _ := newScriptedClient(t, Config{MaxRetries: 3}, tr)
	err := c.DelGroup(context.Background(), 1)
	if tr.calls() != 1 || IsRetryable(err) || !IsConnectionError(err) || !errors.Is(err, ErrKeyMismatch) {
		t.Fatalf("err = %v after %d quests; want one attempt, not retryable", err, tr.calls())
	}
}

func TestInfoTooLargeIsAParameterError(t *testing.T) {
	err := &Error{Method: "setgroupinfo", Code: CodeInfoTooLarge}
	if !IsInfoTooLarge(err) || !IsParameterError(err) || IsRetryable(err) {
		t.Fatalf("200030: IsInfoTooLarge %v IsParameterError %v IsRetryable %v", IsInfoTooLarge(err), IsParameterError(err), IsRetryable(err))
	}
}
