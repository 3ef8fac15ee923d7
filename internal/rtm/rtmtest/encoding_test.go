package rtmtest

import (
	"encoding/hex"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// The whole addgroupmembers frame of PROTOCOL.md §9.1 (Go SDK encoding,
// seq 1, ts 1700000000, fake credentials).
const goldenQuest = "46504e4e0180010f5e0000000100000061646467726f75706d656d6265727386a3706964d204c4b401a47369676ed9203432383842394441393334333638313144383632303938363738423238353535a473616c74d362f3f95a0014c281a27473d26553f100a3676964d13039a47569647392d20001903ad20001903b"

// The same quest with Python/C++ uint formats (§9.3) and version 0, the way
// the Python SDK sends it.
var goldenQuestPython = strings.NewReplacer(
	"46504e4e01", "46504e4e00",
	"a3706964d204c4b401", "a3706964ce04c4b401",
	"a473616c74d362f3f95a0014c281", "a473616c74cf62f3f95a0014c281",
	"a27473d26553f100", "a27473ce6553f100",
	"a3676964d13039", "a3676964cd3039",
	"92d20001903ad20001903b", "92ce0001903ace0001903b",
).Replace(goldenQuest)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// goldenServer accepts the §4.3 credentials with its auth clock at the quest's ts.
func goldenServer(t *testing.T, secret string) *Server {
	t.Helper()
	srv := NewServer(Config{
		Projects:  map[int64]string{testPID: secret},
		AuthClock: clock.NewFake(time.Unix(1700000000, 0)),
	})
	t.Cleanup(srv.Close)
	return srv
}

// exchange writes quest bytes on a fresh connection and reads n answer bytes.
func exchange(t *testing.T, addr string, quest []byte, n int) []byte {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := conn.Write(quest); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, n)
	if _, err := io.ReadFull(conn, got); err != nil {
		t.Fatalf("reading the answer: %v (got %x)", err, got)
	}
	return got
}

func TestGoldenSuccessFrame(t *testing.T) {
	srv := goldenServer(t, testSecret)
	want := unhex(t, "46504e4e 01 80 02 00 01000000 01000000 80")
	if got := exchange(t, srv.Addr(), unhex(t, goldenQuest), len(want)); string(got) != string(want) {
		t.Fatalf("answer\n got %x\nwant %x", got, want)
	}
	if got := srv.Members(testPID, 12345); len(got) != 2 || got[0] != 102458 || got[1] != 102459 {
		t.Fatalf("members = %v", got)
	}
}

func TestGoldenErrorFrame(t *testing.T) {
	srv := goldenServer(t, "another-secret")
	want := unhex(t, "46504e4e 01 80 02 01 22000000 01000000"+
		"82 a4 636f6465 ce 00030d42 a2 6578 b3 696e76616c696420706964206f72207369676e")
	if got := exchange(t, srv.Addr(), unhex(t, goldenQuest), len(want)); string(got) != string(want) {
		t.Fatalf("answer\n got %x\nwant %x", got, want)
	}
}

// The Python encoding of the same quest is accepted (version 0 mirrored), and
// because its sign is the same, sending it after the Go one is a replay.
func TestGoldenPythonFrameAndReplay(t *testing.T) {
	srv := goldenServer(t, testSecret)
	want := unhex(t, "46504e4e 00 80 02 00 01000000 01000000 80")
	if got := exchange(t, srv.Addr(), unhex(t, goldenQuestPython), len(want)); string(got) != string(want) {
		t.Fatalf("answer\n got %x\nwant %x", got, want)
	}
	replay := exchange(t, srv.Addr(), unhex(t, goldenQuest), 12)
	if replay[7] != 1 {
		t.Fatalf("replayed sign answered with status %d: %x", replay[7], replay)
	}
}

// Answer payloads of PROTOCOL.md §9.4, byte for byte, plus the empty cases.
func TestGoldenAnswerPayloads(t *testing.T) {
	h := newHarness(t)
	h.ok("addgroupmembers", pInt("gid", 12345), pUIDs(102458, 102459))
	for _, tc := range []struct {
		name   string
		method string
		params []param
		want   string
	}{
		{"members", "getgroupmembers", []param{pInt("gid", 12345)}, "81 a4 75696473 92 ce0001903a ce0001903b"},
		{"empty group", "getgroupmembers", []param{pInt("gid", 1)}, "81 a4 75696473 90"},
		{"isgroupmember", "isgroupmember", []param{pInt("gid", 12345), pInt("uid", 102458)}, "81 a2 6f6b c3"},
		{"not a member", "isgroupmember", []param{pInt("gid", 12345), pInt("uid", 1)}, "81 a2 6f6b c2"},
		{"not banned", "isbanofgroup", []param{pInt("gid", 12345), pInt("uid", 1)}, "81 a2 6f6b c2"},
		{"getgroupinfo empty", "getgroupinfo", []param{pInt("gid", 12345)}, "82 a5 6f696e666f a0 a5 70696e666f a0"},
		{"cn", "getgroupcount", []param{pInt("gid", 12345)}, "81 a2 636e 02"},
		{"cn zero", "getgroupcount", []param{pInt("gid", 1)}, "81 a2 636e 00"},
		{"gids", "getusergroups", []param{pInt("uid", 102458)}, "81 a4 67696473 91 cd3039"},
		{"no gids", "getusergroups", []param{pInt("uid", 5)}, "81 a4 67696473 90"},
		{"empty map", "delgroupmembers", []param{pInt("gid", 1), pUIDs(1)}, "80"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := h.ok(tc.method, tc.params...)
			if want := unhex(t, tc.want); string(got) != string(want) {
				t.Fatalf("payload\n got %x\nwant %x", got, want)
			}
		})
	}
}

func TestLargeIntsUseUintFormats(t *testing.T) {
	h := newHarness(t)
	h.srv.AddMembers(testPID, 1<<40, 200, 70000, 1<<33)
	got := h.ok("getgroupmembers", pInt("gid", 1<<40))
	want := unhex(t, "81 a4 75696473 93 ccc8 ce00011170 cf0000000200000000")
	if string(got) != string(want) {
		t.Fatalf("payload\n got %x\nwant %x", got, want)
	}
	ids := make([]int64, 10000)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	h.srv.SetMembers(testPID, 2, ids)
	got = h.ok("getgroupcount", pInt("gid", 2))
	if want := unhex(t, "81 a2 636e cd2710"); string(got) != string(want) {
		t.Fatalf("cn 10000\n got %x\nwant %x", got, want)
	}
	got = h.ok("getgroupmembers", pInt("gid", 2))
	if got[6] != 0xdc || got[7] != 0x27 || got[8] != 0x10 { // array16 header after "81 a4 uids"
		t.Fatalf("10000-member array header: %x", got[:9])
	}
}

// Every error answer carries code and ex as an int and a string: the Go SDK
// reads both with Want*, which panics on a missing key. Read from raw frames,
// since fpnn.Client would fill in defaults for missing keys.
func TestErrorAnswersCarryCodeAndEx(t *testing.T) {
	h := newHarness(t)
	ts := h.auth.Now().Unix()
	conn, err := net.DialTimeout("tcp", h.srv.Addr(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	reader := fpnn.NewFrameReader(conn, fpnn.DefaultMaxPackageSize)
	h.srv.FailNext(1, CodeFrequencyLimited)
	for i, tc := range []struct {
		method string
		body   []byte
		code   int
	}{
		{"getgroupmembers", []byte{0x80}, CodeFrequencyLimited}, // FailNext
		{"getgroupmembers", []byte{0x91, 0x01}, CodeRootNotMap},
		{"getgroupmembers", []byte{0x81, 0x01, 0x01}, CodeKeyNotString},
		{"getgroupmembers", payload(), CodeKeyNotFound},
		{"getgroupmembers", payload(pInt("pid", testPID), pStr("sign", "x"), pInt("salt", 1), pInt("ts", ts)), CodeInvalidPidOrSign},
		{"nosuchmethod", payload(), CodeUnknownMethod},
		{"getgroupmembers", payload(append(h.authParams("getgroupmembers", testPID, testSecret), pInt("gid", 0))...), CodeInvalidID},
	} {
		quest, err := fpnn.AppendFrame(nil, &fpnn.Frame{Version: 1, Flag: fpnn.FlagMsgpack, Type: fpnn.Twoway,
			Seq: uint32(i + 1), Method: tc.method, Payload: tc.body})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Write(quest); err != nil {
			t.Fatal(err)
		}
		ans, err := reader.ReadFrame()
		if err != nil {
			t.Fatal(err)
		}
		if ans.Type != fpnn.Answer || ans.Seq != uint32(i+1) || ans.Status != 1 {
			t.Fatalf("case %d: answer type %d seq %d status %d", i, ans.Type, ans.Seq, ans.Status)
		}
		p := decoded(t, ans.Payload)
		code, err1 := p.Int("code")
		ex, err2 := p.String("ex")
		if err1 != nil || err2 != nil || ex == "" {
			t.Fatalf("case %d: error payload %x lacks code or ex: %v %v", i, ans.Payload, err1, err2)
		}
		if code != int64(tc.code) {
			t.Fatalf("case %d: code %d, want %d", i, code, tc.code)
		}
		if ans.Payload[0] != 0x82 || ans.Payload[6] != 0xce && ans.Payload[6] != 0xcd {
			t.Fatalf("case %d: not msgpack-c style {code: uint, ex}: %x", i, ans.Payload)
		}
	}
}
