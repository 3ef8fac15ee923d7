package fpnn

import (
	"errors"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

func paramCode(err error) int {
	var pe *ParamError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return 0
}

func TestDecodeParamsErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		hex  string
		code int
	}{
		"array root":      {"9101", CodeRootNotMap},
		"int root":        {"01", CodeRootNotMap},
		"nil root":        {"c0", CodeRootNotMap},
		"int key":         {"810102", CodeKeyNotString},
		"bin key":         {"81c40161" + "01", CodeKeyNotString},
		"second key int":  {"82a16101" + "0102", CodeKeyNotString},
		"empty":           {"", CodeInvalidPackage},
		"truncated":       {"82a16101", CodeInvalidPackage},
		"truncated value": {"81a161cd01", CodeInvalidPackage},
		"trailing bytes":  {"8001", CodeInvalidPackage},
		"reserved c1":     {"81a161c1", CodeInvalidPackage},
		"huge map count":  {"dfffffffff", CodeInvalidPackage},
	} {
		t.Run(name, func(t *testing.T) {
			p, err := DecodeParams(unhex(t, tc.hex))
			if p != nil || paramCode(err) != tc.code {
				t.Fatalf("DecodeParams = %v, %v; want code %d", p, err, tc.code)
			}
		})
	}
}

// testParams builds a map with every kind of value the accessors see.
func testParams(t *testing.T) *Params {
	t.Helper()
	b := msgpack.AppendMapHeader(nil, 15)
	kv := func(k string, v []byte) { b = append(msgpack.AppendString(b, k), v...) }
	kv("int", msgpack.AppendInt(nil, -5))
	kv("uint", msgpack.AppendUint(nil, 1<<40))
	kv("big", msgpack.AppendUint(nil, 1<<63))
	kv("float", msgpack.AppendFloat64(nil, 1))
	kv("nil", msgpack.AppendNil(nil))
	kv("str", msgpack.AppendString(nil, "hello"))
	kv("bin", msgpack.AppendBinary(nil, []byte("bytes")))
	kv("true", msgpack.AppendBool(nil, true))
	kv("ints", msgpack.AppendIntCArray(nil, []int64{1, -2, 1 << 40}))
	kv("mixed", append(msgpack.AppendArrayHeader(nil, 2), 0x01, 0xa1, 'x'))
	kv("empty", msgpack.AppendArrayHeader(nil, 0))
	kv("dup", msgpack.AppendInt(nil, 1))
	kv("dup", msgpack.AppendInt(nil, 2))
	kv("map", append(msgpack.AppendMapHeader(nil, 1), 0xa1, 'k', 0x01))
	kv("one", msgpack.AppendInt(nil, 1))
	p, err := DecodeParams(b)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParamsAccessors(t *testing.T) {
	p := testParams(t)
	if p.Len() != 15 || !p.Has("nil") || p.Has("absent") {
		t.Fatalf("Len %d, Has(nil) %v, Has(absent) %v", p.Len(), p.Has("nil"), p.Has("absent"))
	}
	ints := map[string]struct {
		v    int64
		code int
	}{
		"int": {-5, 0}, "uint": {1 << 40, 0}, "dup": {1, 0},
		"big": {0, CodeTypeConvert}, "float": {0, CodeTypeConvert}, "nil": {0, CodeTypeConvert},
		"str": {0, CodeTypeConvert}, "true": {0, CodeTypeConvert}, "ints": {0, CodeTypeConvert},
		"absent": {0, CodeKeyNotFound},
	}
	for k, want := range ints {
		v, err := p.Int(k)
		if v != want.v || paramCode(err) != want.code {
			t.Errorf("Int(%q) = %d, %v; want %d, code %d", k, v, err, want.v, want.code)
		}
	}
	strs := map[string]struct {
		v    string
		code int
	}{
		"str": {"hello", 0}, "bin": {"bytes", 0},
		"int": {"", CodeTypeConvert}, "nil": {"", CodeTypeConvert}, "map": {"", CodeTypeConvert},
		"absent": {"", CodeKeyNotFound},
	}
	for k, want := range strs {
		v, err := p.String(k)
		if v != want.v || paramCode(err) != want.code {
			t.Errorf("String(%q) = %q, %v; want %q, code %d", k, v, err, want.v, want.code)
		}
	}
	if v, err := p.Bool("true"); !v || err != nil {
		t.Errorf("Bool(true) = %v, %v", v, err)
	}
	for k, code := range map[string]int{"one": CodeTypeConvert, "nil": CodeTypeConvert, "absent": CodeKeyNotFound} {
		if _, err := p.Bool(k); paramCode(err) != code {
			t.Errorf("Bool(%q) err = %v, want code %d", k, err, code)
		}
	}
	if v, err := p.Ints("ints"); err != nil || len(v) != 3 || v[0] != 1 || v[1] != -2 || v[2] != 1<<40 {
		t.Errorf("Ints(ints) = %v, %v", v, err)
	}
	if v, err := p.Ints("empty"); err != nil || v == nil || len(v) != 0 {
		t.Errorf("Ints(empty) = %#v, %v; want an empty, non-nil slice", v, err)
	}
	for k, code := range map[string]int{"nil": CodeTypeConvert, "int": CodeTypeConvert, "mixed": CodeTypeConvert, "absent": CodeKeyNotFound} {
		if _, err := p.Ints(k); paramCode(err) != code {
			t.Errorf("Ints(%q) err = %v, want code %d", k, err, code)
		}
	}
}

func TestParamsOptional(t *testing.T) {
	p := testParams(t)
	if v, ok, err := p.OptInt("int"); v != -5 || !ok || err != nil {
		t.Errorf("OptInt(int) = %d %v %v", v, ok, err)
	}
	if v, ok, err := p.OptInt("absent"); v != 0 || ok || err != nil {
		t.Errorf("OptInt(absent) = %d %v %v", v, ok, err)
	}
	if _, ok, err := p.OptInt("float"); ok || paramCode(err) != CodeTypeConvert {
		t.Errorf("OptInt(float) = %v %v", ok, err)
	}
	if v, ok, err := p.OptString("bin"); v != "bytes" || !ok || err != nil {
		t.Errorf("OptString(bin) = %q %v %v", v, ok, err)
	}
	if _, ok, err := p.OptString("absent"); ok || err != nil {
		t.Errorf("OptString(absent) = %v %v", ok, err)
	}
	if _, ok, err := p.OptString("nil"); ok || paramCode(err) != CodeTypeConvert {
		t.Errorf("OptString(nil) = %v %v", ok, err)
	}
	if v, ok, err := p.OptBool("true"); !v || !ok || err != nil {
		t.Errorf("OptBool(true) = %v %v %v", v, ok, err)
	}
	if _, ok, err := p.OptBool("absent"); ok || err != nil {
		t.Errorf("OptBool(absent) = %v %v", ok, err)
	}
	if _, ok, err := p.OptBool("one"); ok || paramCode(err) != CodeTypeConvert {
		t.Errorf("OptBool(one) = %v %v", ok, err)
	}
}

func TestParamsRaw(t *testing.T) {
	p := testParams(t)
	if raw, ok := p.Raw("map"); !ok || string(raw) != "\x81\xa1k\x01" {
		t.Fatalf("Raw(map) = %x, %v", raw, ok)
	}
	if _, ok := p.Raw("absent"); ok {
		t.Fatal("Raw(absent) found")
	}
}

func TestParamErrorMessages(t *testing.T) {
	p := testParams(t)
	_, err := p.Int("absent")
	if got := err.Error(); got != `fpnn: param "absent": key not found (code 10009)` {
		t.Errorf("missing: %q", got)
	}
	_, err = p.Int("float")
	if got := err.Error(); got != `fpnn: param "float": value is not an integer (got float) (code 10010)` {
		t.Errorf("float: %q", got)
	}
	_, err = p.Int("big")
	if got := err.Error(); got != `fpnn: param "big": value is not an integer (out of range) (code 10010)` {
		t.Errorf("big: %q", got)
	}
	_, err = DecodeParams([]byte{0x91, 0x01})
	if got := err.Error(); got != "fpnn: payload root is array, not a map (code 10006)" {
		t.Errorf("root: %q", got)
	}
}

func TestParamsDoNotAllocatePerLookup(t *testing.T) {
	payload := goldenPayload()
	allocs := testing.AllocsPerRun(100, func() {
		p, err := DecodeParams(payload)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"pid", "salt", "ts", "gid"} {
			if _, err := p.Int(k); err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 1 {
		t.Fatalf("%v allocations, want 1 (the Params)", allocs)
	}
}

func TestDecodeErrorPayloadDefaults(t *testing.T) {
	ea, err := DecodeErrorPayload(emptyMap)
	if err != nil || ea.Code != CodeUnknown || ea.Ex != "unknown error" {
		t.Fatalf("%+v %v", ea, err)
	}
	raiser := AppendErrorPayloadRaiser(nil, -1, "neg", "svc")
	ea, err = DecodeErrorPayload(raiser)
	if err != nil || ea.Code != -1 || ea.Ex != "neg" || ea.Raiser != "svc" {
		t.Fatalf("%+v %v", ea, err)
	}
	if _, err := DecodeErrorPayload(mapPayload("code", []byte{0xa1, 'x'})); paramCode(err) != CodeTypeConvert {
		t.Fatalf("err = %v", err)
	}
}
