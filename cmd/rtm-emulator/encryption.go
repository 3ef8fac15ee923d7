package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// encryptionOptions are the -ecdh-* flags: FPNN encryption as the C++
// server configures it (FPNN.server.security.ecdh.curve / .privateKey).
type encryptionOptions struct {
	curve          string
	privateKeyFile string
	publicKeyOut   string
}

func (o *encryptionOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.curve, "ecdh-curve", "", "offer FPNN encryption on `curve` secp256k1 or secp256r1 (needs -ecdh-private-key)")
	fs.StringVar(&o.privateKeyFile, "ecdh-private-key", "",
		"raw 32-byte ECDH private key `FILE`, as FPNN's ecdh.privateKey; created (mode 0600) with a new key if missing")
	fs.StringVar(&o.publicKeyOut, "ecdh-public-key-out", "", "write the matching public key PEM, for clients, to `FILE`")
}

func (o *encryptionOptions) validate() error {
	switch {
	case o.curve == "" && (o.privateKeyFile != "" || o.publicKeyOut != ""):
		return usageError{"-ecdh-private-key and -ecdh-public-key-out need -ecdh-curve (secp256k1 or secp256r1)"}
	case o.curve != "" && o.privateKeyFile == "":
		return usageError{"-ecdh-curve needs -ecdh-private-key FILE (created if missing)"}
	case o.curve != "":
		if _, err := fpnn.ParseCurve(o.curve); err != nil {
			return usageError{fmt.Sprintf("-ecdh-curve %q: want secp256k1 or secp256r1", o.curve)}
		}
	}
	return nil
}

// load returns the server key (nil without -ecdh-curve): read from the
// private key file, or generated and written there when the file does not
// exist. It writes -ecdh-public-key-out and says what it did on stderr
// (never the private key).
func (o *encryptionOptions) load(stderr io.Writer) (*fpnn.ECDHPrivateKey, error) {
	if o.curve == "" {
		return nil, nil
	}
	curve, err := fpnn.ParseCurve(o.curve)
	if err != nil {
		return nil, err
	}
	key, err := readOrCreatePrivateKey(curve, o.privateKeyFile, stderr)
	if err != nil {
		return nil, err
	}
	if o.publicKeyOut != "" {
		if err := os.WriteFile(o.publicKeyOut, key.PublicKey().MarshalPEM(), 0o644); err != nil {
			return nil, fmt.Errorf("writing the public key: %w", err)
		}
		fmt.Fprintf(stderr, "rtm-emulator: wrote the %s public key for clients to %s\n", curve, o.publicKeyOut)
	}
	return key, nil
}

func readOrCreatePrivateKey(curve fpnn.Curve, file string, stderr io.Writer) (*fpnn.ECDHPrivateKey, error) {
	raw, err := os.ReadFile(file)
	if err == nil {
		key, err := fpnn.NewECDHPrivateKey(curve, raw)
		if err != nil {
			return nil, fmt.Errorf("ECDH private key %s: %w", file, err)
		}
		return key, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading the ECDH private key: %w", err)
	}
	key, err := fpnn.GenerateECDHPrivateKey(curve)
	if err != nil {
		return nil, err
	}
	// O_EXCL: never overwrite a key another process created meanwhile.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("creating the ECDH private key file: %w", err)
	}
	if _, err := f.Write(key.Bytes()); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("writing the ECDH private key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("writing the ECDH private key: %w", err)
	}
	fmt.Fprintf(stderr, "rtm-emulator: generated a new %s private key in %s (mode 0600)\n", curve, file)
	return key, nil
}
