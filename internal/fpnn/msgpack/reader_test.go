package msgpack

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math"
	"testing"
)

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every integer format decodes, signed or unsigned, as msgpack-c accepts.
func TestReadIntAllFormats(t *testing.T) {
	for _, tc := range []struct {
		hex string
		v   int64
	}{
		{"00", 0}, {"7f", 127}, {"ff", -1}, {"e0", -32},
		{"cc80", 128}, {"cd3039", 12345}, {"ce04c4b401", 80000001}, {"cf62f3f95a0014c281", 7130316800001360513},
		{"d0df", -33}, {"d07f", 127}, {"d13039", 12345}, {"d1ff7f", -129}, {"d204c4b401", 80000001},
		{"d2ffff63c0", -40000}, {"d362f3f95a0014c281", 7130316800001360513}, {"d38000000000000000", math.MinInt64},
		{"cf7fffffffffffffff", math.MaxInt64},
	} {
		r := NewReader(mustHex(t, tc.hex))
		v, err := r.ReadInt()
		if err != nil || v != tc.v || r.Len() != 0 {
			t.Errorf("ReadInt(%s) = %d, %v (left %d); want %d", tc.hex, v, err, r.Len(), tc.v)
		}
	}
}

func TestReadIntErrors(t *testing.T) {
	for _, tc := range []struct {
		hex  string
		want error
		got  Type
	}{
		{"cf8000000000000000", ErrOverflow, 0},
		{"cb3ff0000000000000", nil, TypeFloat},
		{"ca3f800000", nil, TypeFloat},
		{"c0", nil, TypeNil},
		{"c3", nil, TypeBool},
		{"a131", nil, TypeStr},
		{"90", nil, TypeArray},
		{"d40100", nil, TypeExt},
		{"c1", ErrInvalidFormat, 0},
		{"", ErrShortBuffer, 0},
		{"cd30", ErrShortBuffer, 0},
		{"d3000000", ErrShortBuffer, 0},
	} {
		b := mustHex(t, tc.hex)
		r := NewReader(b)
		_, err := r.ReadInt()
		var te *TypeError
		switch {
		case tc.want != nil && !errors.Is(err, tc.want):
			t.Errorf("ReadInt(%s) err = %v, want %v", tc.hex, err, tc.want)
		case tc.want == nil && (!errors.As(err, &te) || te.Want != TypeInt || te.Got != tc.got):
			t.Errorf("ReadInt(%s) err = %v, want TypeError got %v", tc.hex, err, tc.got)
		}
		if r.Offset() != 0 {
			t.Errorf("ReadInt(%s) consumed input on error", tc.hex)
		}
	}
}

func TestReadUint(t *testing.T) {
	r := NewReader(mustHex(t, "cfffffffffffffffff"+"d10080"+"ff"))
	if v, err := r.ReadUint(); err != nil || v != math.MaxUint64 {
		t.Fatalf("%d %v", v, err)
	}
	if v, err := r.ReadUint(); err != nil || v != 128 {
		t.Fatalf("%d %v", v, err)
	}
	if _, err := r.ReadUint(); !errors.Is(err, ErrOverflow) {
		t.Fatalf("negative: %v", err)
	}
}

func TestReadStrings(t *testing.T) {
	long := bytes.Repeat([]byte("y"), 300)
	in := AppendString(nil, "k")
	in = AppendString(in, string(long))
	in = AppendBinary(in, []byte("bin"))
	in = append(in, 0xdb, 0, 0, 0, 2, 'h', 'i') // str32
	r := NewReader(in)
	if s, err := r.ReadStr(); err != nil || string(s) != "k" {
		t.Fatalf("%q %v", s, err)
	}
	if s, err := r.ReadStrOrBin(); err != nil || !bytes.Equal(s, long) {
		t.Fatalf("str16: %v", err)
	}
	if _, err := r.ReadStr(); err == nil {
		t.Fatal("ReadStr accepted bin")
	}
	if s, err := r.ReadStrOrBin(); err != nil || string(s) != "bin" {
		t.Fatalf("%q %v", s, err)
	}
	if s, err := r.ReadStr(); err != nil || string(s) != "hi" {
		t.Fatalf("str32 %q %v", s, err)
	}
	for _, h := range []string{"a2", "d905", "da0001", "c40361", "db00"} {
		r := NewReader(mustHex(t, h))
		if _, err := r.ReadStrOrBin(); !errors.Is(err, ErrShortBuffer) {
			t.Errorf("%s: err = %v", h, err)
		}
	}
	r = NewReader(mustHex(t, "01"))
	if _, err := r.ReadStrOrBin(); err == nil {
		t.Fatal("int read as string")
	}
}

func TestReadScalars(t *testing.T) {
	r := NewReader(mustHex(t, "c3c2c0cb3ff8000000000000ca3fc00000"))
	if v, err := r.ReadBool(); !v || err != nil {
		t.Fatal(v, err)
	}
	if v, err := r.ReadBool(); v || err != nil {
		t.Fatal(v, err)
	}
	if _, err := r.ReadBool(); err == nil {
		t.Fatal("nil read as bool")
	}
	if err := r.ReadNil(); err != nil {
		t.Fatal(err)
	}
	if err := r.ReadNil(); err == nil {
		t.Fatal("float read as nil")
	}
	if f, err := r.ReadFloat64(); f != 1.5 || err != nil {
		t.Fatal(f, err)
	}
	if f, err := r.ReadFloat64(); f != 1.5 || err != nil {
		t.Fatal(f, err)
	}
	r = NewReader(mustHex(t, "01"))
	if _, err := r.ReadFloat64(); err == nil {
		t.Fatal("int read as float")
	}
	r = NewReader(mustHex(t, "01"))
	if _, err := r.ReadBool(); err == nil {
		t.Fatal("int read as bool")
	}
}

func TestReadContainers(t *testing.T) {
	r := NewReader(mustHex(t, "8f"+"dc0001"+"01"))
	if _, err := r.ReadMapHeader(); !errors.Is(err, ErrShortBuffer) {
		t.Fatalf("fixmap(15) over 4 bytes: %v", err)
	}
	r = NewReader(mustHex(t, "82a16101a16202"))
	if n, err := r.ReadMapHeader(); n != 2 || err != nil {
		t.Fatal(n, err)
	}
	r = NewReader(mustHex(t, "dc000201"+"02"))
	if n, err := r.ReadArrayHeader(); n != 2 || err != nil {
		t.Fatal(n, err)
	}
	r = NewReader(mustHex(t, "ddffffffff00"))
	if _, err := r.ReadArrayHeader(); !errors.Is(err, ErrShortBuffer) {
		t.Fatalf("array32 of 4G elements: %v", err)
	}
	r = NewReader(mustHex(t, "de00"))
	if _, err := r.ReadMapHeader(); !errors.Is(err, ErrShortBuffer) {
		t.Fatalf("cut map16: %v", err)
	}
	r = NewReader(mustHex(t, "90"))
	if _, err := r.ReadMapHeader(); err == nil {
		t.Fatal("array read as map")
	}
}

func TestNextType(t *testing.T) {
	for h, want := range map[string]Type{
		"00": TypeInt, "ff": TypeInt, "cc": TypeInt, "d3": TypeInt, "c0": TypeNil, "c2": TypeBool, "ca": TypeFloat,
		"a0": TypeStr, "d9": TypeStr, "c4": TypeBin, "90": TypeArray, "dd": TypeArray, "80": TypeMap, "df": TypeMap,
		"c7": TypeExt, "d8": TypeExt,
	} {
		r := NewReader(mustHex(t, h))
		if got, err := r.NextType(); got != want || err != nil {
			t.Errorf("NextType(%s) = %v, %v; want %v", h, got, err, want)
		}
	}
	r := NewReader(mustHex(t, "c1"))
	if _, err := r.NextType(); !errors.Is(err, ErrInvalidFormat) {
		t.Fatal(err)
	}
	if got := Type(99).String(); got != "Type(99)" {
		t.Fatal(got)
	}
}

func TestSkip(t *testing.T) {
	for _, h := range []string{
		"00", "c0", "cb3ff0000000000000", "ca00000000", "d3" + "0000000000000000", "cc01",
		"a3616263", "d903616263", "da0001ff", "db00000001ff", "c40100", "c5000100", "c600000000",
		"9301a161c3", "dc000101", "dd0000000101", "82a1619101a162" + "80", "de0001a16101", "df00000000",
		"d40100", "d5010000", "d601" + "00000000", "d701" + "0000000000000000", "d801" + "00000000000000000000000000000000",
		"c70201aaaa", "c8000101aa", "c900000001" + "01aa",
		"9191919191919191919100", // nested
	} {
		b := mustHex(t, h)
		r := NewReader(append(b, 0x2a))
		if err := r.Skip(); err != nil || r.Offset() != len(b) {
			t.Errorf("Skip(%s): offset %d, err %v; want %d", h, r.Offset(), err, len(b))
		}
		r = NewReader(b[:len(b)-1])
		if err := r.Skip(); !errors.Is(err, ErrShortBuffer) || r.Offset() != 0 {
			t.Errorf("Skip(%s truncated) = %v at %d", h, err, r.Offset())
		}
	}
	r := NewReader(mustHex(t, "91c1"))
	if err := r.Skip(); !errors.Is(err, ErrInvalidFormat) {
		t.Fatal(err)
	}
	deep := append(bytes.Repeat([]byte{0x91}, 1_000_000), 0x00)
	r = NewReader(deep)
	if err := r.Skip(); err != nil || r.Len() != 0 {
		t.Fatalf("deep nesting: %v", err)
	}
	r = NewReader(mustHex(t, "9201a2"))
	if raw, err := r.ReadRaw(); err == nil {
		t.Fatalf("ReadRaw of a truncated array = %x", raw)
	}
	r = NewReader(mustHex(t, "920102ff"))
	if raw, err := r.ReadRaw(); err != nil || hex.EncodeToString(raw) != "920102" {
		t.Fatalf("ReadRaw = %x, %v", raw, err)
	}
}

func TestReaderDoesNotAllocate(t *testing.T) {
	in := AppendMapHeader(nil, 3)
	in = AppendString(in, "uids")
	in = AppendIntCArray(in, []int64{1, 1 << 20, 1 << 40})
	in = AppendString(in, "sign")
	in = AppendString(in, "4288B9DA93436811D862098678B28555")
	in = AppendString(in, "ok")
	in = AppendBool(in, true)
	allocs := testing.AllocsPerRun(100, func() {
		r := NewReader(in)
		n, _ := r.ReadMapHeader()
		for range n {
			_, _ = r.ReadStr()
			_ = r.Skip()
		}
		r.Reset(in)
		_, _ = r.ReadMapHeader()
		_, _ = r.ReadStr()
		m, _ := r.ReadArrayHeader()
		for range m {
			_, _ = r.ReadInt()
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations", allocs)
	}
}
