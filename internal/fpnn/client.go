package fpnn

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"
)

// Client defaults.
const (
	DefaultConnectTimeout = 5 * time.Second
	DefaultPingInterval   = 10 * time.Second
	DefaultPingTimeout    = 5 * time.Second
)

// ClientConfig configures a Client.
type ClientConfig struct {
	Endpoint       string        // host:port
	ConnectTimeout time.Duration // default 5s
	MaxPayloadSize int           // default 200 MiB (what the Go SDK allows)
	KeepAlive      bool          // send *ping when idle
	PingInterval   time.Duration // default 10s
	// PingTimeout is how long a keep-alive *ping may stay unanswered before
	// the next one; the connection is dropped after 2*PingTimeout+PingInterval
	// with nothing received (the Go SDK's rule). Default 5s.
	PingTimeout time.Duration
	Dialer      func(ctx context.Context, network, addr string) (net.Conn, error) // optional
	// Encryption, when set, encrypts every connection (PROTOCOL.md §8;
	// encryption_exchange.go). nil: plaintext.
	Encryption *EncryptionConfig
}

func (cfg ClientConfig) withDefaults() ClientConfig {
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	if cfg.MaxPayloadSize <= 0 {
		cfg.MaxPayloadSize = DefaultMaxPayloadSize
	}
	if cfg.PingInterval <= 0 {
		cfg.PingInterval = DefaultPingInterval
	}
	if cfg.PingTimeout <= 0 {
		cfg.PingTimeout = DefaultPingTimeout
	}
	if cfg.Dialer == nil {
		var d net.Dialer
		cfg.Dialer = d.DialContext
	}
	return cfg
}

// Client sends quests over one lazily dialled TCP connection. Many goroutines
// may Call at once: quests are pipelined and answers matched by seq. When the
// connection drops, every pending quest fails with a *ConnError and the next
// Call dials again.
type Client struct {
	cfg ClientConfig
	// handshake, when set, runs on every new connection before it starts
	// and returns the frame source to read from: the seam for encryption
	// (transport.go). nil means plaintext.
	handshake func(cc *clientConn) (frameSource, error)

	// closing ends when Close starts: it aborts a dial in progress.
	closing     context.Context
	closeDials  context.CancelFunc
	dialRunning sync.WaitGroup // runDial goroutines

	mu     sync.Mutex
	conn   *clientConn  // current connection; may be closed
	dial   *dialAttempt // in progress, nil otherwise
	closed bool
}

// dialAttempt is one dial shared by every caller that needs a connection
// while it runs.
type dialAttempt struct {
	done chan struct{}
	conn *clientConn
	err  error
}

// NewClient returns a client for cfg. It does not dial: the first Call does.
func NewClient(cfg ClientConfig) *Client {
	c := &Client{cfg: cfg.withDefaults()}
	c.closing, c.closeDials = context.WithCancel(context.Background())
	if cfg.Encryption != nil {
		c.handshake = cfg.Encryption.clientHandshake(c.cfg.MaxPayloadSize + HeaderSize + seqSize + MaxMethodLen)
	}
	return c
}

// Call sends a twoway quest and waits for its answer. It returns the answer
// payload (status 0); an *ErrorAnswer for an error answer; a *ConnError
// (errors.Is ErrConnectionClosed) when dialling fails or the connection drops;
// ctx.Err() when ctx ends first, in which case the quest is forgotten (a late
// answer is dropped). payload is copied before Call returns; an empty payload
// is sent as {}.
func (c *Client) Call(ctx context.Context, method string, payload []byte) ([]byte, error) {
	if len(method) == 0 || len(method) > MaxMethodLen {
		return nil, fmt.Errorf("%w: method length %d, want 1..%d", ErrInvalidFrame, len(method), MaxMethodLen)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(payload) == 0 {
		payload = emptyMap
	}
	// A quest that never left this process can safely go out on a fresh
	// connection: one retry for a connection that died between lookup and
	// send.
	for attempt := 0; ; attempt++ {
		cc, err := c.connection(ctx)
		if err != nil {
			return nil, err
		}
		answer, err, final := cc.call(ctx, method, payload)
		if final || attempt > 0 {
			return answer, err
		}
	}
}

// connection returns the live connection, dialling if there is none.
func (c *Client) connection(ctx context.Context) (*clientConn, error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, ErrClientClosed
	}
	if c.conn != nil && !c.conn.isClosed() {
		cc := c.conn
		c.mu.Unlock()
		return cc, nil
	}
	a := c.dial
	if a == nil {
		a = &dialAttempt{done: make(chan struct{})}
		c.dial = a
		// The dial runs on its own so it is shared by every waiter and no
		// caller's cancellation aborts it for the others (Close does).
		c.dialRunning.Add(1)
		go c.runDial(context.WithoutCancel(ctx), a)
	}
	c.mu.Unlock()
	select {
	case <-a.done:
		return a.conn, a.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// runDial performs one dial attempt and publishes it.
func (c *Client) runDial(ctx context.Context, a *dialAttempt) {
	defer c.dialRunning.Done()
	ctx, cancel := context.WithTimeout(ctx, c.cfg.ConnectTimeout)
	defer cancel()
	stop := context.AfterFunc(c.closing, cancel)
	defer stop()
	nc, err := c.cfg.Dialer(ctx, "tcp", c.cfg.Endpoint)
	var cc *clientConn
	if err == nil {
		cc, err = c.startConn(nc)
	}
	if err != nil {
		err = &ConnError{Op: "dial", Endpoint: c.cfg.Endpoint, Err: err}
	}
	c.mu.Lock()
	c.dial = nil
	var abandoned *clientConn
	if c.closed {
		abandoned, cc, err = cc, nil, ErrClientClosed
	}
	if cc != nil {
		c.conn = cc
	}
	a.conn, a.err = cc, err
	c.mu.Unlock()
	if abandoned != nil {
		// Close ran during the dial: it waits for this goroutine, so the
		// connection's goroutines are gone when Close returns.
		abandoned.shutdown(&ConnError{Op: "dial", Endpoint: c.cfg.Endpoint, Err: ErrClientClosed})
		abandoned.wait()
	}
	close(a.done)
}

// startConn runs a dialled connection, after the handshake if any.
func (c *Client) startConn(nc net.Conn) (*clientConn, error) {
	cc := newClientConn(c.cfg, nc)
	var src frameSource = NewFrameReader(nc, c.cfg.MaxPayloadSize+HeaderSize+seqSize+MaxMethodLen)
	if c.handshake != nil {
		var err error
		if src, err = c.handshake(cc); err != nil {
			_ = nc.Close()
			return nil, err
		}
	}
	cc.start(c.cfg, src)
	return cc, nil
}

// Close closes the connection; pending quests fail with a *ConnError and
// later calls with ErrClientClosed. A dial in progress is aborted (its
// waiters get ErrClientClosed). Close returns once the dial and the
// connection's goroutines have ended.
func (c *Client) Close() error {
	c.mu.Lock()
	c.closed = true
	cc := c.conn
	c.mu.Unlock()
	c.closeDials()
	c.dialRunning.Wait()
	if cc != nil {
		cc.shutdown(&ConnError{Op: "read", Endpoint: c.cfg.Endpoint, Err: ErrClientClosed})
		cc.wait()
	}
	return nil
}
