package rtmtest

import (
	"fmt"
	"net"
	"sync"
)

// Server is a running (or not yet started) emulator. All methods are safe for
// concurrent use.
type Server struct {
	cfg     Config
	store   *store
	auth    *authenticator
	limits  *rateLimits
	faults  faults
	calls   callCounter
	log     *requestLog
	persist *persister // nil without Config.StateFile

	mu       sync.Mutex
	listener net.Listener
	stopFn   func() // stops serving; set by StartOn
	served   chan struct{}
	closed   bool
	serveErr error // why serving stopped on its own; see Err
}

// Open checks cfg, loads Config.StateFile if it is set, and returns an
// unstarted server. It is NewUnstartedServer with an error instead of a
// panic, for programs such as cmd/rtm-emulator.
func Open(cfg Config) (*Server, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:    cfg,
		store:  newStore(cfg.Clock),
		auth:   newAuthenticator(cfg),
		limits: newRateLimits(cfg.RateLimit),
		log:    &requestLog{w: cfg.Log},
	}
	if cfg.StateFile != "" {
		if err := loadStateFile(cfg.StateFile, s.store); err != nil {
			return nil, err
		}
		if err := writeStateFile(cfg.StateFile, s.store.snapshot()); err != nil {
			return nil, err
		}
		s.persist = newPersister(cfg.StateFile, s.store.snapshot, s.logPersistError)
		s.store.changed = s.persist.changed
	}
	return s, nil
}

// NewUnstartedServer returns a server that is not listening yet; call Start
// or StartOn. It panics on a bad Config or an unreadable state file.
func NewUnstartedServer(cfg Config) *Server {
	s, err := Open(cfg)
	if err != nil {
		panic(err)
	}
	return s
}

// NewServer returns a server listening on 127.0.0.1 at a free port. It panics
// if it cannot (httptest style: tests have no use for the error).
func NewServer(cfg Config) *Server {
	s := NewUnstartedServer(cfg)
	s.Start()
	return s
}

// Start listens on 127.0.0.1 at a free port and serves; it panics if it cannot.
func (s *Server) Start() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("rtmtest: failed to listen on 127.0.0.1:0: %v", err))
	}
	s.StartOn(l)
}

// StartOn serves on l, which the server then owns (Close closes it).
func (s *Server) StartOn(l net.Listener) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener != nil {
		panic("rtmtest: server already started")
	}
	if s.closed {
		panic("rtmtest: server already closed")
	}
	s.listener = l
	s.served = make(chan struct{})
	s.stopFn = s.serve(l, s.served)
}

// Addr returns the listening address, "127.0.0.1:port"; "" before Start.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener == nil {
		return ""
	}
	return s.listener.Addr().String()
}

// Close stops listening, closes every connection, and writes the state file
// (if any) one last time. It may be called more than once.
func (s *Server) Close() {
	_ = s.Shutdown()
}

// Shutdown is Close returning the result of the final state-file write.
func (s *Server) Shutdown() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return s.StateErr()
	}
	s.closed = true
	stop, served := s.stopFn, s.served
	s.mu.Unlock()
	if stop != nil {
		stop()
		<-served
	}
	if s.persist != nil {
		return s.persist.close()
	}
	return nil
}

// StateErr returns the error of the latest state-file write, nil if it
// succeeded or there is no state file.
func (s *Server) StateErr() error {
	if s.persist == nil {
		return nil
	}
	return s.persist.err()
}

func (s *Server) logPersistError(err error) {
	if s.cfg.Log != nil {
		_, _ = fmt.Fprintf(&lockedWriter{l: s.log}, "rtmtest: %v\n", err)
	}
}
