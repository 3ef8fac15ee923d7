package rtmtest

import (
	"log"
	"net"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// questsInFlightPerConn is how many quests of one connection are served at
// once. Like the multi-threaded C++ server, answers go out in completion
// order; and the connection keeps being read while quests are in the
// handler, so a client that goes away is noticed (its quests' ctx ends)
// even while a quest is held back by DelayAnswers.
const questsInFlightPerConn = 32

// serve runs an FPNN server on l with the emulator as its handler, closing
// done when it has stopped. The returned stop closes the listener and every
// connection and waits for in-flight handlers. If Serve fails (the listener
// was closed elsewhere), the error is kept for Err and logged.
func (s *Server) serve(l net.Listener, done chan struct{}) (stop func()) {
	fs := &fpnn.Server{
		Handler:     fpnn.HandlerFunc(s.handle),
		ECDHKey:     s.cfg.ECDHKey,
		Concurrency: questsInFlightPerConn,
	}
	if s.cfg.Log != nil {
		fs.ErrorLog = log.New(&lockedWriter{l: s.log}, "rtmtest: ", 0)
	}
	go func() {
		defer close(done)
		if err := fs.Serve(l); err != nil {
			s.mu.Lock()
			s.serveErr = err
			s.mu.Unlock()
			if fs.ErrorLog != nil {
				fs.ErrorLog.Printf("stopped serving: %v", err)
			}
		}
	}()
	return func() { _ = fs.Close() }
}

// Err returns why the server stopped serving on its own (its listener was
// closed by someone else), or nil while it serves and after Close. Accept
// errors such as running out of file descriptors are logged and retried,
// not fatal.
func (s *Server) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.serveErr
}

// Done is closed when the server has stopped serving: after Close, or on its
// own (see Err). nil before Start.
func (s *Server) Done() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served
}

// lockedWriter lets the FPNN server's error log share the request log's
// writer without interleaving lines.
type lockedWriter struct{ l *requestLog }

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.l.mu.Lock()
	defer w.l.mu.Unlock()
	return w.l.w.Write(p)
}
