package fpnn

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/encryption holds keys made with OpenSSL 3.0 (`openssl ecparam
// -genkey`, `openssl ec -pubout`), named by OpenSSL's curve names; *.key is
// the raw 32-byte private key of the matching *.pub.pem.
func readEncryptionTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "encryption", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var opensslCurveNames = map[Curve]string{CurveSecp256k1: "secp256k1", CurveSecp256r1: "prime256v1"}

// The PEM the emulator writes is byte for byte what OpenSSL writes, and
// OpenSSL's PEM parses to the same key.
func TestECDHPublicKeyPEMMatchesOpenSSL(t *testing.T) {
	for _, curve := range testCurves {
		name := opensslCurveNames[curve]
		priv, err := NewECDHPrivateKey(curve, readEncryptionTestdata(t, name+".key"))
		if err != nil {
			t.Fatal(err)
		}
		want := readEncryptionTestdata(t, name+".pub.pem")
		if got := priv.PublicKey().MarshalPEM(); !bytes.Equal(got, want) {
			t.Errorf("%s: MarshalPEM =\n%s\nOpenSSL wrote\n%s", curve, got, want)
		}
		pub, err := ParseECDHPublicKeyPEM(want)
		if err != nil {
			t.Fatal(err)
		}
		if !pub.Equal(priv.PublicKey()) || pub.Curve() != curve {
			t.Errorf("%s: parsed key differs", curve)
		}
	}
}

func TestECDHPublicKeyPEMRoundTrip(t *testing.T) {
	for _, curve := range testCurves {
		k, err := GenerateECDHPrivateKey(curve)
		if err != nil {
			t.Fatal(err)
		}
		pub, err := ParseECDHPublicKeyPEM(k.PublicKey().MarshalPEM())
		if err != nil {
			t.Fatal(err)
		}
		if !pub.Equal(k.PublicKey()) {
			t.Errorf("%s: round trip changed the key", curve)
		}
	}
}

// Go's x509 reads our secp256r1 PEM as the same point.
func TestECDHPublicKeyPEMReadByX509(t *testing.T) {
	k, err := GenerateECDHPrivateKey(CurveSecp256r1)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(k.PublicKey().MarshalPEM())
	parsed, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	ecdsaKey, ok := parsed.(*ecdsa.PublicKey)
	if !ok {
		t.Fatalf("x509 parsed a %T", parsed)
	}
	ek, err := ecdsaKey.ECDH()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ek.Bytes()[1:], k.PublicKey().Bytes()) {
		t.Fatal("x509 read a different point")
	}
}

func TestParseECDHPublicKeyPEMSkipsECParameters(t *testing.T) {
	params := "-----BEGIN EC PARAMETERS-----\nBgUrgQQACg==\n-----END EC PARAMETERS-----\n"
	pub, err := ParseECDHPublicKeyPEM(append([]byte(params), readEncryptionTestdata(t, "secp256k1.pub.pem")...))
	if err != nil || pub.Curve() != CurveSecp256k1 {
		t.Fatalf("got %v, %v", pub, err)
	}
}

func TestParseECDHPublicKeyPEMErrors(t *testing.T) {
	good := readEncryptionTestdata(t, "prime256v1.pub.pem")
	block, _ := pem.Decode(good)
	offCurve := bytes.Clone(block.Bytes)
	offCurve[len(offCurve)-1] ^= 1
	withTrailer := append(bytes.Clone(block.Bytes), 0x00)
	reencode := func(typ string, der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}) }

	for _, tc := range []struct {
		name, want  string
		data        []byte
		unsupported bool
	}{
		{"not PEM", "no PEM block", []byte("MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAE"), false},
		{"empty", "no PEM block", nil, false},
		{"private key", `"EC PRIVATE KEY"`, reencode("EC PRIVATE KEY", block.Bytes), false},
		{"certificate", `"CERTIFICATE"`, reencode("CERTIFICATE", block.Bytes), false},
		{"not DER", "not a valid SubjectPublicKeyInfo", reencode("PUBLIC KEY", []byte("nonsense")), false},
		{"trailing data", "trailing data", reencode("PUBLIC KEY", withTrailer), false},
		{"ed25519", "not an elliptic curve key", readEncryptionTestdata(t, "ed25519.pub.pem"), false},
		{"explicit parameters", "not a named curve", readEncryptionTestdata(t, "prime256v1-explicit.pub.pem"), false},
		{"compressed point", "uncompressed point", readEncryptionTestdata(t, "secp256k1-compressed.pub.pem"), false},
		{"off-curve point", "not a point on the curve", reencode("PUBLIC KEY", offCurve), false},
		{"P-384", "curve secp384r1", readEncryptionTestdata(t, "secp384r1.pub.pem"), true},
		{"secp224r1", "curve secp224r1", readEncryptionTestdata(t, "secp224r1.pub.pem"), true},
	} {
		_, err := ParseECDHPublicKeyPEM(tc.data)
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q does not say %q", tc.name, err, tc.want)
		}
		if errors.Is(err, ErrUnsupportedCurve) != tc.unsupported {
			t.Errorf("%s: errors.Is(ErrUnsupportedCurve) = %v", tc.name, !tc.unsupported)
		}
		if tc.unsupported && !strings.Contains(err.Error(), "supported curves are secp256k1 and secp256r1") {
			t.Errorf("%s: error %q does not list the supported curves", tc.name, err)
		}
	}
}
