package fpnn

import (
	"context"
	"net"
	"sync/atomic"
)

// Quest is one quest received by a Server.
type Quest struct {
	Method  string
	Payload []byte // owned by the handler; it may keep it
	Twoway  bool
	Conn    *ServerConn // the connection it came on
}

// Handler serves quests. ServeFPNN returns:
//   - (payload, nil): a success answer; a nil payload is sent as {};
//   - (nil, *ErrorAnswer): an error answer with that code, ex and raiser;
//   - (nil, *ParamError): an error answer with the parameter error's code;
//   - (nil, ErrDropConnection): the connection is closed without an answer;
//   - (nil, any other error): an error answer {code: 10001, ex: err.Error()}.
//
// By default the quests of one connection are served one at a time, in
// arrival order, on that connection's reader goroutine, so answers keep the
// pipelined order and a slow handler delays only its own connection (but
// every quest queued behind it on that connection). Server.Concurrency > 1
// serves up to that many at once per connection, each on its own goroutine,
// answering in completion order as a multi-threaded FPNN server does. ctx
// ends when the connection closes. The answer payload is copied before the next quest is
// read, so the handler may reuse it. For oneway quests the result is
// discarded, except ErrDropConnection.
type Handler interface {
	ServeFPNN(ctx context.Context, q *Quest) ([]byte, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, q *Quest) ([]byte, error)

// ServeFPNN calls f.
func (f HandlerFunc) ServeFPNN(ctx context.Context, q *Quest) ([]byte, error) { return f(ctx, q) }

// ServerConn is one accepted connection.
type ServerConn struct {
	id     uint64
	srv    *Server
	nc     net.Conn
	out    *outbox
	src    frameSource
	ctx    context.Context
	cancel context.CancelFunc

	stopping atomic.Bool // a concurrent handler asked to close (stop)
}

// ID is unique among the server's connections (1, 2, ...).
func (c *ServerConn) ID() uint64 { return c.id }

// RemoteAddr is the peer's address.
func (c *ServerConn) RemoteAddr() net.Addr { return c.nc.RemoteAddr() }

// Close closes the connection at once, without flushing queued answers.
// The handler's ctx is cancelled last, so whatever a handler returns after
// seeing it is not sent.
func (c *ServerConn) Close() error {
	c.out.close()
	err := c.nc.Close()
	c.cancel()
	return err
}
