package provider

import (
	"fmt"
	"net"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// readGroupConfig is a provider block plus a data source, so that plan
// configures the provider and makes one call.
func readGroupConfig(providerBlock string) string {
	return providerBlock + `
data "rtm_group" "probe" {
  group_id = 1
}
`
}

// closedEndpoint returns a 127.0.0.1 address nothing listens on.
func closedEndpoint(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

func TestAccProvider_wrongSecret(t *testing.T) {
	srv := newTestEmulator(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: readGroupConfig(fmt.Sprintf(`
provider "rtm" {
  endpoint   = %[1]q
  project_id = %[2]d
  secret_key = %[3]q
}
`, srv.Addr(), testProjectID, "not-the-secret")),
			ExpectError: mustPhrases("RTM Authentication Failed", authFailedMessage),
		}},
	})
	// Authentication failures are not retried: one attempt, one answer.
	if n := srv.Calls("getgroupinfo"); n != 1 {
		t.Errorf("emulator answered %d getgroupinfo quests, want 1 (no retries on 200002)", n)
	}
}

func TestAccProvider_wrongProjectID(t *testing.T) {
	srv := newTestEmulator(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: readGroupConfig(fmt.Sprintf(`
provider "rtm" {
  endpoint   = %[1]q
  project_id = %[2]d
  secret_key = %[3]q
}
`, srv.Addr(), testProjectID+1, testSecretKey)),
			ExpectError: mustPhrases(authFailedMessage),
		}},
	})
}

func TestAccProvider_unreachableEndpoint(t *testing.T) {
	endpoint := closedEndpoint(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: readGroupConfig(fmt.Sprintf(`
provider "rtm" {
  endpoint        = %[1]q
  project_id      = %[2]d
  secret_key      = %[3]q
  connect_timeout = "2s"
  max_retries     = 1
}
`, endpoint, testProjectID, testSecretKey)),
			ExpectError: mustPhrases("RTM Endpoint Unreachable", fmt.Sprintf("Could not connect to the RTM endpoint %q", endpoint), "connection refused"),
		}},
	})
}

// testRetryConfig reads group 1 with the given max_retries.
func testRetryConfig(srv *rtmtest.Server, maxRetries int) string {
	return readGroupConfig(testProviderConfigWith(srv.Addr(), fmt.Sprintf("  max_retries = %d", maxRetries)))
}

func TestAccProvider_rateLimitedUntilRetriesRunOut(t *testing.T) {
	srv := newTestEmulator(t)
	srv.FailNext(100, rtm.CodeFrequencyLimited)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config:      testRetryConfig(srv, 1),
			ExpectError: mustPhrases("RTM Rate Limit Exceeded", "Lower max_requests_per_second", "error 200010", "after 2 attempts"),
		}},
	})
}

func TestAccProvider_retriesRideOutTransientErrors(t *testing.T) {
	srv := newTestEmulator(t)
	srv.SetGroupInfo(testProjectID, 1, "reached", "")
	srv.FailNext(2, rtm.CodeFrequencyLimited)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: testRetryConfig(srv, 3),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.rtm_group.probe", tfjsonpath.New("public_info"), knownvalue.StringExact("reached")),
			},
		}},
	})
}

func TestAccProvider_serverErrorsUntilRetriesRunOut(t *testing.T) {
	srv := newTestEmulator(t)
	srv.FailNext(100, rtm.CodeFPNNWorkQueueFull)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config:      testRetryConfig(srv, 2),
			ExpectError: mustPhrases("RTM Request Failed After Retries", "raise max_retries", "error 20011", "after 3 attempts"),
		}},
	})
}

// TestAccProvider_maxRequestsPerSecond: the setting paces the shared client
// so it stays under the project's rate limit, and 0 turns pacing off. The
// emulator's bucket holds one second of calls; the client's a tenth, so a
// paced client can never overdraw it.
func TestAccProvider_maxRequestsPerSecond(t *testing.T) {
	const projectLimit = 20
	srv := newTestEmulator(t, func(cfg *rtmtest.Config) { cfg.RateLimit = projectLimit })
	// Each data source makes 3 calls (info, members, count).
	probes := func(count, maxRequestsPerSecond int) string {
		return testProviderConfigWith(srv.Addr(), fmt.Sprintf("  max_retries = 0\n  max_requests_per_second = %d", maxRequestsPerSecond)) +
			fmt.Sprintf(`
data "rtm_group" "probe" {
  count    = %d
  group_id = count.index + 1
}
`, count)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				// 30 calls per plan, more than the project allows at once:
				// paced, none is refused (max_retries = 0 would surface it).
				Config: probes(10, projectLimit),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.rtm_group.probe[9]", tfjsonpath.New("id"), knownvalue.StringExact("10")),
				},
			},
			{
				// Unpaced, 60 calls at once overdraw the project's limit.
				Config:      probes(20, 0),
				PlanOnly:    true,
				ExpectError: mustPhrases("RTM Rate Limit Exceeded", "Lower max_requests_per_second", "error 200010"),
			},
		},
	})
}

func TestAccProvider_envFallback(t *testing.T) {
	srv := newTestEmulator(t)
	srv.SetGroupInfo(testProjectID, 1, "seen through env settings", "")
	env := map[string]string{
		envEndpoint:  srv.Addr(),
		envProjectID: fmt.Sprint(testProjectID),
		envSecretKey: testSecretKey,
	}
	probeInfo := statecheck.ExpectKnownValue("data.rtm_group.probe", tfjsonpath.New("public_info"),
		knownvalue.StringExact("seen through env settings"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEnv(nil, env),
		Steps: []resource.TestStep{
			{
				// Everything from the environment.
				Config:            readGroupConfig(`provider "rtm" {}`),
				ConfigStateChecks: []statecheck.StateCheck{probeInfo},
			},
			{
				// The configuration wins over the environment: with the wrong
				// secret in config, the right one in env does not help.
				Config:      readGroupConfig(`provider "rtm" { secret_key = "not-the-secret" }`),
				ExpectError: mustPhrases(authFailedMessage),
			},
		},
	})
}

func TestAccProvider_optionalSettings(t *testing.T) {
	srv := newTestEmulator(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: readGroupConfig(testProviderConfigWith(srv.Addr(), `
  request_timeout         = "5s"
  connect_timeout         = "1500ms"
  max_retries             = 0
  max_requests_per_second = 0`)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.rtm_group.probe", tfjsonpath.New("member_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

// TestAccProvider_configErrors: every setting Terraform can reject before a
// call is made gets an error on its attribute that says how to fix it, at
// plan time for values in the configuration, in Configure for values from
// the environment.
func TestAccProvider_configErrors(t *testing.T) {
	t.Parallel()
	valid := map[string]string{
		envEndpoint:  "127.0.0.1:13315",
		envProjectID: fmt.Sprint(testProjectID),
		envSecretKey: testSecretKey,
	}
	with := func(name, value string) map[string]string {
		env := map[string]string{}
		for k, v := range valid {
			env[k] = v
		}
		env[name] = value
		return env
	}

	cases := []struct {
		name     string
		env      map[string]string
		provider string
		want     *regexp.Regexp
	}{
		{
			name:     "missing settings",
			provider: `provider "rtm" {}`,
			want: mustPhrases(
				"Missing RTM Endpoint", "Set endpoint in the provider configuration or the RTM_ENDPOINT environment variable",
				"Missing RTM Project ID", "RTM_PROJECT_ID",
				"Missing RTM Secret Key", "RTM_SECRET_KEY"),
		},
		{
			name:     "endpoint without port",
			env:      valid,
			provider: `provider "rtm" { endpoint = "rtm-nx-back.ilivedata.com" }`,
			want:     mustPhrases("Invalid RTM Endpoint", `"rtm-nx-back.ilivedata.com" is not host:port`),
		},
		{
			name:     "endpoint with scheme from env",
			env:      with(envEndpoint, "tcp://127.0.0.1:13315"),
			provider: `provider "rtm" {}`,
			want:     mustPhrases("Invalid RTM Endpoint", "RTM_ENDPOINT", "without a scheme or path"),
		},
		{
			name:     "endpoint port out of range",
			env:      valid,
			provider: `provider "rtm" { endpoint = "127.0.0.1:70000" }`,
			want:     mustPhrases("Invalid RTM Endpoint", "port must be a number between 1 and 65535"),
		},
		{
			name:     "project id zero",
			env:      valid,
			provider: `provider "rtm" { project_id = 0 }`,
			want:     mustPhrases("project_id value must be between 1 and 2147483647, got: 0"),
		},
		{
			name:     "project id above int32",
			env:      valid,
			provider: `provider "rtm" { project_id = 2147483648 }`,
			want:     mustPhrases("project_id value must be between 1 and 2147483647, got: 2147483648"),
		},
		{
			name:     "project id from env not a number",
			env:      with(envProjectID, "project-80000001"),
			provider: `provider "rtm" {}`,
			want:     mustPhrases("Invalid RTM Project ID", `RTM_PROJECT_ID environment variable is "project-80000001", which is not a whole number`),
		},
		{
			name:     "project id from env out of range",
			env:      with(envProjectID, "-4"),
			provider: `provider "rtm" {}`,
			want:     mustPhrases("Invalid RTM Project ID", "RTM_PROJECT_ID environment variable is -4", "between 1 and 2147483647"),
		},
		{
			name:     "empty secret",
			env:      valid,
			provider: `provider "rtm" { secret_key = "" }`,
			want:     mustPhrases("secret_key string length must be at least 1"),
		},
		{
			name:     "request timeout not a duration",
			env:      valid,
			provider: `provider "rtm" { request_timeout = "30" }`,
			want:     mustPhrases("Invalid Duration", `request_timeout is invalid: "30" is not a duration`),
		},
		{
			name:     "connect timeout not positive",
			env:      valid,
			provider: `provider "rtm" { connect_timeout = "0s" }`,
			want:     mustPhrases("Invalid Duration", `"0s" must be longer than zero`),
		},
		{
			name:     "negative retries",
			env:      valid,
			provider: `provider "rtm" { max_retries = -1 }`,
			want:     mustPhrases("max_retries value must be between 0 and 20, got: -1"),
		},
		{
			name:     "negative rate",
			env:      valid,
			provider: `provider "rtm" { max_requests_per_second = -5 }`,
			want:     mustPhrases("max_requests_per_second value must be at least 0.000000, got: -5.000000"),
		},
		{
			name: "endpoint unknown at plan time",
			env:  valid,
			provider: `
resource "terraform_data" "endpoint" {
  input = "127.0.0.1:13315"
}

provider "rtm" { endpoint = terraform_data.endpoint.output }`,
			want: mustPhrases("Unknown RTM Endpoint", "Set it statically in the configuration or use the RTM_ENDPOINT environment variable"),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEnv(nil, tc.env),
				Steps: []resource.TestStep{{
					Config:      readGroupConfig(tc.provider),
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
		})
	}
}

// TestAccProvider_oneClientPerProvider: every resource and data source of a
// provider instance shares one client, across Terraform commands too.
func TestAccProvider_oneClientPerProvider(t *testing.T) {
	srv := newTestEmulator(t)
	p := newRTMProvider("test", nil, func(string) string { return "" })
	var clients []*rtm.Client
	recordClient := func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		clients = append(clients, p.client)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"rtm": providerserver.NewProtocol6WithError(p),
		},
		Steps: []resource.TestStep{
			{
				Config: testGroupConfig(srv, 700, ptr("one"), nil) + `
data "rtm_group" "read" {
  group_id = rtm_group.test.group_id
}
`,
				ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(func() error { recordClient(); return nil })},
			},
			{
				Config:            testGroupConfig(srv, 700, ptr("two"), nil),
				ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(func() error { recordClient(); return nil })},
			},
		},
	})
	if len(clients) != 2 || clients[0] == nil || clients[0] != clients[1] {
		t.Fatalf("provider clients across steps = %p, want one non-nil client", clients)
	}
}
