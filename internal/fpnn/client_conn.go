package fpnn

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// clientConn is one live connection: a writer goroutine draining the
// outbox, a reader goroutine matching answers to pending calls by seq, and
// optionally a keep-alive goroutine. Nothing runs per quest.
type clientConn struct {
	endpoint string
	nc       net.Conn
	out      *outbox
	src      frameSource

	mu      sync.Mutex
	pending map[uint32]*call
	seq     uint32
	closed  bool
	done    chan struct{} // closed by shutdown

	lastRecv       atomic.Int64  // unix nanos of the last frame received
	received       atomic.Uint64 // frames received so far
	unknownAnswers atomic.Uint64
	goroutines     sync.WaitGroup
}

// newClientConn prepares a dialled connection; start runs it. In between, a
// handshake may queue quests (sendInternal) and install a sealer.
func newClientConn(cfg ClientConfig, nc net.Conn) *clientConn {
	cc := &clientConn{
		endpoint: cfg.Endpoint,
		nc:       nc,
		out:      newOutbox(),
		pending:  make(map[uint32]*call),
		done:     make(chan struct{}),
		// Like the Go SDK, start at a small time-derived seq so two
		// connections in a row do not reuse the same numbers.
		seq: uint32(time.Now().UnixNano() & 0xfff),
	}
	cc.lastRecv.Store(time.Now().UnixNano())
	return cc
}

// start runs the connection, reading frames from src (the plaintext
// FrameReader, or a decrypting source; transport.go).
func (cc *clientConn) start(cfg ClientConfig, src frameSource) {
	cc.src = src
	cc.goroutines.Add(2)
	go cc.writeLoop()
	go cc.readLoop()
	if cfg.KeepAlive {
		cc.goroutines.Add(1)
		go cc.keepAlive(cfg.PingInterval, cfg.PingTimeout)
	}
}

// sendInternal queues a twoway quest of the connection itself (*ping,
// *key): its answer is consumed by the reader and only counts as traffic.
func (cc *clientConn) sendInternal(method string, payload []byte) {
	cl := getCall()
	cl.internal = true
	seq, ok := cc.register(cl)
	if !ok {
		putCall(cl)
		return
	}
	if err := cc.out.appendInternalQuest(protocolVersion, FlagMsgpack, Twoway, seq, method, payload); err != nil && cc.unregister(seq) {
		putCall(cl)
	}
}

func (cc *clientConn) isClosed() bool {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	return cc.closed
}

// register assigns cl a seq: uint32, never 0, never one still pending.
func (cc *clientConn) register(cl *call) (uint32, bool) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.closed {
		return 0, false
	}
	for {
		cc.seq++
		if cc.seq == 0 {
			continue
		}
		if _, busy := cc.pending[cc.seq]; !busy {
			break
		}
	}
	cc.pending[cc.seq] = cl
	return cc.seq, true
}

// unregister removes seq; false means the reader (or shutdown) took it first
// and will finish the call.
func (cc *clientConn) unregister(seq uint32) bool {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if _, ok := cc.pending[seq]; !ok {
		return false
	}
	delete(cc.pending, seq)
	return true
}

// take removes and returns the call waiting for seq.
func (cc *clientConn) take(seq uint32) *call {
	cc.mu.Lock()
	cl := cc.pending[seq]
	if cl != nil {
		delete(cc.pending, seq)
	}
	cc.mu.Unlock()
	return cl
}

// call sends one quest and waits. final is false when the quest certainly
// never reached the wire because the connection was already closing (Call
// may then try a fresh connection).
func (cc *clientConn) call(ctx context.Context, method string, payload []byte) (answer []byte, err error, final bool) {
	cl := getCall()
	seq, ok := cc.register(cl)
	if !ok {
		putCall(cl)
		return nil, cc.closedError(), false
	}
	receivedBefore := cc.received.Load()
	if err := cc.out.appendQuest(ctx, protocolVersion, FlagMsgpack, Twoway, seq, method, payload); err != nil {
		if cc.unregister(seq) {
			putCall(cl)
			if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
				// ctx ended while the outbox was full: the peer is not
				// reading. Not sent, but a fresh connection cannot help a
				// caller whose ctx is over.
				cc.abandonIfSilent(ctx, receivedBefore)
				return nil, ctxErr, true
			}
			return nil, cc.closedError(), false
		}
		// shutdown already failed it; fall through to collect the result.
	}
	select {
	case <-cl.done:
	case <-ctx.Done():
		if cc.unregister(seq) {
			putCall(cl)
			cc.abandonIfSilent(ctx, receivedBefore)
			return nil, ctx.Err(), true
		}
		<-cl.done // the answer won the race
	}
	answer, err = cl.payload, cl.err
	putCall(cl)
	return answer, err, true
}

// abandonIfSilent closes the connection when a quest's ctx hit its deadline
// and not one frame has arrived on the connection since the quest was
// queued. Such a connection is most likely half-open (the peer or a
// middlebox is gone and no RST came back), and without keep-alive nothing
// else would notice: every later quest would time out on it too. Quests
// still pending on it fail with a *ConnError, so they are retried, and the
// next Call dials again. A server that is merely slow costs one reconnect.
// A cancelled ctx (not a deadline) says nothing about the peer.
func (cc *clientConn) abandonIfSilent(ctx context.Context, receivedBefore uint64) {
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) || cc.received.Load() != receivedBefore {
		return
	}
	cc.shutdown(&ConnError{Op: "read", Endpoint: cc.endpoint, Err: ErrUnresponsive})
}

func (cc *clientConn) closedError() error {
	return &ConnError{Op: "write", Endpoint: cc.endpoint, Err: errOutboxClosed}
}

func (cc *clientConn) writeLoop() {
	defer cc.goroutines.Done()
	if err := cc.out.run(cc.nc); err != nil {
		cc.shutdown(&ConnError{Op: "write", Endpoint: cc.endpoint, Err: err})
	}
}

func (cc *clientConn) readLoop() {
	defer cc.goroutines.Done()
	var f Frame
	for {
		if err := cc.src.readFrameInto(&f); err != nil {
			cc.shutdown(&ConnError{Op: "read", Endpoint: cc.endpoint, Err: err})
			return
		}
		cc.lastRecv.Store(time.Now().UnixNano())
		cc.received.Add(1)
		switch f.Type {
		case Answer:
			if err := cc.complete(&f); err != nil {
				cc.shutdown(&ConnError{Op: "read", Endpoint: cc.endpoint, Err: err})
				return
			}
		case Twoway:
			cc.answerPushedQuest(&f)
		}
		// Oneway quests from the server need nothing.
	}
}

// complete finishes the call an answer belongs to. A non-nil error is a
// protocol violation that breaks the connection.
func (cc *clientConn) complete(f *Frame) error {
	cl := cc.take(f.Seq)
	if cl == nil {
		// Cancelled, or never ours: dropped, as the SDKs do.
		cc.unknownAnswers.Add(1)
		return nil
	}
	if cl.internal {
		putCall(cl)
		return nil
	}
	if f.Flag&FlagJSON != 0 {
		cl.finish(nil, &ErrorAnswer{Code: CodeDecoding, Ex: "JSON answer not supported"})
		return nil
	}
	if !isMap(f.Payload) {
		// The Go SDK closes a connection whose answer is not a map.
		err := &ConnError{Op: "read", Endpoint: cc.endpoint, Err: errAnswerNotMap}
		cl.finish(nil, err)
		return errAnswerNotMap
	}
	if f.Status != 0 {
		ea, err := DecodeErrorPayload(f.Payload)
		if err != nil {
			ea = &ErrorAnswer{Code: CodeDecoding, Ex: "undecodable error answer: " + err.Error()}
		}
		cl.finish(nil, ea)
		return nil
	}
	cl.finish(f.Payload, nil)
	return nil
}

// isMap reports whether payload starts with a msgpack map header.
func isMap(payload []byte) bool {
	if len(payload) == 0 {
		return false
	}
	c := payload[0]
	return c&0xf0 == 0x80 || c == 0xde || c == 0xdf
}

// answerPushedQuest answers a twoway quest the server sent: "ping" and
// "*ping" get {} (as the RTM SDKs answer), anything else 20004.
func (cc *clientConn) answerPushedQuest(f *Frame) {
	if f.Flag&FlagJSON != 0 {
		_ = cc.out.appendErrorAnswerNow(f.Version, f.Flag, f.Seq, errJSONNotSupported)
		return
	}
	switch f.Method {
	case "ping", "*ping":
		_ = cc.out.appendAnswerNow(f.Version, f.Flag, f.Seq, emptyMap)
	default:
		_ = cc.out.appendErrorAnswerNow(f.Version, f.Flag, f.Seq, &ErrorAnswer{Code: CodeUnknownMethod, Ex: "unknown method " + f.Method})
	}
}

// shutdown closes the connection once and fails every pending quest with
// err.
func (cc *clientConn) shutdown(err error) {
	cc.mu.Lock()
	if cc.closed {
		cc.mu.Unlock()
		return
	}
	cc.closed = true
	pending := cc.pending
	cc.pending = nil
	cc.mu.Unlock()

	close(cc.done)
	cc.out.close()
	_ = cc.nc.Close()
	for _, cl := range pending {
		if cl.internal {
			putCall(cl)
			continue
		}
		cl.finish(nil, err)
	}
}

// wait blocks until the connection's goroutines have exited.
func (cc *clientConn) wait() { cc.goroutines.Wait() }
