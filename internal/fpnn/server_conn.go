package fpnn

import (
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// flushTimeout bounds the final flush of a closing connection.
const flushTimeout = 5 * time.Second

// serve is the connection's reader goroutine: it reads quests and handles
// them inline (keeping pipelined order), while a writer goroutine flushes
// the answers in batches.
func (c *ServerConn) serve() {
	defer c.srv.connDone(c)
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		if err := c.out.run(c.nc); err != nil {
			_ = c.nc.Close() // unblocks the reader
		}
	}()

	idle := c.srv.idleTimeout()
	var deadlineSetAt time.Time
	var f Frame
	quests := 0
	for {
		if idle > 0 {
			// Moving the deadline costs a timer update; doing it only when
			// 1/16 of the timeout has passed keeps the idle close within
			// [15/16, 1] x IdleTimeout of the last quest.
			if now := time.Now(); now.Sub(deadlineSetAt) > idle/16 {
				_ = c.nc.SetReadDeadline(now.Add(idle))
				deadlineSetAt = now
			}
		}
		if err := c.src.readFrameInto(&f); err != nil {
			c.logReadError(err)
			break
		}
		quests++
		if f.Type == Answer {
			continue // this server sends no quests, so no answer is awaited
		}
		if !c.handle(&f, quests) {
			break
		}
	}
	// Flush what is queued (answers to earlier quests), then close; a peer
	// that does not read gets flushTimeout, not a goroutine parked forever.
	c.out.close()
	_ = c.nc.SetWriteDeadline(time.Now().Add(flushTimeout))
	<-writerDone
	c.cancel()
	_ = c.nc.Close()
}

// handle serves one quest; false closes the connection.
// quests counts the packages received so far, this one included.
func (c *ServerConn) handle(f *Frame, quests int) bool {
	twoway := f.Type == Twoway
	if f.Flag&FlagJSON != 0 {
		if twoway {
			_ = c.out.appendErrorAnswer(f.Version, f.Flag, f.Seq, errJSONNotSupported)
		}
		return true
	}
	if f.Method == "*key" && c.srv.keyExchange != nil {
		return c.exchangeKey(f, quests)
	}
	if f.Method == "*ping" {
		if twoway {
			var buf [16]byte
			payload := msgpack.AppendMapHeader(buf[:0], 1)
			payload = msgpack.AppendString(payload, "ts")
			payload = msgpack.AppendUint(payload, uint64(time.Now().UnixMilli()))
			_ = c.out.appendAnswer(f.Version, f.Flag, f.Seq, 0, payload)
		}
		return true
	}
	answer, err := c.dispatch(&Quest{Method: f.Method, Payload: f.Payload, Twoway: twoway, Conn: c})
	if errors.Is(err, ErrDropConnection) {
		return false
	}
	if !twoway {
		return true
	}
	if err != nil {
		_ = c.out.appendErrorAnswer(f.Version, f.Flag, f.Seq, err)
		return true
	}
	if answer == nil {
		answer = emptyMap
	}
	_ = c.out.appendAnswer(f.Version, f.Flag, f.Seq, 0, answer)
	return true
}

// dispatch calls the handler; a panic becomes an error answer instead of
// killing the server.
func (c *ServerConn) dispatch(q *Quest) (answer []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			c.srv.logf("fpnn: handler panic on %q: %v", q.Method, r)
			answer, err = nil, &ErrorAnswer{Code: CodeUnknown, Ex: fmt.Sprintf("internal error in %s", q.Method)}
		}
	}()
	if c.srv.Handler == nil {
		return nil, &ErrorAnswer{Code: CodeUnknownMethod, Ex: "unknown method " + q.Method}
	}
	return c.srv.Handler.ServeFPNN(c.ctx, q)
}

// logReadError logs why the connection ends, unless it is a plain close.
func (c *ServerConn) logReadError(err error) {
	if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || c.ctx.Err() != nil {
		return
	}
	c.srv.logf("fpnn: closing connection %d from %v: %v", c.id, c.nc.RemoteAddr(), err)
}

// keyExchangeFunc serves a "*key" quest: from the quest and the bytes
// already read past it (FrameReader.Buffered: ciphertext), it returns the
// sealer for everything this side sends from now on and the source that
// decrypts everything it reads. An error closes the connection.
type keyExchangeFunc func(c *ServerConn, f *Frame, buffered []byte) (frameSealer, frameSource, error)

// exchangeKey switches the connection to encrypted mode, as the C++ server
// does: *key must be the first package; the {} answer already goes out
// sealed.
func (c *ServerConn) exchangeKey(f *Frame, quests int) bool {
	fr, plain := c.src.(*FrameReader)
	if quests != 1 || !plain {
		c.srv.logf("fpnn: closing connection %d from %v: *key is not the first package", c.id, c.nc.RemoteAddr())
		return false
	}
	buffered := append([]byte(nil), fr.Buffered()...)
	sealer, src, err := c.srv.keyExchange(c, f, buffered)
	if err != nil {
		c.srv.logf("fpnn: closing connection %d from %v: key exchange: %v", c.id, c.nc.RemoteAddr(), err)
		return false
	}
	c.out.setSealer(sealer)
	c.src = src
	if f.Type == Twoway {
		_ = c.out.appendAnswer(f.Version, f.Flag, f.Seq, 0, emptyMap)
	}
	return true
}
