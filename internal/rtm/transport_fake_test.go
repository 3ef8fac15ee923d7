package rtm

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// scriptedTransport answers quests from a script, one entry per attempt, then
// with fallback ({} when nil), and records every payload it was sent.
type scriptedTransport struct {
	mu       sync.Mutex
	script   []func(ctx context.Context) ([]byte, error)
	fallback func(ctx context.Context) ([]byte, error)
	sent     [][]byte
	methods  []string
}

func (s *scriptedTransport) Call(ctx context.Context, method string, payload []byte) ([]byte, error) {
	s.mu.Lock()
	s.sent = append(s.sent, append([]byte(nil), payload...))
	s.methods = append(s.methods, method)
	step := s.fallback
	if len(s.script) > 0 {
		step, s.script = s.script[0], s.script[1:]
	}
	s.mu.Unlock()
	if step == nil {
		return answerEmpty(ctx)
	}
	return step(ctx)
}

func (s *scriptedTransport) Close() error { return nil }

func (s *scriptedTransport) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sent)
}

func answerEmpty(context.Context) ([]byte, error) { return []byte{0x80}, nil }

func answerCode(code int) func(context.Context) ([]byte, error) {
	return func(context.Context) ([]byte, error) {
		return nil, &fpnn.ErrorAnswer{Code: code, Ex: "scripted"}
	}
}

func answerDrop(context.Context) ([]byte, error) {
	return nil, &fpnn.ConnError{Op: "read", Endpoint: "127.0.0.1:13315", Err: fpnn.ErrConnectionClosed}
}

// answerHang waits for the attempt's context, as a server that never answers.
func answerHang(ctx context.Context) ([]byte, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// newScriptedClient returns a client over tr whose sleeps are recorded, not
// slept, and whose jitter always picks the longest delay.
func newScriptedClient(t *testing.T, cfg Config, tr *scriptedTransport) (*Client, *[]time.Duration) {
	t.Helper()
	if cfg.Endpoint == "" {
		cfg.Endpoint = "127.0.0.1:13315"
	}
	if cfg.ProjectID == 0 {
		cfg.ProjectID = 80000001
	}
	if cfg.SecretKey == "" {
		cfg.SecretKey = testSecret
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = -1
	}
	s, err := cfg.validate()
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(s, tr)
	var mu sync.Mutex
	slept := &[]time.Duration{}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*slept = append(*slept, d)
		mu.Unlock()
		return ctx.Err()
	}
	c.jitter = func(n int64) int64 { return n - 1 }
	return c, slept
}
