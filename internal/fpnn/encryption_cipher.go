package fpnn

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"fmt"
)

// sessionKeys is the AES key and IV both directions of one encrypted
// connection use, derived from the ECDH secret (PROTOCOL.md §8.3).
type sessionKeys struct {
	block cipher.Block
	iv    [aes.BlockSize]byte
}

// deriveSessionKeys: IV = MD5(secret); the AES-128 key is secret[:16], the
// AES-256 key the whole 32-byte secret.
func deriveSessionKeys(secret [ecdhScalarSize]byte, bits int) (sessionKeys, error) {
	var key []byte
	switch bits {
	case 128:
		key = secret[:16]
	case 256:
		key = secret[:]
	default:
		return sessionKeys{}, fmt.Errorf("fpnn: AES key size %d bits, want 128 or 256", bits)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return sessionKeys{}, fmt.Errorf("fpnn: AES key: %w", err)
	}
	// MD5 is not used for security here: FPNN defines the IV this way.
	return sessionKeys{block: block, iv: md5.Sum(secret[:])}, nil
}

// FPNN uses AES-CFB-128 (full-block feedback, byte-granular). Go deprecates
// CFB for new designs because it is unauthenticated; this is a fixed wire
// protocol, so the deprecated constructors are exactly what is needed.

// encrypter starts a fresh encrypting CFB state from the session IV.
func (k *sessionKeys) encrypter() cipher.Stream {
	return cipher.NewCFBEncrypter(k.block, k.iv[:]) //nolint:staticcheck // FPNN's wire cipher (see above)
}

// decrypter starts a fresh decrypting CFB state from the session IV.
func (k *sessionKeys) decrypter() cipher.Stream {
	return cipher.NewCFBDecrypter(k.block, k.iv[:]) //nolint:staticcheck // FPNN's wire cipher (see above)
}
