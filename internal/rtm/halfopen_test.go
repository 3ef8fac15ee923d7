package rtm_test

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

// blackHoleProxy forwards connections to target. Once swallow is set, the
// first connection stops passing the server's bytes back (a half-open
// connection: no answer, no RST); later connections work.
type blackHoleProxy struct {
	addr     string
	accepted atomic.Int32
	swallow  atomic.Bool
}

func startBlackHoleProxy(t *testing.T, target string) *blackHoleProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &blackHoleProxy{addr: l.Addr().String()}
	var mu sync.Mutex
	var conns []net.Conn
	var wg sync.WaitGroup
	t.Cleanup(func() {
		_ = l.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			n := p.accepted.Add(1)
			out, err := net.Dial("tcp", target)
			if err != nil {
				_ = in.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, in, out)
			mu.Unlock()
			closeBoth := func() { _ = in.Close(); _ = out.Close() }
			wg.Go(func() { _, _ = io.Copy(out, in); closeBoth() })
			wg.Go(func() {
				defer closeBoth()
				buf := make([]byte, 32<<10)
				for {
					k, err := out.Read(buf)
					if err != nil {
						return
					}
					if n == 1 && p.swallow.Load() {
						continue
					}
					if _, err := in.Write(buf[:k]); err != nil {
						return
					}
				}
			})
		}
	})
	return p
}

// A request timeout on a half-open connection (keep-alive off, the default)
// closes it: the retry goes over a new connection and succeeds, instead of
// every later call timing out on the dead one.
func TestTimedOutAttemptOnHalfOpenConnectionRedials(t *testing.T) {
	srv := newEmulator(t)
	p := startBlackHoleProxy(t, srv.Addr())
	logger := &recordingLogger{}
	c, err := rtm.New(rtm.Config{Endpoint: p.addr, ProjectID: testPID, SecretKey: testSecret, RateLimit: -1,
		RequestTimeout: 200 * time.Millisecond, MaxRetries: 2, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.IsGroupMember(ctx, 1, 1); err != nil {
		t.Fatal(err)
	}
	p.swallow.Store(true)
	srv.AddMembers(testPID, 1, 1)
	ok, err := c.IsGroupMember(ctx, 1, 1)
	if err != nil || !ok {
		t.Fatalf("IsGroupMember = %v, %v; want true after one timed-out attempt", ok, err)
	}
	if n := p.accepted.Load(); n != 2 {
		t.Fatalf("%d connections, want 2 (the retry redials)", n)
	}
	if warns := logger.byLevel("warn"); len(warns) != 1 {
		t.Fatalf("%d retries logged, want 1:\n%s", len(warns), logger)
	}
	if _, err := c.IsGroupMember(ctx, 1, 1); err != nil {
		t.Fatalf("next call: %v", err)
	}
	if n := p.accepted.Load(); n != 2 {
		t.Fatalf("%d connections after the next call, want 2", n)
	}
}

// Without any retries the timed-out call fails, but the next call already
// goes over a new connection.
func TestNextCallAfterHalfOpenTimeoutRedials(t *testing.T) {
	srv := newEmulator(t)
	p := startBlackHoleProxy(t, srv.Addr())
	c, err := rtm.New(rtm.Config{Endpoint: p.addr, ProjectID: testPID, SecretKey: testSecret, RateLimit: -1,
		RequestTimeout: 200 * time.Millisecond, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.GetGroupCount(ctx, 1); err != nil {
		t.Fatal(err)
	}
	p.swallow.Store(true)
	if _, err := c.GetGroupCount(ctx, 1); !errors.Is(err, rtm.ErrRequestTimeout) {
		t.Fatalf("err = %v, want ErrRequestTimeout", err)
	}
	if _, err := c.GetGroupCount(ctx, 1); err != nil {
		t.Fatalf("call after the timeout: %v", err)
	}
}
