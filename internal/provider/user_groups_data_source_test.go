package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

func testUserGroupsConfig(srv *rtmtest.Server) string {
	return testProviderConfig(srv) + `
data "rtm_user_groups" "member" {
  user_id = 7
}

data "rtm_user_groups" "nobody" {
  user_id = 99
}
`
}

func int64List(ids ...int64) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.Int64Exact(id)
	}
	return knownvalue.ListExact(checks)
}

func TestAccUserGroups_basic(t *testing.T) {
	srv := newTestEmulator(t)
	// Added out of order, so the data source has to sort.
	srv.AddMembers(testProjectID, 30, 7)
	srv.AddMembers(testProjectID, 10, 7, 8)
	srv.AddMembers(testProjectID, 20, 7)
	srv.AddMembers(testProjectID, 40, 8)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				Config: testUserGroupsConfig(srv),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.rtm_user_groups.member", tfjsonpath.New("id"), knownvalue.StringExact("7")),
					statecheck.ExpectKnownValue("data.rtm_user_groups.member", tfjsonpath.New("group_ids"), int64List(10, 20, 30)),
					statecheck.ExpectKnownValue("data.rtm_user_groups.nobody", tfjsonpath.New("group_ids"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				PreConfig: func() {
					srv.RemoveMembers(testProjectID, 20, 7)
					srv.AddMembers(testProjectID, 5, 7)
				},
				Config: testUserGroupsConfig(srv),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.rtm_user_groups.member", tfjsonpath.New("group_ids"), int64List(5, 10, 30)),
				},
			},
		},
	})
}

func TestAccUserGroups_rejectsInvalidUserID(t *testing.T) {
	srv := newTestEmulator(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: testProviderConfig(srv) + fmt.Sprintf(`
data "rtm_user_groups" "bad" {
  user_id = %[1]d
}
`, 0),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`user_id value must be at least 1, got: 0`),
		}},
	})
}

// The emulator answers group ids in random order (newTestEmulator), as a
// real server may: with 30 groups, a list that is not sorted by the data
// source would show it on practically every run.
func TestAccUserGroups_sortsServerOrder(t *testing.T) {
	srv := newTestEmulator(t)
	groups := idRange(101, 130)
	for _, gid := range groups {
		srv.AddMembers(testProjectID, gid, 7)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: testProviderConfig(srv) + `
data "rtm_user_groups" "member" {
  user_id = 7
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.rtm_user_groups.member", tfjsonpath.New("group_ids"), int64List(groups...)),
			},
		}},
	})
}
