package fpnn

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"testing"
)

// Close aborts a dial in progress and returns only after it has ended.
func TestClientCloseAbortsDialInProgress(t *testing.T) {
	entered := make(chan struct{})
	var dialReturned atomic.Bool
	c := NewClient(ClientConfig{Endpoint: "127.0.0.1:1", Dialer: func(ctx context.Context, _, _ string) (net.Conn, error) {
		close(entered)
		<-ctx.Done() // a dial that only ends when aborted
		dialReturned.Store(true)
		return nil, ctx.Err()
	}})
	done := make(chan error, 1)
	go func() {
		_, err := c.Call(testContext(t), "x", emptyMap)
		done <- err
	}()
	<-entered
	_ = c.Close()
	if !dialReturned.Load() {
		t.Fatal("Close returned while the dial was still running")
	}
	if err := <-done; !errors.Is(err, ErrClientClosed) {
		t.Fatalf("caller waiting for the dial got %v, want ErrClientClosed", err)
	}
}

// trackedConn records whether it was closed and whether a Read is running.
type trackedConn struct {
	net.Conn
	closed  atomic.Bool
	reading atomic.Int32
}

func (c *trackedConn) Read(p []byte) (int, error) {
	c.reading.Add(1)
	defer c.reading.Add(-1)
	return c.Conn.Read(p)
}

func (c *trackedConn) Close() error {
	c.closed.Store(true)
	return c.Conn.Close()
}

// A dial that completes after Close started (a dialer that ignores ctx):
// Close waits for it and for the goroutines of the connection it produced.
func TestClientCloseWaitsForConnectionOfLateDial(t *testing.T) {
	addr := startServer(t, &Server{Handler: echoHandler})
	entered, release := make(chan struct{}), make(chan struct{})
	var produced atomic.Pointer[trackedConn]
	c := NewClient(ClientConfig{Endpoint: addr, Dialer: func(ctx context.Context, network, a string) (net.Conn, error) {
		close(entered)
		<-release
		nc, err := net.Dial(network, a)
		if err != nil {
			return nil, err
		}
		tc := &trackedConn{Conn: nc}
		produced.Store(tc)
		return tc, nil
	}})
	go func() { _, _ = c.Call(testContext(t), "x", emptyMap) }()
	<-entered
	closed := make(chan struct{})
	go func() {
		_ = c.Close()
		close(closed)
	}()
	waitFor(t, "Close to start", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.closed
	})
	close(release)
	<-closed
	tc := produced.Load()
	if tc == nil {
		t.Fatal("Close returned before the dial produced its connection")
	}
	if !tc.closed.Load() || tc.reading.Load() != 0 {
		t.Fatalf("after Close: connection closed %v, reads running %d", tc.closed.Load(), tc.reading.Load())
	}
}
