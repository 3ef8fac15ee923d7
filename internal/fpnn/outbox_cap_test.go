package fpnn

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// fillOutbox queues 1 MiB quests until the queue reaches maxQueuedBytes.
func fillOutbox(t *testing.T, o *outbox) {
	t.Helper()
	big := bytes.Repeat([]byte{0}, 1<<20)
	for i := 0; i < 2*maxQueuedBytes>>20; i++ {
		o.mu.Lock()
		full := len(o.buf) >= maxQueuedBytes
		o.mu.Unlock()
		if full {
			return
		}
		if err := o.appendQuest(testContext(t), 1, FlagMsgpack, Twoway, 1, "x", big); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("outbox never reached its cap")
}

// At the cap an append waits for room, until its ctx ends.
func TestOutboxAppendWaitsAtCapUntilCtxEnds(t *testing.T) {
	o := newOutbox()
	fillOutbox(t, o)
	ctx, cancel := context.WithCancel(testContext(t))
	done := make(chan error, 1)
	go func() { done <- o.appendAnswer(ctx, 1, FlagMsgpack, 2, emptyMap) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("append to a full outbox = %v, want it to wait and end with context.Canceled", err)
	}
	// Internal frames are never held back.
	if err := o.appendInternalQuest(1, FlagMsgpack, Twoway, 3, "*ping", emptyMap); err != nil {
		t.Fatal(err)
	}
	if err := o.appendAnswerNow(1, FlagMsgpack, 4, emptyMap); err != nil {
		t.Fatal(err)
	}
}

// The writer taking the queue makes room; closing releases waiters too.
func TestOutboxAppendResumesWhenWriterDrains(t *testing.T) {
	o := newOutbox()
	fillOutbox(t, o)
	done := make(chan error, 1)
	go func() { done <- o.appendAnswer(testContext(t), 1, FlagMsgpack, 2, emptyMap) }()
	written := make(chan error, 1)
	go func() { written <- o.run(io.Discard) }()
	if err := <-done; err != nil {
		t.Fatalf("append after the writer drained: %v", err)
	}
	o.close()
	if err := <-written; err != nil {
		t.Fatal(err)
	}

	full := newOutbox()
	fillOutbox(t, full)
	go func() { done <- full.appendAnswer(testContext(t), 1, FlagMsgpack, 2, emptyMap) }()
	full.close()
	if err := <-done; !errors.Is(err, errOutboxClosed) {
		t.Fatalf("append waiting on a closed outbox = %v, want errOutboxClosed", err)
	}
}

// A peer that pipelines quests and never reads the answers does not grow
// the server's memory without bound: the server stops reading instead.
func TestServerOutboxBoundedWhenPeerDoesNotRead(t *testing.T) {
	srv := &Server{Handler: echoHandler}
	addr := startServer(t, srv)
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if tc, ok := nc.(*net.TCPConn); ok {
		_ = tc.SetReadBuffer(4096)
	}
	ping, _ := AppendFrame(nil, &Frame{Version: 1, Type: Twoway, Seq: 7, Method: "*ping", Payload: emptyMap})
	batch := bytes.Repeat(ping, 10000)
	// Up to 1,000,000 pings (22 MB of quests, more of answers); the writes
	// stall once the server stops reading.
	for i := 0; i < 100; i++ {
		_ = nc.SetWriteDeadline(time.Now().Add(500 * time.Millisecond))
		if _, err := nc.Write(batch); err != nil {
			break
		}
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for c := range srv.conns {
		c.out.mu.Lock()
		queued := len(c.out.buf)
		c.out.mu.Unlock()
		if queued > maxQueuedBytes+len(ping)+64 {
			t.Fatalf("server outbox holds %d bytes of unsent answers, cap %d", queued, maxQueuedBytes)
		}
	}
}
