package fpnn

import (
	"errors"
	"log"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// failingListener fails its first fails Accepts the way a process out of
// file descriptors does, then accepts normally.
type failingListener struct {
	net.Listener
	fails atomic.Int32
}

func (l *failingListener) Accept() (net.Conn, error) {
	if l.fails.Add(-1) >= 0 {
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return l.Listener.Accept()
}

// An accept error such as EMFILE is logged and retried, not fatal.
func TestServerKeepsAcceptingAfterAcceptErrors(t *testing.T) {
	var logs syncBuffer
	srv := &Server{Handler: echoHandler, ErrorLog: log.New(&logs, "", 0)}
	l := &failingListener{Listener: listen(t)}
	l.fails.Store(3)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	c := newTestClient(t, ClientConfig{Endpoint: l.Addr().String()})
	if _, err := c.Call(testContext(t), "echo", emptyMap); err != nil {
		t.Fatalf("call after accept errors: %v", err)
	}
	_ = srv.Close()
	if err := <-done; err != nil {
		t.Fatalf("Serve after Close = %v, want nil", err)
	}
	if n := strings.Count(logs.String(), "too many open files"); n != 3 {
		t.Fatalf("logged %d accept errors, want 3:\n%s", n, logs.String())
	}
}

// Close interrupts the pause after an accept error.
func TestServerCloseDuringAcceptBackoff(t *testing.T) {
	srv := &Server{Handler: echoHandler}
	l := &failingListener{Listener: listen(t)}
	l.fails.Store(1 << 30)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	waitFor(t, "accept errors", func() bool { return l.fails.Load() < 1<<30-3 })
	_ = srv.Close()
	if err := <-done; err != nil {
		t.Fatalf("Serve after Close = %v, want nil", err)
	}
}

// A listener closed behind the server's back ends Serve with that error.
func TestServerReturnsErrorWhenListenerClosedElsewhere(t *testing.T) {
	srv := &Server{Handler: echoHandler}
	l := listen(t)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	c := newTestClient(t, ClientConfig{Endpoint: l.Addr().String()})
	if _, err := c.Call(testContext(t), "echo", emptyMap); err != nil {
		t.Fatal(err)
	}
	_ = l.Close()
	if err := <-done; !errors.Is(err, net.ErrClosed) {
		t.Fatalf("Serve = %v, want net.ErrClosed", err)
	}
	_ = srv.Close()
}
