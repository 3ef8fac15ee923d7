package msgpack

import (
	"encoding/binary"
	"math"
)

// Reader decodes msgpack values from a byte slice without allocating: strings
// and binaries come back as sub-slices of the input. A failed read leaves the
// position unchanged, so the caller can Skip the value instead.
//
// The zero Reader reads nothing; use NewReader or Reset.
type Reader struct {
	buf []byte
	off int
}

// NewReader returns a Reader positioned at the start of b.
func NewReader(b []byte) Reader {
	return Reader{buf: b}
}

// Reset makes r read b from the start.
func (r *Reader) Reset(b []byte) {
	r.buf, r.off = b, 0
}

// Len is the number of unread bytes.
func (r *Reader) Len() int { return len(r.buf) - r.off }

// Offset is the position of the next unread byte in the input.
func (r *Reader) Offset() int { return r.off }

// NextType reports the type of the next value without consuming it.
func (r *Reader) NextType() (Type, error) {
	if r.off >= len(r.buf) {
		return TypeInvalid, ErrShortBuffer
	}
	t := typeOf(r.buf[r.off])
	if t == TypeInvalid {
		return t, ErrInvalidFormat
	}
	return t, nil
}

// ReadNil consumes a nil.
func (r *Reader) ReadNil() error {
	c, err := r.peek(TypeNil)
	if err != nil {
		return err
	}
	if c != fmtNil {
		return r.typeError(TypeNil)
	}
	r.off++
	return nil
}

// ReadBool consumes a msgpack bool (c2/c3); any other type is a *TypeError.
func (r *Reader) ReadBool() (bool, error) {
	c, err := r.peek(TypeBool)
	if err != nil {
		return false, err
	}
	switch c {
	case fmtTrue:
		r.off++
		return true, nil
	case fmtFalse:
		r.off++
		return false, nil
	}
	return false, r.typeError(TypeBool)
}

// ReadInt consumes an integer in any msgpack integer format (fixints,
// cc..cf, d0..d3). A uint64 above math.MaxInt64 is ErrOverflow; any other
// type, floats included, is a *TypeError.
func (r *Reader) ReadInt() (int64, error) {
	v, size, neg, err := r.readInteger()
	if err != nil {
		return 0, err
	}
	if !neg && v > math.MaxInt64 {
		return 0, ErrOverflow
	}
	r.off += size
	return int64(v), nil
}

// ReadUint consumes a non-negative integer in any integer format. A negative
// value is ErrOverflow.
func (r *Reader) ReadUint() (uint64, error) {
	v, size, neg, err := r.readInteger()
	if err != nil {
		return 0, err
	}
	if neg {
		return 0, ErrOverflow
	}
	r.off += size
	return v, nil
}

// readInteger decodes the integer at r.off without consuming it: its
// two's-complement bit pattern, its encoded size, and whether it is negative.
func (r *Reader) readInteger() (v uint64, size int, neg bool, err error) {
	if r.off >= len(r.buf) {
		return 0, 0, false, ErrShortBuffer
	}
	c := r.buf[r.off]
	if c <= 0x7f || c >= 0xe0 { // fixints
		s := int64(int8(c))
		return uint64(s), 1, s < 0, nil
	}
	size = intSize(c)
	if size == 0 {
		return 0, 0, false, r.typeError(TypeInt)
	}
	if r.off+size > len(r.buf) {
		return 0, 0, false, ErrShortBuffer
	}
	p := r.buf[r.off+1 : r.off+size]
	var s int64
	switch c {
	case fmtUint8:
		return uint64(p[0]), size, false, nil
	case fmtUint16:
		return uint64(binary.BigEndian.Uint16(p)), size, false, nil
	case fmtUint32:
		return uint64(binary.BigEndian.Uint32(p)), size, false, nil
	case fmtUint64:
		return binary.BigEndian.Uint64(p), size, false, nil
	case fmtInt8:
		s = int64(int8(p[0]))
	case fmtInt16:
		s = int64(int16(binary.BigEndian.Uint16(p)))
	case fmtInt32:
		s = int64(int32(binary.BigEndian.Uint32(p)))
	default: // fmtInt64
		s = int64(binary.BigEndian.Uint64(p))
	}
	return uint64(s), size, s < 0, nil
}

// intSize is the encoded size of an integer whose first byte is c, or 0 if c
// does not start an integer.
func intSize(c byte) int {
	switch {
	case c <= 0x7f || c >= 0xe0:
		return 1
	case c == fmtUint8 || c == fmtInt8:
		return 2
	case c == fmtUint16 || c == fmtInt16:
		return 3
	case c == fmtUint32 || c == fmtInt32:
		return 5
	case c == fmtUint64 || c == fmtInt64:
		return 9
	}
	return 0
}

// ReadFloat64 consumes a float32 or float64. Integers are a *TypeError.
func (r *Reader) ReadFloat64() (float64, error) {
	c, err := r.peek(TypeFloat)
	if err != nil {
		return 0, err
	}
	switch c {
	case fmtFloat32:
		if r.off+5 > len(r.buf) {
			return 0, ErrShortBuffer
		}
		f := math.Float32frombits(binary.BigEndian.Uint32(r.buf[r.off+1:]))
		r.off += 5
		return float64(f), nil
	case fmtFloat64:
		if r.off+9 > len(r.buf) {
			return 0, ErrShortBuffer
		}
		f := math.Float64frombits(binary.BigEndian.Uint64(r.buf[r.off+1:]))
		r.off += 9
		return f, nil
	}
	return 0, r.typeError(TypeFloat)
}

// ReadStr consumes a msgpack str and returns its bytes (aliasing the input).
// bin is a *TypeError: FPNN map keys must be str.
func (r *Reader) ReadStr() ([]byte, error) {
	c, err := r.peek(TypeStr)
	if err != nil {
		return nil, err
	}
	if typeOf(c) != TypeStr {
		return nil, r.typeError(TypeStr)
	}
	return r.readBytes(c)
}

// ReadStrOrBin consumes a str or a bin and returns its bytes (aliasing the
// input); an FPNN server accepts both for string parameters.
func (r *Reader) ReadStrOrBin() ([]byte, error) {
	c, err := r.peek(TypeStr)
	if err != nil {
		return nil, err
	}
	if t := typeOf(c); t != TypeStr && t != TypeBin {
		return nil, r.typeError(TypeStr)
	}
	return r.readBytes(c)
}

// readBytes consumes the str/bin starting with format byte c.
func (r *Reader) readBytes(c byte) ([]byte, error) {
	hdr, n := 1, 0
	switch {
	case c >= 0xa0 && c <= 0xbf:
		n = int(c & 0x1f)
	case c == fmtStr8 || c == fmtBin8:
		hdr = 2
	case c == fmtStr16 || c == fmtBin16:
		hdr = 3
	default: // str32, bin32
		hdr = 5
	}
	if r.off+hdr > len(r.buf) {
		return nil, ErrShortBuffer
	}
	switch hdr {
	case 2:
		n = int(r.buf[r.off+1])
	case 3:
		n = int(binary.BigEndian.Uint16(r.buf[r.off+1:]))
	case 5:
		n = int(binary.BigEndian.Uint32(r.buf[r.off+1:]))
	}
	start := r.off + hdr
	if n > len(r.buf)-start {
		return nil, ErrShortBuffer
	}
	r.off = start + n
	return r.buf[start:r.off:r.off], nil
}

// ReadMapHeader consumes a map header and returns the number of entries. A
// count that cannot fit in the remaining input is ErrShortBuffer, so callers
// may size allocations by it.
func (r *Reader) ReadMapHeader() (int, error) {
	n, hdr, err := r.containerHeader(TypeMap, 0x80, fmtMap16, fmtMap32)
	if err != nil {
		return 0, err
	}
	if n > (len(r.buf)-r.off-hdr)/2 {
		return 0, ErrShortBuffer
	}
	r.off += hdr
	return n, nil
}

// ReadArrayHeader consumes an array header and returns the number of
// elements (bounded by the remaining input, as for ReadMapHeader).
func (r *Reader) ReadArrayHeader() (int, error) {
	n, hdr, err := r.containerHeader(TypeArray, 0x90, fmtArray16, fmtArray32)
	if err != nil {
		return 0, err
	}
	if n > len(r.buf)-r.off-hdr {
		return 0, ErrShortBuffer
	}
	r.off += hdr
	return n, nil
}

// containerHeader decodes, without consuming, a map or array header.
func (r *Reader) containerHeader(want Type, fix, f16, f32 byte) (n, hdr int, err error) {
	c, err := r.peek(want)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case c&0xf0 == fix:
		return int(c & 0x0f), 1, nil
	case c == f16:
		if r.off+3 > len(r.buf) {
			return 0, 0, ErrShortBuffer
		}
		return int(binary.BigEndian.Uint16(r.buf[r.off+1:])), 3, nil
	case c == f32:
		if r.off+5 > len(r.buf) {
			return 0, 0, ErrShortBuffer
		}
		return int(binary.BigEndian.Uint32(r.buf[r.off+1:])), 5, nil
	}
	return 0, 0, r.typeError(want)
}

// peek returns the next format byte.
func (r *Reader) peek(Type) (byte, error) {
	if r.off >= len(r.buf) {
		return 0, ErrShortBuffer
	}
	return r.buf[r.off], nil
}

func (r *Reader) typeError(want Type) error {
	got := typeOf(r.buf[r.off])
	if got == TypeInvalid {
		return ErrInvalidFormat
	}
	return &TypeError{Want: want, Got: got}
}
