package rtm_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

// wireTap forwards TCP connections to target and keeps every byte the
// client sent, so a test can read back the signs that went over the wire.
type wireTap struct {
	l      net.Listener
	mu     sync.Mutex
	client []byte
}

func newWireTap(t *testing.T, target string) *wireTap {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tap := &wireTap{l: l}
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				_ = in.Close()
				continue
			}
			go func() { _, _ = io.Copy(in, out); _ = in.Close() }()
			go func() { _, _ = io.Copy(out, io.TeeReader(in, tap)); _ = out.Close() }()
		}
	}()
	return tap
}

func (w *wireTap) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.client = append(w.client, p...)
	return len(p), nil
}

// signs decodes the captured quests and returns their sign values.
func (w *wireTap) signs(t *testing.T) []string {
	t.Helper()
	w.mu.Lock()
	data := append([]byte(nil), w.client...)
	w.mu.Unlock()
	var signs []string
	for len(data) > 0 {
		f, n, err := fpnn.DecodeFrame(data, fpnn.DefaultMaxPackageSize)
		if err != nil {
			t.Fatalf("captured bytes do not decode: %v", err)
		}
		data = data[n:]
		if f.Method == "*ping" {
			continue
		}
		p, err := fpnn.DecodeParams(f.Payload)
		if err != nil {
			t.Fatal(err)
		}
		sign, err := p.String("sign")
		if err != nil {
			t.Fatal(err)
		}
		signs = append(signs, sign)
	}
	return signs
}

func TestSecretAndSignNeverInLogsOrErrors(t *testing.T) {
	srv := newEmulator(t)
	tap := newWireTap(t, srv.Addr())
	logger := &recordingLogger{}
	const wrongSecret = "11111111-2222-3333-4444-555555555555"
	var errs []string
	for _, secret := range []string{wrongSecret, testSecret} {
		cfg := rtm.Config{Endpoint: tap.l.Addr().String(), ProjectID: testPID, SecretKey: secret, Logger: logger, RateLimit: -1}
		c, err := rtm.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		srv.FailNext(1, rtm.CodeFrequencyLimited) // a retry, so Warn is exercised too
		_, err = c.GetGroupMembers(context.Background(), 1)
		errs = append(errs, fmt.Sprint(err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c))
		_ = c.Close()
		if (secret == wrongSecret) != rtm.IsAuthError(err) {
			t.Fatalf("secret %q: err = %v", secret, err)
		}
	}

	signs := tap.signs(t)
	if len(signs) != 4 {
		t.Fatalf("captured %d quests, want 4 (two calls, one retry each)", len(signs))
	}
	haystack := logger.String() + strings.Join(errs, "\n")
	if len(logger.byLevel("debug")) != 4 || len(logger.byLevel("warn")) != 2 {
		t.Fatalf("expected 4 debug and 2 warn entries:\n%s", logger)
	}
	for _, needle := range append([]string{testSecret, wrongSecret}, signs...) {
		if strings.Contains(strings.ToUpper(haystack), strings.ToUpper(needle)) {
			t.Fatalf("%q appears in logs or errors:\n%s", needle, haystack)
		}
	}
}
