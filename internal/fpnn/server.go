package fpnn

import (
	"context"
	"errors"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultIdleTimeout is the FPNN C++ server's idle close (60 s).
const DefaultIdleTimeout = 60 * time.Second

// Server accepts FPNN connections and dispatches quests to Handler. Built in:
// "*ping" answers {ts: now in ms}. Versions 0 and 1 are accepted and every
// answer mirrors its quest's version and flag. A bad frame (magic, version,
// flag, mtype, empty method) or an oversize package closes that connection
// only, as the C++ server does.
type Server struct {
	Handler        Handler
	MaxPackageSize int           // default DefaultMaxPackageSize
	IdleTimeout    time.Duration // default 60s; 0 = default, negative = none
	ErrorLog       *log.Logger   // optional
	// Concurrency is how many quests of one connection may be in the
	// Handler at once. 0 or 1: one at a time, inline, in arrival order (the
	// default). While all are busy the connection is not read.
	Concurrency int
	// ECDHKey, when set, lets clients encrypt their connection with a *key
	// exchange against this key (PROTOCOL.md §8; encryption_conn.go).
	// nil: plaintext only.
	ECDHKey *ECDHPrivateKey

	// keyExchange, when set, serves "*key" (the seam for encryption;
	// transport.go). nil: "*key" goes to Handler like any method.
	keyExchange keyExchangeFunc

	mu        sync.Mutex
	listeners map[net.Listener]struct{}
	conns     map[*ServerConn]struct{}
	closed    bool
	closedCh  chan struct{} // closed by Close; made lazily (closing)
	serving   sync.WaitGroup
	lastID    atomic.Uint64
}

// maxAcceptBackoff bounds the pause after a failed Accept.
const maxAcceptBackoff = time.Second

// Serve accepts connections on l until Close, then returns nil. A failed
// Accept (EMFILE, ECONNABORTED, a timeout...) is logged to ErrorLog and
// retried after a pause that doubles up to a second, as net/http does: a
// server that runs out of file descriptors for a moment keeps serving once
// connections are closed. Only a closed listener (net.ErrClosed) that
// Close did not close ends Serve with an error. Serve closes l.
func (s *Server) Serve(l net.Listener) error {
	if !s.track(l) {
		_ = l.Close()
		return nil
	}
	defer s.untrack(l)
	var backoff time.Duration
	for {
		nc, err := l.Accept()
		if err != nil {
			if s.isClosed() {
				return nil
			}
			if errors.Is(err, net.ErrClosed) {
				return err
			}
			backoff = min(max(2*backoff, 5*time.Millisecond), maxAcceptBackoff)
			s.logf("fpnn: accept: %v; retrying in %v", err, backoff)
			if !s.pause(backoff) {
				return nil
			}
			continue
		}
		backoff = 0
		s.startConn(nc)
	}
}

// pause waits d, or until Close; false means the server closed.
func (s *Server) pause(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.closing():
		return false
	}
}

// Close closes the listeners and every connection, and waits for the
// connections' goroutines (handlers see their ctx cancelled).
func (s *Server) Close() error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		if s.closedCh == nil {
			s.closedCh = make(chan struct{})
		}
		close(s.closedCh)
	}
	for l := range s.listeners {
		_ = l.Close()
	}
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.serving.Wait()
	return nil
}

func (s *Server) startConn(nc net.Conn) {
	ctx, cancel := context.WithCancel(context.Background())
	c := &ServerConn{
		id:     s.lastID.Add(1),
		srv:    s,
		nc:     nc,
		out:    newOutbox(),
		src:    NewFrameReader(nc, s.maxPackageSize()),
		ctx:    ctx,
		cancel: cancel,
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = c.Close()
		return
	}
	s.conns[c] = struct{}{}
	s.serving.Add(1)
	s.mu.Unlock()
	go c.serve()
}

func (s *Server) track(l net.Listener) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	if s.listeners == nil {
		s.listeners = make(map[net.Listener]struct{})
		s.conns = make(map[*ServerConn]struct{})
	}
	s.listeners[l] = struct{}{}
	return true
}

func (s *Server) untrack(l net.Listener) {
	s.mu.Lock()
	delete(s.listeners, l)
	s.mu.Unlock()
	_ = l.Close()
}

func (s *Server) connDone(c *ServerConn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	s.serving.Done()
}

// closing returns a channel closed by Close.
func (s *Server) closing() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closedCh == nil {
		s.closedCh = make(chan struct{})
	}
	return s.closedCh
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *Server) maxPackageSize() int {
	if s.MaxPackageSize > 0 {
		return s.MaxPackageSize
	}
	return DefaultMaxPackageSize
}

func (s *Server) idleTimeout() time.Duration {
	switch {
	case s.IdleTimeout < 0:
		return 0
	case s.IdleTimeout == 0:
		return DefaultIdleTimeout
	}
	return s.IdleTimeout
}

func (s *Server) logf(format string, args ...any) {
	if s.ErrorLog != nil {
		s.ErrorLog.Printf(format, args...)
	}
}
