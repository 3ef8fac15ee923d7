package rtm

import (
	"errors"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// ConnectionError is the error of an attempt whose connection failed:
// dialling, writing or reading (a drop). The quest may or may not have
// reached the server. It wraps the *fpnn.ConnError, so
// errors.As(err, new(*fpnn.ConnError)) and errors.Is(err,
// fpnn.ErrConnectionClosed) keep working; callers outside the wire code
// need only this type. Never carries the secret key.
type ConnectionError struct {
	Method   string // FPNN method of the call, e.g. "addgroupmembers"
	Op       string // "dial", "write" or "read"
	Endpoint string // host:port
	// Cause is why the connection failed, e.g. a *net.OpError ("connection
	// refused"), io.EOF, fpnn.ErrUnresponsive, ErrKeyExchangeFailed.
	Cause error
	conn  *fpnn.ConnError
}

func (e *ConnectionError) Error() string { return "rtm " + e.Method + ": " + e.conn.Error() }

// Unwrap returns the *fpnn.ConnError (whose Unwrap is Cause).
func (e *ConnectionError) Unwrap() error { return e.conn }

// Connection failure causes, re-exported so callers need not import fpnn to
// tell them apart (errors.Is).
var (
	// ErrUnresponsive: the connection was closed because an attempt timed
	// out with nothing at all received on it since the quest was sent
	// (presumed half-open); the quests pending on it fail with this cause
	// and are retried on a new connection.
	ErrUnresponsive = fpnn.ErrUnresponsive
	// ErrKeyExchangeFailed: an encrypted connection broke before the
	// server's first frame (its answer to the key exchange) arrived.
	ErrKeyExchangeFailed = fpnn.ErrKeyExchangeFailed
	// ErrKeyMismatch: the server's first frame did not decrypt (wrong
	// server public key, curve, key size or mode, or no encryption on the
	// server). Always together with ErrKeyExchangeFailed; not retried.
	ErrKeyMismatch = fpnn.ErrKeyMismatch
)

// connectionError wraps a connection failure of method, or returns nil when
// err is not one.
func connectionError(method string, err error) *ConnectionError {
	var ce *fpnn.ConnError
	if !errors.As(err, &ce) {
		return nil
	}
	return &ConnectionError{Method: method, Op: ce.Op, Endpoint: ce.Endpoint, Cause: ce.Err, conn: ce}
}
