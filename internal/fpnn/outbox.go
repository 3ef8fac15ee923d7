package fpnn

import (
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
}

func newOutbox() *outbox {
	return &outbox{wake: make(chan struct{}, 1)}
}

// begin locks the outbox for appending one frame.
func (o *outbox) begin() (buf []byte, start int, err error) {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return nil, 0, errOutboxClosed
	}
	return o.buf, len(o.buf), nil
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

// appendQuest queues a quest.
func (o *outbox) appendQuest(version, flag byte, mtype MessageType, seq uint32, method string, payload []byte) error {
	buf, start, err := o.begin()
	if err != nil {
		return err
	}
	o.commit(appendQuest(buf, version, flag, mtype, seq, method, payload), start)
	return nil
}

// appendAnswer queues an answer.
func (o *outbox) appendAnswer(version, flag byte, seq uint32, status byte, payload []byte) error {
	buf, start, err := o.begin()
	if err != nil {
		return err
	}
	o.commit(appendAnswer(buf, version, flag, seq, status, payload), start)
	return nil
}

// appendErrorAnswer queues an error answer for err, encoding the payload in
// place (msgpack, or JSON when the quest was JSON).
func (o *outbox) appendErrorAnswer(version, flag byte, seq uint32, err error) error {
	buf, start, berr := o.begin()
	if berr != nil {
		return berr
	}
	buf = appendAnswer(buf, version, flag, seq, 1, nil)
	payloadStart := len(buf)
	if flag&FlagJSON != 0 {
		buf = appendJSONErrorPayload(buf, err)
	} else {
		buf = appendAnswerError(buf, err)
	}
	binary.LittleEndian.PutUint32(buf[start+8:], uint32(len(buf)-payloadStart))
	o.commit(buf, start)
	return nil
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
	o.closed = true
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
