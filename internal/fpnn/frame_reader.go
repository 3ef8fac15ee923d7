package fpnn

import (
	"bufio"
	"encoding/binary"
	"io"
)

// readBufferSize is big enough for many small pipelined frames per read
// syscall.
const readBufferSize = 32 << 10

// FrameReader reads frames from a stream.
type FrameReader struct {
	br         *bufio.Reader
	maxPackage int
	hdr        [HeaderSize + seqSize]byte
	methods    methodCache
}

// NewFrameReader reads frames from r, closing nothing. Frames over
// maxPackage bytes (header+body) are ErrFrameTooLarge; maxPackage <= 0 means
// DefaultMaxPackageSize.
func NewFrameReader(r io.Reader, maxPackage int) *FrameReader {
	if maxPackage <= 0 {
		maxPackage = DefaultMaxPackageSize
	}
	return &FrameReader{br: bufio.NewReaderSize(r, readBufferSize), maxPackage: maxPackage}
}

// ReadFrame reads the next frame. The Payload is a fresh slice owned by the
// caller. io.EOF means the stream ended cleanly between frames; a stream that
// ends inside a frame is io.ErrUnexpectedEOF.
func (r *FrameReader) ReadFrame() (*Frame, error) {
	f := new(Frame)
	if err := r.readFrameInto(f); err != nil {
		return nil, err
	}
	return f, nil
}

// readFrameInto is ReadFrame into a caller-owned Frame (the connection
// reader loops reuse one).
func (r *FrameReader) readFrameInto(f *Frame) error {
	if _, err := io.ReadFull(r.br, r.hdr[:HeaderSize]); err != nil {
		return err
	}
	h, err := parseHeader(r.hdr[:HeaderSize])
	if err != nil {
		return err
	}
	if err := h.checkSize(r.maxPackage); err != nil {
		return err
	}
	*f = h.frame()
	if h.mtype != Oneway {
		if _, err := io.ReadFull(r.br, r.hdr[HeaderSize:]); err != nil {
			return unexpectedEOF(err)
		}
		f.Seq = binary.LittleEndian.Uint32(r.hdr[HeaderSize:])
	}
	if h.mtype != Answer {
		name, err := r.br.Peek(int(h.ss)) // ss <= 255 < buffer size
		if err != nil {
			return unexpectedEOF(err)
		}
		f.Method = r.methods.intern(name)
		_, _ = r.br.Discard(len(name))
	}
	f.Payload = make([]byte, h.psize)
	if _, err := io.ReadFull(r.br, f.Payload); err != nil {
		return unexpectedEOF(err)
	}
	return nil
}

// Buffered returns the bytes read from the stream but not yet consumed by a
// frame. A transport that switches to decryption after a plaintext frame
// (PROTOCOL.md §8.2: the *key quest) must decrypt these first.
func (r *FrameReader) Buffered() []byte {
	b, _ := r.br.Peek(r.br.Buffered())
	return b
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// methodCache interns method names so a server reading the same few methods
// over and over does not allocate a string per quest.
type methodCache struct {
	names map[string]string
}

const maxCachedMethods = 64

func (c *methodCache) intern(b []byte) string {
	if s, ok := c.names[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	if c.names == nil {
		c.names = make(map[string]string)
	}
	if len(c.names) < maxCachedMethods {
		c.names[s] = s
	}
	return s
}
