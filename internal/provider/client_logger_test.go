package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestUnitClientLoggerMasksSecretFields(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	logger := tflogAdapter{}

	logger.Debug(ctx, "sent quest", map[string]any{
		"method":     "getgroupinfo",
		"sign":       "0123456789ABCDEF0123456789ABCDEF",
		"secret_key": testSecretKey,
	})
	logger.Warn(ctx, "retrying", map[string]any{"method": "getgroupinfo", "attempt": 2})

	logged := out.String()
	for _, secret := range []string{testSecretKey, "0123456789ABCDEF0123456789ABCDEF"} {
		if strings.Contains(logged, secret) {
			t.Errorf("log contains a secret %q:\n%s", secret, logged)
		}
	}
	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("got %d log entries, want 2:\n%s", len(entries), logged)
	}
	if entries[0]["method"] != "getgroupinfo" || entries[0]["@level"] != "debug" || entries[1]["@level"] != "warn" {
		t.Errorf("entries lost their fields or levels: %v", entries)
	}
}

// A one-character secret must not garble the log: masking its text wherever
// it appears turned "addgroupmembers" into "addgroupmember***". The secret
// still never appears as a field value.
func TestUnitClientLoggerShortSecret(t *testing.T) {
	t.Parallel()
	const secret = "s"
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)

	// Through a configured provider's client settings, as in real use.
	logger := clientSettings{endpoint: "127.0.0.1:1", projectID: testProjectID, secretKey: secret}.rtmConfig().Logger
	logger.Debug(ctx, "rtm quest", map[string]any{"method": "addgroupmembers", "gid": 5, "secret_key": secret, "sign": secret})

	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil || len(entries) != 1 {
		t.Fatalf("entries %v, %v; want one", entries, err)
	}
	entry := entries[0]
	if entry["method"] != "addgroupmembers" || entry["@message"] != "rtm quest" || entry["component"] != "rtm_client" {
		t.Errorf("log entry garbled: %v", entry)
	}
	for key, value := range entry {
		if value == secret {
			t.Errorf("field %s holds the secret: %v", key, entry)
		}
	}
}

// Ids are logged as exact decimal strings: Terraform prints provider log
// numbers from float64, which would show 80000001 as 8.0000001e+07.
func TestUnitClientLoggerWritesExactIntegers(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)

	tflogAdapter{}.Debug(ctx, "rtm quest", map[string]any{
		"method": "getgroupmembers", "gid": int64(1234567890123), "pid": testProjectID, "attempt": 2,
	})

	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil || len(entries) != 1 {
		t.Fatalf("entries %v, %v; want one", entries, err)
	}
	want := map[string]string{"gid": "1234567890123", "pid": "80000001", "attempt": "2", "method": "getgroupmembers"}
	for key, value := range want {
		if entries[0][key] != value {
			t.Errorf("field %s = %#v, want %q", key, entries[0][key], value)
		}
	}
}
