package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The secret key must not reach a saved plan (terraform plan -out, then
// terraform show -json). Terraform stores the values of ordinary input
// variables in the plan file, sensitive or not, so the docs give two safe
// routes: RTM_SECRET_KEY, or an ephemeral variable (Terraform >= 1.10).
// These tests check the plan JSON that plugin-testing reads from the saved
// plan, and the last one shows that the check does catch a leak.

// secretVariableConfig is a provider block taking the secret from a
// variable declared with the given extra arguments.
func secretVariableConfig(endpoint, variableArgs string) string {
	return fmt.Sprintf(`
variable "rtm_secret_key" {
  type      = string
  sensitive = true
  %s
}

provider "rtm" {
  endpoint   = %q
  project_id = %d
  secret_key = var.rtm_secret_key
}

resource "rtm_group" "test" {
  group_id    = 7700
  public_info = "secret plan test"
}
`, variableArgs, endpoint, testProjectID)
}

func TestAccProvider_secretNotInSavedPlan_ephemeralVariable(t *testing.T) {
	srv := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config:          secretVariableConfig(srv.Addr(), "ephemeral = true"),
			ConfigVariables: config.Variables{"rtm_secret_key": config.StringVariable(testSecretKey)},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{savedPlanHoldsSecret{testSecretKey, false}},
			},
		}},
	})
}

func TestAccProvider_secretNotInSavedPlan_environment(t *testing.T) {
	srv := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEnv(nil, map[string]string{envSecretKey: testSecretKey}),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "rtm" {
  endpoint   = %q
  project_id = %d
}

resource "rtm_group" "test" {
  group_id    = 7701
  public_info = "secret plan test"
}
`, srv.Addr(), testProjectID),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{savedPlanHoldsSecret{testSecretKey, false}},
			},
		}},
	})
}

// What the docs warn about: an ordinary (even sensitive) variable is
// stored in the saved plan. This is Terraform's behaviour, not the
// provider's; the test proves that savedPlanHoldsSecret can see a secret.
func TestAccProvider_secretInSavedPlan_ordinaryVariable(t *testing.T) {
	srv := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config:          secretVariableConfig(srv.Addr(), ""),
			ConfigVariables: config.Variables{"rtm_secret_key": config.StringVariable(testSecretKey)},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{savedPlanHoldsSecret{testSecretKey, true}},
			},
		}},
	})
}

// savedPlanHoldsSecret checks whether the saved plan, as `terraform show
// -json` prints it, contains secret anywhere.
type savedPlanHoldsSecret struct {
	secret string
	want   bool
}

func (c savedPlanHoldsSecret) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	raw, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	if got := strings.Contains(string(raw), c.secret); got != c.want {
		resp.Error = fmt.Errorf("the saved plan's JSON holds the secret key: %t, want %t", got, c.want)
	}
}
