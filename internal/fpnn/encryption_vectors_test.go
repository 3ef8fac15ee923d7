package fpnn

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// The test vectors of PROTOCOL.md §8.5: secret 0x00..0x1f, the *ping
// quest with seq 7, sealed twice.

const vectorPingFrame = "46504e4e0180010501000000070000002a70696e6780"

var vectorStreamFrames = map[int][2]string{
	128: {"354921b652c1c9ecdc2e3ecebbd3c0aad854d95fe512", "eb22525a84895883cb9a4bec8020f20e52fb76f0988d"},
	256: {"33179f58a72ea8cdc3e72f1cd506345d4ed4580e19fd", "2307ec97d5a485efbc65278e2c1293f3530cac087ed0"},
}

func decodeHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func vectorSecret() (s [ecdhScalarSize]byte) {
	for i := range s {
		s[i] = byte(i)
	}
	return s
}

func vectorTransport(t testing.TB, bits int, packageMode bool) *encryptedTransport {
	t.Helper()
	keys, err := deriveSessionKeys(vectorSecret(), bits)
	if err != nil {
		t.Fatal(err)
	}
	return &encryptedTransport{keys: keys, packageMode: packageMode}
}

func TestEncryptionVectorIV(t *testing.T) {
	keys, err := deriveSessionKeys(vectorSecret(), 128)
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(keys.iv[:]); got != "b4ffcb23737cec315a4a4d1aa2a620ce" {
		t.Fatalf("IV = %s", got)
	}
}

// The ping frame must be exactly what the outbox writes for it.
func TestEncryptionVectorPlaintext(t *testing.T) {
	got := appendQuest(nil, 1, FlagMsgpack, Twoway, 7, "*ping", emptyMap)
	if hex.EncodeToString(got) != vectorPingFrame {
		t.Fatalf("ping frame = %x", got)
	}
}

func TestEncryptionVectorStreamSeal(t *testing.T) {
	for bits, want := range vectorStreamFrames {
		sealer := vectorTransport(t, bits, false).sealer()
		// A non-empty buffer in front: only the new frame is sealed.
		buf := []byte("queued")
		for i, w := range want {
			start := len(buf)
			buf = sealer.sealFrame(append(buf, decodeHex(t, vectorPingFrame)...), start)
			if got := hex.EncodeToString(buf[start:]); got != w {
				t.Errorf("AES-%d stream frame %d = %s, want %s", bits, i+1, got, w)
			}
		}
		if !bytes.HasPrefix(buf, []byte("queued")) {
			t.Errorf("AES-%d: bytes before the frame changed", bits)
		}
	}
}

func TestEncryptionVectorPackageSeal(t *testing.T) {
	for bits, want := range vectorStreamFrames {
		sealer := vectorTransport(t, bits, true).sealer()
		var buf []byte
		for i := 0; i < 2; i++ { // the state resets: both packages are equal
			start := len(buf)
			buf = sealer.sealFrame(append(buf, decodeHex(t, vectorPingFrame)...), start)
			if got := hex.EncodeToString(buf[start:]); got != "16000000"+want[0] {
				t.Errorf("AES-%d package %d = %s, want 16000000%s", bits, i+1, got, want[0])
			}
		}
	}
}

func TestEncryptionVectorStreamSource(t *testing.T) {
	for bits, want := range vectorStreamFrames {
		wire := decodeHex(t, want[0]+want[1])
		src := vectorTransport(t, bits, false).source(bytes.NewReader(wire), 0)
		expectVectorPings(t, src, 2)
	}
}

func TestEncryptionVectorPackageSource(t *testing.T) {
	for bits, want := range vectorStreamFrames {
		wire := decodeHex(t, "16000000"+want[0]+"16000000"+want[0])
		src := vectorTransport(t, bits, true).source(bytes.NewReader(wire), 0)
		expectVectorPings(t, src, 2)
	}
}

func expectVectorPings(t *testing.T, src frameSource, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		var f Frame
		if err := src.readFrameInto(&f); err != nil {
			t.Fatalf("frame %d: %v", i+1, err)
		}
		if f.Type != Twoway || f.Seq != 7 || f.Method != "*ping" || !bytes.Equal(f.Payload, emptyMap) {
			t.Fatalf("frame %d = %+v", i+1, f)
		}
	}
	var f Frame
	if err := src.readFrameInto(&f); err == nil {
		t.Fatal("read past the end")
	}
}

func TestDeriveSessionKeysRejectsOtherSizes(t *testing.T) {
	for _, bits := range []int{0, 192, 512} {
		if _, err := deriveSessionKeys(vectorSecret(), bits); err == nil {
			t.Errorf("bits %d accepted", bits)
		}
	}
}
