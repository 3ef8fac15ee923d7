package fpnn

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// Golden vectors from PROTOCOL.md §9.
const (
	goldenAddGroupMembers = "46504e4e0180010f5e0000000100000061646467726f75706d656d6265727386a3706964d204c4b401a47369676ed9203432383842394441393334333638313144383632303938363738423238353535a473616c74d362f3f95a0014c281a27473d26553f100a3676964d13039a47569647392d20001903ad20001903b"
	goldenGoSingleParam   = "46504e4e0180010f080000000100000061646467726f75706d656d6265727381a3676964d13039"
	goldenPingQuest       = "46504e4e0180010501000000070000002a70696e6780"
	goldenSuccessAnswer   = "46504e4e018002000100000001000000" + "80"
	goldenErrorAnswer     = "46504e4e018002012200000001000000" + "82a4636f6465ce00030d42a26578b3696e76616c696420706964206f72207369676e"
	goldenSign            = "4288B9DA93436811D862098678B28555"
)

// Payloads of §9.4.
const (
	goldenGetGroupMembersPayload = "81a47569647392ce0001903ace0001903b"
	goldenIsGroupMemberPayload   = "81a26f6bc3"
	goldenGetGroupInfoPayload    = "82a56f696e666fa0a570696e666fa0"
	goldenPingAnswerPayload      = "81a27473cf0000018bcfe5687b"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// goldenPayload encodes the §9.2 payload in the order pid, sign, salt, ts,
// gid, uids with the Go SDK's integer formats.
func goldenPayload() []byte {
	b := msgpack.AppendMapHeader(nil, 6)
	b = msgpack.AppendString(b, "pid")
	b = msgpack.AppendInt(b, 80000001)
	b = msgpack.AppendString(b, "sign")
	b = msgpack.AppendString(b, goldenSign)
	b = msgpack.AppendString(b, "salt")
	b = msgpack.AppendInt(b, 7130316800001360513)
	b = msgpack.AppendString(b, "ts")
	b = msgpack.AppendInt(b, 1700000000)
	b = msgpack.AppendString(b, "gid")
	b = msgpack.AppendInt(b, 12345)
	b = msgpack.AppendString(b, "uids")
	return msgpack.AppendIntArray(b, []int64{102458, 102459})
}

func TestGoldenAddGroupMembersEncode(t *testing.T) {
	got, err := AppendFrame(nil, &Frame{Version: 1, Flag: FlagMsgpack, Type: Twoway, Seq: 1, Method: "addgroupmembers", Payload: goldenPayload()})
	if err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, goldenAddGroupMembers); !bytes.Equal(got, want) {
		t.Fatalf("frame\n got %x\nwant %x", got, want)
	}
}

// checkGoldenParams decodes the addgroupmembers payload through Params.
func checkGoldenParams(t *testing.T, payload []byte) {
	t.Helper()
	p, err := DecodeParams(payload)
	if err != nil {
		t.Fatal(err)
	}
	wantInts := map[string]int64{"pid": 80000001, "salt": 7130316800001360513, "ts": 1700000000, "gid": 12345}
	for k, want := range wantInts {
		if got, err := p.Int(k); err != nil || got != want {
			t.Errorf("Int(%q) = %d, %v; want %d", k, got, err, want)
		}
	}
	if sign, err := p.String("sign"); err != nil || sign != goldenSign {
		t.Errorf("String(sign) = %q, %v", sign, err)
	}
	uids, err := p.Ints("uids")
	if err != nil || len(uids) != 2 || uids[0] != 102458 || uids[1] != 102459 {
		t.Errorf("Ints(uids) = %v, %v", uids, err)
	}
}

func TestGoldenAddGroupMembersDecode(t *testing.T) {
	b := unhex(t, goldenAddGroupMembers)
	f, n, err := DecodeFrame(b, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(b) || f.Version != 1 || f.Flag != FlagMsgpack || f.Type != Twoway || f.Seq != 1 || f.Method != "addgroupmembers" || len(f.Payload) != 94 {
		t.Fatalf("frame = %+v, n = %d", f, n)
	}
	checkGoldenParams(t, f.Payload)
}

// The Python/C++ encoding of the same quest (§9.3): uint formats, same length.
func TestGoldenPythonVariantDecodesToSameValues(t *testing.T) {
	s := goldenAddGroupMembers
	for _, r := range [][2]string{
		{"d204c4b401", "ce04c4b401"},
		{"d362f3f95a0014c281", "cf62f3f95a0014c281"},
		{"d26553f100", "ce6553f100"},
		{"d13039", "cd3039"},
		{"d20001903ad20001903b", "ce0001903ace0001903b"},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("golden frame lacks %s", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	b := unhex(t, s)
	if len(b) != len(unhex(t, goldenAddGroupMembers)) {
		t.Fatal("variant length differs")
	}
	f, _, err := DecodeFrame(b, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkGoldenParams(t, f.Payload)
}

func TestGoldenGoSingleParam(t *testing.T) {
	payload := msgpack.AppendInt(msgpack.AppendString(msgpack.AppendMapHeader(nil, 1), "gid"), 12345)
	got, err := AppendFrame(nil, &Frame{Version: 1, Type: Twoway, Seq: 1, Method: "addgroupmembers", Payload: payload})
	if err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, goldenGoSingleParam); !bytes.Equal(got, want) {
		t.Fatalf("got %x\nwant %x", got, want)
	}
}

func TestGoldenPingQuest(t *testing.T) {
	got, err := AppendFrame(nil, &Frame{Version: 1, Flag: FlagMsgpack, Type: Twoway, Seq: 7, Method: "*ping", Payload: emptyMap})
	if err != nil {
		t.Fatal(err)
	}
	want := unhex(t, goldenPingQuest)
	if !bytes.Equal(got, want) {
		t.Fatalf("got %x\nwant %x", got, want)
	}
	f, n, err := DecodeFrame(want, 0)
	if err != nil || n != len(want) || f.Method != "*ping" || f.Seq != 7 || !bytes.Equal(f.Payload, emptyMap) {
		t.Fatalf("decode: %+v %d %v", f, n, err)
	}
}

func TestGoldenSuccessAnswer(t *testing.T) {
	got, err := AppendFrame(nil, &Frame{Version: 1, Flag: FlagMsgpack, Type: Answer, Seq: 1, Payload: emptyMap})
	if err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, goldenSuccessAnswer); !bytes.Equal(got, want) {
		t.Fatalf("got %x\nwant %x", got, want)
	}
}

func TestGoldenErrorAnswer(t *testing.T) {
	payload := AppendErrorPayload(nil, 200002, "invalid pid or sign")
	got, err := AppendFrame(nil, &Frame{Version: 1, Flag: FlagMsgpack, Type: Answer, Status: 1, Seq: 1, Payload: payload})
	if err != nil {
		t.Fatal(err)
	}
	want := unhex(t, goldenErrorAnswer)
	if !bytes.Equal(got, want) {
		t.Fatalf("got %x\nwant %x", got, want)
	}
	f, _, err := DecodeFrame(want, 0)
	if err != nil || f.Type != Answer || f.Status != 1 || f.Seq != 1 {
		t.Fatalf("decode: %+v %v", f, err)
	}
	ea, err := DecodeErrorPayload(f.Payload)
	if err != nil || ea.Code != 200002 || ea.Ex != "invalid pid or sign" {
		t.Fatalf("DecodeErrorPayload = %+v, %v", ea, err)
	}
	if ea.Error() != "fpnn error 200002: invalid pid or sign" {
		t.Fatalf("Error() = %q", ea.Error())
	}
}

func TestGoldenAnswerPayloads(t *testing.T) {
	t.Run("getgroupmembers", func(t *testing.T) {
		b := msgpack.AppendIntCArray(msgpack.AppendString(msgpack.AppendMapHeader(nil, 1), "uids"), []int64{102458, 102459})
		if want := unhex(t, goldenGetGroupMembersPayload); !bytes.Equal(b, want) {
			t.Fatalf("got %x want %x", b, want)
		}
		p, err := DecodeParams(b)
		if err != nil {
			t.Fatal(err)
		}
		uids, err := p.Ints("uids")
		if err != nil || len(uids) != 2 || uids[0] != 102458 || uids[1] != 102459 {
			t.Fatalf("uids = %v, %v", uids, err)
		}
	})
	t.Run("isgroupmember", func(t *testing.T) {
		b := msgpack.AppendBool(msgpack.AppendString(msgpack.AppendMapHeader(nil, 1), "ok"), true)
		if want := unhex(t, goldenIsGroupMemberPayload); !bytes.Equal(b, want) {
			t.Fatalf("got %x want %x", b, want)
		}
		p, err := DecodeParams(b)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := p.Bool("ok"); err != nil || !ok {
			t.Fatalf("ok = %v, %v", ok, err)
		}
	})
	t.Run("getgroupinfo", func(t *testing.T) {
		b := msgpack.AppendMapHeader(nil, 2)
		b = msgpack.AppendString(msgpack.AppendString(b, "oinfo"), "")
		b = msgpack.AppendString(msgpack.AppendString(b, "pinfo"), "")
		if want := unhex(t, goldenGetGroupInfoPayload); !bytes.Equal(b, want) {
			t.Fatalf("got %x want %x", b, want)
		}
		p, err := DecodeParams(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"oinfo", "pinfo"} {
			if v, err := p.String(k); err != nil || v != "" {
				t.Fatalf("%s = %q, %v", k, v, err)
			}
		}
	})
	t.Run("*ping", func(t *testing.T) {
		b := msgpack.AppendUint(msgpack.AppendString(msgpack.AppendMapHeader(nil, 1), "ts"), 1700000000123)
		if want := unhex(t, goldenPingAnswerPayload); !bytes.Equal(b, want) {
			t.Fatalf("got %x want %x", b, want)
		}
		p, err := DecodeParams(b)
		if err != nil {
			t.Fatal(err)
		}
		if ts, err := p.Int("ts"); err != nil || ts != 1700000000123 {
			t.Fatalf("ts = %d, %v", ts, err)
		}
	})
}
