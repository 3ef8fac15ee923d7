// Package fpnn speaks the FPNN TCP protocol the RTM server gate uses
// (rtm-protocol.md §1, §7): the 12-byte frame codec, FPNN-style parameter
// access over msgpack payloads, a pipelined client over one connection, and a
// server for the emulator.
//
// Only msgpack payloads are spoken. A twoway quest with the JSON flag is
// answered with error 10002 ("not supported"), encoded as JSON and mirroring
// the quest's flag so a JSON peer can read it; a oneway JSON quest is ignored.
// The connection stays open, as FPNN keeps it open for payload-level errors.
package fpnn
