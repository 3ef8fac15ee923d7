package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// The project every test emulator serves, and the provider blocks use.
const (
	testProjectID int64 = 80000001
	testSecretKey       = "00000000-1111-2222-3333-444444444444"
)

// newTestEmulator starts an RTM emulator on 127.0.0.1 for one test (the
// httptest pattern of terraform-provider-http): every test owns its state,
// so tests run in parallel. opts adjust the config (fake clock, rate limit).
// Member and group lists come back in random order, as a real server may
// answer them: nothing in the provider may depend on the server's order.
func newTestEmulator(t *testing.T, opts ...func(*rtmtest.Config)) *rtmtest.Server {
	t.Helper()
	cfg := rtmtest.Config{Projects: map[int64]string{testProjectID: testSecretKey}, ShuffleLists: true}
	for _, opt := range opts {
		opt(&cfg)
	}
	srv := rtmtest.NewServer(cfg)
	t.Cleanup(srv.Close)
	return srv
}

// testProviderConfig is a provider block pointing at srv with the test
// project's credentials.
func testProviderConfig(srv *rtmtest.Server) string {
	return testProviderConfigWith(srv.Addr(), "")
}

// testProviderConfigWith is a provider block for endpoint with the test
// project's credentials and the extra provider arguments (HCL lines).
func testProviderConfigWith(endpoint, extra string) string {
	return fmt.Sprintf(`
provider "rtm" {
  endpoint   = %q
  project_id = %d
  secret_key = %q
%s
}
`, endpoint, testProjectID, testSecretKey, extra)
}

// testAccProtoV6ProviderFactories serves one provider instance per test
// (so one rtm client, as in a real provider process) with the given clock;
// nil means the real clock. The environment is empty, so RTM_* variables of
// whoever runs the tests cannot change the outcome.
func testAccProtoV6ProviderFactories(clk clock.Clock) map[string]func() (tfprotov6.ProviderServer, error) {
	return testAccProtoV6ProviderFactoriesWithEnv(clk, nil)
}

// testAccProtoV6ProviderFactoriesWithEnv is testAccProtoV6ProviderFactories
// with the given environment variables visible to the provider. Tests never
// call os.Setenv: the provider runs in the test process, and t.Setenv
// cannot be combined with parallel tests.
func testAccProtoV6ProviderFactoriesWithEnv(clk clock.Clock, env map[string]string) map[string]func() (tfprotov6.ProviderServer, error) {
	getenv := func(name string) string { return env[name] }
	return map[string]func() (tfprotov6.ProviderServer, error){
		"rtm": providerserver.NewProtocol6WithError(newRTMProvider("test", clk, getenv)),
	}
}

// emulatorGroupInfo is a state check that asserts what the emulator holds,
// proving an apply reached the server (not only the state file).
func emulatorGroupInfo(srv *rtmtest.Server, gid int64, wantPublic, wantPrivate string) statecheck.StateCheck {
	return emulatorCheck(func() error {
		public, private := srv.GroupInfo(testProjectID, gid)
		if public != wantPublic || private != wantPrivate {
			return fmt.Errorf("emulator group %d info = (%s, %s), want (%s, %s)",
				gid, abbrev(public), abbrev(private), abbrev(wantPublic), abbrev(wantPrivate))
		}
		return nil
	})
}

// emulatorCheck adapts a function over emulator state to statecheck.StateCheck.
type emulatorCheck func() error

func (check emulatorCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = check()
}

// abbrev quotes s for a failure message, shortening the 64 KiB infos the
// limit tests use.
func abbrev(s string) string {
	if len(s) <= 40 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q... (%d bytes)", s[:20], len(s))
}

// phrase matches text in Terraform's output, which wraps long diagnostic
// lines: any run of spaces in text may be a line break.
func phrase(text string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(text)), `\s+`)
}

func mustPhrases(texts ...string) *regexp.Regexp {
	parts := make([]string, len(texts))
	for i, text := range texts {
		parts[i] = phrase(text)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}
