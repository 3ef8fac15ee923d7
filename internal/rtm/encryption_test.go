package rtm_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

func newEncryptedEmulator(t *testing.T, curve fpnn.Curve) (*rtmtest.Server, *fpnn.ECDHPrivateKey) {
	t.Helper()
	key, err := fpnn.GenerateECDHPrivateKey(curve)
	if err != nil {
		t.Fatal(err)
	}
	return newEmulator(t, func(c *rtmtest.Config) { c.ECDHKey = key }), key
}

// Group calls work through an encrypted connection to the emulator, on both
// curves, both key sizes and both modes.
func TestEncryptedClientAgainstEmulator(t *testing.T) {
	for _, curve := range []fpnn.Curve{fpnn.CurveSecp256k1, fpnn.CurveSecp256r1} {
		for _, bits := range []int{128, 256} {
			for _, mode := range []fpnn.EncryptionMode{fpnn.StreamMode, fpnn.PackageMode} {
				t.Run(fmt.Sprintf("%s/%d/%v", curve, bits, mode), func(t *testing.T) {
					srv, key := newEncryptedEmulator(t, curve)
					c := newTestClient(t, srv, func(cfg *rtm.Config) {
						cfg.Encryption = &fpnn.EncryptionConfig{ServerPublicKey: key.PublicKey(), KeyBits: bits, Mode: mode}
					})
					ctx := context.Background()
					if err := c.AddGroupMembers(ctx, 7, []int64{3, 1, 2}); err != nil {
						t.Fatal(err)
					}
					public := "encrypted"
					if err := c.SetGroupInfo(ctx, 7, &public, nil); err != nil {
						t.Fatal(err)
					}
					members, err := c.GetGroupMembers(ctx, 7)
					slices.Sort(members)
					if err != nil || !slices.Equal(members, []int64{1, 2, 3}) {
						t.Fatalf("members %v, %v", members, err)
					}
					if info, err := c.GetGroupInfo(ctx, 7); err != nil || info.Public != public {
						t.Fatalf("info %+v, %v", info, err)
					}
					if got := srv.Members(testPID, 7); !slices.Equal(got, []int64{1, 2, 3}) {
						t.Fatalf("emulator holds %v", got)
					}
				})
			}
		}
	}
}

// A client with the wrong server key gets a connection error that names the
// key exchange, and no hang.
func TestEncryptedClientWrongKey(t *testing.T) {
	srv, _ := newEncryptedEmulator(t, fpnn.CurveSecp256k1)
	wrong, _ := fpnn.GenerateECDHPrivateKey(fpnn.CurveSecp256k1)
	c := newTestClient(t, srv, func(cfg *rtm.Config) {
		cfg.MaxRetries = -1
		cfg.Encryption = &fpnn.EncryptionConfig{ServerPublicKey: wrong.PublicKey()}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.GetGroupCount(ctx, 7)
	if !errors.Is(err, fpnn.ErrKeyExchangeFailed) || !rtm.IsConnectionError(err) {
		t.Fatalf("got %v, want a connection error wrapping fpnn.ErrKeyExchangeFailed", err)
	}
}

// Plain clients keep working against an emulator that offers encryption.
func TestPlainClientAgainstEncryptingEmulator(t *testing.T) {
	srv, _ := newEncryptedEmulator(t, fpnn.CurveSecp256r1)
	if err := newTestClient(t, srv).AddGroupMembers(context.Background(), 1, []int64{5}); err != nil {
		t.Fatal(err)
	}
}

func TestEncryptionConfigValidated(t *testing.T) {
	key, _ := fpnn.GenerateECDHPrivateKey(fpnn.CurveSecp256k1)
	for name, enc := range map[string]*fpnn.EncryptionConfig{
		"no key":   {},
		"bits 512": {ServerPublicKey: key.PublicKey(), KeyBits: 512},
	} {
		_, err := rtm.New(rtm.Config{Endpoint: "127.0.0.1:1", ProjectID: 1, SecretKey: "k", Encryption: enc})
		var cfgErr *rtm.ConfigError
		if !errors.As(err, &cfgErr) || cfgErr.Field != "Encryption" {
			t.Errorf("%s: %v, want a ConfigError on Encryption", name, err)
		}
	}
}
