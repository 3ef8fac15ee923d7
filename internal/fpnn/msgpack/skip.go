package msgpack

import "encoding/binary"

// Skip consumes one whole value, nested containers included. It is iterative
// (no recursion, so deeply nested input cannot exhaust the stack) and linear
// in the input size. On error the position is unchanged.
func (r *Reader) Skip() error {
	off, err := skipValue(r.buf, r.off)
	if err != nil {
		return err
	}
	r.off = off
	return nil
}

// ReadRaw consumes one whole value and returns its encoding (aliasing the
// input).
func (r *Reader) ReadRaw() ([]byte, error) {
	start := r.off
	if err := r.Skip(); err != nil {
		return nil, err
	}
	return r.buf[start:r.off:r.off], nil
}

// skipValue returns the offset just past the value starting at off.
func skipValue(b []byte, off int) (int, error) {
	// pending counts values still to skip; every value takes at least one
	// byte, so a count above the remaining input is a truncation.
	pending := 1
	for pending > 0 {
		if pending > len(b)-off {
			return 0, ErrShortBuffer
		}
		pending--
		c := b[off]
		head, body, items, ok := layout(c)
		if !ok {
			return 0, ErrInvalidFormat
		}
		if off+head > len(b) {
			return 0, ErrShortBuffer
		}
		// The length field, if any, always follows the format byte.
		switch body {
		case lenU8:
			items = int(b[off+1])
		case lenU16:
			items = int(binary.BigEndian.Uint16(b[off+1:]))
		case lenU32:
			items = int(binary.BigEndian.Uint32(b[off+1:]))
		}
		off += head
		switch typeOf(c) {
		case TypeArray:
			pending += items
		case TypeMap:
			pending += 2 * items
		default: // items is a byte count here
			if items > len(b)-off {
				return 0, ErrShortBuffer
			}
			off += items
		}
	}
	return off, nil
}

// How the length of a value is stored after its format byte.
const (
	lenNone = iota // the format byte alone fixes it
	lenU8
	lenU16
	lenU32
)

// layout describes the value starting with format byte c: head is the format
// byte plus its length field (plus the type byte for ext, plus the whole
// payload for fixed-size scalars); lenField says how the length after the
// format byte is stored; items is the count fix formats carry (bytes for
// str, elements for array, entries for map).
func layout(c byte) (head, lenField, items int, ok bool) {
	switch {
	case c <= 0x7f || c >= 0xe0:
		return 1, lenNone, 0, true
	case c <= 0x8f:
		return 1, lenNone, int(c & 0x0f), true
	case c <= 0x9f:
		return 1, lenNone, int(c & 0x0f), true
	case c <= 0xbf:
		return 1, lenNone, int(c & 0x1f), true
	}
	switch c {
	case fmtNil, fmtFalse, fmtTrue:
		return 1, lenNone, 0, true
	case fmtBin8, fmtStr8:
		return 2, lenU8, 0, true
	case fmtBin16, fmtStr16, fmtArray16, fmtMap16:
		return 3, lenU16, 0, true
	case fmtBin32, fmtStr32, fmtArray32, fmtMap32:
		return 5, lenU32, 0, true
	case fmtExt8:
		return 3, lenU8, 0, true
	case fmtExt16:
		return 4, lenU16, 0, true
	case fmtExt32:
		return 6, lenU32, 0, true
	case fmtFloat32:
		return 5, lenNone, 0, true
	case fmtFloat64:
		return 9, lenNone, 0, true
	case fmtUint8, fmtInt8:
		return 2, lenNone, 0, true
	case fmtUint16, fmtInt16:
		return 3, lenNone, 0, true
	case fmtUint32, fmtInt32:
		return 5, lenNone, 0, true
	case fmtUint64, fmtInt64:
		return 9, lenNone, 0, true
	case fmtFixExt1:
		return 3, lenNone, 0, true
	case fmtFixExt2:
		return 4, lenNone, 0, true
	case fmtFixExt4:
		return 6, lenNone, 0, true
	case fmtFixExt8:
		return 10, lenNone, 0, true
	case fmtFixExt:
		return 18, lenNone, 0, true
	}
	return 0, 0, 0, false // 0xc1 is never used
}
