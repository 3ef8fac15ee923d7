package fpnn

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"sync"
)

// errOutboxClosed: the connection is shutting down; nothing more is sent.
var errOutboxClosed = errors.New("fpnn: connection is closing")

// maxRetainedWriteBuffer caps the buffer the writer keeps for reuse, so one
// huge quest does not pin its memory for the life of the connection.
const maxRetainedWriteBuffer = 1 << 20

// maxQueuedBytes caps the frames waiting for the writer. A peer that keeps
// sending quests but never reads answers (or a server that stops reading
// quests) would otherwise grow this side's memory without bound. Appends
// wait while the queue is at the cap: a server connection's reader then
// stops reading, so TCP flow control pushes back on the peer; a client Call
// waits for room until its ctx ends. With the buffer being written, a
// connection holds at most about 2*maxQueuedBytes plus one frame.
// Internal frames (*ping, *key, answers to pushed quests) skip the cap: they
// are tiny, and a reader goroutine must never block on its own outbox, or two
// peers that both stopped reading would deadlock.
const maxQueuedBytes = 4 << 20

// outbox is a connection's write side. Any goroutine appends encoded frames
// to a shared buffer; one writer goroutine (run) swaps the buffer out and
// writes it with a single syscall. While that syscall runs, more frames
// pile up, so under load many frames go out per write, with no goroutine,
// channel send or timer per frame.
type outbox struct {
	mu     sync.Mutex
	buf    []byte // frames waiting for the writer
	spare  []byte // the writer's last buffer, for reuse
	sealer frameSealer
	closed bool
	wake   chan struct{} // capacity 1: "buf went from empty to non-empty"
	// room is closed (and replaced) when the writer takes buf or the outbox
	// closes: appenders waiting for the queue to drop below
	// maxQueuedBytes wait on it.
	room chan struct{}
}

func newOutbox() *outbox {
	return &outbox{wake: make(chan struct{}, 1), room: make(chan struct{})}
}

// begin locks the outbox for appending one frame, without waiting for room.
func (o *outbox) begin() (buf []byte, start int, err error) {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return nil, 0, errOutboxClosed
	}
	return o.buf, len(o.buf), nil
}

// beginWithin is begin after waiting, until ctx ends, for the queue to be
// below maxQueuedBytes. One frame may take it past the cap.
func (o *outbox) beginWithin(ctx context.Context) (buf []byte, start int, err error) {
	for {
		o.mu.Lock()
		if o.closed {
			o.mu.Unlock()
			return nil, 0, errOutboxClosed
		}
		if len(o.buf) < maxQueuedBytes {
			return o.buf, len(o.buf), nil
		}
		room := o.room
		o.mu.Unlock()
		select {
		case <-room:
		case <-ctx.Done():
			return nil, 0, ctx.Err()
		}
	}
}

// signalRoom wakes the appenders waiting in beginWithin; o.mu is held.
func (o *outbox) signalRoom() {
	close(o.room)
	o.room = make(chan struct{})
}

// commit stores buf, whose bytes from start are one new frame, and unlocks.
func (o *outbox) commit(buf []byte, start int) {
	if o.sealer != nil {
		buf = o.sealer.sealFrame(buf, start)
	}
	o.buf = buf
	o.mu.Unlock()
	if start == 0 {
		// The writer swapped the buffer out (or has not started): tell it.
		// Otherwise a wake-up is already pending for the earlier frames.
		select {
		case o.wake <- struct{}{}:
		default:
		}
	}
}

// appendQuest queues a quest, waiting (until ctx ends) for room.
func (o *outbox) appendQuest(ctx context.Context, version, flag byte, mtype MessageType, seq uint32, method string, payload []byte) error {
	buf, start, err := o.beginWithin(ctx)
	if err != nil {
		return err
	}
	o.commit(appendQuest(buf, version, flag, mtype, seq, method, payload), start)
	return nil
}

// appendInternalQuest queues a quest of the connection itself (*ping, *key)
// without waiting for room.
func (o *outbox) appendInternalQuest(version, flag byte, mtype MessageType, seq uint32, method string, payload []byte) error {
	buf, start, err := o.begin()
	if err != nil {
		return err
	}
	o.commit(appendQuest(buf, version, flag, mtype, seq, method, payload), start)
	return nil
}

// appendAnswer queues a success answer (status 0), waiting (until ctx ends)
// for room. Error answers go through appendErrorAnswer.
func (o *outbox) appendAnswer(ctx context.Context, version, flag byte, seq uint32, payload []byte) error {
	buf, start, err := o.beginWithin(ctx)
	if err != nil {
		return err
	}
	o.commit(appendAnswer(buf, version, flag, seq, 0, payload), start)
	return nil
}

// appendAnswerNow queues a success answer (status 0) without waiting for
// room (the client's answers to pushed quests, from its reader goroutine).
func (o *outbox) appendAnswerNow(version, flag byte, seq uint32, payload []byte) error {
	buf, start, err := o.begin()
	if err != nil {
		return err
	}
	o.commit(appendAnswer(buf, version, flag, seq, 0, payload), start)
	return nil
}

// appendErrorAnswer queues an error answer for err, waiting (until ctx
// ends) for room.
func (o *outbox) appendErrorAnswer(ctx context.Context, version, flag byte, seq uint32, err error) error {
	buf, start, berr := o.beginWithin(ctx)
	if berr != nil {
		return berr
	}
	o.commitErrorAnswer(buf, start, version, flag, seq, err)
	return nil
}

// appendErrorAnswerNow is appendErrorAnswer without waiting for room.
func (o *outbox) appendErrorAnswerNow(version, flag byte, seq uint32, err error) error {
	buf, start, berr := o.begin()
	if berr != nil {
		return berr
	}
	o.commitErrorAnswer(buf, start, version, flag, seq, err)
	return nil
}

// commitErrorAnswer encodes the error answer in place (msgpack, or JSON when
// the quest was JSON) and commits it.
func (o *outbox) commitErrorAnswer(buf []byte, start int, version, flag byte, seq uint32, err error) {
	buf = appendAnswer(buf, version, flag, seq, 1, nil)
	payloadStart := len(buf)
	if flag&FlagJSON != 0 {
		buf = appendJSONErrorPayload(buf, err)
	} else {
		buf = appendAnswerError(buf, err)
	}
	binary.LittleEndian.PutUint32(buf[start+8:], uint32(len(buf)-payloadStart))
	o.commit(buf, start)
}

// setSealer makes every later frame go through s (see transport.go).
func (o *outbox) setSealer(s frameSealer) {
	o.mu.Lock()
	o.sealer = s
	o.mu.Unlock()
}

// close stops further appends; run writes what is queued, then returns.
func (o *outbox) close() {
	o.mu.Lock()
	if !o.closed {
		o.closed = true
		o.signalRoom()
	}
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// run is the writer goroutine: it writes queued frames until close (after
// flushing them) or a write error.
func (o *outbox) run(w io.Writer) error {
	for range o.wake {
		// Let goroutines that are ready to queue frames do so first: under
		// load this turns many small writes into one.
		runtime.Gosched()
		o.mu.Lock()
		buf := o.buf
		o.buf, o.spare = o.spare[:0], nil
		closed := o.closed
		if len(buf) >= maxQueuedBytes && !closed {
			o.signalRoom()
		}
		o.mu.Unlock()
		if len(buf) > 0 {
			if _, err := w.Write(buf); err != nil {
				o.close()
				return err
			}
		}
		if closed {
			return nil
		}
		if cap(buf) <= maxRetainedWriteBuffer {
			o.mu.Lock()
			if o.spare == nil {
				o.spare = buf[:0]
			}
			o.mu.Unlock()
		}
	}
	return nil
}
