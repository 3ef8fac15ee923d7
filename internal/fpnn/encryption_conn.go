package fpnn

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Wiring of encryption into the client and server through the seam of
// transport.go.

// ErrKeyExchangeFailed is wrapped by the *ConnError of an encrypted client
// connection that broke before its first frame arrived. That frame is the
// server's answer to *key, so the server refused the exchange, derived
// another key (the client holds the wrong server public key), or does not
// offer encryption.
var ErrKeyExchangeFailed = errors.New("fpnn: encrypted connection failed before the server answered the key exchange; check the server public key, its curve and the key size")

// clientHandshake returns the Client.handshake for cfg: each connection
// gets a fresh ephemeral key, sends *key in plaintext as its first package
// and, like the Go SDK, does not wait for the answer: everything queued
// after it is sealed, and the receive side decrypts from the first byte.
func (cfg *EncryptionConfig) clientHandshake(maxPackage int) func(cc *clientConn) (frameSource, error) {
	own := *cfg // later changes to the caller's config do not leak in
	return func(cc *clientConn) (frameSource, error) {
		kx, err := own.newClientKeyExchange()
		if err != nil {
			return nil, err
		}
		cc.sendInternal(keyExchangeMethod, kx.payload)
		cc.out.setSealer(kx.transport.sealer())
		return &keyAnswerWatch{src: kx.transport.source(cc.nc, maxPackage)}, nil
	}
}

// ErrKeyMismatch is wrapped (with ErrKeyExchangeFailed) when the server's
// first frame on an encrypted connection arrived but did not decrypt to a
// valid frame: the client's server public key, curve, key size or mode does
// not match the server's, or the server does not offer encryption and
// answered *key in plaintext. Unlike a connection that merely closed before
// the first frame (which a transient failure can cause too), a new
// connection cannot fix this, so callers should not retry.
var ErrKeyMismatch = errors.New("fpnn: the server's first frame did not decrypt")

// keyAnswerWatch marks a read error before the first frame as a failed key
// exchange, so the caller learns why instead of seeing a bare EOF or a bad
// magic.
type keyAnswerWatch struct {
	src      frameSource
	received bool
}

func (w *keyAnswerWatch) readFrameInto(f *Frame) error {
	err := w.src.readFrameInto(f)
	if err == nil {
		w.received = true
	} else if !w.received {
		if errors.Is(err, ErrInvalidFrame) || errors.Is(err, ErrFrameTooLarge) {
			err = fmt.Errorf("%w: %w: %w", ErrKeyExchangeFailed, ErrKeyMismatch, err)
		} else {
			err = fmt.Errorf("%w: %w", ErrKeyExchangeFailed, err)
		}
	}
	return err
}

// keyExchanger serves *key: the test seam if set, else ECDH with ECDHKey;
// nil when the server offers no encryption.
func (s *Server) keyExchanger() keyExchangeFunc {
	switch {
	case s.keyExchange != nil:
		return s.keyExchange
	case s.ECDHKey != nil:
		return s.ecdhKeyExchange
	}
	return nil
}

// ecdhKeyExchange derives the session from the client's *key and decrypts
// from the first byte after it, starting with what was already buffered.
// Errors never carry key material (they are logged).
func (s *Server) ecdhKeyExchange(c *ServerConn, f *Frame, buffered []byte) (frameSealer, frameSource, error) {
	t, err := s.ECDHKey.acceptKeyExchange(f.Payload)
	if err != nil {
		return nil, nil, err
	}
	src := t.source(io.MultiReader(bytes.NewReader(buffered), c.nc), s.maxPackageSize())
	return t.sealer(), src, nil
}
