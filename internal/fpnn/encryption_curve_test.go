package fpnn

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

var testCurves = []Curve{CurveSecp256k1, CurveSecp256r1}

// Known answers: the private key 2 times the generator (whose X‖Y is the
// public key of private key 1) is 2G; its X coordinate is the secret.
var curveKnownAnswers = map[Curve]struct{ gx, twoGx, order string }{
	CurveSecp256k1: {
		gx:    "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
		twoGx: "c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5",
		order: "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
	},
	CurveSecp256r1: {
		gx:    "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
		twoGx: "7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978",
		order: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
	},
}

func scalar(v byte) []byte {
	b := make([]byte, ecdhScalarSize)
	b[ecdhScalarSize-1] = v
	return b
}

func TestECDHKnownAnswer(t *testing.T) {
	for _, curve := range testCurves {
		ka := curveKnownAnswers[curve]
		one, err := NewECDHPrivateKey(curve, scalar(1))
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(one.PublicKey().Bytes()[:32]); got != ka.gx {
			t.Errorf("%s: 1·G has X %s, want %s", curve, got, ka.gx)
		}
		two, err := NewECDHPrivateKey(curve, scalar(2))
		if err != nil {
			t.Fatal(err)
		}
		secret, err := two.sharedSecret(one.PublicKey())
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(secret[:]); got != ka.twoGx {
			t.Errorf("%s: secret %s, want %s", curve, got, ka.twoGx)
		}
	}
}

func TestECDHAgreement(t *testing.T) {
	for _, curve := range testCurves {
		a, err := GenerateECDHPrivateKey(curve)
		if err != nil {
			t.Fatal(err)
		}
		b, err := GenerateECDHPrivateKey(curve)
		if err != nil {
			t.Fatal(err)
		}
		ab, err := a.sharedSecret(b.PublicKey())
		if err != nil {
			t.Fatal(err)
		}
		ba, err := b.sharedSecret(a.PublicKey())
		if err != nil {
			t.Fatal(err)
		}
		if ab != ba || ab == [ecdhScalarSize]byte{} {
			t.Errorf("%s: secrets differ or are zero", curve)
		}
		if a.Curve() != curve || a.PublicKey().Curve() != curve {
			t.Errorf("%s: key reports curve %s", curve, a.Curve())
		}
	}
}

func TestECDHPrivateKeyBytesRoundTrip(t *testing.T) {
	for _, curve := range testCurves {
		k, err := GenerateECDHPrivateKey(curve)
		if err != nil {
			t.Fatal(err)
		}
		again, err := NewECDHPrivateKey(curve, k.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if !again.PublicKey().Equal(k.PublicKey()) || !bytes.Equal(again.Bytes(), k.Bytes()) {
			t.Errorf("%s: raw key does not round-trip", curve)
		}
	}
}

func TestNewECDHPrivateKeyRejects(t *testing.T) {
	for _, curve := range testCurves {
		order, _ := hex.DecodeString(curveKnownAnswers[curve].order)
		for name, raw := range map[string][]byte{
			"short": make([]byte, 31), "long": make([]byte, 33),
			"zero": make([]byte, 32), "order n": order,
		} {
			if _, err := NewECDHPrivateKey(curve, raw); err == nil {
				t.Errorf("%s: %s key accepted", curve, name)
			}
		}
	}
	if _, err := NewECDHPrivateKey("secp384r1", scalar(1)); !errors.Is(err, ErrUnsupportedCurve) {
		t.Errorf("secp384r1: %v", err)
	}
}

func TestNewECDHPublicKeyRejects(t *testing.T) {
	for _, curve := range testCurves {
		k, err := GenerateECDHPrivateKey(curve)
		if err != nil {
			t.Fatal(err)
		}
		xy := k.PublicKey().Bytes()
		if _, err := NewECDHPublicKey(curve, xy[:63]); err == nil {
			t.Errorf("%s: 63-byte key accepted", curve)
		}
		xy[63] ^= 1
		if _, err := NewECDHPublicKey(curve, xy); err == nil || !strings.Contains(err.Error(), "not a point on the curve") {
			t.Errorf("%s: off-curve point: %v", curve, err)
		}
	}
}

func TestECDHSharedSecretCurveMismatch(t *testing.T) {
	k1, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	r1, _ := GenerateECDHPrivateKey(CurveSecp256r1)
	if _, err := k1.sharedSecret(r1.PublicKey()); err == nil {
		t.Fatal("keys on different curves agreed")
	}
}

func TestParseCurve(t *testing.T) {
	for name, want := range map[string]Curve{
		"secp256k1": CurveSecp256k1, "secp256r1": CurveSecp256r1, "prime256v1": CurveSecp256r1, "P-256": CurveSecp256r1,
	} {
		if got, err := ParseCurve(name); err != nil || got != want {
			t.Errorf("ParseCurve(%q) = %q, %v", name, got, err)
		}
	}
	_, err := ParseCurve("secp224r1")
	if !errors.Is(err, ErrUnsupportedCurve) || !strings.Contains(err.Error(), "secp256k1 and secp256r1") {
		t.Errorf("ParseCurve(secp224r1): %v", err)
	}
}
