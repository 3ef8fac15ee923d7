package fpnn

import (
	"bufio"
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// encryptedTransport is one connection's negotiated encryption: the same key
// and IV in both directions, a separate cipher state per direction
// (PROTOCOL.md §8.4).
type encryptedTransport struct {
	keys        sessionKeys
	packageMode bool
}

// sealer encrypts this side's outgoing frames.
func (t *encryptedTransport) sealer() frameSealer {
	if t.packageMode {
		return &packageSealer{keys: &t.keys}
	}
	return &streamSealer{stream: t.keys.encrypter()}
}

// source decrypts the peer's frames from r, starting at r's first byte.
func (t *encryptedTransport) source(r io.Reader, maxPackage int) frameSource {
	if maxPackage <= 0 {
		maxPackage = DefaultMaxPackageSize
	}
	if t.packageMode {
		return &packageSource{br: bufio.NewReaderSize(r, readBufferSize), keys: &t.keys, maxPackage: maxPackage}
	}
	return NewFrameReader(cipher.StreamReader{S: t.keys.decrypter(), R: r}, maxPackage)
}

// streamSealer XORs every frame, header included, with one continuous CFB
// stream, so the wire framing stays that of plaintext.
type streamSealer struct {
	stream cipher.Stream
}

func (s *streamSealer) sealFrame(buf []byte, start int) []byte {
	s.stream.XORKeyStream(buf[start:], buf[start:])
	return buf
}

// packagePrefixSize is the plaintext little-endian length before each
// package-mode frame.
const packagePrefixSize = 4

// packageSealer encrypts each frame from a fresh CFB state and puts its
// length in front, in plaintext.
type packageSealer struct {
	keys *sessionKeys
}

func (s *packageSealer) sealFrame(buf []byte, start int) []byte {
	n := len(buf) - start
	buf = append(buf, make([]byte, packagePrefixSize)...)
	copy(buf[start+packagePrefixSize:], buf[start:start+n])
	binary.LittleEndian.PutUint32(buf[start:], uint32(n))
	frame := buf[start+packagePrefixSize:]
	s.keys.encrypter().XORKeyStream(frame, frame)
	return buf
}

// packageSource reads package-mode frames: length, then ciphertext that
// decrypts, from a fresh CFB state, to exactly one frame.
type packageSource struct {
	br         *bufio.Reader
	keys       *sessionKeys
	maxPackage int
	prefix     [packagePrefixSize]byte
}

func (s *packageSource) readFrameInto(f *Frame) error {
	if _, err := io.ReadFull(s.br, s.prefix[:]); err != nil {
		return err // io.EOF between packages is a clean end
	}
	n := binary.LittleEndian.Uint32(s.prefix[:])
	if uint64(n) > uint64(s.maxPackage) {
		return fmt.Errorf("%w: encrypted package of %d bytes, limit %d", ErrFrameTooLarge, n, s.maxPackage)
	}
	if n < HeaderSize {
		return fmt.Errorf("%w: encrypted package of %d bytes is shorter than a header", ErrInvalidFrame, n)
	}
	buf := make([]byte, n) // fresh: the frame's Payload aliases it
	if _, err := io.ReadFull(s.br, buf); err != nil {
		return unexpectedEOF(err)
	}
	s.keys.decrypter().XORKeyStream(buf, buf)
	frame, used, err := DecodeFrame(buf, s.maxPackage)
	if errors.Is(err, ErrShortFrame) || (err == nil && used != len(buf)) {
		return fmt.Errorf("%w: encrypted package of %d bytes does not hold exactly one frame", ErrInvalidFrame, n)
	}
	if err != nil {
		return err
	}
	*f = frame
	return nil
}
