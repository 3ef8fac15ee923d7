package rtm

import (
	"encoding/hex"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// The whole addgroupmembers frame of PROTOCOL.md §9.1.
const goldenAddGroupMembersFrame = "46504e4e0180010f5e0000000100000061646467726f75706d656d6265727386a3706964d204c4b401a47369676ed9203432383842394441393334333638313144383632303938363738423238353535a473616c74d362f3f95a0014c281a27473d26553f100a3676964d13039a47569647392d20001903ad20001903b"

func TestQuestPayloadReproducesProtocolFrame(t *testing.T) {
	q := quest{method: "addgroupmembers", fields: withGID | withUIDs, gid: 12345, uids: []int64{102458, 102459}}
	payload := appendQuestPayload(nil, 80000001, &secretKey{value: testSecret}, 7130316800001360513, 1700000000, &q)
	frame, err := fpnn.AppendFrame(nil, &fpnn.Frame{
		Version: 1, Flag: fpnn.FlagMsgpack, Type: fpnn.Twoway, Seq: 1, Method: q.method, Payload: payload,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(frame); got != goldenAddGroupMembersFrame {
		t.Fatalf("frame\n got %s\nwant %s", got, goldenAddGroupMembersFrame)
	}
}

// sentQuest is what a test reads back from a quest payload.
type sentQuest struct {
	pid, salt, ts int64
	sign          string
	params        *fpnn.Params
}

func decodeSent(t *testing.T, payload []byte) sentQuest {
	t.Helper()
	p, err := fpnn.DecodeParams(payload)
	if err != nil {
		t.Fatalf("payload does not decode: %v", err)
	}
	var s sentQuest
	s.params = p
	if s.pid, err = p.Int("pid"); err != nil {
		t.Fatal(err)
	}
	if s.salt, err = p.Int("salt"); err != nil {
		t.Fatal(err)
	}
	if s.ts, err = p.Int("ts"); err != nil {
		t.Fatal(err)
	}
	if s.sign, err = p.String("sign"); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestQuestPayloadKeysPerCall(t *testing.T) {
	public, private := "pub", ""
	tests := []struct {
		name    string
		q       quest
		present []string
		absent  []string
	}{
		{"ban in one group", quest{method: "addgroupban", fields: withGID | withUID | withBtime, gid: 5, uid: 6, btime: 60},
			[]string{"gid", "uid", "btime"}, []string{"uids", "oinfo", "pinfo"}},
		{"ban in all groups", quest{method: "addgroupban", fields: withUID | withBtime, uid: 6},
			[]string{"uid", "btime"}, []string{"gid"}},
		{"public info only", quest{method: "setgroupinfo", fields: withGID, gid: 5, oinfo: &public},
			[]string{"gid", "oinfo"}, []string{"pinfo"}},
		{"both infos", quest{method: "setgroupinfo", fields: withGID, gid: 5, oinfo: &public, pinfo: &private},
			[]string{"gid", "oinfo", "pinfo"}, nil},
		{"user groups", quest{method: "getusergroups", fields: withUID, uid: 9},
			[]string{"uid"}, []string{"gid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payload := appendQuestPayload(nil, 80000001, &secretKey{value: testSecret}, 42, 1700000000, &tt.q)
			s := decodeSent(t, payload)
			want := string(appendSign(nil, 80000001, testSecret, 42, tt.q.method, 1700000000))
			if s.sign != want || s.pid != 80000001 || s.salt != 42 || s.ts != 1700000000 {
				t.Fatalf("auth keys = %+v, want sign %s", s, want)
			}
			for _, key := range tt.present {
				if !s.params.Has(key) {
					t.Errorf("key %q missing", key)
				}
			}
			for _, key := range tt.absent {
				if s.params.Has(key) {
					t.Errorf("key %q sent", key)
				}
			}
		})
	}
}

func TestQuestPayloadAllocatesNothingIntoABigEnoughBuffer(t *testing.T) {
	q := quest{method: "addgroupmembers", fields: withGID | withUIDs, gid: 12345, uids: []int64{102458, 102459}}
	secret := &secretKey{value: testSecret}
	buf := make([]byte, 0, 256)
	allocs := testing.AllocsPerRun(100, func() {
		buf = appendQuestPayload(buf[:0], 80000001, secret, 7130316800001360513, 1700000000, &q)
	})
	if allocs != 0 {
		t.Fatalf("appendQuestPayload allocates %v times", allocs)
	}
}

func decodeParamsForTest(payload []byte) (*fpnn.Params, error) { return fpnn.DecodeParams(payload) }
