package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// serverPublicKeyDiag explains a server public key that cannot be used,
// telling an unsupported curve apart from a malformed key.
func serverPublicKeyDiag(p path.Path, source string, err error) diag.Diagnostic {
	reason := strings.TrimPrefix(err.Error(), "fpnn: ")
	if errors.Is(err, fpnn.ErrUnsupportedCurve) {
		return diag.NewAttributeErrorDiagnostic(p, "Unsupported RTM Server Public Key Curve",
			fmt.Sprintf("The server public key from %s cannot be used: %s. RTM (FPNN) encryption works with keys on "+
				"secp256k1 or secp256r1 (prime256v1) only; use the public key the RTM server is configured with.", source, reason))
	}
	return diag.NewAttributeErrorDiagnostic(p, "Invalid RTM Server Public Key",
		fmt.Sprintf("The server public key from %s is not a usable public key: %s. Set it to the RTM server's ECC public "+
			"key in PEM form (a -----BEGIN PUBLIC KEY----- block), e.g. server_public_key = file(\"rtm-server-public.pem\").", source, reason))
}

// explainKeyExchangeFailure is the clientErrorDiag text for a connection
// that broke before the server answered the key exchange.
func explainKeyExchangeFailure() (string, func(action string) string) {
	return "RTM Encryption Handshake Failed", func(action string) string {
		return fmt.Sprintf("The RTM server closed the encrypted connection, or sent data that does not decrypt, before "+
			"answering the key exchange while trying to %s. The encryption settings do not match the server: check that "+
			"encryption.server_public_key (or %s) is the public key of this endpoint's server, that the server offers "+
			"encryption, and that it accepts encryption.key_size and encryption.mode.", action, envServerPublicKey)
	}
}

// serverPublicKeyValidator checks a configured key at plan time; a key from
// RTM_SERVER_PUBLIC_KEY is checked in Configure.
type serverPublicKeyValidator struct{}

var _ validator.String = serverPublicKeyValidator{}

func (serverPublicKeyValidator) Description(context.Context) string {
	return "value must be a PEM public key on secp256k1 or secp256r1"
}

func (v serverPublicKeyValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (serverPublicKeyValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := fpnn.ParseECDHPublicKeyPEM([]byte(req.ConfigValue.ValueString())); err != nil {
		resp.Diagnostics.Append(serverPublicKeyDiag(req.Path, "encryption.server_public_key", err))
	}
}
