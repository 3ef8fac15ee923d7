package fpnn

import (
	"errors"
	"fmt"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// keyExchangeMethod is the quest that switches a connection to encryption;
// it must be the connection's first package (PROTOCOL.md §8.2).
const keyExchangeMethod = "*key"

// EncryptionMode selects how frames are encrypted (PROTOCOL.md §8.4).
type EncryptionMode uint8

const (
	// StreamMode encrypts the whole byte stream with one continuous cipher
	// state per direction. The Go SDK's mode, and the default.
	StreamMode EncryptionMode = iota
	// PackageMode encrypts each frame from a fresh cipher state behind a
	// plaintext length. The Python SDK's mode.
	PackageMode
)

func (m EncryptionMode) String() string {
	switch m {
	case StreamMode:
		return "stream"
	case PackageMode:
		return "package"
	}
	return fmt.Sprintf("EncryptionMode(%d)", uint8(m))
}

// DefaultKeyBits is the AES key size when none is set: 256, as the Go SDK
// sends by default.
const DefaultKeyBits = 256

// EncryptionConfig turns on FPNN encryption for a client.
type EncryptionConfig struct {
	// ServerPublicKey is the server's ECDH key (ParseECDHPublicKeyPEM); the
	// curve is the key's.
	ServerPublicKey *ECDHPublicKey
	KeyBits         int            // 128 or 256; 0 means DefaultKeyBits
	Mode            EncryptionMode // StreamMode (default) or PackageMode
}

// Validate reports a missing key, a bad key size or an unknown mode.
func (c *EncryptionConfig) Validate() error {
	if c.ServerPublicKey == nil {
		return errors.New("fpnn: encryption: the server public key is required")
	}
	if bits := c.keyBits(); bits != 128 && bits != 256 {
		return fmt.Errorf("fpnn: encryption: key size %d bits, want 128 or 256", bits)
	}
	if c.Mode != StreamMode && c.Mode != PackageMode {
		return fmt.Errorf("fpnn: encryption: unknown mode %v", c.Mode)
	}
	return nil
}

func (c *EncryptionConfig) keyBits() int {
	if c.KeyBits == 0 {
		return DefaultKeyBits
	}
	return c.KeyBits
}

// clientKeyExchange is what a client needs to open one encrypted
// connection: the *key payload to send first, in plaintext, and the
// transport every later byte goes through.
type clientKeyExchange struct {
	payload   []byte
	transport *encryptedTransport
}

// newClientKeyExchange makes an ephemeral key pair on the server key's curve
// and derives the session from it; a fresh one per connection.
func (c *EncryptionConfig) newClientKeyExchange() (*clientKeyExchange, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	ephemeral, err := GenerateECDHPrivateKey(c.ServerPublicKey.Curve())
	if err != nil {
		return nil, err
	}
	secret, err := ephemeral.sharedSecret(c.ServerPublicKey)
	if err != nil {
		return nil, err
	}
	keys, err := deriveSessionKeys(secret, c.keyBits())
	if err != nil {
		return nil, err
	}
	packageMode := c.Mode == PackageMode
	return &clientKeyExchange{
		payload:   appendKeyExchangePayload(nil, ephemeral.PublicKey(), !packageMode, c.keyBits()),
		transport: &encryptedTransport{keys: keys, packageMode: packageMode},
	}, nil
}

// appendKeyExchangePayload encodes {publicKey: bin X‖Y, streamMode, bits},
// as the Go SDK sends it.
func appendKeyExchangePayload(dst []byte, pub *ECDHPublicKey, streamMode bool, bits int) []byte {
	dst = msgpack.AppendMapHeader(dst, 3)
	dst = msgpack.AppendString(dst, "publicKey")
	dst = msgpack.AppendBinary(dst, pub.xy[:])
	dst = msgpack.AppendString(dst, "streamMode")
	dst = msgpack.AppendBool(dst, streamMode)
	dst = msgpack.AppendString(dst, "bits")
	return msgpack.AppendInt(dst, int64(bits))
}

// acceptKeyExchange is the server side of *key: it reads the client's
// ephemeral key and options and derives the same session. Any error means
// the exchange failed and the connection must be closed, as the C++ server
// does. Defaults follow the C++ server: bits 128, streamMode false.
func (k *ECDHPrivateKey) acceptKeyExchange(payload []byte) (*encryptedTransport, error) {
	p, err := DecodeParams(payload)
	if err != nil {
		return nil, err
	}
	raw, err := p.String("publicKey") // bin (Go, Python) or str (C++)
	if err != nil {
		return nil, err
	}
	if len(raw) != ecdhPointSize {
		return nil, fmt.Errorf("fpnn: *key publicKey is %d bytes, want %d for %s", len(raw), ecdhPointSize, k.curve)
	}
	peer, err := NewECDHPublicKey(k.curve, []byte(raw))
	if err != nil {
		return nil, err
	}
	bits, ok, err := p.OptInt("bits")
	if err != nil {
		return nil, err
	}
	if !ok {
		bits = 128
	}
	if bits != 128 && bits != 256 {
		return nil, fmt.Errorf("fpnn: *key bits %d, want 128 or 256", bits)
	}
	streamMode, _, err := p.OptBool("streamMode")
	if err != nil {
		return nil, err
	}
	secret, err := k.sharedSecret(peer)
	if err != nil {
		return nil, err
	}
	keys, err := deriveSessionKeys(secret, int(bits))
	if err != nil {
		return nil, err
	}
	return &encryptedTransport{keys: keys, packageMode: !streamMode}, nil
}
