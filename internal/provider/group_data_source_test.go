package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

func testGroupDataSourceConfig(srv *rtmtest.Server) string {
	return testProviderConfig(srv) + `
data "rtm_group" "lobby" {
  group_id = 500
}

data "rtm_group" "unused" {
  group_id = 501
}
`
}

func TestAccGroupDataSource_basic(t *testing.T) {
	srv := newTestEmulator(t)
	srv.SetGroupInfo(testProjectID, 500, "Lobby", `{"tier":"gold"}`)
	srv.AddMembers(testProjectID, 500, 30, 3, 12)

	const lobby, unused = "data.rtm_group.lobby", "data.rtm_group.unused"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{
			{
				Config: testGroupDataSourceConfig(srv),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("id"), knownvalue.StringExact("500")),
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("public_info"), knownvalue.StringExact("Lobby")),
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("private_info"), knownvalue.StringExact(`{"tier":"gold"}`)),
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("user_ids"), int64List(3, 12, 30)),
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("member_count"), knownvalue.Int64Exact(3)),
					// A group never used reads as empty, not as an error.
					statecheck.ExpectKnownValue(unused, tfjsonpath.New("public_info"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(unused, tfjsonpath.New("private_info"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(unused, tfjsonpath.New("user_ids"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(unused, tfjsonpath.New("member_count"), knownvalue.Int64Exact(0)),
				},
			},
			{
				PreConfig: func() {
					srv.RemoveMembers(testProjectID, 500, 12)
					srv.SetGroupInfo(testProjectID, 500, "Lobby v2", "")
				},
				Config: testGroupDataSourceConfig(srv),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("public_info"), knownvalue.StringExact("Lobby v2")),
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("private_info"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("user_ids"), int64List(3, 30)),
					statecheck.ExpectKnownValue(lobby, tfjsonpath.New("member_count"), knownvalue.Int64Exact(2)),
				},
			},
		},
	})
}

// The data source reads what an rtm_group resource wrote in the same run.
func TestAccGroupDataSource_readsManagedGroup(t *testing.T) {
	srv := newTestEmulator(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkGroupDeleted(srv, 510),
		Steps: []resource.TestStep{{
			Config: testGroupConfig(srv, 510, ptr("from the resource"), ptr("hidden")) + `
data "rtm_group" "read" {
  group_id = rtm_group.test.group_id
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.rtm_group.read", tfjsonpath.New("public_info"),
					testGroupAddr, tfjsonpath.New("public_info"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.rtm_group.read", tfjsonpath.New("private_info"), knownvalue.StringExact("hidden")),
				statecheck.ExpectKnownValue("data.rtm_group.read", tfjsonpath.New("member_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

// The emulator answers members in random order (newTestEmulator), as a
// real server may: with 40 members, a list that is not sorted by the data
// source would show it on practically every run.
func TestAccGroupDataSource_sortsServerOrder(t *testing.T) {
	srv := newTestEmulator(t)
	members := idRange(1, 40)
	srv.AddMembers(testProjectID, 510, members...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			Config: testProviderConfig(srv) + `
data "rtm_group" "big" {
  group_id = 510
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.rtm_group.big", tfjsonpath.New("user_ids"), int64List(members...)),
			},
		}},
	})
}
