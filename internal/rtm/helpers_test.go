package rtm_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

const (
	testPID    int64 = 80000001
	testSecret       = "00000000-1111-2222-3333-444444444444"
)

// newEmulator starts an emulator for testPID, closed when the test ends.
func newEmulator(t testing.TB, opts ...func(*rtmtest.Config)) *rtmtest.Server {
	t.Helper()
	cfg := rtmtest.Config{Projects: map[int64]string{testPID: testSecret}}
	for _, opt := range opts {
		opt(&cfg)
	}
	srv := rtmtest.NewServer(cfg)
	t.Cleanup(srv.Close)
	return srv
}

// newTestClient returns a client for srv without a client-side rate limit,
// closed when the test ends.
func newTestClient(t testing.TB, srv *rtmtest.Server, opts ...func(*rtm.Config)) *rtm.Client {
	t.Helper()
	cfg := rtm.Config{Endpoint: srv.Addr(), ProjectID: testPID, SecretKey: testSecret, RateLimit: -1}
	for _, opt := range opts {
		opt(&cfg)
	}
	c, err := rtm.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func uidRange(from, n int64) []int64 {
	uids := make([]int64, n)
	for i := range uids {
		uids[i] = from + int64(i)
	}
	return uids
}

// recordingLogger keeps every entry, formatted, for assertions.
type recordingLogger struct {
	mu      sync.Mutex
	entries []logEntry
}

type logEntry struct {
	level, msg string
	fields     map[string]any
}

func (l *recordingLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.add("debug", msg, fields)
}

func (l *recordingLogger) Warn(_ context.Context, msg string, fields map[string]any) {
	l.add("warn", msg, fields)
}

func (l *recordingLogger) add(level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, logEntry{level, msg, fields})
}

func (l *recordingLogger) byLevel(level string) []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []logEntry
	for _, e := range l.entries {
		if e.level == level {
			out = append(out, e)
		}
	}
	return out
}

// countCode counts the per-attempt (debug) entries with result code.
func (l *recordingLogger) countCode(code int) int {
	n := 0
	for _, e := range l.byLevel("debug") {
		if e.fields["code"] == code {
			n++
		}
	}
	return n
}

func (l *recordingLogger) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, e := range l.entries {
		fmt.Fprintf(&b, "%s %s %v\n", e.level, e.msg, e.fields)
	}
	return b.String()
}
