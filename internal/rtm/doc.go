// Package rtm is a client for the RTM server-end group API, spoken over FPNN.
//
// One Client holds one lazily dialled, pipelined FPNN connection shared by
// every caller. Each quest is signed with the project secret, paced by a
// shared token bucket and retried when retrying is safe: every group call is
// idempotent, so connection loss, timeouts, rate limiting (200010) and
// repeated signs (200006) are retried within MaxRetries and the context
// deadline. Member lists are split into calls of at most 100 uids.
//
// Errors: *Error for an error answer (CodeOf, the Is* helpers),
// *ConnectionError for a failed connection (Op, Endpoint, Cause),
// ErrRequestTimeout for an attempt without an answer, *BatchError for a
// member list that failed part-way. Attempts tells how many attempts a
// failed call made and whether it failed because the retries ran out.
//
// The secret key and the sign never appear in logs or error messages.
package rtm
