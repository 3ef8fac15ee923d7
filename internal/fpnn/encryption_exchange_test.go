package fpnn

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

type encryptionCase struct {
	curve Curve
	bits  int
	mode  EncryptionMode
}

func (c encryptionCase) String() string { return fmt.Sprintf("%s/AES-%d/%v", c.curve, c.bits, c.mode) }

// allEncryptionCases: 2 curves × 2 key sizes × 2 modes.
func allEncryptionCases() []encryptionCase {
	var cases []encryptionCase
	for _, curve := range testCurves {
		for _, bits := range []int{128, 256} {
			for _, mode := range []EncryptionMode{StreamMode, PackageMode} {
				cases = append(cases, encryptionCase{curve, bits, mode})
			}
		}
	}
	return cases
}

// testFrames are a few frames of different kinds and sizes.
func testFrames() []Frame {
	return []Frame{
		{Version: 1, Flag: FlagMsgpack, Type: Twoway, Seq: 1, Method: "addgroupmembers", Payload: []byte{0x81, 0xa1, 'a', 0x01}},
		{Version: 1, Flag: FlagMsgpack, Type: Answer, Seq: 1, Payload: emptyMap},
		{Version: 0, Flag: FlagMsgpack, Type: Oneway, Method: "x", Payload: append([]byte{0xc5, 0x10, 0x00}, make([]byte, 4096)...)},
		{Version: 1, Flag: FlagMsgpack, Type: Answer, Status: 1, Seq: 9, Payload: AppendErrorPayload(nil, 10001, "boom")},
	}
}

// sealAll encodes the frames and seals each, as the outbox does.
func sealAll(t testing.TB, s frameSealer, frames []Frame) []byte {
	t.Helper()
	var buf []byte
	for i := range frames {
		start := len(buf)
		var err error
		if buf, err = AppendFrame(buf, &frames[i]); err != nil {
			t.Fatal(err)
		}
		buf = s.sealFrame(buf, start)
	}
	return buf
}

func expectFrames(t testing.TB, src frameSource, want []Frame) {
	t.Helper()
	for i := range want {
		var f Frame
		if err := src.readFrameInto(&f); err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		if f.Type != want[i].Type || f.Seq != want[i].Seq || f.Method != want[i].Method ||
			f.Status != want[i].Status || f.Version != want[i].Version || !bytes.Equal(f.Payload, want[i].Payload) {
			t.Fatalf("frame %d = %+v, want %+v", i, f, want[i])
		}
	}
	var f Frame
	if err := src.readFrameInto(&f); !errors.Is(err, io.EOF) {
		t.Fatalf("after the frames: %v, want io.EOF", err)
	}
}

// The client's session and the one the server derives from *key encrypt and
// decrypt each other's frames, both ways.
func TestKeyExchangeBothSidesAgree(t *testing.T) {
	for _, tc := range allEncryptionCases() {
		t.Run(tc.String(), func(t *testing.T) {
			server, err := GenerateECDHPrivateKey(tc.curve)
			if err != nil {
				t.Fatal(err)
			}
			cfg := &EncryptionConfig{ServerPublicKey: server.PublicKey(), KeyBits: tc.bits, Mode: tc.mode}
			kx, err := cfg.newClientKeyExchange()
			if err != nil {
				t.Fatal(err)
			}
			st, err := server.acceptKeyExchange(kx.payload)
			if err != nil {
				t.Fatal(err)
			}
			if st.packageMode != (tc.mode == PackageMode) {
				t.Fatalf("server chose package mode %v", st.packageMode)
			}
			frames := testFrames()
			toServer := sealAll(t, kx.transport.sealer(), frames)
			expectFrames(t, st.source(bytes.NewReader(toServer), 0), frames)
			toClient := sealAll(t, st.sealer(), frames)
			expectFrames(t, kx.transport.source(bytes.NewReader(toClient), 0), frames)
			if bytes.Contains(toServer, []byte("addgroupmembers")) {
				t.Fatal("method name went out in plaintext")
			}
		})
	}
}

// Each connection gets its own ephemeral key, so its own secret.
func TestKeyExchangeIsEphemeral(t *testing.T) {
	server, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	cfg := &EncryptionConfig{ServerPublicKey: server.PublicKey()}
	a, err := cfg.newClientKeyExchange()
	if err != nil {
		t.Fatal(err)
	}
	b, err := cfg.newClientKeyExchange()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.payload, b.payload) || a.transport.keys.iv == b.transport.keys.iv {
		t.Fatal("two exchanges produced the same key")
	}
}

// The *key payload is what the Go SDK sends: publicKey as 64-byte bin, and
// by default bits 256 and streamMode true.
func TestKeyExchangePayloadShape(t *testing.T) {
	server, _ := GenerateECDHPrivateKey(CurveSecp256r1)
	kx, err := (&EncryptionConfig{ServerPublicKey: server.PublicKey()}).newClientKeyExchange()
	if err != nil {
		t.Fatal(err)
	}
	p, err := DecodeParams(kx.payload)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := p.Raw("publicKey")
	if len(raw) != 2+64 || raw[0] != 0xc4 || raw[1] != 64 {
		t.Errorf("publicKey encoded as % x...", raw[:2])
	}
	if bits, err := p.Int("bits"); err != nil || bits != 256 {
		t.Errorf("bits = %d, %v", bits, err)
	}
	if stream, err := p.Bool("streamMode"); err != nil || !stream {
		t.Errorf("streamMode = %v, %v", stream, err)
	}
}

// The C++ client sends publicKey as str; a bare {publicKey} means bits 128
// and package mode, the C++ server's defaults.
func TestAcceptKeyExchangeStrKeyAndDefaults(t *testing.T) {
	server, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	client, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	payload := msgpack.AppendMapHeader(nil, 1)
	payload = msgpack.AppendString(payload, "publicKey")
	payload = msgpack.AppendString(payload, string(client.PublicKey().Bytes()))
	st, err := server.acceptKeyExchange(payload)
	if err != nil {
		t.Fatal(err)
	}
	secret, _ := client.sharedSecret(server.PublicKey())
	want, _ := deriveSessionKeys(secret, 128)
	if !st.packageMode || st.keys.iv != want.iv {
		t.Fatal("defaults are not package mode with the shared secret")
	}
	frames := testFrames()
	expectFrames(t, st.source(bytes.NewReader(sealAll(t, (&encryptedTransport{keys: want, packageMode: true}).sealer(), frames)), 0), frames)
}

func TestAcceptKeyExchangeRejects(t *testing.T) {
	server, _ := GenerateECDHPrivateKey(CurveSecp256r1)
	client, _ := GenerateECDHPrivateKey(CurveSecp256r1)
	offCurve := client.PublicKey().Bytes()
	offCurve[63] ^= 1
	payload := func(key string, val any, more ...any) []byte {
		kvs := append([]any{key, val}, more...)
		b := msgpack.AppendMapHeader(nil, len(kvs)/2)
		for i := 0; i < len(kvs); i += 2 {
			b = msgpack.AppendString(b, fmt.Sprint(kvs[i]))
			switch v := kvs[i+1].(type) {
			case []byte:
				b = msgpack.AppendBinary(b, v)
			case int:
				b = msgpack.AppendInt(b, int64(v))
			case bool:
				b = msgpack.AppendBool(b, v)
			case string:
				b = msgpack.AppendString(b, v)
			}
		}
		return b
	}
	key := client.PublicKey().Bytes()
	for name, p := range map[string][]byte{
		"not a map":         {0x90},
		"no publicKey":      payload("bits", 128),
		"63-byte key":       payload("publicKey", key[:63]),
		"65-byte key":       payload("publicKey", append([]byte{4}, key...)),
		"off-curve key":     payload("publicKey", offCurve),
		"bits 192":          payload("publicKey", key, "bits", 192),
		"bits as string":    payload("publicKey", key, "bits", "256"),
		"streamMode as int": payload("publicKey", key, "streamMode", 1),
	} {
		if _, err := server.acceptKeyExchange(p); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestEncryptionConfigValidate(t *testing.T) {
	k, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	for name, cfg := range map[string]EncryptionConfig{
		"no key":   {KeyBits: 128},
		"bits 192": {ServerPublicKey: k.PublicKey(), KeyBits: 192},
		"mode 7":   {ServerPublicKey: k.PublicKey(), Mode: 7},
	} {
		if err := cfg.Validate(); err == nil {
			t.Errorf("%s: valid", name)
		}
	}
	if err := (&EncryptionConfig{ServerPublicKey: k.PublicKey()}).Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

// A client holding the wrong server key derives another secret: the server
// cannot read its frames and fails with a frame error, not a hang.
func TestKeyExchangeWrongServerKeyGarbles(t *testing.T) {
	for _, mode := range []EncryptionMode{StreamMode, PackageMode} {
		server, _ := GenerateECDHPrivateKey(CurveSecp256k1)
		other, _ := GenerateECDHPrivateKey(CurveSecp256k1)
		kx, err := (&EncryptionConfig{ServerPublicKey: other.PublicKey(), Mode: mode}).newClientKeyExchange()
		if err != nil {
			t.Fatal(err)
		}
		st, err := server.acceptKeyExchange(kx.payload)
		if err != nil {
			t.Fatal(err)
		}
		wire := sealAll(t, kx.transport.sealer(), testFrames())
		var f Frame
		if err := st.source(bytes.NewReader(wire), 0).readFrameInto(&f); !errors.Is(err, ErrInvalidFrame) && !errors.Is(err, ErrFrameTooLarge) {
			t.Errorf("%v: read %v", mode, err)
		}
	}
}

func TestPackageSourceRejectsBadLengths(t *testing.T) {
	tr := vectorTransport(t, 128, true)
	answer := testFrames()[1] // 17 bytes
	twoInOne := sealAll(t, &streamSealer{stream: tr.keys.encrypter()}, []Frame{answer, answer})
	for _, tc := range []struct {
		name, want string
		wire       []byte
	}{
		{"over the limit", "limit 1048576", []byte{0x00, 0x00, 0x00, 0x01}},
		{"shorter than a header", "shorter than a header", []byte{0x0b, 0x00, 0x00, 0x00}},
		{"two frames in one", "exactly one frame", append([]byte{34, 0, 0, 0}, twoInOne...)},
	} {
		var f Frame
		err := tr.source(bytes.NewReader(tc.wire), 1<<20).readFrameInto(&f)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}
