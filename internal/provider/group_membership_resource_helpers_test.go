package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

const testMembershipAddr = "rtm_group_membership.test"

// idRange is from..to inclusive.
func idRange(from, to int64) []int64 {
	ids := make([]int64, 0, to-from+1)
	for id := from; id <= to; id++ {
		ids = append(ids, id)
	}
	return ids
}

// hclIDs renders ids as an HCL list, in the given order.
func hclIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// membershipConfig is an rtm_group_membership of gid with ids (in order).
func membershipConfig(srv *rtmtest.Server, gid int64, ids []int64) string {
	return testProviderConfig(srv) + fmt.Sprintf(`
resource "rtm_group_membership" "test" {
  group_id = %d
  user_ids = %s
}
`, gid, hclIDs(ids))
}

// knownIDs expects exactly ids, in this order.
func knownIDs(ids []int64) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.Int64Exact(id)
	}
	return knownvalue.ListExact(checks)
}

// emulatorMembers asserts the emulator's member list of gid is exactly ids
// (in any order): the apply reached the server, not only the state.
func emulatorMembers(srv *rtmtest.Server, gid int64, ids []int64) statecheck.StateCheck {
	return emulatorCheck(func() error { return checkEmulatorMembers(srv, gid, ids) })
}

func checkEmulatorMembers(srv *rtmtest.Server, gid int64, ids []int64) error {
	got := srv.Members(testProjectID, gid)
	want := slices.Clone(ids)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("emulator group %d has %d members %s, want %d %s",
			gid, len(got), abbreviateIDs(got), len(want), abbreviateIDs(want))
	}
	return nil
}

// checkMembersRemoved is a CheckDestroy: gid has no members left.
func checkMembersRemoved(srv *rtmtest.Server, gid int64) func(*terraform.State) error {
	return func(*terraform.State) error { return checkEmulatorMembers(srv, gid, nil) }
}

// membershipPlanCheck runs check on the before and after user_ids of the
// planned change of addr (nil for a missing side).
type membershipPlanCheck struct {
	addr  string
	check func(before, after []int64) error
}

func (c membershipPlanCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, err := planUserIDs(rc.Change.Before)
		if err == nil {
			var after []int64
			after, err = planUserIDs(rc.Change.After)
			if err == nil {
				err = c.check(before, after)
			}
		}
		resp.Error = err
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", c.addr)
}

// planUserIDs reads user_ids out of a plan's JSON object.
func planUserIDs(obj any) ([]int64, error) {
	m, ok := obj.(map[string]any)
	if !ok {
		return nil, nil
	}
	raw, ok := m["user_ids"].([]any)
	if !ok {
		return nil, fmt.Errorf("user_ids is %T in the plan, want a known list", m["user_ids"])
	}
	ids := make([]int64, len(raw))
	for i, v := range raw {
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("user_ids[%d] is %T", i, v)
		}
		id, err := n.Int64()
		if err != nil {
			return nil, fmt.Errorf("user_ids[%d]: %w", i, err)
		}
		ids[i] = id
	}
	return ids, nil
}

// questLog collects an emulator's request log (rtmtest.Config.Log) to count
// the quests sent, dropped ones included: Calls counts answered quests only.
type questLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *questLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// count is how many logged quests called method.
func (l *questLog) count(method string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.buf.String(), " method="+method+" ")
}
