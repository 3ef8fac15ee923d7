package fpnn

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// testTimeout bounds every wait in these tests; it is a safety net against
// hangs, never a speed assertion.
const testTimeout = 10 * time.Second

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

func listen(t testing.TB) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// startServer serves h on 127.0.0.1 and closes the server at cleanup.
func startServer(t testing.TB, srv *Server) string {
	t.Helper()
	l := listen(t)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	t.Cleanup(func() {
		_ = srv.Close()
		if err := <-done; err != nil {
			t.Errorf("Serve returned %v", err)
		}
	})
	return l.Addr().String()
}

// echoHandler answers every quest with its own payload.
var echoHandler = HandlerFunc(func(_ context.Context, q *Quest) ([]byte, error) {
	return q.Payload, nil
})

func newTestClient(t testing.TB, cfg ClientConfig) *Client {
	t.Helper()
	c := NewClient(cfg)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// rawPeer is the other end of a connection, driven frame by frame by a test.
type rawPeer struct {
	t  testing.TB
	nc net.Conn
	fr *FrameReader
}

func newRawPeer(t testing.TB, nc net.Conn) *rawPeer {
	_ = nc.SetDeadline(time.Now().Add(testTimeout))
	return &rawPeer{t: t, nc: nc, fr: NewFrameReader(nc, 0)}
}

func (p *rawPeer) read() *Frame {
	p.t.Helper()
	f, err := p.fr.ReadFrame()
	if err != nil {
		p.t.Fatalf("raw peer read: %v", err)
	}
	return f
}

func (p *rawPeer) write(f *Frame) {
	p.t.Helper()
	b, err := AppendFrame(nil, f)
	if err != nil {
		p.t.Fatal(err)
	}
	p.writeRaw(b)
}

func (p *rawPeer) writeRaw(b []byte) {
	p.t.Helper()
	if _, err := p.nc.Write(b); err != nil {
		p.t.Fatalf("raw peer write: %v", err)
	}
}

// expectClosed waits for the other side to close the connection.
func (p *rawPeer) expectClosed() {
	p.t.Helper()
	_, err := io.Copy(io.Discard, p.nc)
	if err != nil && !errors.Is(err, net.ErrClosed) {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			p.t.Fatal("connection was not closed")
		}
	}
}

// rawServer accepts connections and hands each to a test goroutine.
func rawServer(t testing.TB) (addr string, conns <-chan *rawPeer) {
	t.Helper()
	l := listen(t)
	ch := make(chan *rawPeer, 16)
	go func() {
		for {
			nc, err := l.Accept()
			if err != nil {
				return
			}
			ch <- newRawPeer(t, nc)
		}
	}()
	t.Cleanup(func() { _ = l.Close() })
	return l.Addr().String(), ch
}

func acceptPeer(t testing.TB, conns <-chan *rawPeer) *rawPeer {
	t.Helper()
	select {
	case p := <-conns:
		t.Cleanup(func() { _ = p.nc.Close() })
		return p
	case <-time.After(testTimeout):
		t.Fatal("no connection")
		return nil
	}
}

// waitFor polls cond until it holds (bounded by testTimeout).
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func mapPayload(key string, val []byte) []byte {
	b := []byte{0x81, 0xa0 | byte(len(key))}
	b = append(b, key...)
	return append(b, val...)
}
