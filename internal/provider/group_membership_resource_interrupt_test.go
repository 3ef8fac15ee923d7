package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// Ctrl-C during an apply is not a provider bug: the apply ends with a
// diagnostic that says what was applied and that applying again finishes
// the work, and applying again does (quietly: the members the interrupted
// create placed are all in user_ids).
//
// Not parallel: it interrupts "the" terraform process this test runs, found
// as a child of the test process, so no other test may run terraform then.
func TestAccGroupMembership_interruptedApply(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2104
	members := idRange(1, 1000)
	config := membershipConfig(srv, gid, members)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		CheckDestroy:             checkMembersRemoved(srv, gid),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					// Slow answers keep the create busy; interrupt terraform
					// once the first members have reached the group.
					srv.DelayAnswers(300 * time.Millisecond)
					go interruptTerraformWhen(t, func() bool { return len(srv.Members(testProjectID, gid)) > 0 })
				},
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)` + phrase("RTM Operation Interrupted") + `.*` +
					phrase("Terraform was interrupted (Ctrl-C or a stop signal) while trying to set the members of group 2104") +
					`.*` + phrase("run terraform apply again to finish the work") + `.*` +
					phrase("RTM confirmed that") + `\s+\d+\s+` + phrase("of the 1000 users to add were added to group 2104")),
			},
			{
				PreConfig: func() {
					if n := len(srv.Members(testProjectID, gid)); n == 0 || n == len(members) {
						t.Fatalf("after the interrupted create the group has %d members, want some but not all", n)
					}
					srv.DelayAnswers(0)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testMembershipAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{emulatorMembers(srv, gid, members)},
			},
		},
	})
}

// The operation's own deadline (the timeouts block) ending a create part
// way gets the same account of what was applied.
func TestAccGroupMembership_createTimeout(t *testing.T) {
	srv := newTestEmulator(t)
	const gid = 2105
	config := testProviderConfig(srv) + fmt.Sprintf(`
resource "rtm_group_membership" "test" {
  group_id = %d
  user_ids = %s
  timeouts = {
    create = "1500ms"
  }
}
`, gid, hclIDs(idRange(1, 1000)))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories(nil),
		Steps: []resource.TestStep{{
			// A read and the first eight calls of 100 fit in the deadline; the
			// last two cannot.
			PreConfig: func() { srv.DelayAnswers(500 * time.Millisecond) },
			Config:    config,
			ExpectError: regexp.MustCompile(`(?s)` + phrase("RTM Operation Timed Out") + `.*` +
				phrase("Running terraform apply again finishes the work") + `.*` +
				phrase("RTM confirmed that") + `\s+\d+\s+` + phrase("of the 1000 users to add were added to group 2105")),
		}},
	})
}

// interruptTerraformWhen sends SIGINT, as Ctrl-C would, to the terraform
// process the test runs, once ready reports true. It gives up after a
// minute: the step then fails on its own for want of the expected error.
func interruptTerraformWhen(t *testing.T, ready func() bool) {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if ready() {
			if pid := childProcess("terraform"); pid > 0 {
				if err := syscall.Kill(pid, syscall.SIGINT); err != nil {
					t.Errorf("interrupt terraform (pid %d): %v", pid, err)
				}
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("no terraform process to interrupt within a minute")
}

// childProcess is the pid of a child of this process named name, or 0.
func childProcess(name string) int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, stat := range stats {
		raw, err := os.ReadFile(stat)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may hold spaces, so split after ")".
		s := string(raw)
		open, closing := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || closing < open {
			continue
		}
		fields := strings.Fields(s[closing+1:])
		if s[open+1:closing] != name || len(fields) < 2 {
			continue
		}
		if ppid, _ := strconv.Atoi(fields[1]); ppid == os.Getpid() {
			pid, _ := strconv.Atoi(strings.TrimSpace(s[:open]))
			return pid
		}
	}
	return 0
}
