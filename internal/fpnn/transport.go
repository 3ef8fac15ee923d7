package fpnn

// The seam for FPNN encryption (PROTOCOL.md §8). Both connection types
// (client and server) write through an outbox and read through a
// frameSource, and never touch the wire format otherwise:
//
//   - Writing: every frame is appended, under the outbox lock and therefore
//     in wire order, as plaintext; if the outbox has a frameSealer, the
//     sealer then turns that frame into its wire form in place. Stream mode
//     XORs the frame with the direction's continuous AES-CFB stream (the
//     coalesced write buffer stays a plain byte stream); package mode
//     prepends the 4-byte little-endian length and encrypts the frame with a
//     fresh CFB state. The *key quest is appended before the sealer is
//     installed (outbox.setSealer), so it goes out in plaintext and every
//     later frame encrypted.
//   - Reading: the reader goroutine pulls plaintext frames from a
//     frameSource. *FrameReader is the plaintext source. An encrypted source
//     decrypts the stream (stream mode: wrap the net.Conn in a CFB
//     decrypting reader under a FrameReader; package mode: read the length
//     prefix, the ciphertext, decrypt, then DecodeFrame). On the server the
//     switch happens after the plaintext *key quest, inside the reader
//     goroutine: the new source must first decrypt FrameReader.Buffered().
//
// Plugging a mode in (see transport_test.go, which does both modes with a
// toy cipher):
//
//   - Client: set Client.handshake. It runs on each new connection before
//     its goroutines start: call cc.sendInternal("*key", payload) (queued in
//     plaintext; its answer is consumed like a keep-alive ping, the Go SDK
//     does not wait for it either), then cc.out.setSealer(sealer), and
//     return the decrypting frameSource over cc.nc (the server's *key answer
//     is already encrypted). An error fails the dial with a *ConnError.
//   - Server: set Server.keyExchange. ServerConn.exchangeKey calls it for a
//     "*key" that is the first package (anything later closes the
//     connection, as in the C++ server) with the quest and the bytes the
//     FrameReader had already buffered past it; it returns the sealer and
//     the decrypting source (which must decrypt those buffered bytes first).
//     The {} answer is queued after setSealer, so it goes out encrypted.

// frameSealer turns one plaintext frame into wire bytes.
type frameSealer interface {
	// sealFrame is called with buf[start:] holding exactly one plaintext
	// frame, just appended. It returns buf with that frame replaced by its
	// wire form. Calls come in wire order, under the outbox lock.
	sealFrame(buf []byte, start int) []byte
}

// frameSource reads plaintext frames from the wire.
type frameSource interface {
	// readFrameInto fills f with the next frame; f.Payload must be a fresh
	// slice the caller may keep.
	readFrameInto(f *Frame) error
}

var _ frameSource = (*FrameReader)(nil)
