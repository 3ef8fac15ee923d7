package fpnn

import (
	"errors"
	"strconv"
)

// FPNN framework error codes (PROTOCOL.md §6.1).
const (
	CodeUnknown           = 10001
	CodeNotSupported      = 10002
	CodeInvalidPackage    = 10003
	CodeKeyNotString      = 10005
	CodeRootNotMap        = 10006
	CodeKeyNotFound       = 10009
	CodeTypeConvert       = 10010
	CodeCoreUnknown       = 20001
	CodeConnectionClosed  = 20002
	CodeTimeout           = 20003
	CodeUnknownMethod     = 20004
	CodeDecoding          = 20006
	CodeInvalidConnection = 20012
)

// ErrorAnswer is an answer with a non-zero status: the server's {code, ex}
// (and optional raiser) error map. Handlers return it to send an error answer.
type ErrorAnswer struct {
	Code   int
	Ex     string
	Raiser string
}

func (e *ErrorAnswer) Error() string {
	return "fpnn error " + strconv.Itoa(e.Code) + ": " + e.Ex
}

// ErrConnectionClosed is matched (errors.Is) by every *ConnError: the
// connection failed or dropped, and the quest may or may not have reached the
// server.
var ErrConnectionClosed = errors.New("fpnn: connection closed")

// ErrClientClosed is returned by Call after Close. It is not a connection
// error: retrying cannot help.
var ErrClientClosed = errors.New("fpnn: client closed")

// ConnError is a connection-level failure: dialling, writing or reading.
// errors.Is(err, ErrConnectionClosed) is true for every ConnError.
type ConnError struct {
	Op       string // "dial", "write", "read"
	Endpoint string
	Err      error
}

func (e *ConnError) Error() string {
	msg := "fpnn: " + e.Op + " " + e.Endpoint + ": connection closed"
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *ConnError) Unwrap() error { return e.Err }

// Is makes every ConnError match ErrConnectionClosed.
func (e *ConnError) Is(target error) bool { return target == ErrConnectionClosed }

// ErrDropConnection, returned by a Handler, closes the connection without
// answering (fault injection).
var ErrDropConnection = errors.New("fpnn: drop connection")

// Frame decoding errors.
var (
	// ErrShortFrame: the bytes end before the frame does (DecodeFrame only;
	// need more input).
	ErrShortFrame = errors.New("fpnn: short frame")
	// ErrInvalidFrame: the header or body breaks the protocol; the connection
	// must be closed.
	ErrInvalidFrame = errors.New("fpnn: invalid frame")
	// ErrFrameTooLarge: the frame exceeds the size limit; the connection must
	// be closed.
	ErrFrameTooLarge = errors.New("fpnn: frame exceeds size limit")
)

// ErrKeepAliveTimeout is the cause of a ConnError when the keep-alive saw
// nothing from the server for too long.
var ErrKeepAliveTimeout = errors.New("fpnn: keep-alive timeout")

// ErrUnresponsive is the cause of the *ConnError that fails the quests
// pending on a connection that Client closed because a quest reached its
// ctx deadline with nothing at all received since it was sent: the
// connection is presumed half-open (dead peer, no RST). Retryable: the next
// Call dials a new connection.
var ErrUnresponsive = errors.New("fpnn: no frame received since a quest that reached its deadline; connection presumed dead")

// errAnswerNotMap: an answer payload that is not a msgpack map.
var errAnswerNotMap = errors.New("fpnn: answer payload is not a map")

// emptyMap is the msgpack {}.
var emptyMap = []byte{0x80}
