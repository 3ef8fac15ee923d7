package fpnn

// Measures the hand-written codec against github.com/vmihailenco/msgpack/v5
// on the two payload shapes that matter: a 10,000-uid getgroupmembers answer
// (the biggest thing the provider reads) and a typical signed quest (what it
// sends most). Run: go test -run=^$ -bench=Codec -benchmem ./internal/fpnn

import (
	"bytes"
	"testing"

	vm "github.com/vmihailenco/msgpack/v5"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

type uidsAnswer struct {
	UIDs []int64 `msgpack:"uids"`
}

type addMembersQuest struct {
	PID  int64   `msgpack:"pid"`
	Sign string  `msgpack:"sign"`
	Salt int64   `msgpack:"salt"`
	TS   int64   `msgpack:"ts"`
	GID  int64   `msgpack:"gid"`
	UIDs []int64 `msgpack:"uids"`
}

func benchUIDs(n int) []int64 {
	uids := make([]int64, n)
	for i := range uids {
		uids[i] = 100_000 + int64(i)*7919
	}
	return uids
}

func encodeUIDsAnswer(dst []byte, uids []int64) []byte {
	dst = msgpack.AppendMapHeader(dst, 1)
	dst = msgpack.AppendString(dst, "uids")
	return msgpack.AppendIntCArray(dst, uids)
}

var benchQuest = addMembersQuest{PID: 80000001, Sign: goldenSign, Salt: 7130316800001360513, TS: 1700000000, GID: 12345, UIDs: []int64{102458, 102459}}

func encodeQuest(dst []byte, q *addMembersQuest) []byte {
	dst = msgpack.AppendMapHeader(dst, 6)
	dst = msgpack.AppendInt(msgpack.AppendString(dst, "pid"), q.PID)
	dst = msgpack.AppendString(msgpack.AppendString(dst, "sign"), q.Sign)
	dst = msgpack.AppendInt(msgpack.AppendString(dst, "salt"), q.Salt)
	dst = msgpack.AppendInt(msgpack.AppendString(dst, "ts"), q.TS)
	dst = msgpack.AppendInt(msgpack.AppendString(dst, "gid"), q.GID)
	return msgpack.AppendIntArray(msgpack.AppendString(dst, "uids"), q.UIDs)
}

func decodeQuest(payload []byte) (addMembersQuest, error) {
	var q addMembersQuest
	p, err := DecodeParams(payload)
	if err != nil {
		return q, err
	}
	for _, f := range []struct {
		key string
		dst *int64
	}{{"pid", &q.PID}, {"salt", &q.Salt}, {"ts", &q.TS}, {"gid", &q.GID}} {
		if *f.dst, err = p.Int(f.key); err != nil {
			return q, err
		}
	}
	if q.Sign, err = p.String("sign"); err != nil {
		return q, err
	}
	q.UIDs, err = p.Ints("uids")
	return q, err
}

// The two codecs must agree before their speed is compared.
func TestCodecAgreesWithVmihailenco(t *testing.T) {
	uids := benchUIDs(10_000)
	var a uidsAnswer
	if err := vm.Unmarshal(encodeUIDsAnswer(nil, uids), &a); err != nil || len(a.UIDs) != len(uids) || a.UIDs[9999] != uids[9999] {
		t.Fatalf("vmihailenco decoding our answer: %v", err)
	}
	theirs, err := vm.Marshal(&uidsAnswer{UIDs: uids})
	if err != nil {
		t.Fatal(err)
	}
	p, err := DecodeParams(theirs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Ints("uids")
	if err != nil || len(got) != len(uids) || got[0] != uids[0] || got[9999] != uids[9999] {
		t.Fatalf("our decoding of vmihailenco's answer: %v", err)
	}

	var q addMembersQuest
	if err := vm.Unmarshal(encodeQuest(nil, &benchQuest), &q); err != nil || q.Salt != benchQuest.Salt || q.Sign != benchQuest.Sign || len(q.UIDs) != 2 {
		t.Fatalf("vmihailenco decoding our quest: %+v %v", q, err)
	}
	theirs, err = vm.Marshal(&benchQuest)
	if err != nil {
		t.Fatal(err)
	}
	if q, err = decodeQuest(theirs); err != nil || q.Salt != benchQuest.Salt || q.GID != benchQuest.GID || q.UIDs[1] != 102459 {
		t.Fatalf("our decoding of vmihailenco's quest: %+v %v", q, err)
	}
}

func BenchmarkCodecUIDsAnswerDecode(b *testing.B) {
	payload := encodeUIDsAnswer(nil, benchUIDs(10_000))
	b.Run("fpnn", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(payload)))
		for b.Loop() {
			p, err := DecodeParams(payload)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := p.Ints("uids"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("vmihailenco", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(payload)))
		for b.Loop() {
			var a uidsAnswer
			if err := vm.Unmarshal(payload, &a); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCodecUIDsAnswerEncode(b *testing.B) {
	uids := benchUIDs(10_000)
	b.Run("fpnn", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = encodeUIDsAnswer(buf[:0], uids)
		}
	})
	b.Run("vmihailenco", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		enc := vm.NewEncoder(&buf)
		for b.Loop() {
			buf.Reset()
			if err := enc.Encode(&uidsAnswer{UIDs: uids}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCodecQuestEncode(b *testing.B) {
	b.Run("fpnn", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = encodeQuest(buf[:0], &benchQuest)
		}
	})
	b.Run("vmihailenco", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		enc := vm.NewEncoder(&buf)
		for b.Loop() {
			buf.Reset()
			if err := enc.Encode(&benchQuest); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("vmihailenco-map", func(b *testing.B) { // how the Go SDK builds quests
		b.ReportAllocs()
		var buf bytes.Buffer
		enc := vm.NewEncoder(&buf)
		for b.Loop() {
			buf.Reset()
			m := map[string]any{"pid": benchQuest.PID, "sign": benchQuest.Sign, "salt": benchQuest.Salt,
				"ts": benchQuest.TS, "gid": benchQuest.GID, "uids": benchQuest.UIDs}
			if err := enc.Encode(m); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCodecQuestDecode(b *testing.B) {
	payload := encodeQuest(nil, &benchQuest)
	b.Run("fpnn", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeQuest(payload); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("vmihailenco", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var q addMembersQuest
			if err := vm.Unmarshal(payload, &q); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("vmihailenco-map", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var m map[string]any
			if err := vm.Unmarshal(payload, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
