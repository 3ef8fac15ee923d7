package fpnn

import (
	"errors"
	"strconv"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// Params is a decoded payload root map, read the way an FPNN C++ server's
// FPReader reads it: every key must be a msgpack str, the first of duplicate
// keys wins, unknown keys are ignored, and a wrong-typed value is 10010.
//
// Params keeps references into the payload: do not modify the payload while
// using it. Accessors that return strings or slices return copies.
type Params struct {
	payload []byte
	entries []paramEntry
	inline  [12]paramEntry // typical RTM quests have 6-8 keys
}

// paramEntry locates one key and its value inside the payload.
type paramEntry struct {
	keyStart, keyEnd uint32
	valStart, valEnd uint32
}

// ParamError is a parameter error with its FPNN code (10003, 10005, 10006,
// 10009 or 10010).
type ParamError struct {
	Code   int
	Key    string
	Reason string
}

func (e *ParamError) Error() string {
	msg := "fpnn: "
	if e.Key != "" {
		msg += "param " + strconv.Quote(e.Key) + ": "
	}
	return msg + e.Reason + " (code " + strconv.Itoa(e.Code) + ")"
}

// DecodeParams checks that payload is exactly one msgpack map with str keys
// and indexes it. Errors: 10006 root is not a map, 10005 a key is not a str,
// 10003 malformed or trailing bytes.
func DecodeParams(payload []byte) (*Params, error) {
	p := &Params{payload: payload}
	p.entries = p.inline[:0]
	r := msgpack.NewReader(payload)
	n, err := r.ReadMapHeader()
	if err != nil {
		var te *msgpack.TypeError
		if errors.As(err, &te) {
			return nil, &ParamError{Code: CodeRootNotMap, Reason: "payload root is " + te.Got.String() + ", not a map"}
		}
		return nil, malformed(err)
	}
	for i := 0; i < n; i++ {
		key, err := r.ReadStr()
		if err != nil {
			var te *msgpack.TypeError
			if errors.As(err, &te) {
				return nil, &ParamError{Code: CodeKeyNotString, Reason: "map key is " + te.Got.String() + ", not a string"}
			}
			return nil, malformed(err)
		}
		valStart := r.Offset()
		if err := r.Skip(); err != nil {
			return nil, malformed(err)
		}
		p.entries = append(p.entries, paramEntry{
			keyStart: uint32(valStart - len(key)), keyEnd: uint32(valStart),
			valStart: uint32(valStart), valEnd: uint32(r.Offset()),
		})
	}
	if r.Len() != 0 {
		return nil, &ParamError{Code: CodeInvalidPackage, Reason: strconv.Itoa(r.Len()) + " bytes after the payload map"}
	}
	return p, nil
}

func malformed(err error) *ParamError {
	return &ParamError{Code: CodeInvalidPackage, Reason: "malformed msgpack: " + err.Error()}
}

// Len is the number of entries in the map, duplicates included.
func (p *Params) Len() int { return len(p.entries) }

// Has reports whether key is present (whatever its value, nil included).
func (p *Params) Has(key string) bool {
	_, ok := p.lookup(key)
	return ok
}

// Raw returns the msgpack encoding of key's value (aliasing the payload).
func (p *Params) Raw(key string) ([]byte, bool) {
	e, ok := p.lookup(key)
	if !ok {
		return nil, false
	}
	return p.payload[e.valStart:e.valEnd:e.valEnd], true
}

// lookup finds the first entry with key.
func (p *Params) lookup(key string) (paramEntry, bool) {
	for _, e := range p.entries {
		if string(p.payload[e.keyStart:e.keyEnd]) == key {
			return e, true
		}
	}
	return paramEntry{}, false
}

// value returns a reader positioned on key's value, or a 10009 error.
func (p *Params) value(key string) (msgpack.Reader, error) {
	e, ok := p.lookup(key)
	if !ok {
		return msgpack.Reader{}, &ParamError{Code: CodeKeyNotFound, Key: key, Reason: "key not found"}
	}
	return msgpack.NewReader(p.payload[e.valStart:e.valEnd]), nil
}

// Int returns an integer in any msgpack integer format. Floats, other types
// and values outside int64 are 10010; a missing key is 10009.
func (p *Params) Int(key string) (int64, error) {
	r, err := p.value(key)
	if err != nil {
		return 0, err
	}
	v, err := r.ReadInt()
	if err != nil {
		return 0, convertError(key, "an integer", err)
	}
	return v, nil
}

// OptInt is Int for an optional key: ok is false when the key is missing. A
// present key with a wrong-typed value (nil included) is still 10010.
func (p *Params) OptInt(key string) (v int64, ok bool, err error) {
	if !p.Has(key) {
		return 0, false, nil
	}
	v, err = p.Int(key)
	return v, err == nil, err
}

// Ints returns an array of integers. nil, a non-array or a non-integer
// element is 10010.
func (p *Params) Ints(key string) ([]int64, error) {
	r, err := p.value(key)
	if err != nil {
		return nil, err
	}
	n, err := r.ReadArrayHeader()
	if err != nil {
		return nil, convertError(key, "an array of integers", err)
	}
	vs := make([]int64, n)
	for i := range vs {
		if vs[i], err = r.ReadInt(); err != nil {
			return nil, convertError(key, "an array of integers", err)
		}
	}
	return vs, nil
}

// String returns a str or bin value as a string.
func (p *Params) String(key string) (string, error) {
	r, err := p.value(key)
	if err != nil {
		return "", err
	}
	b, err := r.ReadStrOrBin()
	if err != nil {
		return "", convertError(key, "a string", err)
	}
	return string(b), nil
}

// OptString is String for an optional key.
func (p *Params) OptString(key string) (v string, ok bool, err error) {
	if !p.Has(key) {
		return "", false, nil
	}
	v, err = p.String(key)
	return v, err == nil, err
}

// Bool returns a msgpack bool; an integer or any other type is 10010.
func (p *Params) Bool(key string) (bool, error) {
	r, err := p.value(key)
	if err != nil {
		return false, err
	}
	v, err := r.ReadBool()
	if err != nil {
		return false, convertError(key, "a bool", err)
	}
	return v, nil
}

// OptBool is Bool for an optional key.
func (p *Params) OptBool(key string) (v bool, ok bool, err error) {
	if !p.Has(key) {
		return false, false, nil
	}
	v, err = p.Bool(key)
	return v, err == nil, err
}

// convertError is the 10010 for a value that is not what the caller wants.
func convertError(key, want string, err error) *ParamError {
	reason := "value is not " + want
	var te *msgpack.TypeError
	switch {
	case errors.As(err, &te):
		reason += " (got " + te.Got.String() + ")"
	case errors.Is(err, msgpack.ErrOverflow):
		reason += " (out of range)"
	}
	return &ParamError{Code: CodeTypeConvert, Key: key, Reason: reason}
}
