package rtmtest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// syncLog is a Config.Log destination the test can read while the emulator
// writes.
type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A delayed quest whose client goes away during the delay is abandoned: the
// emulator notices the closed connection while the quest waits, logs it as
// dropped, never answers it and does not count it, even once the delay has
// passed.
func TestDelayedQuestOfClosedConnectionIsAbandoned(t *testing.T) {
	const delay = 300 * time.Millisecond
	var logs syncLog
	h := newHarness(t, func(c *Config) { c.Log = &logs })
	h.srv.DelayAnswers(delay)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	body := payload(append(h.authParams("getgroupcount", testPID, testSecret), pInt("gid", 1))...)
	if _, err := h.client.Call(ctx, "getgroupcount", body); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a delayed answer arrived: %v", err)
	}
	_ = h.client.Close() // the client is gone

	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "method=getgroupcount pid=80000001 gid=1 result=dropped") {
		if time.Now().After(deadline) {
			t.Fatalf("the abandoned quest was not logged as dropped:\n%s", logs.String())
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(time.Until(start.Add(2 * delay))) // let the delay pass: nothing more may happen
	if n := h.srv.Calls("getgroupcount"); n != 0 {
		t.Fatalf("Calls = %d: the abandoned quest was counted as answered", n)
	}
	if strings.Contains(logs.String(), "method=getgroupcount pid=80000001 gid=1 code=") {
		t.Fatalf("the abandoned quest was logged as answered:\n%s", logs.String())
	}

	// A new client is served, after the delay.
	h.client = fpnn.NewClient(fpnn.ClientConfig{Endpoint: h.srv.Addr()})
	t.Cleanup(func() { _ = h.client.Close() })
	h.ok("getgroupcount", pInt("gid", 1))
	if n := h.srv.Calls("getgroupcount"); n != 1 {
		t.Fatalf("Calls = %d, want 1", n)
	}
}
