package rtmtest

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestOneLogLinePerRequestWithoutSecrets(t *testing.T) {
	var buf syncBuffer
	h := newHarness(t, func(c *Config) { c.Log = &buf })
	params := h.authParams("addgroupmembers", testPID, testSecret)
	sign := string(params[1].val[2:]) // after the str8 header
	if _, err := h.callRaw("addgroupmembers", payload(append(params, pInt("gid", 12345), pUIDs(1))...)); err != nil {
		t.Fatal(err)
	}
	_, _ = h.callRaw("getgroupinfo", payload(append(h.authParams("getgroupinfo", testPID, "wrong"), pInt("gid", 7))...))
	h.srv.DropAfter(1)
	_, _ = h.call("delgroup", pInt("gid", 9))
	h.srv.Close() // waits for the handlers, so every line is written

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d log lines, want 3:\n%s", len(lines), buf.String())
	}
	for i, want := range []string{
		" method=addgroupmembers pid=80000001 gid=12345 code=0 latency=",
		" method=getgroupinfo pid=80000001 gid=7 code=200002 latency=",
		" method=delgroup pid=- gid=- result=dropped latency=",
	} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d = %q, want it to contain %q", i, lines[i], want)
		}
	}
	if strings.Contains(buf.String(), sign) || strings.Contains(buf.String(), testSecret) {
		t.Fatal("the log contains the sign or the secret")
	}
}
