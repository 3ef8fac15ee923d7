package main

import (
	"context"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

func encryptionArgs(curve, keyFile, pemFile string) []string {
	return []string{"-listen", "127.0.0.1:0", "-project-id", "80000001", "-secret-key", testSecret, "-quiet",
		"-ecdh-curve", curve, "-ecdh-private-key", keyFile, "-ecdh-public-key-out", pemFile}
}

// encryptedCall sends one signed quest over an encrypted connection.
func encryptedCall(t *testing.T, addr string, enc *fpnn.EncryptionConfig) error {
	t.Helper()
	c := fpnn.NewClient(fpnn.ClientConfig{Endpoint: addr, Encryption: enc})
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.Call(ctx, "getgroupinfo", signedBody("getgroupinfo", gidParam(1), 1))
	return err
}

// A missing key file is created (mode 0600) with a new key; the public key
// PEM matches it and works for an encrypted client; a restart reuses the
// key. The private key never reaches the log.
func TestEncryptionFlagsCreateAndReuseKey(t *testing.T) {
	for _, curve := range []string{"secp256k1", "secp256r1"} {
		t.Run(curve, func(t *testing.T) {
			dir := t.TempDir()
			keyFile, pemFile := filepath.Join(dir, "server.key"), filepath.Join(dir, "server-public.pem")
			var stderr lockedBuffer
			e := startEmulator(t, &stderr, encryptionArgs(curve, keyFile, pemFile)...)

			info, err := os.Stat(keyFile)
			if err != nil || info.Mode().Perm() != 0o600 || info.Size() != 32 {
				t.Fatalf("key file: %v, %v", info, err)
			}
			raw, _ := os.ReadFile(keyFile)
			pemData, _ := os.ReadFile(pemFile)
			pub, err := fpnn.ParseECDHPublicKeyPEM(pemData)
			if err != nil {
				t.Fatal(err)
			}
			priv, err := fpnn.NewECDHPrivateKey(pub.Curve(), raw)
			if err != nil || !priv.PublicKey().Equal(pub) || string(pub.Curve()) != curve {
				t.Fatalf("the PEM does not match the key file (%v)", err)
			}
			if err := encryptedCall(t, e.addr, &fpnn.EncryptionConfig{ServerPublicKey: pub, Mode: fpnn.PackageMode}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stderr.String(), "generated a new "+curve+" private key") {
				t.Errorf("stderr does not mention the new key:\n%s", stderr.String())
			}
			if strings.Contains(strings.ToLower(stderr.String()), hex.EncodeToString(raw)) {
				t.Fatal("the private key was logged")
			}
			e.shutdown(t)

			var again lockedBuffer
			e = startEmulator(t, &again, encryptionArgs(curve, keyFile, pemFile)...)
			if err := encryptedCall(t, e.addr, &fpnn.EncryptionConfig{ServerPublicKey: pub}); err != nil {
				t.Fatalf("after restart: %v", err)
			}
			if strings.Contains(again.String(), "generated") {
				t.Error("a restart generated a new key instead of reading the file")
			}
		})
	}
}

func TestEncryptionFlagErrors(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short.key")
	if err := os.WriteFile(short, make([]byte, 31), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"-listen", "127.0.0.1:0", "-project-id", "1", "-secret-key", "k", "-quiet"}
	for name, tc := range map[string]struct {
		args  []string
		usage bool
	}{
		"unsupported curve":     {[]string{"-ecdh-curve", "secp384r1", "-ecdh-private-key", filepath.Join(dir, "a.key")}, true},
		"curve without key":     {[]string{"-ecdh-curve", "secp256k1"}, true},
		"key without curve":     {[]string{"-ecdh-private-key", filepath.Join(dir, "b.key")}, true},
		"pem out without curve": {[]string{"-ecdh-public-key-out", filepath.Join(dir, "c.pem")}, true},
		"31-byte key file":      {[]string{"-ecdh-curve", "secp256k1", "-ecdh-private-key", short}, false},
	} {
		t.Run(name, func(t *testing.T) {
			err := run(context.Background(), append(base, tc.args...), noEnv, io.Discard, nil)
			if err == nil || errors.As(err, new(usageError)) != tc.usage {
				t.Fatalf("got %v (usage error: %v)", err, tc.usage)
			}
		})
	}
}
