package provider

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// Deleting something that is already gone must succeed. Acceptance tests
// cannot show it (the refresh before a destroy drops the resource first),
// so these call Delete directly, with the state a previous apply left.

// testProviderData is what a configured provider hands to resources: a
// client for srv's test project.
func testProviderData(t *testing.T, srv *rtmtest.Server) *providerData {
	t.Helper()
	settings := clientSettings{
		endpoint: srv.Addr(), projectID: testProjectID, secretKey: testSecretKey,
		requestTimeout: 10 * time.Second, connectTimeout: 5 * time.Second, maxRetries: 1,
	}
	client, err := rtm.New(settings.rtmConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	return &providerData{client: client, clock: clock.Real{}, owners: newGroupOwners()}
}

// resourceState builds r's state with the given attributes set and every
// other attribute null.
func resourceState(t *testing.T, r resource.Resource, attrs map[string]any) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	var schemaResp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	state := tfsdk.State{
		Schema: schemaResp.Schema,
		Raw:    tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil),
	}
	for name, value := range attrs {
		if diags := state.SetAttribute(ctx, path.Root(name), value); diags.HasError() {
			t.Fatalf("set %s: %v", name, diags)
		}
	}
	return state
}

// deleteResource runs r.Delete on state and fails the test on any error.
func deleteResource(t *testing.T, r resource.Resource, state tfsdk.State) {
	t.Helper()
	resp := &resource.DeleteResponse{State: state}
	r.Delete(context.Background(), resource.DeleteRequest{State: state}, resp)
	for _, d := range resp.Diagnostics {
		t.Errorf("Delete: %s: %s: %s", d.Severity(), d.Summary(), d.Detail())
	}
}

func TestUnitDeleteGroupMemberAlreadyGone(t *testing.T) {
	t.Parallel()
	srv := newTestEmulator(t)
	const gid, uid = 3101, 42
	srv.AddMembers(testProjectID, gid, 7) // someone else's member
	r := &GroupMemberResource{clientHolder{data: testProviderData(t, srv)}}
	state := resourceState(t, r, map[string]any{"id": formatGroupUserID(gid, uid), "group_id": int64(gid), "user_id": int64(uid)})

	deleteResource(t, r, state)
	if err := checkEmulatorMembers(srv, gid, []int64{7}); err != nil {
		t.Error(err)
	}
	// A server that answers "not a group member" (RTM 200041) instead of
	// ignoring the user: still a success.
	srv.FailNext(1, rtm.CodeNotGroupMember)
	deleteResource(t, r, state)
	if err := checkEmulatorMembers(srv, gid, []int64{7}); err != nil {
		t.Error(err)
	}
}

func TestUnitDeleteGroupBanAlreadyGone(t *testing.T) {
	t.Parallel()
	srv := newTestEmulator(t)
	const gid, uid = 4101, 42
	srv.Ban(testProjectID, gid, 43, 0) // another user's ban stays
	r := &GroupBanResource{clientHolder{data: testProviderData(t, srv)}}
	state := resourceState(t, r, map[string]any{
		"id": formatGroupUserID(gid, uid), "group_id": int64(gid), "user_id": int64(uid),
		"duration_seconds": int64(60), "expires_at": "2026-03-01T12:01:00Z", "reban_on_expiry": false,
	})

	deleteResource(t, r, state)
	if srv.IsBanned(testProjectID, gid, uid) || !srv.IsBanned(testProjectID, gid, 43) {
		t.Errorf("bans after delete: user %d %t (want false), user 43 %t (want true)",
			uid, srv.IsBanned(testProjectID, gid, uid), srv.IsBanned(testProjectID, gid, 43))
	}
}

func TestUnitDeleteGroupMembershipAlreadyEmpty(t *testing.T) {
	t.Parallel()
	srv := newTestEmulator(t)
	const gid = 2301
	srv.SetGroupInfo(testProjectID, gid, "lobby", "") // the group's info is not the membership's
	r := &GroupMembershipResource{clientHolder{data: testProviderData(t, srv)}}
	state := resourceState(t, r, map[string]any{
		"id": formatGroupID(gid), "group_id": int64(gid), "user_ids": NewMembersListValue([]int64{3, 1, 2}),
	})

	deleteResource(t, r, state)
	if err := checkEmulatorMembers(srv, gid, nil); err != nil {
		t.Error(err)
	}
	if public, _ := srv.GroupInfo(testProjectID, gid); public != "lobby" {
		t.Errorf("delete changed the group's public info to %q", public)
	}
}

func TestUnitDeleteGroupAlreadyDeleted(t *testing.T) {
	t.Parallel()
	srv := newTestEmulator(t)
	const gid = 7101
	srv.SetGroupInfo(testProjectID, 7102, "neighbour", "") // another group stays
	r := &GroupResource{clientHolder{data: testProviderData(t, srv)}}
	state := resourceState(t, r, map[string]any{
		"id": formatGroupID(gid), "group_id": int64(gid), "public_info": "gone", "private_info": "",
	})

	deleteResource(t, r, state)
	if err := checkGroupDeleted(srv, gid)(nil); err != nil {
		t.Error(err)
	}
	if public, _ := srv.GroupInfo(testProjectID, 7102); public != "neighbour" {
		t.Errorf("delete of group %d changed group 7102's info to %q", gid, public)
	}
}
