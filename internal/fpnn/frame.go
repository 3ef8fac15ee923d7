package fpnn

import (
	"encoding/binary"
	"fmt"
	"math"
)

// HeaderSize is the fixed FPNN header: magic, version, flag, mtype, ss, size.
const HeaderSize = 12

// Payload encodings (header byte 5). Exactly one must be set.
const (
	FlagJSON    byte = 0x40
	FlagMsgpack byte = 0x80
)

// MessageType is header byte 6.
type MessageType uint8

// Message types.
const (
	Oneway MessageType = 0
	Twoway MessageType = 1
	Answer MessageType = 2
)

// Limits.
const (
	DefaultMaxPackageSize = 8 << 20   // what the C++ server allows (header+body)
	DefaultMaxPayloadSize = 200 << 20 // what the Go SDK client allows (payload only)
	MaxMethodLen          = 255
	// seqSize is the seq field twoway quests and answers carry after the header.
	seqSize = 4
)

const protocolVersion = 1

var magic = [4]byte{'F', 'P', 'N', 'N'}

// Frame is one FPNN package, decoded.
type Frame struct {
	Version byte        // 0 or 1 accepted; we send 1
	Flag    byte        // FlagMsgpack
	Type    MessageType // Oneway, Twoway or Answer
	Status  byte        // answers: 0 ok, non-zero error (server writes 1)
	Seq     uint32      // twoway quests and answers
	Method  string      // quests
	Payload []byte      // one msgpack value (a map)
}

// header is the decoded fixed header.
type header struct {
	version byte
	flag    byte
	mtype   MessageType
	ss      byte // method length (quests) or status (answers)
	psize   uint32
}

// parseHeader validates the 12 header bytes the way the FPNN C++ server
// does, plus the version (0 or 1).
func parseHeader(b []byte) (header, error) {
	if b[0] != magic[0] || b[1] != magic[1] || b[2] != magic[2] || b[3] != magic[3] {
		return header{}, fmt.Errorf("%w: bad magic %q", ErrInvalidFrame, b[:4])
	}
	h := header{version: b[4], flag: b[5], mtype: MessageType(b[6]), ss: b[7], psize: binary.LittleEndian.Uint32(b[8:12])}
	if h.version > protocolVersion {
		return header{}, fmt.Errorf("%w: unsupported version %d", ErrInvalidFrame, h.version)
	}
	if (h.flag&FlagMsgpack != 0) == (h.flag&FlagJSON != 0) {
		return header{}, fmt.Errorf("%w: flag %#02x is not exactly one of msgpack and json", ErrInvalidFrame, h.flag)
	}
	if h.mtype > Answer {
		return header{}, fmt.Errorf("%w: unknown message type %d", ErrInvalidFrame, h.mtype)
	}
	if h.mtype != Answer && h.ss == 0 {
		return header{}, fmt.Errorf("%w: empty method", ErrInvalidFrame)
	}
	return h, nil
}

// bodyLen is the number of bytes after the header (PROTOCOL.md §1.2).
func (h header) bodyLen() int {
	n := int(h.psize)
	switch h.mtype {
	case Oneway:
		n += int(h.ss)
	case Twoway:
		n += seqSize + int(h.ss)
	default:
		n += seqSize
	}
	return n
}

// checkSize applies the package limit to header+body.
func (h header) checkSize(maxPackage int) error {
	if total := HeaderSize + h.bodyLen(); total > maxPackage {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrFrameTooLarge, total, maxPackage)
	}
	return nil
}

// AppendFrame appends the encoding of f. A zero Flag means FlagMsgpack.
// Version is written as given (use 1, as the Go SDK does; answers copy the
// quest's).
func AppendFrame(dst []byte, f *Frame) ([]byte, error) {
	flag := f.Flag
	if flag == 0 {
		flag = FlagMsgpack
	}
	if (flag&FlagMsgpack != 0) == (flag&FlagJSON != 0) {
		return dst, fmt.Errorf("%w: flag %#02x is not exactly one of msgpack and json", ErrInvalidFrame, flag)
	}
	if f.Version > protocolVersion {
		return dst, fmt.Errorf("%w: unsupported version %d", ErrInvalidFrame, f.Version)
	}
	if uint64(len(f.Payload)) > math.MaxUint32 {
		return dst, fmt.Errorf("%w: payload of %d bytes", ErrFrameTooLarge, len(f.Payload))
	}
	switch f.Type {
	case Oneway, Twoway:
		if len(f.Method) == 0 || len(f.Method) > MaxMethodLen {
			return dst, fmt.Errorf("%w: method length %d, want 1..%d", ErrInvalidFrame, len(f.Method), MaxMethodLen)
		}
		return appendQuest(dst, f.Version, flag, f.Type, f.Seq, f.Method, f.Payload), nil
	case Answer:
		return appendAnswer(dst, f.Version, flag, f.Seq, f.Status, f.Payload), nil
	}
	return dst, fmt.Errorf("%w: unknown message type %d", ErrInvalidFrame, f.Type)
}

// appendQuest encodes a quest; the caller has validated method and payload.
func appendQuest(dst []byte, version, flag byte, mtype MessageType, seq uint32, method string, payload []byte) []byte {
	dst = append(dst, magic[0], magic[1], magic[2], magic[3], version, flag, byte(mtype), byte(len(method)))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(payload)))
	if mtype == Twoway {
		dst = binary.LittleEndian.AppendUint32(dst, seq)
	}
	dst = append(dst, method...)
	return append(dst, payload...)
}

// appendAnswer encodes an answer.
func appendAnswer(dst []byte, version, flag byte, seq uint32, status byte, payload []byte) []byte {
	dst = append(dst, magic[0], magic[1], magic[2], magic[3], version, flag, byte(Answer), status)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(payload)))
	dst = binary.LittleEndian.AppendUint32(dst, seq)
	return append(dst, payload...)
}

// DecodeFrame decodes the frame at the start of b and returns it with the
// number of bytes it used. Payload aliases b. ErrShortFrame means b holds only
// part of a frame; any other error means the stream is broken. maxPackage <= 0
// means DefaultMaxPackageSize.
func DecodeFrame(b []byte, maxPackage int) (f Frame, n int, err error) {
	if maxPackage <= 0 {
		maxPackage = DefaultMaxPackageSize
	}
	if len(b) < HeaderSize {
		return Frame{}, 0, ErrShortFrame
	}
	h, err := parseHeader(b[:HeaderSize])
	if err != nil {
		return Frame{}, 0, err
	}
	if err := h.checkSize(maxPackage); err != nil {
		return Frame{}, 0, err
	}
	n = HeaderSize + h.bodyLen()
	if len(b) < n {
		return Frame{}, 0, ErrShortFrame
	}
	f = h.frame()
	body := b[HeaderSize:n:n]
	if h.mtype != Oneway {
		f.Seq = binary.LittleEndian.Uint32(body)
		body = body[seqSize:]
	}
	if h.mtype != Answer {
		f.Method = string(body[:h.ss])
		body = body[h.ss:]
	}
	f.Payload = body
	return f, n, nil
}

// frame returns a Frame with the header fields filled in.
func (h header) frame() Frame {
	f := Frame{Version: h.version, Flag: h.flag, Type: h.mtype}
	if h.mtype == Answer {
		f.Status = h.ss
	}
	return f
}
