package rtm

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRateBurst(t *testing.T) {
	for rate, want := range map[float64]int{100: 10, 5: 1, 0.5: 1, 1000: 100, 15: 2} {
		if got := rateBurst(rate); got != want {
			t.Errorf("rateBurst(%v) = %d, want %d", rate, got, want)
		}
	}
}

// At 1 call/s with a burst of 1, a second quest within half a second cannot
// get a token: the limiter refuses at once instead of waiting past the
// deadline, and nothing more is sent.
func TestRateLimiterIsSharedByCalls(t *testing.T) {
	tr := &scriptedTransport{}
	c, _ := newScriptedClient(t, Config{RateLimit: 1}, tr)
	if err := c.DelGroup(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	err := c.DelGroup(ctx, 2)
	if !errors.Is(err, context.DeadlineExceeded) || tr.calls() != 1 {
		t.Fatalf("second call: err %v after %d quests; want DeadlineExceeded after 1", err, tr.calls())
	}
	if ctx.Err() != nil {
		t.Fatal("the call waited until the deadline instead of refusing early")
	}
}

func TestRateLimiterPacesRetries(t *testing.T) {
	tr := &scriptedTransport{fallback: answerDrop}
	c, _ := newScriptedClient(t, Config{RateLimit: 1, MaxRetries: 5}, tr)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	err := c.DelGroup(ctx, 1)
	if tr.calls() != 1 || !errors.Is(err, context.DeadlineExceeded) || !IsConnectionError(err) {
		t.Fatalf("err %v after %d quests; want the retry held back by the limiter", err, tr.calls())
	}
}

func TestUnlimitedRateHasNoLimiter(t *testing.T) {
	c, _ := newScriptedClient(t, Config{RateLimit: -1}, &scriptedTransport{})
	if c.limiter != nil {
		t.Fatal("RateLimit < 0 should mean no limiter")
	}
	c, _ = newScriptedClient(t, Config{RateLimit: 250}, &scriptedTransport{})
	if c.limiter == nil || c.limiter.Limit() != 250 || c.limiter.Burst() != 25 {
		t.Fatalf("limiter = %v/%v, want 250/s burst 25", c.limiter.Limit(), c.limiter.Burst())
	}
}
