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
		fi := &formats[b[off]]
		if fi.kind == kindInvalid {
			return 0, ErrInvalidFormat
		}
		head := int(fi.head)
		if off+head > len(b) {
			return 0, ErrShortBuffer
		}
		// The length field, if any, always follows the format byte.
		items := int(fi.fixItems)
		switch fi.lenSize {
		case 1:
			items = int(b[off+1])
		case 2:
			items = int(binary.BigEndian.Uint16(b[off+1:]))
		case 4:
			items = int(binary.BigEndian.Uint32(b[off+1:]))
		}
		off += head
		switch fi.kind {
		case kindArray:
			pending += items
		case kindMap:
			pending += 2 * items
		case kindBytes:
			if items > len(b)-off {
				return 0, ErrShortBuffer
			}
			off += items
		}
	}
	return off, nil
}

// formatInfo is how to skip a value, by its format byte.
type formatInfo struct {
	kind     uint8 // kindScalar, kindBytes, kindArray, kindMap or kindInvalid
	head     uint8 // format byte + length field (+ ext type byte), or the whole scalar
	lenSize  uint8 // 0 (length fixed by the format), 1, 2 or 4 bytes
	fixItems uint8 // for fix formats: bytes (str), elements (array), entries (map)
}

const (
	kindInvalid = iota
	kindScalar  // everything is in head
	kindBytes   // str, bin, ext: items payload bytes follow the head
	kindArray
	kindMap
)

// formats is indexed by format byte; a table keeps Skip to one lookup per
// value.
var formats = func() (t [256]formatInfo) {
	for c := range t {
		t[c] = describe(byte(c))
	}
	return t
}()

func describe(c byte) formatInfo {
	switch {
	case c <= 0x7f || c >= 0xe0:
		return formatInfo{kind: kindScalar, head: 1}
	case c <= 0x8f:
		return formatInfo{kind: kindMap, head: 1, fixItems: c & 0x0f}
	case c <= 0x9f:
		return formatInfo{kind: kindArray, head: 1, fixItems: c & 0x0f}
	case c <= 0xbf:
		return formatInfo{kind: kindBytes, head: 1, fixItems: c & 0x1f}
	}
	switch c {
	case fmtNil, fmtFalse, fmtTrue:
		return formatInfo{kind: kindScalar, head: 1}
	case fmtBin8, fmtStr8:
		return formatInfo{kind: kindBytes, head: 2, lenSize: 1}
	case fmtBin16, fmtStr16:
		return formatInfo{kind: kindBytes, head: 3, lenSize: 2}
	case fmtBin32, fmtStr32:
		return formatInfo{kind: kindBytes, head: 5, lenSize: 4}
	case fmtExt8:
		return formatInfo{kind: kindBytes, head: 3, lenSize: 1}
	case fmtExt16:
		return formatInfo{kind: kindBytes, head: 4, lenSize: 2}
	case fmtExt32:
		return formatInfo{kind: kindBytes, head: 6, lenSize: 4}
	case fmtArray16:
		return formatInfo{kind: kindArray, head: 3, lenSize: 2}
	case fmtArray32:
		return formatInfo{kind: kindArray, head: 5, lenSize: 4}
	case fmtMap16:
		return formatInfo{kind: kindMap, head: 3, lenSize: 2}
	case fmtMap32:
		return formatInfo{kind: kindMap, head: 5, lenSize: 4}
	case fmtUint8, fmtInt8:
		return formatInfo{kind: kindScalar, head: 2}
	case fmtUint16, fmtInt16, fmtFixExt1:
		return formatInfo{kind: kindScalar, head: 3}
	case fmtFixExt2:
		return formatInfo{kind: kindScalar, head: 4}
	case fmtFloat32, fmtUint32, fmtInt32:
		return formatInfo{kind: kindScalar, head: 5}
	case fmtFixExt4:
		return formatInfo{kind: kindScalar, head: 6}
	case fmtFloat64, fmtUint64, fmtInt64:
		return formatInfo{kind: kindScalar, head: 9}
	case fmtFixExt8:
		return formatInfo{kind: kindScalar, head: 10}
	case fmtFixExt:
		return formatInfo{kind: kindScalar, head: 18}
	}
	return formatInfo{} // 0xc1 is never used
}
