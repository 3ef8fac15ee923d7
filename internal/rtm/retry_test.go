package rtm

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

func TestRetryRateLimitedBacksOffExponentially(t *testing.T) {
	tr := &scriptedTransport{script: []func(context.Context) ([]byte, error){
		answerCode(CodeFrequencyLimited), answerCode(CodeFrequencyLimited), answerCode(CodeFrequencyLimited), answerEmpty,
	}}
	c, slept := newScriptedClient(t, Config{MaxRetries: 3}, tr)
	if err := c.DelGroup(context.Background(), 1); err != nil {
		t.Fatalf("DelGroup = %v, want success on the 4th attempt", err)
	}
	if tr.calls() != 4 {
		t.Fatalf("sent %d quests, want 4", tr.calls())
	}
	// Longest jitter: just under 250ms, 500ms, 1s.
	want := []time.Duration{250*time.Millisecond - 1, 500*time.Millisecond - 1, time.Second - 1}
	for i, d := range *slept {
		if i >= len(want) || d != want[i] {
			t.Fatalf("slept %v, want %v", *slept, want)
		}
	}
	if len(*slept) != len(want) {
		t.Fatalf("slept %v, want %v", *slept, want)
	}
}

func TestRetryJitterStaysInUpperHalf(t *testing.T) {
	c, _ := newScriptedClient(t, Config{}, &scriptedTransport{})
	c.jitter = func(int64) int64 { return 0 }
	rateLimited := &Error{Code: CodeFrequencyLimited}
	if d := c.backoff(rateLimited, 1); d != rateLimitedBackoff/2 {
		t.Fatalf("shortest first backoff = %v, want %v", d, rateLimitedBackoff/2)
	}
	if d := c.backoff(rateLimited, 40); d != maxBackoff/2 {
		t.Fatalf("shortest backoff after many attempts = %v, want %v (capped)", d, maxBackoff/2)
	}
}

func TestRetrySameSignResendsAtOnceWithFreshSign(t *testing.T) {
	tr := &scriptedTransport{script: []func(context.Context) ([]byte, error){answerCode(CodeSameSign), answerEmpty}}
	c, slept := newScriptedClient(t, Config{}, tr)
	if err := c.DelGroup(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	if len(*slept) != 1 || (*slept)[0] != 0 {
		t.Fatalf("slept %v before re-signing, want one zero wait", *slept)
	}
	first, second := decodeSent(t, tr.sent[0]), decodeSent(t, tr.sent[1])
	if first.salt == second.salt || first.sign == second.sign {
		t.Fatalf("resent with the same salt/sign: %+v then %+v", first, second)
	}
}

func TestRetryStopsAtOnceOnNonRetryableErrors(t *testing.T) {
	for _, code := range []int{CodeInvalidPidOrSign, CodeTooManyItems, CodeEmptyParameter, CodeFPNNKeyNotFound, CodeInvalidServerTime} {
		tr := &scriptedTransport{fallback: answerCode(code)}
		c, slept := newScriptedClient(t, Config{MaxRetries: 5}, tr)
		err := c.DelGroup(context.Background(), 1)
		if CodeOf(err) != code || tr.calls() != 1 || len(*slept) != 0 {
			t.Errorf("code %d: err %v after %d quests and %d sleeps; want the error after 1 quest", code, err, tr.calls(), len(*slept))
		}
	}
}

func TestRetryGivesUpAfterMaxRetries(t *testing.T) {
	tr := &scriptedTransport{fallback: answerDrop}
	c, _ := newScriptedClient(t, Config{MaxRetries: 2}, tr)
	err := c.DelGroup(context.Background(), 1)
	if tr.calls() != 3 {
		t.Fatalf("sent %d quests, want 1 + 2 retries", tr.calls())
	}
	if !errors.Is(err, fpnn.ErrConnectionClosed) || !IsRetryable(err) {
		t.Fatalf("err = %v; want the connection error, still marked retryable", err)
	}

	tr = &scriptedTransport{fallback: answerDrop}
	c, _ = newScriptedClient(t, Config{MaxRetries: -1}, tr)
	_ = c.DelGroup(context.Background(), 1)
	if tr.calls() != 1 {
		t.Fatalf("MaxRetries -1 sent %d quests, want 1", tr.calls())
	}
}

func TestRetryNeverSleepsPastTheDeadline(t *testing.T) {
	tr := &scriptedTransport{fallback: answerCode(CodeFrequencyLimited)}
	c, slept := newScriptedClient(t, Config{MaxRetries: 20}, tr)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := c.DelGroup(ctx, 1)
	var total time.Duration
	for _, d := range *slept {
		total += d
	}
	// Sleeps are recorded, not slept: 250+500+1000 ms fit in 2s, 2s does not.
	if len(*slept) != 3 || total >= 2*time.Second {
		t.Fatalf("slept %v (total %v) under a 2s deadline", *slept, total)
	}
	if !errors.Is(err, context.DeadlineExceeded) || !IsRateLimited(err) {
		t.Fatalf("err = %v; want both the deadline and the 200010 answer", err)
	}
}

func TestRetryAttemptTimeoutIsRetried(t *testing.T) {
	tr := &scriptedTransport{script: []func(context.Context) ([]byte, error){answerHang, answerEmpty}}
	c, _ := newScriptedClient(t, Config{RequestTimeout: 20 * time.Millisecond}, tr)
	if err := c.DelGroup(context.Background(), 1); err != nil {
		t.Fatalf("DelGroup = %v, want success after a timed-out attempt", err)
	}
	if tr.calls() != 2 {
		t.Fatalf("sent %d quests, want 2", tr.calls())
	}

	tr = &scriptedTransport{fallback: answerHang}
	c, _ = newScriptedClient(t, Config{RequestTimeout: 10 * time.Millisecond, MaxRetries: 1}, tr)
	err := c.DelGroup(context.Background(), 1)
	if !errors.Is(err, ErrRequestTimeout) || !IsRetryable(err) {
		t.Fatalf("err = %v, want ErrRequestTimeout", err)
	}
}

func TestRetryCancelledContextStopsAtOnce(t *testing.T) {
	tr := &scriptedTransport{fallback: answerDrop}
	c, _ := newScriptedClient(t, Config{MaxRetries: 5}, tr)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := c.DelGroup(ctx, 1)
	if !errors.Is(err, context.Canceled) || tr.calls() != 0 {
		t.Fatalf("err = %v after %d quests; want context.Canceled before sending", err, tr.calls())
	}
}
