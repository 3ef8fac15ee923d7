package fpnn

import (
	"crypto/ecdh"
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// Curve names an elliptic curve for the FPNN key exchange (PROTOCOL.md
// §8.1), spelled as FPNN's ecdh.curve setting spells it.
type Curve string

// The curves this package supports: the two that interoperate with the
// official SDKs, which always send a 64-byte public key (PROTOCOL.md
// §8.1). The C++ server also knows secp224r1 and secp192r1, but no SDK can
// use them with it.
const (
	CurveSecp256k1 Curve = "secp256k1"
	CurveSecp256r1 Curve = "secp256r1"
)

// ErrUnsupportedCurve is wrapped by every error about a curve other than
// secp256k1 and secp256r1.
var ErrUnsupportedCurve = errors.New("unsupported curve; supported curves are secp256k1 and secp256r1")

const (
	ecdhScalarSize = 32                 // private key and shared secret
	ecdhPointSize  = 2 * ecdhScalarSize // X‖Y, as *key carries it
)

// ParseCurve accepts a curve name; "prime256v1" and "P-256" are the OpenSSL
// and NIST names of secp256r1.
func ParseCurve(name string) (Curve, error) {
	switch name {
	case string(CurveSecp256k1):
		return CurveSecp256k1, nil
	case string(CurveSecp256r1), "prime256v1", "P-256":
		return CurveSecp256r1, nil
	}
	return "", fmt.Errorf("fpnn: curve %q: %w", name, ErrUnsupportedCurve)
}

// ECDHPublicKey is a validated point on a supported curve: the server's key,
// or a client's ephemeral key.
type ECDHPublicKey struct {
	curve Curve
	xy    [ecdhPointSize]byte
	k1    *secp256k1.PublicKey // set for secp256k1
	r1    *ecdh.PublicKey      // set for secp256r1
}

// NewECDHPublicKey checks that xy (X‖Y, big-endian, 64 bytes) is a point on
// curve.
func NewECDHPublicKey(curve Curve, xy []byte) (*ECDHPublicKey, error) {
	if len(xy) != ecdhPointSize {
		return nil, fmt.Errorf("fpnn: %s public key is %d bytes, want %d (X‖Y)", curve, len(xy), ecdhPointSize)
	}
	uncompressed := append([]byte{0x04}, xy...)
	k := &ECDHPublicKey{curve: curve}
	copy(k.xy[:], xy)
	var err error
	switch curve {
	case CurveSecp256k1:
		k.k1, err = secp256k1.ParsePubKey(uncompressed)
	case CurveSecp256r1:
		k.r1, err = ecdh.P256().NewPublicKey(uncompressed)
	default:
		return nil, fmt.Errorf("fpnn: curve %q: %w", curve, ErrUnsupportedCurve)
	}
	if err != nil {
		return nil, fmt.Errorf("fpnn: %s public key is not a point on the curve", curve)
	}
	return k, nil
}

// Curve is the key's curve.
func (k *ECDHPublicKey) Curve() Curve { return k.curve }

// Bytes returns X‖Y (64 bytes), the form *key carries.
func (k *ECDHPublicKey) Bytes() []byte { return append([]byte(nil), k.xy[:]...) }

// Equal reports whether both keys are the same point on the same curve.
func (k *ECDHPublicKey) Equal(o *ECDHPublicKey) bool {
	return o != nil && k.curve == o.curve && k.xy == o.xy
}

// ECDHPrivateKey is a private key on a supported curve: the server's
// long-lived key, or a client's ephemeral one.
type ECDHPrivateKey struct {
	curve Curve
	k1    *secp256k1.PrivateKey
	r1    *ecdh.PrivateKey
	pub   *ECDHPublicKey
}

// GenerateECDHPrivateKey makes a new random key on curve.
func GenerateECDHPrivateKey(curve Curve) (*ECDHPrivateKey, error) {
	k := &ECDHPrivateKey{curve: curve}
	var err error
	switch curve {
	case CurveSecp256k1:
		k.k1, err = secp256k1.GeneratePrivateKey()
	case CurveSecp256r1:
		k.r1, err = ecdh.P256().GenerateKey(rand.Reader)
	default:
		return nil, fmt.Errorf("fpnn: curve %q: %w", curve, ErrUnsupportedCurve)
	}
	if err != nil {
		return nil, fmt.Errorf("fpnn: generate %s key: %w", curve, err)
	}
	return k, k.derivePublic()
}

// NewECDHPrivateKey reads a raw private key: 32 bytes, big-endian, in
// [1, n-1]. That is the file format of FPNN's ecdh.privateKey setting.
func NewECDHPrivateKey(curve Curve, raw []byte) (*ECDHPrivateKey, error) {
	if len(raw) != ecdhScalarSize {
		return nil, fmt.Errorf("fpnn: %s private key is %d bytes, want %d (raw big-endian scalar)", curve, len(raw), ecdhScalarSize)
	}
	k := &ECDHPrivateKey{curve: curve}
	switch curve {
	case CurveSecp256k1:
		var s secp256k1.ModNScalar
		// PrivKeyFromBytes would silently reduce mod n; reject instead.
		if overflow := s.SetByteSlice(raw); overflow || s.IsZero() {
			return nil, errors.New("fpnn: secp256k1 private key is out of range (must be 1..n-1)")
		}
		k.k1 = secp256k1.NewPrivateKey(&s)
	case CurveSecp256r1:
		var err error
		if k.r1, err = ecdh.P256().NewPrivateKey(raw); err != nil {
			return nil, errors.New("fpnn: secp256r1 private key is out of range (must be 1..n-1)")
		}
	default:
		return nil, fmt.Errorf("fpnn: curve %q: %w", curve, ErrUnsupportedCurve)
	}
	return k, k.derivePublic()
}

func (k *ECDHPrivateKey) derivePublic() error {
	var uncompressed []byte
	if k.k1 != nil {
		uncompressed = k.k1.PubKey().SerializeUncompressed()
	} else {
		uncompressed = k.r1.PublicKey().Bytes()
	}
	pub, err := NewECDHPublicKey(k.curve, uncompressed[1:])
	k.pub = pub
	return err
}

// Curve is the key's curve.
func (k *ECDHPrivateKey) Curve() Curve { return k.curve }

// Bytes returns the raw 32-byte private key (the ecdh.privateKey file
// format). Keep it secret.
func (k *ECDHPrivateKey) Bytes() []byte {
	if k.k1 != nil {
		return k.k1.Serialize()
	}
	return k.r1.Bytes()
}

// PublicKey returns the matching public key.
func (k *ECDHPrivateKey) PublicKey() *ECDHPublicKey { return k.pub }

// sharedSecret is the X coordinate of k×peer, 32 bytes big-endian: what
// micro-ecc, Go and Python all call the ECDH secret (PROTOCOL.md §8.2).
func (k *ECDHPrivateKey) sharedSecret(peer *ECDHPublicKey) ([ecdhScalarSize]byte, error) {
	var secret [ecdhScalarSize]byte
	if peer.curve != k.curve {
		return secret, fmt.Errorf("fpnn: peer key is on %s, own key on %s", peer.curve, k.curve)
	}
	if k.k1 != nil {
		copy(secret[:], secp256k1.GenerateSharedSecret(k.k1, peer.k1))
		return secret, nil
	}
	x, err := k.r1.ECDH(peer.r1)
	if err != nil {
		return secret, fmt.Errorf("fpnn: secp256r1 key agreement: %w", err)
	}
	copy(secret[:], x)
	return secret, nil
}
