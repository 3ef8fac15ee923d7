package rtmtest

import (
	"log"
	"net"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// serve runs an FPNN server on l with the emulator as its handler, closing
// done when it has stopped. The returned stop closes the listener and every
// connection and waits for in-flight handlers.
func (s *Server) serve(l net.Listener, done chan struct{}) (stop func()) {
	fs := &fpnn.Server{Handler: fpnn.HandlerFunc(s.handle), ECDHKey: s.cfg.ECDHKey}
	if s.cfg.Log != nil {
		fs.ErrorLog = log.New(&lockedWriter{l: s.log}, "rtmtest: ", 0)
	}
	go func() {
		defer close(done)
		_ = fs.Serve(l)
	}()
	return func() { _ = fs.Close() }
}

// lockedWriter lets the FPNN server's error log share the request log's
// writer without interleaving lines.
type lockedWriter struct{ l *requestLog }

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.l.mu.Lock()
	defer w.l.mu.Unlock()
	return w.l.w.Write(p)
}
