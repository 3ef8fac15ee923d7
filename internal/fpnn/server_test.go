package fpnn

import (
	"bytes"
	"context"
	"errors"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

func dialRaw(t *testing.T, addr string) *rawPeer {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = nc.Close() })
	return newRawPeer(t, nc)
}

func TestServerPing(t *testing.T) {
	addr := startServer(t, &Server{})
	p := dialRaw(t, addr)
	p.writeRaw(unhex(t, goldenPingQuest))
	before := time.Now().UnixMilli()
	a := p.read()
	if a.Type != Answer || a.Seq != 7 || a.Status != 0 || a.Version != 1 || a.Flag != FlagMsgpack {
		t.Fatalf("answer %+v", a)
	}
	params, err := DecodeParams(a.Payload)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := params.Int("ts")
	if err != nil || ts < before-60_000 || ts > before+60_000 {
		t.Fatalf("ts = %d (now %d), %v", ts, before, err)
	}
	if a.Payload[4] != 0xcf {
		t.Fatalf("ts format %#x, want uint64 (cf) as msgpack-c writes a ms timestamp", a.Payload[4])
	}
}

func TestServerAnswersMirrorVersionAndFlag(t *testing.T) {
	addr := startServer(t, &Server{Handler: echoHandler})
	p := dialRaw(t, addr)
	p.write(&Frame{Version: 0, Flag: FlagMsgpack, Type: Twoway, Seq: 5, Method: "echo", Payload: emptyMap})
	if a := p.read(); a.Version != 0 || a.Flag != FlagMsgpack || a.Seq != 5 || !bytes.Equal(a.Payload, emptyMap) {
		t.Fatalf("answer %+v", a)
	}
	// JSON quests are answered 10002 in JSON, mirroring the flag.
	p.write(&Frame{Version: 1, Flag: FlagJSON, Type: Twoway, Seq: 6, Method: "echo", Payload: []byte(`{}`)})
	a := p.read()
	if a.Version != 1 || a.Flag != FlagJSON || a.Seq != 6 || a.Status != 1 {
		t.Fatalf("answer %+v", a)
	}
	if want := `{"code":10002,"ex":"JSON payloads are not supported, use msgpack"}`; string(a.Payload) != want {
		t.Fatalf("payload %s", a.Payload)
	}
	// The connection stays usable.
	p.write(&Frame{Version: 1, Type: Twoway, Seq: 7, Method: "echo", Payload: emptyMap})
	if a := p.read(); a.Seq != 7 || a.Status != 0 {
		t.Fatalf("answer %+v", a)
	}
}

func TestServerHandlerResults(t *testing.T) {
	srv := &Server{Handler: HandlerFunc(func(_ context.Context, q *Quest) ([]byte, error) {
		switch q.Method {
		case "nil":
			return nil, nil
		case "error":
			return nil, &ErrorAnswer{Code: 200033, Ex: "parameter is empty"}
		case "raiser":
			return nil, &ErrorAnswer{Code: 200033, Ex: "empty", Raiser: "rtm"}
		case "param":
			p, err := DecodeParams(q.Payload)
			if err != nil {
				return nil, err
			}
			_, err = p.Int("gid")
			return nil, err
		case "plain":
			return nil, errors.New("boom")
		case "panic":
			panic("handler bug")
		}
		return q.Payload, nil
	}), ErrorLog: log.New(&bytes.Buffer{}, "", 0)}
	c := newTestClient(t, ClientConfig{Endpoint: startServer(t, srv)})
	ctx := testContext(t)

	if got, err := c.Call(ctx, "nil", emptyMap); err != nil || !bytes.Equal(got, emptyMap) {
		t.Fatalf("nil: %x, %v", got, err)
	}
	for _, tc := range []struct {
		method string
		code   int
		ex     string
		raiser string
	}{
		{"error", 200033, "parameter is empty", ""},
		{"raiser", 200033, "empty", "rtm"},
		{"param", CodeKeyNotFound, `fpnn: param "gid": key not found (code 10009)`, ""},
		{"plain", CodeUnknown, "boom", ""},
		{"panic", CodeUnknown, "internal error in panic", ""},
	} {
		_, err := c.Call(ctx, tc.method, emptyMap)
		var ea *ErrorAnswer
		if !errors.As(err, &ea) || ea.Code != tc.code || ea.Ex != tc.ex || ea.Raiser != tc.raiser {
			t.Errorf("%s: err = %#v", tc.method, err)
		}
	}
	// The server survived the panic.
	if _, err := c.Call(ctx, "echo", emptyMap); err != nil {
		t.Fatal(err)
	}
}

func TestServerOnewayQuests(t *testing.T) {
	got := make(chan *Quest, 1)
	srv := &Server{Handler: HandlerFunc(func(_ context.Context, q *Quest) ([]byte, error) {
		if !q.Twoway {
			got <- q
		}
		return emptyMap, nil
	})}
	p := dialRaw(t, startServer(t, srv))
	p.write(&Frame{Version: 1, Type: Oneway, Method: "note", Payload: mapPayload("a", []byte{1})})
	p.write(&Frame{Version: 1, Type: Twoway, Seq: 9, Method: "after", Payload: emptyMap})
	if a := p.read(); a.Seq != 9 {
		t.Fatalf("first frame back is %+v; a oneway quest must not be answered", a)
	}
	q := <-got
	if q.Method != "note" || !bytes.Equal(q.Payload, mapPayload("a", []byte{1})) || q.Conn == nil || q.Conn.ID() == 0 {
		t.Fatalf("quest %+v", q)
	}
}

// Bad frames close that connection only; the server keeps serving.
func TestServerBadFrameClosesOnlyThatConnection(t *testing.T) {
	var logBuf syncBuffer
	srv := &Server{Handler: echoHandler, ErrorLog: log.New(&logBuf, "", 0)}
	addr := startServer(t, srv)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	ctx := testContext(t)
	if _, err := c.Call(ctx, "echo", emptyMap); err != nil {
		t.Fatal(err)
	}
	valid := unhex(t, goldenPingQuest)
	for name, frame := range map[string][]byte{
		"bad magic":    append([]byte("GET "), valid[4:]...),
		"version 2":    patch(valid, 4, 2),
		"no flag":      patch(valid, 5, 0),
		"both flags":   patch(valid, 5, FlagMsgpack|FlagJSON),
		"mtype 3":      patch(valid, 6, 3),
		"empty method": patch(valid, 7, 0),
		"oversize":     append(append([]byte{}, valid[:8]...), 0xff, 0xff, 0xff, 0x00),
	} {
		t.Run(name, func(t *testing.T) {
			p := dialRaw(t, addr)
			// A good quest first: its answer is flushed before the close.
			p.write(&Frame{Version: 1, Type: Twoway, Seq: 1, Method: "echo", Payload: emptyMap})
			p.writeRaw(frame)
			if a := p.read(); a.Seq != 1 {
				t.Fatalf("answer %+v", a)
			}
			p.expectClosed()
		})
	}
	if _, err := c.Call(ctx, "echo", emptyMap); err != nil {
		t.Fatalf("the healthy connection broke: %v", err)
	}
	if !strings.Contains(logBuf.String(), "invalid frame") {
		t.Errorf("log = %q", logBuf.String())
	}
}

func patch(b []byte, i int, v byte) []byte {
	c := append([]byte{}, b...)
	c[i] = v
	return c
}

// A package above MaxPackageSize closes the connection.
func TestServerOversizePackage(t *testing.T) {
	srv := &Server{Handler: echoHandler, MaxPackageSize: 1024}
	addr := startServer(t, srv)
	c := newTestClient(t, ClientConfig{Endpoint: addr})
	ctx := testContext(t)
	small := msgpack.AppendBinary(msgpack.AppendString(msgpack.AppendMapHeader(nil, 1), "b"), make([]byte, 900))
	if _, err := c.Call(ctx, "echo", small); err != nil {
		t.Fatal(err)
	}
	big := msgpack.AppendBinary(msgpack.AppendString(msgpack.AppendMapHeader(nil, 1), "b"), make([]byte, 1024))
	if _, err := c.Call(ctx, "echo", big); !errors.Is(err, ErrConnectionClosed) {
		t.Fatalf("err = %v, want ErrConnectionClosed", err)
	}
	if _, err := c.Call(ctx, "echo", small); err != nil {
		t.Fatalf("after redial: %v", err)
	}
}

func TestServerIdleTimeout(t *testing.T) {
	addr := startServer(t, &Server{Handler: echoHandler, IdleTimeout: 30 * time.Millisecond})
	p := dialRaw(t, addr)
	p.write(&Frame{Version: 1, Type: Twoway, Seq: 1, Method: "echo", Payload: emptyMap})
	p.read()
	p.expectClosed()
}

func TestServerDropConnectionFlushesEarlierAnswers(t *testing.T) {
	srv := &Server{Handler: HandlerFunc(func(_ context.Context, q *Quest) ([]byte, error) {
		if q.Method == "drop" {
			return nil, ErrDropConnection
		}
		return q.Payload, nil
	})}
	p := dialRaw(t, startServer(t, srv))
	var batch []byte
	for seq := uint32(1); seq <= 3; seq++ {
		batch, _ = AppendFrame(batch, &Frame{Version: 1, Type: Twoway, Seq: seq, Method: "echo", Payload: emptyMap})
	}
	batch, _ = AppendFrame(batch, &Frame{Version: 1, Type: Twoway, Seq: 4, Method: "drop", Payload: emptyMap})
	batch, _ = AppendFrame(batch, &Frame{Version: 1, Type: Twoway, Seq: 5, Method: "echo", Payload: emptyMap})
	p.writeRaw(batch)
	for seq := uint32(1); seq <= 3; seq++ {
		if a := p.read(); a.Seq != seq {
			t.Fatalf("answer seq %d, want %d", a.Seq, seq)
		}
	}
	p.expectClosed()
}

// Close ends Serve, closes the connections (pending quests fail) and
// cancels the handlers' contexts.
func TestServerClose(t *testing.T) {
	entered := make(chan struct{})
	srv := &Server{Handler: HandlerFunc(func(ctx context.Context, q *Quest) ([]byte, error) {
		close(entered)
		<-ctx.Done()
		return nil, ctx.Err()
	})}
	l := listen(t)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	c := newTestClient(t, ClientConfig{Endpoint: l.Addr().String()})
	errs := make(chan error, 1)
	go func() {
		_, err := c.Call(testContext(t), "hang", emptyMap)
		errs <- err
	}()
	<-entered
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve = %v", err)
	}
	if err := <-errs; !errors.Is(err, ErrConnectionClosed) {
		t.Fatalf("pending err = %v", err)
	}
	if err := srv.Serve(listen(t)); err != nil {
		t.Fatalf("Serve after Close = %v", err)
	}
}

// Quests of one connection are served in order, answers in the same order.
func TestServerKeepsPipelinedOrder(t *testing.T) {
	var mu sync.Mutex
	var order []int64
	srv := &Server{Handler: HandlerFunc(func(_ context.Context, q *Quest) ([]byte, error) {
		p, err := DecodeParams(q.Payload)
		if err != nil {
			return nil, err
		}
		i, err := p.Int("i")
		if err != nil {
			return nil, err
		}
		mu.Lock()
		order = append(order, i)
		mu.Unlock()
		return q.Payload, nil
	})}
	p := dialRaw(t, startServer(t, srv))
	var batch []byte
	const n = 200
	for i := range n {
		batch, _ = AppendFrame(batch, &Frame{Version: 1, Type: Twoway, Seq: uint32(i + 1), Method: "q", Payload: mapPayload("i", msgpack.AppendInt(nil, int64(i)))})
	}
	p.writeRaw(batch)
	for i := range n {
		if a := p.read(); a.Seq != uint32(i+1) {
			t.Fatalf("answer %d has seq %d", i, a.Seq)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for i, v := range order {
		if v != int64(i) {
			t.Fatalf("served out of order: %v", order)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's log goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// With Concurrency > 1 a slow quest does not hold up the ones behind it,
// and answers come back in completion order.
func TestServerConcurrencyAnswersInCompletionOrder(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	srv := &Server{Concurrency: 4, Handler: HandlerFunc(func(_ context.Context, q *Quest) ([]byte, error) {
		if q.Method == "slow" {
			close(entered)
			<-release
		}
		return q.Payload, nil
	})}
	c := newTestClient(t, ClientConfig{Endpoint: startServer(t, srv)})
	ctx := testContext(t)
	slow := make(chan error, 1)
	go func() {
		_, err := c.Call(ctx, "slow", emptyMap)
		slow <- err
	}()
	<-entered
	for range 10 {
		if _, err := c.Call(ctx, "fast", emptyMap); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case err := <-slow:
		t.Fatalf("slow quest answered before release: %v", err)
	default:
	}
	close(release)
	if err := <-slow; err != nil {
		t.Fatal(err)
	}
}

// ErrDropConnection from a concurrent handler closes the connection.
func TestServerConcurrencyDrop(t *testing.T) {
	srv := &Server{Concurrency: 4, Handler: HandlerFunc(func(_ context.Context, q *Quest) ([]byte, error) {
		if q.Method == "drop" {
			return nil, ErrDropConnection
		}
		return q.Payload, nil
	})}
	c := newTestClient(t, ClientConfig{Endpoint: startServer(t, srv)})
	ctx := testContext(t)
	if _, err := c.Call(ctx, "echo", emptyMap); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Call(ctx, "drop", emptyMap); !errors.Is(err, ErrConnectionClosed) {
		t.Fatalf("err = %v, want ErrConnectionClosed", err)
	}
	if _, err := c.Call(ctx, "echo", emptyMap); err != nil {
		t.Fatalf("after redial: %v", err)
	}
}
