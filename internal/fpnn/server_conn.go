package fpnn

import (
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

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
		if f.Type == Answer {
			continue // this server sends no quests, so no answer is awaited
		}
		if !c.handle(&f) {
			break
		}
	}
	// Flush what is queued (answers to earlier quests), then close.
	c.out.close()
	<-writerDone
	c.cancel()
	_ = c.nc.Close()
}

// handle serves one quest; false closes the connection.
func (c *ServerConn) handle(f *Frame) bool {
	twoway := f.Type == Twoway
	if f.Flag&FlagJSON != 0 {
		if twoway {
			_ = c.out.appendErrorAnswer(f.Version, f.Flag, f.Seq, errJSONNotSupported)
		}
		return true
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
