package rtmtest

import (
	"testing"
	"time"
)

func TestWrongSignIs200002(t *testing.T) {
	h := newHarness(t)
	body := payload(append(h.authParams("getgroupmembers", testPID, "not-the-secret"), pInt("gid", 1))...)
	_, err := h.callRaw("getgroupmembers", body)
	wantCode(t, err, CodeInvalidPidOrSign)
}

func TestSignForAnotherMethodIs200002(t *testing.T) {
	h := newHarness(t)
	body := payload(append(h.authParams("getgroupinfo", testPID, testSecret), pInt("gid", 1))...)
	_, err := h.callRaw("getgroupmembers", body)
	wantCode(t, err, CodeInvalidPidOrSign)
}

func TestLowercaseSignIs200002(t *testing.T) {
	h := newHarness(t)
	ts := h.auth.Now().Unix()
	sign := Sign(testPID, testSecret, 42, "delgroup", ts)
	lower := []byte(sign)
	for i, c := range lower {
		if c >= 'A' && c <= 'F' {
			lower[i] = c + 'a' - 'A'
		}
	}
	body := payload(pInt("pid", testPID), pStr("sign", string(lower)), pInt("salt", 42), pInt("ts", ts), pInt("gid", 1))
	_, err := h.callRaw("delgroup", body)
	wantCode(t, err, CodeInvalidPidOrSign)
}

func TestUnknownPidIs200002(t *testing.T) {
	h := newHarness(t)
	// Correctly signed with the right secret, but for a pid the server does not know.
	body := payload(append(h.authParams("getgroupmembers", testPID+1, testSecret), pInt("gid", 1))...)
	_, err := h.callRaw("getgroupmembers", body)
	wantCode(t, err, CodeInvalidPidOrSign)
}

func TestTSOutsideSkewIs200008(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.TSSkew = time.Minute })
	signedAt := h.auth.Now()
	for _, tc := range []struct {
		name  string
		shift time.Duration
		code  int
	}{
		{"just inside, late", time.Minute, 0},
		{"just inside, early", -time.Minute, 0},
		{"too old", 61 * time.Second, CodeInvalidServerTime},
		{"from the future", -61 * time.Second, CodeInvalidServerTime},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.auth.Set(signedAt)
			body := payload(append(h.authParams("getgroupcount", testPID, testSecret), pInt("gid", 1))...)
			h.auth.Set(signedAt.Add(tc.shift)) // the server's clock moves, not the quest's ts
			_, err := h.callRaw("getgroupcount", body)
			if tc.code == 0 {
				if err != nil {
					t.Fatalf("ts within the skew rejected: %v", err)
				}
				return
			}
			wantCode(t, err, tc.code)
		})
	}
}

func TestDefaultSkewIsFiveMinutes(t *testing.T) {
	h := newHarness(t)
	signedAt := h.auth.Now()
	body := payload(append(h.authParams("getgroupcount", testPID, testSecret), pInt("gid", 1))...)
	h.auth.Set(signedAt.Add(DefaultTSSkew + time.Second))
	_, err := h.callRaw("getgroupcount", body)
	wantCode(t, err, CodeInvalidServerTime)
	if DefaultTSSkew != 5*time.Minute {
		t.Fatalf("DefaultTSSkew = %s; the package documents 5 minutes", DefaultTSSkew)
	}
}

func TestRepeatedSignIs200006(t *testing.T) {
	h := newHarness(t)
	body := payload(append(h.authParams("addgroupmembers", testPID, testSecret), pInt("gid", 1), pUIDs(5))...)
	if _, err := h.callRaw("addgroupmembers", body); err != nil {
		t.Fatal(err)
	}
	_, err := h.callRaw("addgroupmembers", body)
	wantCode(t, err, CodeSameSign)
	// A fresh sign (as the Go SDK makes after 200006) goes through.
	h.ok("addgroupmembers", pInt("gid", 1), pUIDs(5))
}

// A sign whose ts has left the skew window is rejected as 200008, so the
// replay cache need not remember it longer.
func TestReplayAfterWindowIsTimeError(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.TSSkew = time.Minute })
	body := payload(append(h.authParams("getgroupcount", testPID, testSecret), pInt("gid", 1))...)
	if _, err := h.callRaw("getgroupcount", body); err != nil {
		t.Fatal(err)
	}
	h.auth.Advance(2 * time.Minute)
	_, err := h.callRaw("getgroupcount", body)
	wantCode(t, err, CodeInvalidServerTime)
}

func TestAuthParamErrors(t *testing.T) {
	h := newHarness(t)
	ts := h.auth.Now().Unix()
	sign := Sign(testPID, testSecret, 1, "delgroup", ts)
	for _, tc := range []struct {
		name string
		body []byte
		code int
	}{
		{"no pid", payload(pStr("sign", sign), pInt("salt", 1), pInt("ts", ts), pInt("gid", 1)), CodeKeyNotFound},
		{"no sign", payload(pInt("pid", testPID), pInt("salt", 1), pInt("ts", ts), pInt("gid", 1)), CodeKeyNotFound},
		{"no salt", payload(pInt("pid", testPID), pStr("sign", sign), pInt("ts", ts), pInt("gid", 1)), CodeKeyNotFound},
		{"no ts", payload(pInt("pid", testPID), pStr("sign", sign), pInt("salt", 1), pInt("gid", 1)), CodeKeyNotFound},
		{"pid as string", payload(pStr("pid", "80000001"), pStr("sign", sign), pInt("salt", 1), pInt("ts", ts), pInt("gid", 1)), CodeTypeConvert},
		{"ts as float", payload(pInt("pid", testPID), pStr("sign", sign), pInt("salt", 1), pRaw("ts", 0xcb, 0x41, 0xd9, 0x54, 0xfc, 0x40, 0, 0, 0), pInt("gid", 1)), CodeTypeConvert},
		{"sign as int", payload(pInt("pid", testPID), pInt("sign", 5), pInt("salt", 1), pInt("ts", ts), pInt("gid", 1)), CodeTypeConvert},
		// pid and ts are int32 on the C++ side: a value outside it is a type
		// error, even one whose low 32 bits name a real project.
		{"pid beyond int32", payload(pInt("pid", 1<<32+testPID), pStr("sign", Sign(1<<32+testPID, testSecret, 1, "delgroup", ts)), pInt("salt", 1), pInt("ts", ts), pInt("gid", 1)), CodeTypeConvert},
		{"pid below int32", payload(pInt("pid", -1<<31-1), pStr("sign", sign), pInt("salt", 1), pInt("ts", ts), pInt("gid", 1)), CodeTypeConvert},
		{"ts beyond int32", payload(pInt("pid", testPID), pStr("sign", Sign(testPID, testSecret, 1, "delgroup", 1<<31)), pInt("salt", 1), pInt("ts", 1<<31), pInt("gid", 1)), CodeTypeConvert},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.callRaw("delgroup", tc.body)
			wantCode(t, err, tc.code)
		})
	}
}

// The same quest in Python/C++ style (uint formats, bin sign) is accepted.
func TestUintFormatsAndBinSignAccepted(t *testing.T) {
	h := newHarness(t)
	ts := h.auth.Now().Unix()
	sign := Sign(testPID, testSecret, 77, "isgroupmember", ts)
	body := payload(
		param{"pid", []byte{0xce, 0x04, 0xc4, 0xb4, 0x01}},
		param{"sign", append([]byte{0xc4, 0x20}, sign...)},
		param{"salt", []byte{0xcc, 77}},
		param{"ts", appendUint32(ts)},
		param{"gid", []byte{0xcd, 0x30, 0x39}},
		param{"uid", []byte{0xce, 0x00, 0x01, 0x90, 0x3a}},
	)
	ans, err := h.callRaw("isgroupmember", body)
	if err != nil {
		t.Fatal(err)
	}
	if string(ans) != "\x81\xa2ok\xc2" {
		t.Fatalf("answer %x", ans)
	}
}

func appendUint32(v int64) []byte {
	return []byte{0xce, byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
}
