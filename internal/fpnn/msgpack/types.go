package msgpack

import (
	"errors"
	"fmt"
)

// Type is the kind of a msgpack value.
type Type uint8

// Value kinds. TypeInt covers every integer format, signed or unsigned.
const (
	TypeInvalid Type = iota
	TypeNil
	TypeBool
	TypeInt
	TypeFloat
	TypeStr
	TypeBin
	TypeArray
	TypeMap
	TypeExt
)

var typeNames = [...]string{"invalid", "nil", "bool", "int", "float", "str", "bin", "array", "map", "ext"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Decoding errors.
var (
	// ErrShortBuffer: the input ends inside a value (or a container claims
	// more elements than the remaining input could hold).
	ErrShortBuffer = errors.New("msgpack: unexpected end of data")
	// ErrInvalidFormat: the reserved format byte 0xc1.
	ErrInvalidFormat = errors.New("msgpack: invalid format byte")
	// ErrOverflow: an integer does not fit the requested Go type.
	ErrOverflow = errors.New("msgpack: integer out of range")
)

// TypeError reports a value of the wrong type.
type TypeError struct {
	Want Type
	Got  Type
}

func (e *TypeError) Error() string {
	return "msgpack: want " + e.Want.String() + ", got " + e.Got.String()
}

// typeOf maps a format byte to its type.
func typeOf(c byte) Type {
	switch {
	case c <= 0x7f || c >= 0xe0:
		return TypeInt
	case c <= 0x8f:
		return TypeMap
	case c <= 0x9f:
		return TypeArray
	case c <= 0xbf:
		return TypeStr
	}
	switch c {
	case fmtNil:
		return TypeNil
	case fmtFalse, fmtTrue:
		return TypeBool
	case fmtBin8, fmtBin16, fmtBin32:
		return TypeBin
	case fmtExt8, fmtExt16, fmtExt32, fmtFixExt1, fmtFixExt2, fmtFixExt4, fmtFixExt8, fmtFixExt:
		return TypeExt
	case fmtFloat32, fmtFloat64:
		return TypeFloat
	case fmtUint8, fmtUint16, fmtUint32, fmtUint64, fmtInt8, fmtInt16, fmtInt32, fmtInt64:
		return TypeInt
	case fmtStr8, fmtStr16, fmtStr32:
		return TypeStr
	case fmtArray16, fmtArray32:
		return TypeArray
	case fmtMap16, fmtMap32:
		return TypeMap
	}
	return TypeInvalid
}
