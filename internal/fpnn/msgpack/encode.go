// Package msgpack is the small msgpack codec FPNN payloads need: append-style
// encoders that pick the exact byte formats the official SDKs and msgpack-c
// emit, and a zero-allocation Reader for decoding.
//
// It is hand-written rather than reflection-based because FPNN payloads are
// tiny flat maps and the client sends them at high rates; see the benchmark in
// codec_bench_test.go for the comparison with github.com/vmihailenco/msgpack/v5.
package msgpack

import (
	"encoding/binary"
	"math"
)

// Format bytes (msgpack spec).
const (
	fmtNil     = 0xc0
	fmtFalse   = 0xc2
	fmtTrue    = 0xc3
	fmtBin8    = 0xc4
	fmtBin16   = 0xc5
	fmtBin32   = 0xc6
	fmtExt8    = 0xc7
	fmtExt16   = 0xc8
	fmtExt32   = 0xc9
	fmtFloat32 = 0xca
	fmtFloat64 = 0xcb
	fmtUint8   = 0xcc
	fmtUint16  = 0xcd
	fmtUint32  = 0xce
	fmtUint64  = 0xcf
	fmtInt8    = 0xd0
	fmtInt16   = 0xd1
	fmtInt32   = 0xd2
	fmtInt64   = 0xd3
	fmtFixExt1 = 0xd4
	fmtFixExt2 = 0xd5
	fmtFixExt4 = 0xd6
	fmtFixExt8 = 0xd7
	fmtFixExt  = 0xd8 // fixext 16
	fmtStr8    = 0xd9
	fmtStr16   = 0xda
	fmtStr32   = 0xdb
	fmtArray16 = 0xdc
	fmtArray32 = 0xdd
	fmtMap16   = 0xde
	fmtMap32   = 0xdf
)

// AppendMapHeader appends the header of a map with n entries (fixmap, map16 or
// map32). n must not be negative.
func AppendMapHeader(b []byte, n int) []byte {
	switch {
	case n < 16:
		return append(b, 0x80|byte(n))
	case n <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(b, fmtMap16), uint16(n))
	default:
		return binary.BigEndian.AppendUint32(append(b, fmtMap32), uint32(n))
	}
}

// AppendArrayHeader appends the header of an array with n elements.
func AppendArrayHeader(b []byte, n int) []byte {
	switch {
	case n < 16:
		return append(b, 0x90|byte(n))
	case n <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(b, fmtArray16), uint16(n))
	default:
		return binary.BigEndian.AppendUint32(append(b, fmtArray32), uint32(n))
	}
}

// AppendString appends s as msgpack str: fixstr below 32 bytes, then str8
// (which ugorji, msgpack-c and Python all use), str16, str32.
func AppendString(b []byte, s string) []byte {
	n := len(s)
	switch {
	case n < 32:
		b = append(b, 0xa0|byte(n))
	case n <= math.MaxUint8:
		b = append(b, fmtStr8, byte(n))
	case n <= math.MaxUint16:
		b = binary.BigEndian.AppendUint16(append(b, fmtStr16), uint16(n))
	default:
		b = binary.BigEndian.AppendUint32(append(b, fmtStr32), uint32(n))
	}
	return append(b, s...)
}

// AppendBinary appends p as msgpack bin (bin8/16/32). A nil p is written as
// an empty bin, not as nil.
func AppendBinary(b []byte, p []byte) []byte {
	n := len(p)
	switch {
	case n <= math.MaxUint8:
		b = append(b, fmtBin8, byte(n))
	case n <= math.MaxUint16:
		b = binary.BigEndian.AppendUint16(append(b, fmtBin16), uint16(n))
	default:
		b = binary.BigEndian.AppendUint32(append(b, fmtBin32), uint32(n))
	}
	return append(b, p...)
}

// AppendInt appends v the way the official Go SDK (ugorji codec,
// PositiveIntUnsigned=false) does: 0..127 as positive fixint, larger positives
// in the signed formats d1/d2/d3 (never d0), negatives as negative fixint or
// the smallest of d0..d3.
func AppendInt(b []byte, v int64) []byte {
	switch {
	case v > math.MaxInt8:
		switch {
		case v <= math.MaxInt16:
			return binary.BigEndian.AppendUint16(append(b, fmtInt16), uint16(v))
		case v <= math.MaxInt32:
			return binary.BigEndian.AppendUint32(append(b, fmtInt32), uint32(v))
		default:
			return binary.BigEndian.AppendUint64(append(b, fmtInt64), uint64(v))
		}
	case v >= -32:
		return append(b, byte(int8(v)))
	default:
		return appendNegative(b, v)
	}
}

// AppendUint appends v the way msgpack-c and Python's msgpack do: positive
// fixint below 128, then the smallest of cc/cd/ce/cf. The real RTM server's
// answers use these formats.
func AppendUint(b []byte, v uint64) []byte {
	switch {
	case v <= math.MaxInt8:
		return append(b, byte(v))
	case v <= math.MaxUint8:
		return append(b, fmtUint8, byte(v))
	case v <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(b, fmtUint16), uint16(v))
	case v <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(b, fmtUint32), uint32(v))
	default:
		return binary.BigEndian.AppendUint64(append(b, fmtUint64), v)
	}
}

// AppendIntC appends a signed value the way msgpack-c packs an int64: a
// non-negative value in the uint formats (as AppendUint), a negative one as
// negative fixint or the smallest of d0..d3. Use it for answers that must look
// like the real server's (e.g. uids).
func AppendIntC(b []byte, v int64) []byte {
	if v >= 0 {
		return AppendUint(b, uint64(v))
	}
	if v >= -32 {
		return append(b, byte(int8(v)))
	}
	return appendNegative(b, v)
}

// appendNegative writes v < -32 in the smallest signed format.
func appendNegative(b []byte, v int64) []byte {
	switch {
	case v >= math.MinInt8:
		return append(b, fmtInt8, byte(int8(v)))
	case v >= math.MinInt16:
		return binary.BigEndian.AppendUint16(append(b, fmtInt16), uint16(int16(v)))
	case v >= math.MinInt32:
		return binary.BigEndian.AppendUint32(append(b, fmtInt32), uint32(int32(v)))
	default:
		return binary.BigEndian.AppendUint64(append(b, fmtInt64), uint64(v))
	}
}

// AppendIntArray appends vs as an array of AppendInt values (Go SDK style).
func AppendIntArray(b []byte, vs []int64) []byte {
	b = AppendArrayHeader(b, len(vs))
	for _, v := range vs {
		b = AppendInt(b, v)
	}
	return b
}

// AppendIntCArray appends vs as an array of AppendIntC values (msgpack-c style).
func AppendIntCArray(b []byte, vs []int64) []byte {
	b = AppendArrayHeader(b, len(vs))
	for _, v := range vs {
		b = AppendIntC(b, v)
	}
	return b
}

// AppendBool appends c3 for true, c2 for false.
func AppendBool(b []byte, v bool) []byte {
	if v {
		return append(b, fmtTrue)
	}
	return append(b, fmtFalse)
}

// AppendNil appends c0.
func AppendNil(b []byte) []byte {
	return append(b, fmtNil)
}

// AppendFloat64 appends f as float64 (cb).
func AppendFloat64(b []byte, f float64) []byte {
	return binary.BigEndian.AppendUint64(append(b, fmtFloat64), math.Float64bits(f))
}
