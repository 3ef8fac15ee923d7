package rtmtest

import (
	"bytes"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

func TestPayloadRootNotMapIs10006(t *testing.T) {
	h := newHarness(t)
	_, err := h.callRaw("getgroupmembers", []byte{0x91, 0x01})
	wantCode(t, err, CodeRootNotMap)
}

func TestNonStringKeyIs10005(t *testing.T) {
	h := newHarness(t)
	_, err := h.callRaw("getgroupmembers", []byte{0x81, 0x01, 0x02})
	wantCode(t, err, CodeKeyNotString)
}

func TestMethodParamErrors(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		name   string
		method string
		params []param
		code   int
	}{
		{"missing gid", "getgroupmembers", nil, CodeKeyNotFound},
		{"missing uids", "addgroupmembers", []param{pInt("gid", 1)}, CodeKeyNotFound},
		{"missing uid", "isgroupmember", []param{pInt("gid", 1)}, CodeKeyNotFound},
		{"missing btime", "addgroupban", []param{pInt("gid", 1), pInt("uid", 1)}, CodeKeyNotFound},
		{"gid as float", "getgroupmembers", []param{pRaw("gid", msgpack.AppendFloat64(nil, 1)...)}, CodeTypeConvert},
		{"gid as string", "delgroup", []param{pStr("gid", "1")}, CodeTypeConvert},
		{"gid above int64", "delgroup", []param{pRaw("gid", 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)}, CodeTypeConvert},
		{"uids nil (Go nil slice)", "addgroupmembers", []param{pInt("gid", 1), pRaw("uids", 0xc0)}, CodeTypeConvert},
		{"uids not an array", "addgroupmembers", []param{pInt("gid", 1), pInt("uids", 5)}, CodeTypeConvert},
		{"uids with a float", "delgroupmembers", []param{pInt("gid", 1), pRaw("uids", 0x91, 0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0)}, CodeTypeConvert},
		{"uids with a string", "addgroupmembers", []param{pInt("gid", 1), pRaw("uids", 0x91, 0xa1, 'x')}, CodeTypeConvert},
		{"oinfo as int", "setgroupinfo", []param{pInt("gid", 1), pInt("oinfo", 3)}, CodeTypeConvert},
		{"btime beyond int32", "addgroupban", []param{pInt("gid", 1), pInt("uid", 1), pInt("btime", 1<<31)}, CodeTypeConvert},
		{"btime as bool", "addgroupban", []param{pInt("uid", 1), pRaw("btime", 0xc3)}, CodeTypeConvert},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.call(tc.method, tc.params...)
			wantCode(t, err, tc.code)
		})
	}
}

func TestUnknownMethodIs20004(t *testing.T) {
	h := newHarness(t)
	_, err := h.call("sendmsg", pInt("gid", 1))
	wantCode(t, err, CodeUnknownMethod)
}

func TestUIDLimits(t *testing.T) {
	h := newHarness(t)
	tooMany := make([]int64, 0, MaxUIDsPerCall+1) // uids 1..101
	for i := range MaxUIDsPerCall + 1 {
		tooMany = append(tooMany, int64(i+1))
	}
	hundred := tooMany[:MaxUIDsPerCall]
	for _, method := range []string{"addgroupmembers", "delgroupmembers"} {
		t.Run(method, func(t *testing.T) {
			_, err := h.call(method, pInt("gid", 1), pUIDs())
			wantCode(t, err, CodeEmptyParameter)
			_, err = h.call(method, pInt("gid", 1), pUIDs(tooMany...))
			wantCode(t, err, CodeTooManyItems)
			h.ok(method, pInt("gid", 1), pUIDs(hundred...))
		})
	}
}

func TestInfoLimit(t *testing.T) {
	h := newHarness(t)
	largest := string(bytes.Repeat([]byte("x"), MaxInfoBytes))
	h.ok("setgroupinfo", pInt("gid", 1), pStr("oinfo", largest), pStr("pinfo", largest))
	_, err := h.call("setgroupinfo", pInt("gid", 2), pStr("oinfo", "ok"), pStr("pinfo", largest+"x"))
	wantCode(t, err, CodeLargeInfo)
	_, err = h.call("setgroupinfo", pInt("gid", 2), pStr("oinfo", largest+"x"))
	wantCode(t, err, CodeLargeInfo)
	if pub, _ := h.srv.GroupInfo(testPID, 2); pub != "" {
		t.Fatal("a rejected setgroupinfo changed oinfo")
	}
	// Multi-byte text counts in bytes: 21846 × 3 bytes = 65538 > 65535.
	_, err = h.call("setgroupinfo", pInt("gid", 2), pStr("oinfo", string(bytes.Repeat([]byte("☃"), 21846))))
	wantCode(t, err, CodeLargeInfo)
}

func TestMaxMembersRejectsWholeCall(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxMembers = 150 })
	first := make([]int64, 100)
	for i := range first {
		first[i] = int64(i + 1)
	}
	h.ok("addgroupmembers", pInt("gid", 9), pUIDs(first...))
	second := make([]int64, 51) // 100 + 51 > 150
	for i := range second {
		second[i] = int64(1000 + i)
	}
	_, err := h.call("addgroupmembers", pInt("gid", 9), pUIDs(second...))
	wantCode(t, err, CodeMaxGroupMembers)
	if n := len(h.srv.Members(testPID, 9)); n != 100 {
		t.Fatalf("the rejected call changed the group: %d members", n)
	}
	h.ok("addgroupmembers", pInt("gid", 9), pUIDs(second[:50]...))
	if n := len(h.srv.Members(testPID, 9)); n != 150 {
		t.Fatalf("%d members, want 150", n)
	}
}

func TestDefaultMaxMembersIs10000(t *testing.T) {
	h := newHarness(t)
	full := make([]int64, DefaultMaxMembers)
	for i := range full {
		full[i] = int64(i + 1)
	}
	h.srv.SetMembers(testPID, 3, full)
	_, err := h.call("addgroupmembers", pInt("gid", 3), pUIDs(20000))
	wantCode(t, err, CodeMaxGroupMembers)
	h.ok("addgroupmembers", pInt("gid", 3), pUIDs(1, 2)) // already members: no growth
}

func TestGIDMustBePositive(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		method string
		params []param
	}{
		{"addgroupmembers", []param{pInt("gid", 0), pUIDs(1)}},
		{"delgroupmembers", []param{pInt("gid", -1), pUIDs(1)}},
		{"delgroup", []param{pInt("gid", 0)}},
		{"getgroupmembers", []param{pInt("gid", 0)}},
		{"getgroupcount", []param{pInt("gid", 0)}},
		{"isgroupmember", []param{pInt("gid", 0), pInt("uid", 1)}},
		{"isbanofgroup", []param{pInt("gid", 0), pInt("uid", 1)}},
		{"setgroupinfo", []param{pInt("gid", 0), pStr("oinfo", "x")}},
		{"getgroupinfo", []param{pInt("gid", -5)}},
	} {
		t.Run(tc.method, func(t *testing.T) {
			_, err := h.call(tc.method, tc.params...)
			wantCode(t, err, CodeInvalidID)
		})
	}
}
