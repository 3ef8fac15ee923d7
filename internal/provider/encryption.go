package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// envServerPublicKey supplies encryption.server_public_key. It is read only
// when the encryption attribute is present, so a stray variable never
// changes how an unencrypted configuration connects.
const envServerPublicKey = "RTM_SERVER_PUBLIC_KEY"

// Encryption defaults: the Go SDK's (EnableEncryptor with reinforce=true).
const (
	defaultEncryptionKeySize = 256
	encryptionModeStream     = "stream"
	encryptionModePackage    = "package"
)

// encryptionModel is the provider's encryption attribute.
type encryptionModel struct {
	ServerPublicKey types.String `tfsdk:"server_public_key"`
	KeySize         types.Int64  `tfsdk:"key_size"`
	Mode            types.String `tfsdk:"mode"`
}

func encryptionSchemaAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "Encrypts the connection the way the official RTM server SDKs do (`EnableEncryptor`): an ECDH " +
			"key exchange with the server's public key, then AES-CFB. Set it only when the RTM server offers encryption. " +
			"`encryption = {}` takes the key from the `" + envServerPublicKey + "` environment variable.",
		Optional: true,
		Attributes: map[string]schema.Attribute{
			"server_public_key": schema.StringAttribute{
				MarkdownDescription: "The RTM server's ECC public key in PEM form (`-----BEGIN PUBLIC KEY-----`), e.g. " +
					"`file(\"rtm-server-public.pem\")`. Its curve, secp256k1 or secp256r1 (prime256v1), selects the exchange. " +
					"May also be set with the `" + envServerPublicKey + "` environment variable.",
				Optional:   true,
				Validators: []validator.String{serverPublicKeyValidator{}},
			},
			"key_size": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("AES key size in bits, `128` or `256`. Defaults to `%d`, as the Go SDK.", defaultEncryptionKeySize),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.OneOf(128, 256)},
			},
			"mode": schema.StringAttribute{
				MarkdownDescription: "`" + encryptionModeStream + "` encrypts the connection as one stream per direction (the Go SDK's mode); `" +
					encryptionModePackage + "` encrypts each package on its own (the Python SDK's mode). Defaults to `" + encryptionModeStream + "`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(encryptionModeStream, encryptionModePackage)},
			},
		},
	}
}

// encryptionSettings is the resolved attribute. It stays comparable (the
// PEM text, not the parsed key), so clientSettings can be compared.
type encryptionSettings struct {
	serverPublicKeyPEM string // "" = no encryption
	keyBits            int
	mode               fpnn.EncryptionMode
}

// fpnnConfig is nil without encryption. The PEM was checked by
// resolveEncryption; if it somehow fails here, the nil key makes rtm.New
// refuse the config, so the client never silently falls back to plaintext.
func (e encryptionSettings) fpnnConfig() *fpnn.EncryptionConfig {
	if e.serverPublicKeyPEM == "" {
		return nil
	}
	key, _ := fpnn.ParseECDHPublicKeyPEM([]byte(e.serverPublicKeyPEM))
	return &fpnn.EncryptionConfig{ServerPublicKey: key, KeyBits: e.keyBits, Mode: e.mode}
}

// resolveEncryption reads the encryption attribute, with the key from
// RTM_SERVER_PUBLIC_KEY when the attribute does not set it.
func (p *RTMProvider) resolveEncryption(ctx context.Context, obj types.Object, diags *diag.Diagnostics) encryptionSettings {
	root := path.Root("encryption")
	envKey := p.getenv(envServerPublicKey)
	switch {
	case obj.IsUnknown():
		diags.AddAttributeError(root, "Unknown RTM Encryption",
			"The provider cannot create the RTM client because encryption is not known until apply. Set it statically in the configuration.")
		return encryptionSettings{}
	case obj.IsNull():
		if envKey != "" {
			diags.AddWarning("RTM Server Public Key Ignored",
				"The "+envServerPublicKey+" environment variable is set, but the provider configuration has no encryption "+
					"attribute, so the connection is not encrypted. Add `encryption = {}` to the provider block to use the key.")
		}
		return encryptionSettings{}
	}
	var m encryptionModel
	if diags.Append(obj.As(ctx, &m, basetypes.ObjectAsOptions{})...); diags.HasError() {
		return encryptionSettings{}
	}
	// A slice, not a map: diagnostics come out in schema order every time.
	for _, setting := range []struct {
		name    string
		unknown bool
	}{
		{"server_public_key", m.ServerPublicKey.IsUnknown()},
		{"key_size", m.KeySize.IsUnknown()},
		{"mode", m.Mode.IsUnknown()},
	} {
		if setting.unknown {
			diags.AddAttributeError(root.AtName(setting.name), "Unknown RTM Encryption Setting",
				"The provider cannot create the RTM client because encryption."+setting.name+" is not known until apply. Set it statically in the configuration.")
		}
	}
	if diags.HasError() {
		return encryptionSettings{}
	}

	s := encryptionSettings{serverPublicKeyPEM: envKey, keyBits: defaultEncryptionKeySize, mode: fpnn.StreamMode}
	source := "the " + envServerPublicKey + " environment variable"
	if !m.ServerPublicKey.IsNull() {
		s.serverPublicKeyPEM, source = m.ServerPublicKey.ValueString(), "encryption.server_public_key"
	}
	keyPath := root.AtName("server_public_key")
	if strings.TrimSpace(s.serverPublicKeyPEM) == "" {
		diags.AddAttributeError(keyPath, "Missing RTM Server Public Key",
			"Encryption is configured but has no server public key. Set encryption.server_public_key (e.g. "+
				"file(\"rtm-server-public.pem\")) or the "+envServerPublicKey+" environment variable to the RTM server's ECC public key in PEM form.")
		return encryptionSettings{}
	}
	if _, err := fpnn.ParseECDHPublicKeyPEM([]byte(s.serverPublicKeyPEM)); err != nil {
		diags.Append(serverPublicKeyDiag(keyPath, source, err))
		return encryptionSettings{}
	}
	if !m.KeySize.IsNull() {
		s.keyBits = int(m.KeySize.ValueInt64())
	}
	if m.Mode.ValueString() == encryptionModePackage {
		s.mode = fpnn.PackageMode
	}
	return s
}
