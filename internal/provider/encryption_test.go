package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// newEncryptedEmulator is an emulator that offers encryption with a new key
// on curve.
func newEncryptedEmulator(t *testing.T, curve fpnn.Curve) (*rtmtest.Server, *fpnn.ECDHPrivateKey) {
	t.Helper()
	key, err := fpnn.GenerateECDHPrivateKey(curve)
	if err != nil {
		t.Fatal(err)
	}
	return newTestEmulator(t, func(c *rtmtest.Config) { c.ECDHKey = key }), key
}

// encryptedProviderConfig is a provider block for srv with an encryption
// attribute holding extra (HCL attribute lines).
func encryptedProviderConfig(srv *rtmtest.Server, extra string) string {
	return testProviderConfigWith(srv.Addr(), "  max_retries = 0\n  encryption = {\n"+extra+"\n  }")
}

func publicKeyLine(key *fpnn.ECDHPrivateKey) string {
	return fmt.Sprintf("    server_public_key = %q", key.PublicKey().MarshalPEM())
}

const encryptedGroupResource = `
resource "rtm_group" "test" {
  group_id    = 31
  public_info = "sealed"
}
`

// An rtm_group is applied through an encrypted connection, on both curves
// and with non-default settings.
func TestAccProvider_encryption(t *testing.T) {
	for _, tc := range []struct {
		curve    fpnn.Curve
		settings string
	}{
		{fpnn.CurveSecp256k1, ""},
		{fpnn.CurveSecp256r1, "    key_size = 128\n    mode     = \"package\""},
	} {
		t.Run(string(tc.curve), func(t *testing.T) {
			srv, key := newEncryptedEmulator(t, tc.curve)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
				CheckDestroy:             checkGroupDeleted(srv, 31),
				Steps: []resource.TestStep{{
					Config:            encryptedProviderConfig(srv, publicKeyLine(key)+"\n"+tc.settings) + encryptedGroupResource,
					ConfigStateChecks: groupStateChecks(srv, 31, "sealed", ""),
				}},
			})
		})
	}
}

// `encryption = {}` takes the key from RTM_SERVER_PUBLIC_KEY.
func TestAccProvider_encryptionKeyFromEnv(t *testing.T) {
	srv, key := newEncryptedEmulator(t, fpnn.CurveSecp256k1)
	srv.SetGroupInfo(testProjectID, 1, "read through encryption", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEnv(nil, map[string]string{
			envServerPublicKey: string(key.PublicKey().MarshalPEM()),
		}),
		Steps: []resource.TestStep{{
			Config: readGroupConfig(encryptedProviderConfig(srv, "")),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("data.rtm_group.probe",
				tfjsonpath.New("public_info"), knownvalue.StringExact("read through encryption"))},
		}},
	})
}

// The wrong server key gives a clear error, not a hang.
func TestAccProvider_encryptionWrongKey(t *testing.T) {
	srv, _ := newEncryptedEmulator(t, fpnn.CurveSecp256r1)
	wrong, err := fpnn.GenerateECDHPrivateKey(fpnn.CurveSecp256r1)
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config:      encryptedProviderConfig(srv, publicKeyLine(wrong)) + encryptedGroupResource,
			ExpectError: mustPhrases("RTM Encryption Handshake Failed", "encryption.server_public_key", "key exchange"),
		}},
	})
}

func p384PublicKeyPEM(t *testing.T) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// Bad settings are attribute errors before any call.
func TestAccProvider_encryptionConfigErrors(t *testing.T) {
	t.Parallel()
	srv := newTestEmulator(t)
	p384 := p384PublicKeyPEM(t)
	for _, tc := range []struct {
		name, extra string
		env         map[string]string
		want        string
	}{
		{"not PEM", `    server_public_key = "MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAE"`, nil, "Invalid RTM Server Public Key|no PEM block found"},
		{"P-384", fmt.Sprintf("    server_public_key = %q", p384), nil, "Unsupported RTM Server Public Key Curve|secp384r1|secp256k1 or secp256r1"},
		{"bad PEM from env", "", map[string]string{envServerPublicKey: "not a key"}, "Invalid RTM Server Public Key|RTM_SERVER_PUBLIC_KEY environment variable"},
		{"no key", "", nil, "Missing RTM Server Public Key|RTM_SERVER_PUBLIC_KEY"},
		{"key size", "    key_size = 192", nil, "key_size value must be one of"},
		{"mode", `    mode = "block"`, nil, "mode value must be one of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEnv(nil, tc.env),
				Steps: []resource.TestStep{{
					Config:      readGroupConfig(encryptedProviderConfig(srv, tc.extra)),
					PlanOnly:    true,
					ExpectError: mustPhrases(strings.Split(tc.want, "|")...),
				}},
			})
		})
	}
}

// RTM_SERVER_PUBLIC_KEY alone does not turn encryption on; it warns.
func TestUnitEncryptionEnvWithoutAttributeWarns(t *testing.T) {
	p := newRTMProvider("test", nil, func(name string) string {
		if name == envServerPublicKey {
			return "-----BEGIN PUBLIC KEY-----"
		}
		return ""
	})
	objType, ok := encryptionSchemaAttribute().GetType().(types.ObjectType)
	if !ok {
		t.Fatal("encryption is not an object")
	}
	var diags diag.Diagnostics
	s := p.resolveEncryption(context.Background(), types.ObjectNull(objType.AttrTypes), &diags)
	if s != (encryptionSettings{}) || diags.HasError() || diags.WarningsCount() != 1 {
		t.Fatalf("settings %+v, diags %v", s, diags)
	}
}

// Unknown encryption settings are reported in schema order, every time
// (they came from a map once, so the order changed from run to run).
func TestUnitEncryptionUnknownSettingsInOrder(t *testing.T) {
	p := newRTMProvider("test", nil, func(string) string { return "" })
	objType, ok := encryptionSchemaAttribute().GetType().(types.ObjectType)
	if !ok {
		t.Fatal("encryption is not an object")
	}
	obj := types.ObjectValueMust(objType.AttrTypes, map[string]attr.Value{
		"server_public_key": types.StringUnknown(),
		"key_size":          types.Int64Unknown(),
		"mode":              types.StringUnknown(),
	})
	want := []path.Path{
		path.Root("encryption").AtName("server_public_key"),
		path.Root("encryption").AtName("key_size"),
		path.Root("encryption").AtName("mode"),
	}
	// Map iteration order is random: a few rounds catch any dependence on it.
	for round := 0; round < 20; round++ {
		var diags diag.Diagnostics
		p.resolveEncryption(context.Background(), obj, &diags)
		if len(diags) != len(want) {
			t.Fatalf("diagnostics %v, want %d", diags, len(want))
		}
		for i, d := range diags {
			withPath, ok := d.(diag.DiagnosticWithPath)
			if !ok || !withPath.Path().Equal(want[i]) {
				t.Fatalf("round %d: diagnostic %d is %v, want one on %s", round, i, d, want[i])
			}
		}
	}
}
