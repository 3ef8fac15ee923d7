package rtm

import (
	"errors"
	"strconv"
)

// RTM error codes callers act on (PROTOCOL.md §6.2).
const (
	CodeInvalidPidOrUID   = 200001
	CodeInvalidPidOrSign  = 200002
	CodeSameSign          = 200006
	CodeInvalidServerTime = 200008
	CodeFrequencyLimited  = 200010
	CodeForbiddenMethod   = 200020
	CodePermissionDenied  = 200021
	CodeInfoTooLarge      = 200030 // LARGE_MESSAGE_OR_ATTRS: a group info over 65,535 bytes
	CodeTooManyItems      = 200032
	CodeEmptyParameter    = 200033
	CodeNotGroupMember    = 200041
	CodeMaxGroupMembers   = 200042
	CodeBannedInGroup     = 200044
	CodeEmptyGroup        = 200046
	CodeUnknownError      = 200999
)

// FPNN framework codes a server may answer with (PROTOCOL.md §6.1).
const (
	CodeFPNNKeyNotString   = 10005
	CodeFPNNRootNotMap     = 10006
	CodeFPNNKeyNotFound    = 10009
	CodeFPNNTypeConvert    = 10010
	CodeFPNNConnClosed     = 20002
	CodeFPNNTimeout        = 20003
	CodeFPNNUnknownMethod  = 20004
	CodeFPNNWorkQueueFull  = 20011
	CodeFPNNServerStopping = 20014
	CodeFPNNInvalidConn    = 20012
)

// Error is an error answer from the server.
type Error struct {
	Method string // FPNN method, e.g. "addgroupmembers"
	Code   int
	Ex     string // the server's explanation
}

func (e *Error) Error() string {
	msg := "rtm " + e.Method + ": error " + strconv.Itoa(e.Code)
	if e.Ex != "" {
		msg += ": " + e.Ex
	}
	return msg
}

// ErrClosed is returned by calls made after Close.
var ErrClosed = errors.New("rtm: client closed")

// ErrRequestTimeout is wrapped by the error of an attempt that got no answer
// within Config.RequestTimeout. It is retryable.
var ErrRequestTimeout = errors.New("rtm: request timed out")

// ErrMalformedAnswer is wrapped by the error of a call whose answer could not
// be read (missing key, wrong type).
var ErrMalformedAnswer = errors.New("rtm: malformed answer")

// CodeOf returns the server's error code in err, or 0 when err is not an error answer.
func CodeOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// IsAuthError reports whether the server rejected the project id or the sign
// (wrong secret key, wrong project id): retrying cannot help.
func IsAuthError(err error) bool { return CodeOf(err) == CodeInvalidPidOrSign }

// IsRateLimited reports whether the server answered 200010 (too many calls).
func IsRateLimited(err error) bool { return CodeOf(err) == CodeFrequencyLimited }

// IsClockSkew reports whether the server rejected the quest's timestamp:
// the local clock is probably wrong.
func IsClockSkew(err error) bool { return CodeOf(err) == CodeInvalidServerTime }

// IsNotGroupMember reports whether the server answered 200041.
func IsNotGroupMember(err error) bool { return CodeOf(err) == CodeNotGroupMember }

// IsTooManyMembers reports whether the group would exceed its member limit (200042).
func IsTooManyMembers(err error) bool { return CodeOf(err) == CodeMaxGroupMembers }

// IsInfoTooLarge reports whether the server refused a group info as too
// large (200030; the limit is 65,535 bytes).
func IsInfoTooLarge(err error) bool { return CodeOf(err) == CodeInfoTooLarge }

// IsParameterError reports whether the server rejected the quest's parameters
// (FPNN 10005/10006/10009/10010, RTM 200030/200032/200033).
func IsParameterError(err error) bool {
	switch CodeOf(err) {
	case CodeFPNNKeyNotString, CodeFPNNRootNotMap, CodeFPNNKeyNotFound, CodeFPNNTypeConvert,
		CodeInfoTooLarge, CodeTooManyItems, CodeEmptyParameter:
		return true
	}
	return false
}

// IsConnectionError reports whether err is a connection failure or an
// attempt that timed out: the quest may or may not have reached the server.
func IsConnectionError(err error) bool {
	return errors.Is(err, errConnectionClosed) || errors.Is(err, ErrRequestTimeout)
}

// IsRetryable reports whether sending the same (idempotent) call again may
// succeed: connection loss, a timed-out attempt, rate limiting, a repeated
// sign, or an FPNN gate that is busy, stopping or timed out upstream. An
// encrypted connection whose first frame from the server did not decrypt
// (ErrKeyMismatch) is a connection error but not retryable.
func IsRetryable(err error) bool {
	if errors.Is(err, ErrKeyMismatch) {
		return false
	}
	if IsConnectionError(err) {
		return true
	}
	switch CodeOf(err) {
	case CodeFrequencyLimited, CodeSameSign,
		CodeFPNNConnClosed, CodeFPNNTimeout, CodeFPNNWorkQueueFull, CodeFPNNServerStopping:
		return true
	}
	return false
}

// BatchError is returned by a member-list call that failed part-way. Applied
// holds the uids of every chunk the server confirmed, Pending the rest (in
// the order given), so callers can record partial progress. Pending uids are
// not confirmed, which is not the same as not applied: a chunk whose
// connection dropped or whose attempt timed out may have been carried out.
type BatchError struct {
	Method  string
	GroupID int64
	Applied []int64 // confirmed by the server
	Pending []int64 // not confirmed: not sent, failed, or of unknown outcome
	Err     error   // the failure of the first failed chunk
}

func (e *BatchError) Error() string {
	return "rtm " + e.Method + " (group " + strconv.FormatInt(e.GroupID, 10) + "): " +
		strconv.Itoa(len(e.Applied)) + " uids applied, " + strconv.Itoa(len(e.Pending)) +
		" not confirmed: " + e.Err.Error()
}

func (e *BatchError) Unwrap() error { return e.Err }
