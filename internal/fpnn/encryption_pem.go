package fpnn

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
)

// The public key PEM is X.509 SubjectPublicKeyInfo with id-ecPublicKey and a
// named curve, as `openssl ec -pubout` writes it and the official SDKs read
// it. Go's x509 does not know secp256k1, so the ASN.1 is handled here for
// both curves.

var (
	oidECPublicKey = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}

	curveOIDs = map[Curve]asn1.ObjectIdentifier{
		CurveSecp256k1: {1, 3, 132, 0, 10},
		CurveSecp256r1: {1, 2, 840, 10045, 3, 1, 7},
	}

	// Named so the error says which curve a key is on.
	unsupportedCurveOIDs = map[string]string{
		"1.3.132.0.33":        "secp224r1",
		"1.2.840.10045.3.1.1": "secp192r1",
		"1.3.132.0.34":        "secp384r1",
		"1.3.132.0.35":        "secp521r1",
	}
)

type subjectPublicKeyInfo struct {
	Algorithm pkix.AlgorithmIdentifier
	PublicKey asn1.BitString
}

// ParseECDHPublicKeyPEM reads the server's public key from PEM data (the
// first PUBLIC KEY block; EC PARAMETERS blocks are skipped). Errors say what
// is wrong and wrap ErrUnsupportedCurve for a curve other than secp256k1 and
// secp256r1.
func ParseECDHPublicKeyPEM(data []byte) (*ECDHPublicKey, error) {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		switch {
		case block == nil:
			return nil, errors.New("fpnn: no PEM block found; want a -----BEGIN PUBLIC KEY----- block")
		case block.Type == "EC PARAMETERS":
			continue
		case block.Type != "PUBLIC KEY":
			return nil, fmt.Errorf("fpnn: PEM block is %q, want \"PUBLIC KEY\" (the server's public key, not a private key or certificate)", block.Type)
		}
		return parseECDHPublicKeyDER(block.Bytes)
	}
}

func parseECDHPublicKeyDER(der []byte) (*ECDHPublicKey, error) {
	var spki subjectPublicKeyInfo
	rest, err := asn1.Unmarshal(der, &spki)
	if err != nil {
		return nil, errors.New("fpnn: PUBLIC KEY block is not a valid SubjectPublicKeyInfo")
	}
	if len(rest) != 0 {
		return nil, errors.New("fpnn: trailing data after the SubjectPublicKeyInfo")
	}
	if !spki.Algorithm.Algorithm.Equal(oidECPublicKey) {
		return nil, fmt.Errorf("fpnn: public key algorithm %v is not an elliptic curve key (id-ecPublicKey)", spki.Algorithm.Algorithm)
	}
	var oid asn1.ObjectIdentifier
	rest, err = asn1.Unmarshal(spki.Algorithm.Parameters.FullBytes, &oid)
	if err != nil || len(rest) != 0 {
		return nil, errors.New("fpnn: EC key parameters are not a named curve (explicit curve parameters are not supported)")
	}
	curve, err := curveForOID(oid)
	if err != nil {
		return nil, err
	}
	point := spki.PublicKey.RightAlign()
	if len(point) == 0 || point[0] != 0x04 {
		return nil, errors.New("fpnn: EC public key must be an uncompressed point (04‖X‖Y), as the FPNN SDKs require")
	}
	return NewECDHPublicKey(curve, point[1:])
}

func curveForOID(oid asn1.ObjectIdentifier) (Curve, error) {
	for curve, known := range curveOIDs {
		if oid.Equal(known) {
			return curve, nil
		}
	}
	name := unsupportedCurveOIDs[oid.String()]
	if name == "" {
		name = "OID " + oid.String()
	}
	return "", fmt.Errorf("fpnn: public key is on curve %s: %w", name, ErrUnsupportedCurve)
}

// MarshalPEM encodes the key as a PUBLIC KEY PEM block, the form clients are
// given (byte-identical to `openssl ec -pubout`).
func (k *ECDHPublicKey) MarshalPEM() []byte {
	params, err := asn1.Marshal(curveOIDs[k.curve])
	if err != nil {
		panic("fpnn: marshal curve OID: " + err.Error()) // constant input
	}
	point := append([]byte{0x04}, k.xy[:]...)
	der, err := asn1.Marshal(subjectPublicKeyInfo{
		Algorithm: pkix.AlgorithmIdentifier{Algorithm: oidECPublicKey, Parameters: asn1.RawValue{FullBytes: params}},
		PublicKey: asn1.BitString{Bytes: point, BitLength: 8 * len(point)},
	})
	if err != nil {
		panic("fpnn: marshal public key: " + err.Error()) // fixed-shape input
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}
