package fpnn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

func TestClientRoundTrip(t *testing.T) {
	addr := startServer(t, &Server{Handler: echoHandler})
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	payload := mapPayload("gid", msgpack.AppendInt(nil, 12345))
	got, err := c.Call(testContext(t), "echo", payload)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, payload) {
		t.Fatalf("got %x want %x", got, payload)
	}
	// An empty payload goes out as {}.
	if got, err := c.Call(testContext(t), "echo", nil); err != nil || !bytes.Equal(got, emptyMap) {
		t.Fatalf("nil payload: %x, %v", got, err)
	}
}

// Many goroutines share one connection; each must get its own answer.
func TestClientPipeliningManyGoroutines(t *testing.T) {
	for _, concurrency := range []int{0, 8} {
		t.Run(fmt.Sprintf("server concurrency %d", concurrency), func(t *testing.T) {
			testPipelining(t, &Server{Handler: echoHandler, Concurrency: concurrency})
		})
	}
}

func testPipelining(t *testing.T, srv *Server) {
	var conns atomic.Int32
	addr := startServer(t, srv)
	c := newTestClient(t, ClientConfig{Endpoint: addr, Dialer: func(ctx context.Context, network, a string) (net.Conn, error) {
		conns.Add(1)
		var d net.Dialer
		return d.DialContext(ctx, network, a)
	}})
	ctx := testContext(t)
	const goroutines, perGoroutine = 64, 100
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perGoroutine {
				payload := mapPayload("v", msgpack.AppendInt(nil, int64(g*1_000_000+i)))
				got, err := c.Call(ctx, "echo", payload)
				if err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(got, payload) {
					errs <- fmt.Errorf("goroutine %d call %d: got %x want %x", g, i, got, payload)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("dialled %d connections, want 1", n)
	}
}

// Answers arriving in reverse order still reach the right callers.
func TestClientOutOfOrderAnswers(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	ctx := testContext(t)
	const n = 8
	type result struct {
		i   int
		got []byte
		err error
	}
	results := make(chan result, n)
	for i := range n {
		go func() {
			got, err := c.Call(ctx, "q", mapPayload("i", msgpack.AppendInt(nil, int64(i))))
			results <- result{i, got, err}
		}()
	}
	p := acceptPeer(t, conns)
	quests := make([]*Frame, n)
	for i := range quests {
		quests[i] = p.read()
	}
	for i := n - 1; i >= 0; i-- {
		q := quests[i]
		p.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq, Payload: q.Payload})
	}
	for range n {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		if want := mapPayload("i", msgpack.AppendInt(nil, int64(r.i))); !bytes.Equal(r.got, want) {
			t.Errorf("caller %d got %x want %x", r.i, r.got, want)
		}
	}
}

func pendingCount(c *Client) int {
	c.mu.Lock()
	cc := c.conn
	c.mu.Unlock()
	cc.mu.Lock()
	defer cc.mu.Unlock()
	return len(cc.pending)
}

// Cancellation and deadlines remove the pending quest; the late answer is
// dropped as unknown.
func TestClientCancellationRemovesPending(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})

	ctx, cancel := context.WithCancel(testContext(t))
	done := make(chan error, 1)
	go func() {
		_, err := c.Call(ctx, "hang", emptyMap)
		done <- err
	}()
	p := acceptPeer(t, conns)
	q1 := p.read()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := pendingCount(c); n != 0 {
		t.Fatalf("%d pending after cancel", n)
	}

	// A deadline on a connection that has shown signs of life since the
	// quest went out (here: q1's late answer) keeps the connection.
	dctx := newManualDeadline()
	go func() {
		_, err := c.Call(dctx, "hang", emptyMap)
		done <- err
	}()
	q2 := p.read()
	p.write(&Frame{Version: 1, Type: Answer, Seq: q1.Seq, Payload: emptyMap})
	waitFor(t, "the late answer", func() bool { return c.conn.unknownAnswers.Load() == 1 })
	dctx.expire()
	if err := <-done; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if n := pendingCount(c); n != 0 {
		t.Fatalf("%d pending after deadline", n)
	}

	// Late answers are dropped; the connection keeps working.
	p.write(&Frame{Version: 1, Type: Answer, Seq: q2.Seq, Payload: emptyMap})
	go func() {
		q := p.read()
		p.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq, Payload: q.Payload})
	}()
	if _, err := c.Call(testContext(t), "ok", emptyMap); err != nil {
		t.Fatal(err)
	}
	if n := c.conn.unknownAnswers.Load(); n != 2 {
		t.Fatalf("unknown answers = %d, want 2", n)
	}
}

// A Call whose ctx is already done sends nothing.
func TestClientCallWithDoneContext(t *testing.T) {
	c := newTestClient(t, ClientConfig{Endpoint: "127.0.0.1:1"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Call(ctx, "x", emptyMap); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func TestClientUnknownSeqAnswerDropped(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	go func() {
		p := acceptPeer(t, conns)
		q := p.read()
		p.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq + 1000, Payload: mapPayload("x", []byte{1})})
		p.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq, Payload: q.Payload})
	}()
	want := mapPayload("y", []byte{2})
	got, err := c.Call(testContext(t), "q", want)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("got %x, %v", got, err)
	}
	if n := c.conn.unknownAnswers.Load(); n != 1 {
		t.Fatalf("unknown answers = %d, want 1", n)
	}
}

// A dropped connection fails every pending quest with a retryable
// ConnError; the next call dials again.
func TestClientDropFailsPendingThenRedials(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	ctx := testContext(t)
	const n = 10
	errs := make(chan error, n)
	for range n {
		go func() {
			_, err := c.Call(ctx, "q", emptyMap)
			errs <- err
		}()
	}
	p := acceptPeer(t, conns)
	for range n {
		p.read()
	}
	_ = p.nc.Close()
	for range n {
		err := <-errs
		var ce *ConnError
		if !errors.Is(err, ErrConnectionClosed) || !errors.As(err, &ce) || ce.Op != "read" || ce.Endpoint != addr {
			t.Fatalf("err = %#v, want a read ConnError", err)
		}
	}

	go func() {
		p2 := acceptPeer(t, conns)
		q := p2.read()
		p2.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq, Payload: q.Payload})
	}()
	if _, err := c.Call(ctx, "q", emptyMap); err != nil {
		t.Fatalf("call after redial: %v", err)
	}
}

// The fpnn.Server side of the same story: ErrDropConnection from the
// handler drops every quest pipelined behind it.
func TestClientServerDropConnection(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	srv := &Server{Handler: HandlerFunc(func(_ context.Context, q *Quest) ([]byte, error) {
		if q.Method == "drop" {
			<-release
			return nil, ErrDropConnection
		}
		calls.Add(1)
		return nil, nil
	})}
	addr := startServer(t, srv)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	ctx := testContext(t)
	if _, err := c.Call(ctx, "warmup", emptyMap); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 5)
	go func() {
		_, err := c.Call(ctx, "drop", emptyMap)
		errs <- err
	}()
	waitFor(t, "drop quest pending", func() bool { return pendingCount(c) == 1 })
	for range 4 {
		go func() {
			_, err := c.Call(ctx, "queued", emptyMap)
			errs <- err
		}()
	}
	waitFor(t, "quests pending", func() bool { return pendingCount(c) == 5 })
	close(release)
	for range 5 {
		if err := <-errs; !errors.Is(err, ErrConnectionClosed) {
			t.Fatalf("err = %v, want ErrConnectionClosed", err)
		}
	}
	if _, err := c.Call(ctx, "after", emptyMap); err != nil {
		t.Fatalf("call after drop: %v", err)
	}
	// The queued quests may or may not have been served before the drop
	// was noticed; the warm-up and the last call were.
	if n := calls.Load(); n < 2 {
		t.Fatalf("handler calls = %d", n)
	}
}

func TestClientDialError(t *testing.T) {
	l := listen(t)
	addr := l.Addr().String()
	_ = l.Close()
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	_, err := c.Call(testContext(t), "q", emptyMap)
	var ce *ConnError
	if !errors.Is(err, ErrConnectionClosed) || !errors.As(err, &ce) || ce.Op != "dial" {
		t.Fatalf("err = %v, want a dial ConnError", err)
	}
}

func TestClientErrorAnswer(t *testing.T) {
	srv := &Server{Handler: HandlerFunc(func(context.Context, *Quest) ([]byte, error) {
		return nil, &ErrorAnswer{Code: 200002, Ex: "invalid pid or sign"}
	})}
	c := newTestClient(t, ClientConfig{Endpoint: startServer(t, srv)})
	_, err := c.Call(testContext(t), "q", emptyMap)
	var ea *ErrorAnswer
	if !errors.As(err, &ea) || ea.Code != 200002 || ea.Ex != "invalid pid or sign" {
		t.Fatalf("err = %v", err)
	}
	if errors.Is(err, ErrConnectionClosed) {
		t.Fatal("an error answer is not a connection error")
	}
}

func TestClientClose(t *testing.T) {
	addr, conns := rawServer(t)
	c := NewClient(ClientConfig{Endpoint: addr})
	errs := make(chan error, 1)
	go func() {
		_, err := c.Call(testContext(t), "q", emptyMap)
		errs <- err
	}()
	p := acceptPeer(t, conns)
	p.read()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-errs; !errors.Is(err, ErrConnectionClosed) {
		t.Fatalf("pending err = %v", err)
	}
	if _, err := c.Call(testContext(t), "q", emptyMap); !errors.Is(err, ErrClientClosed) {
		t.Fatalf("err after Close = %v", err)
	}
	p.expectClosed()
}

func TestClientAnswersPushedQuests(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	go func() { _, _ = c.Call(testContext(t), "q", emptyMap) }()
	p := acceptPeer(t, conns)
	p.read()
	p.write(&Frame{Version: 1, Type: Twoway, Seq: 41, Method: "ping", Payload: emptyMap})
	p.write(&Frame{Version: 0, Type: Twoway, Seq: 42, Method: "*ping", Payload: emptyMap})
	p.write(&Frame{Version: 1, Type: Oneway, Method: "pushmsg", Payload: emptyMap})
	p.write(&Frame{Version: 1, Type: Twoway, Seq: 43, Method: "pushmsg", Payload: emptyMap})
	for _, want := range []struct {
		seq     uint32
		version byte
		status  byte
	}{{41, 1, 0}, {42, 0, 0}, {43, 1, 1}} {
		a := p.read()
		if a.Type != Answer || a.Seq != want.seq || a.Version != want.version || a.Status != want.status {
			t.Fatalf("answer %+v, want %+v", a, want)
		}
		if want.status == 0 {
			if !bytes.Equal(a.Payload, emptyMap) {
				t.Fatalf("payload %x", a.Payload)
			}
			continue
		}
		ea, err := DecodeErrorPayload(a.Payload)
		if err != nil || ea.Code != CodeUnknownMethod {
			t.Fatalf("error answer %+v, %v", ea, err)
		}
	}
}

// An answer whose payload is not a map breaks the connection (Go SDK rule).
func TestClientAnswerNotMap(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	go func() {
		p := acceptPeer(t, conns)
		q := p.read()
		p.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq, Payload: []byte{0x01}})
	}()
	_, err := c.Call(testContext(t), "q", emptyMap)
	if !errors.Is(err, ErrConnectionClosed) || !errors.Is(err, errAnswerNotMap) {
		t.Fatalf("err = %v", err)
	}
}

// An answer above MaxPayloadSize breaks the connection.
func TestClientOversizeAnswer(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr, MaxPayloadSize: 1024})
	go func() {
		p := acceptPeer(t, conns)
		q := p.read()
		big := msgpack.AppendBinary(msgpack.AppendString(msgpack.AppendMapHeader(nil, 1), "b"), make([]byte, 4096))
		p.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq, Payload: big})
	}()
	_, err := c.Call(testContext(t), "q", emptyMap)
	if !errors.Is(err, ErrConnectionClosed) || !errors.Is(err, ErrFrameTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

func TestClientKeepAlivePings(t *testing.T) {
	var pings atomic.Int32
	srv := &Server{Handler: echoHandler}
	addr := startServer(t, srv)
	c := newTestClient(t, ClientConfig{Endpoint: addr, KeepAlive: true, PingInterval: 10e6, PingTimeout: 5e6,
		Dialer: func(ctx context.Context, network, a string) (net.Conn, error) {
			var d net.Dialer
			nc, err := d.DialContext(ctx, network, a)
			if err != nil {
				return nil, err
			}
			return &countingConn{Conn: nc, pings: &pings}, nil
		}})
	if _, err := c.Call(testContext(t), "q", emptyMap); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "3 keep-alive pings", func() bool { return pings.Load() >= 3 })
	if n := pendingCount(c); n > 1 {
		t.Fatalf("%d pings left pending although the server answers", n)
	}
	if _, err := c.Call(testContext(t), "q", emptyMap); err != nil {
		t.Fatalf("call after pings: %v", err)
	}
}

// countingConn counts *ping quests written.
type countingConn struct {
	net.Conn
	pings *atomic.Int32
}

func (c *countingConn) Write(b []byte) (int, error) {
	c.pings.Add(int32(bytes.Count(b, []byte("*ping"))))
	return c.Conn.Write(b)
}

// A server that never answers is declared lost after
// 2*PingTimeout+PingInterval; the pending quest fails with a ConnError.
func TestClientKeepAliveLoss(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr, KeepAlive: true, PingInterval: 20e6, PingTimeout: 10e6})
	errs := make(chan error, 1)
	go func() {
		_, err := c.Call(testContext(t), "q", emptyMap)
		errs <- err
	}()
	p := acceptPeer(t, conns)
	if f := p.read(); f.Method != "q" {
		t.Fatalf("first quest %q", f.Method)
	}
	if f := p.read(); f.Method != "*ping" || f.Type != Twoway {
		t.Fatalf("second frame %+v, want a *ping", f)
	}
	err := <-errs
	if !errors.Is(err, ErrConnectionClosed) || !errors.Is(err, ErrKeepAliveTimeout) {
		t.Fatalf("err = %v", err)
	}
}

func TestClientSeqSkipsZeroAndPending(t *testing.T) {
	cc := &clientConn{pending: map[uint32]*call{1: {}}, seq: math.MaxUint32 - 1}
	seqs := make([]uint32, 3)
	for i := range seqs {
		s, ok := cc.register(&call{})
		if !ok {
			t.Fatal("register failed")
		}
		seqs[i] = s
	}
	if seqs[0] != math.MaxUint32 || seqs[1] != 2 || seqs[2] != 3 {
		t.Fatalf("seqs = %v, want [MaxUint32 2 3]", seqs)
	}
}

func TestClientRejectsBadMethod(t *testing.T) {
	c := newTestClient(t, ClientConfig{Endpoint: "127.0.0.1:1"})
	for _, m := range []string{"", string(make([]byte, 256))} {
		if _, err := c.Call(testContext(t), m, emptyMap); !errors.Is(err, ErrInvalidFrame) {
			t.Errorf("method len %d: err = %v", len(m), err)
		}
	}
}

// This client speaks only msgpack: a JSON answer fails its quest, not the
// connection.
func TestClientJSONAnswer(t *testing.T) {
	addr, conns := rawServer(t)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	go func() {
		p := acceptPeer(t, conns)
		q := p.read()
		p.write(&Frame{Version: 1, Flag: FlagJSON, Type: Answer, Seq: q.Seq, Payload: []byte(`{}`)})
		q = p.read()
		p.write(&Frame{Version: 1, Type: Answer, Seq: q.Seq, Payload: q.Payload})
	}()
	_, err := c.Call(testContext(t), "q", emptyMap)
	var ea *ErrorAnswer
	if !errors.As(err, &ea) || ea.Code != CodeDecoding {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Call(testContext(t), "q", emptyMap); err != nil {
		t.Fatalf("connection broken by a JSON answer: %v", err)
	}
}
