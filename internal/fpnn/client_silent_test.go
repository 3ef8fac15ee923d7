package fpnn

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// manualDeadline is a context whose deadline the test makes pass, so tests
// about deadlines do not depend on timing.
type manualDeadline struct {
	once sync.Once
	done chan struct{}
}

func newManualDeadline() *manualDeadline { return &manualDeadline{done: make(chan struct{})} }

func (m *manualDeadline) expire() { m.once.Do(func() { close(m.done) }) }

func (m *manualDeadline) Deadline() (time.Time, bool) { return time.Now().Add(time.Hour), true }
func (m *manualDeadline) Done() <-chan struct{}       { return m.done }
func (m *manualDeadline) Value(any) any               { return nil }
func (m *manualDeadline) Err() error {
	select {
	case <-m.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

// A quest that reaches its deadline with nothing received on the connection
// since it was sent closes the connection (presumed half-open): the quests
// pending on it fail with a retryable *ConnError and the next Call dials.
func TestClientClosesSilentConnectionOnDeadline(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})

	other := make(chan error, 1)
	go func() {
		_, err := c.Call(testContext(t), "other", emptyMap)
		other <- err
	}()
	p := acceptPeer(t, conns)
	p.read()

	dctx := newManualDeadline()
	done := make(chan error, 1)
	go func() {
		_, err := c.Call(dctx, "hang", emptyMap)
		done <- err
	}()
	p.read()
	dctx.expire()
	if err := <-done; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	err := <-other
	var ce *ConnError
	if !errors.As(err, &ce) || !errors.Is(err, ErrUnresponsive) || !errors.Is(err, ErrConnectionClosed) {
		t.Fatalf("pending quest: %v, want a *ConnError caused by ErrUnresponsive", err)
	}
	p.expectClosed()

	go func() {
		p2 := acceptPeer(t, conns)
		q := p2.read()
		p2.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq, Payload: q.Payload})
	}()
	if _, err := c.Call(testContext(t), "ok", emptyMap); err != nil {
		t.Fatalf("call after the silent connection was closed: %v", err)
	}
}

// Cancellation (not a deadline) says nothing about the peer: the
// connection stays.
func TestClientKeepsSilentConnectionOnCancel(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	ctx, cancel := context.WithCancel(testContext(t))
	done := make(chan error, 1)
	go func() {
		_, err := c.Call(ctx, "hang", emptyMap)
		done <- err
	}()
	p := acceptPeer(t, conns)
	p.read()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want Canceled", err)
	}
	if c.conn.isClosed() {
		t.Fatal("a cancelled quest closed its connection")
	}
}
