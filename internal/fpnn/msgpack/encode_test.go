package msgpack

import (
	"encoding/hex"
	"math"
	"strings"
	"testing"
)

func TestAppendInt(t *testing.T) {
	for _, tc := range []struct {
		v    int64
		want string
	}{
		{0, "00"}, {127, "7f"}, {128, "d10080"}, {255, "d100ff"}, {32767, "d17fff"},
		{32768, "d200008000"}, {12345, "d13039"}, {80000001, "d204c4b401"}, {math.MaxInt32, "d27fffffff"},
		{math.MaxInt32 + 1, "d30000000080000000"}, {7130316800001360513, "d362f3f95a0014c281"},
		{-1, "ff"}, {-32, "e0"}, {-33, "d0df"}, {-128, "d080"}, {-129, "d1ff7f"},
		{math.MinInt16, "d18000"}, {math.MinInt16 - 1, "d2ffff7fff"}, {math.MinInt32, "d280000000"},
		{math.MinInt32 - 1, "d3ffffffff7fffffff"}, {math.MinInt64, "d38000000000000000"},
	} {
		if got := hex.EncodeToString(AppendInt(nil, tc.v)); got != tc.want {
			t.Errorf("AppendInt(%d) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func TestAppendUint(t *testing.T) {
	for _, tc := range []struct {
		v    uint64
		want string
	}{
		{0, "00"}, {127, "7f"}, {128, "cc80"}, {255, "ccff"}, {256, "cd0100"}, {65535, "cdffff"},
		{65536, "ce00010000"}, {200002, "ce00030d42"}, {math.MaxUint32, "ceffffffff"},
		{math.MaxUint32 + 1, "cf0000000100000000"}, {math.MaxUint64, "cfffffffffffffffff"},
	} {
		if got := hex.EncodeToString(AppendUint(nil, tc.v)); got != tc.want {
			t.Errorf("AppendUint(%d) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func TestAppendIntC(t *testing.T) {
	for _, tc := range []struct {
		v    int64
		want string
	}{
		{0, "00"}, {200, "ccc8"}, {102458, "ce0001903a"}, {-1, "ff"}, {-33, "d0df"}, {-40000, "d2ffff63c0"},
	} {
		if got := hex.EncodeToString(AppendIntC(nil, tc.v)); got != tc.want {
			t.Errorf("AppendIntC(%d) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func TestAppendStringAndBinary(t *testing.T) {
	for _, tc := range []struct {
		n      int
		str    string
		binary string
	}{
		{0, "a0", "c400"}, {31, "bf", "c41f"}, {32, "d920", "c420"}, {255, "d9ff", "c4ff"},
		{256, "da0100", "c50100"}, {65535, "daffff", "c5ffff"}, {65536, "db00010000", "c600010000"},
	} {
		s := strings.Repeat("x", tc.n)
		got := AppendString(nil, s)
		if h := hex.EncodeToString(got[:len(got)-tc.n]); h != tc.str || string(got[len(got)-tc.n:]) != s {
			t.Errorf("AppendString(len %d) header %s, want %s", tc.n, h, tc.str)
		}
		got = AppendBinary(nil, []byte(s))
		if h := hex.EncodeToString(got[:len(got)-tc.n]); h != tc.binary || string(got[len(got)-tc.n:]) != s {
			t.Errorf("AppendBinary(len %d) header %s, want %s", tc.n, h, tc.binary)
		}
	}
}

func TestAppendHeaders(t *testing.T) {
	for _, tc := range []struct {
		n          int
		mapH, arrH string
	}{
		{0, "80", "90"}, {15, "8f", "9f"}, {16, "de0010", "dc0010"}, {65535, "deffff", "dcffff"},
		{65536, "df00010000", "dd00010000"},
	} {
		if got := hex.EncodeToString(AppendMapHeader(nil, tc.n)); got != tc.mapH {
			t.Errorf("AppendMapHeader(%d) = %s, want %s", tc.n, got, tc.mapH)
		}
		if got := hex.EncodeToString(AppendArrayHeader(nil, tc.n)); got != tc.arrH {
			t.Errorf("AppendArrayHeader(%d) = %s, want %s", tc.n, got, tc.arrH)
		}
	}
}

func TestAppendScalars(t *testing.T) {
	var b []byte
	b = AppendBool(b, true)
	b = AppendBool(b, false)
	b = AppendNil(b)
	b = AppendFloat64(b, 1.5)
	b = AppendIntArray(b, []int64{1, 200})
	b = AppendIntCArray(b, []int64{1, 200})
	if got, want := hex.EncodeToString(b), "c3c2c0"+"cb3ff8000000000000"+"9201d100c8"+"9201ccc8"; got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}
