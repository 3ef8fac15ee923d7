package fpnn

import (
	"errors"
	"fmt"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// handle serves one quest; false closes the connection.
// quests counts the packages received so far, this one included.
func (c *ServerConn) handle(f *Frame, quests int) bool {
	twoway := f.Type == Twoway
	if f.Flag&FlagJSON != 0 {
		if twoway {
			_ = c.out.appendErrorAnswer(c.ctx, f.Version, f.Flag, f.Seq, errJSONNotSupported)
		}
		return true
	}
	if f.Method == "*key" && c.srv.keyExchanger() != nil {
		return c.exchangeKey(f, quests)
	}
	if f.Method == "*ping" {
		if twoway {
			var buf [16]byte
			payload := msgpack.AppendMapHeader(buf[:0], 1)
			payload = msgpack.AppendString(payload, "ts")
			payload = msgpack.AppendUint(payload, uint64(time.Now().UnixMilli()))
			_ = c.out.appendAnswer(c.ctx, f.Version, f.Flag, f.Seq, payload)
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
		_ = c.out.appendErrorAnswer(c.ctx, f.Version, f.Flag, f.Seq, err)
		return true
	}
	if answer == nil {
		answer = emptyMap
	}
	_ = c.out.appendAnswer(c.ctx, f.Version, f.Flag, f.Seq, answer)
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
