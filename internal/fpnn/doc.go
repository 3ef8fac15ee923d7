// Package fpnn speaks the FPNN TCP protocol the RTM server gate uses
// (PROTOCOL.md §1, §2): the 12-byte frame codec, FPNN-style parameter
// access over msgpack payloads (Params), a pipelined client over one
// connection (Client), and a server for the emulator (Server).
//
// Connections, client and server alike, run one reader and one writer
// goroutine and nothing per quest: senders append encoded frames to a shared
// buffer (outbox.go) that the writer flushes with one syscall, so under load
// many frames share a write; the buffer is capped (maxQueuedBytes), so a
// peer that stops reading gets backpressure instead of growing this side's
// memory. Encryption plugs in below both (transport.go).
//
// A client connection is closed when a quest reaches its deadline and
// nothing at all has arrived on it since the quest was sent
// (ErrUnresponsive): without keep-alive (off by default), a half-open
// connection would otherwise never be noticed.
//
// Only msgpack payloads are spoken. A twoway quest with the JSON flag is
// answered with error 10002 ("not supported"), encoded as JSON and mirroring
// the quest's flag so a JSON peer can read it; a oneway JSON quest is ignored.
// The connection stays open, as FPNN keeps it open for payload-level errors.
// A JSON answer fails its quest with error 20006 on the client.
package fpnn
