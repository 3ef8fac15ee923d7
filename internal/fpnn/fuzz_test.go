package fpnn

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// goldenFrames are the PROTOCOL.md §9 vectors, the fuzz seeds.
func goldenFrames(t testing.TB) [][]byte {
	var frames [][]byte
	for _, h := range []string{goldenAddGroupMembers, goldenGoSingleParam, goldenPingQuest, goldenSuccessAnswer, goldenErrorAnswer} {
		frames = append(frames, unhex(t, h))
	}
	return frames
}

func goldenPayloads(t testing.TB) [][]byte {
	payloads := [][]byte{goldenPayload(), emptyMap, AppendErrorPayloadRaiser(nil, 200002, "invalid pid or sign", "rtm")}
	for _, h := range []string{goldenGetGroupMembersPayload, goldenIsGroupMemberPayload, goldenGetGroupInfoPayload, goldenPingAnswerPayload} {
		payloads = append(payloads, unhex(t, h))
	}
	return payloads
}

// FuzzDecodeFrame: DecodeFrame never panics, and a frame it accepts
// re-encodes to exactly the bytes it consumed.
func FuzzDecodeFrame(f *testing.F) {
	for _, b := range goldenFrames(f) {
		f.Add(b, 0)
		f.Add(b, len(b))
	}
	f.Fuzz(func(t *testing.T, b []byte, maxPackage int) {
		fr, n, err := DecodeFrame(b, maxPackage)
		if err != nil {
			if !errors.Is(err, ErrShortFrame) && !errors.Is(err, ErrInvalidFrame) && !errors.Is(err, ErrFrameTooLarge) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if n < HeaderSize || n > len(b) {
			t.Fatalf("n = %d of %d", n, len(b))
		}
		if maxPackage > 0 && n > maxPackage {
			t.Fatalf("frame of %d bytes passed limit %d", n, maxPackage)
		}
		again, err := AppendFrame(nil, &fr)
		if err != nil {
			t.Fatalf("re-encode %+v: %v", fr, err)
		}
		if !bytes.Equal(again, b[:n]) {
			t.Fatalf("re-encodes differently:\n got %x\nwant %x", again, b[:n])
		}
	})
}

// FuzzFrameReader: the stream reader agrees with DecodeFrame frame by frame
// and never panics.
func FuzzFrameReader(f *testing.F) {
	frames := goldenFrames(f)
	for _, b := range frames {
		f.Add(b)
	}
	f.Add(bytes.Join(frames, nil))
	f.Fuzz(func(t *testing.T, stream []byte) {
		const limit = 1 << 16
		r := NewFrameReader(bytes.NewReader(stream), limit)
		rest := stream
		for {
			got, err := r.ReadFrame()
			want, n, derr := DecodeFrame(rest, limit)
			if err != nil {
				if err == io.EOF && len(rest) != 0 {
					t.Fatalf("EOF with %d bytes left", len(rest))
				}
				if err != io.EOF && derr == nil {
					t.Fatalf("ReadFrame failed (%v) where DecodeFrame succeeded", err)
				}
				return
			}
			if derr != nil {
				t.Fatalf("DecodeFrame failed (%v) where ReadFrame succeeded", derr)
			}
			if got.Version != want.Version || got.Flag != want.Flag || got.Type != want.Type || got.Status != want.Status ||
				got.Seq != want.Seq || got.Method != want.Method || !bytes.Equal(got.Payload, want.Payload) {
				t.Fatalf("ReadFrame %+v != DecodeFrame %+v", got, want)
			}
			rest = rest[n:]
		}
	})
}

// FuzzParams: DecodeParams and every accessor on every key never panic, and
// agree with the msgpack reader on the raw value.
func FuzzParams(f *testing.F) {
	for _, p := range goldenPayloads(f) {
		f.Add(p, "uids")
	}
	f.Add(goldenPayload(), "sign")
	f.Add(goldenPayload(), "pid")
	f.Fuzz(func(t *testing.T, payload []byte, extraKey string) {
		p, err := DecodeParams(payload)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || (pe.Code != CodeInvalidPackage && pe.Code != CodeKeyNotString && pe.Code != CodeRootNotMap) {
				t.Fatalf("DecodeParams error %v", err)
			}
			return
		}
		keys := []string{extraKey}
		r := msgpack.NewReader(payload)
		n, _ := r.ReadMapHeader()
		for range n {
			k, err := r.ReadStr()
			if err != nil {
				t.Fatalf("accepted map has a bad key: %v", err)
			}
			keys = append(keys, string(k))
			if err := r.Skip(); err != nil {
				t.Fatalf("accepted map has a bad value: %v", err)
			}
		}
		for _, k := range keys {
			checkAccessors(t, p, k)
		}
	})
}

func checkAccessors(t *testing.T, p *Params, key string) {
	raw, has := p.Raw(key)
	if has != p.Has(key) {
		t.Fatalf("Raw and Has disagree on %q", key)
	}
	wantCode := func(err error, ok bool) {
		t.Helper()
		switch {
		case !has && paramCode(err) != CodeKeyNotFound:
			t.Fatalf("missing %q: err %v", key, err)
		case has && ok && err != nil:
			t.Fatalf("%q: unexpected error %v", key, err)
		case has && !ok && paramCode(err) != CodeTypeConvert:
			t.Fatalf("%q: err %v, want 10010", key, err)
		}
	}
	r := msgpack.NewReader(raw)
	iv, ierr := r.ReadInt()
	v, err := p.Int(key)
	wantCode(err, ierr == nil)
	if err == nil && v != iv {
		t.Fatalf("Int(%q) = %d, reader says %d", key, v, iv)
	}
	r = msgpack.NewReader(raw)
	sv, serr := r.ReadStrOrBin()
	s, err := p.String(key)
	wantCode(err, serr == nil)
	if err == nil && s != string(sv) {
		t.Fatalf("String(%q) mismatch", key)
	}
	r = msgpack.NewReader(raw)
	_, berr := r.ReadBool()
	_, err = p.Bool(key)
	wantCode(err, berr == nil)
	vs, err := p.Ints(key)
	if err == nil {
		r = msgpack.NewReader(raw)
		if n, _ := r.ReadArrayHeader(); n != len(vs) {
			t.Fatalf("Ints(%q) has %d elements, array has %d", key, len(vs), n)
		}
	} else if has && paramCode(err) != CodeTypeConvert {
		t.Fatalf("Ints(%q) err %v", key, err)
	}
	for _, opt := range []func() (bool, error){
		func() (bool, error) { _, ok, err := p.OptInt(key); return ok, err },
		func() (bool, error) { _, ok, err := p.OptString(key); return ok, err },
		func() (bool, error) { _, ok, err := p.OptBool(key); return ok, err },
	} {
		ok, err := opt()
		if !has && (ok || err != nil) {
			t.Fatalf("Opt on missing %q: %v %v", key, ok, err)
		}
		if has && ok == (err != nil) {
			t.Fatalf("Opt on %q: ok %v with err %v", key, ok, err)
		}
	}
}
