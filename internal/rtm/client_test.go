package rtm_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

func TestMembersCalls(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	ctx := context.Background()

	if err := c.AddGroupMembers(ctx, 10, []int64{3, 1, 2}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddGroupMembers(ctx, 11, []int64{2}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Members(testPID, 10); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("emulator members = %v", got)
	}

	members, err := c.GetGroupMembers(ctx, 10)
	slices.Sort(members)
	if err != nil || !slices.Equal(members, []int64{1, 2, 3}) {
		t.Fatalf("GetGroupMembers = %v, %v", members, err)
	}
	if n, err := c.GetGroupCount(ctx, 10); err != nil || n != 3 {
		t.Fatalf("GetGroupCount = %d, %v", n, err)
	}
	if ok, err := c.IsGroupMember(ctx, 10, 2); err != nil || !ok {
		t.Fatalf("IsGroupMember(10, 2) = %v, %v", ok, err)
	}
	if ok, err := c.IsGroupMember(ctx, 10, 99); err != nil || ok {
		t.Fatalf("IsGroupMember(10, 99) = %v, %v", ok, err)
	}
	groups, err := c.GetUserGroups(ctx, 2)
	slices.Sort(groups)
	if err != nil || !slices.Equal(groups, []int64{10, 11}) {
		t.Fatalf("GetUserGroups(2) = %v, %v", groups, err)
	}

	if err := c.DelGroupMembers(ctx, 10, []int64{1, 3}); err != nil {
		t.Fatal(err)
	}
	if got := srv.Members(testPID, 10); !slices.Equal(got, []int64{2}) {
		t.Fatalf("after DelGroupMembers, emulator members = %v", got)
	}

	if err := c.DelGroup(ctx, 10); err != nil {
		t.Fatal(err)
	}
	members, err = c.GetGroupMembers(ctx, 10)
	if err != nil || members == nil || len(members) != 0 {
		t.Fatalf("GetGroupMembers after DelGroup = %#v, %v; want an empty, non-nil list", members, err)
	}
	if groups, err := c.GetUserGroups(ctx, 999); err != nil || groups == nil || len(groups) != 0 {
		t.Fatalf("GetUserGroups(unknown) = %#v, %v", groups, err)
	}
}

func TestGroupInfoCalls(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	ctx := context.Background()
	public, private := "public text", "private text"

	if err := c.SetGroupInfo(ctx, 20, &public, &private); err != nil {
		t.Fatal(err)
	}
	if info, err := c.GetGroupInfo(ctx, 20); err != nil || info != (rtm.GroupInfo{Public: public, Private: private}) {
		t.Fatalf("GetGroupInfo = %+v, %v", info, err)
	}

	changed := "changed"
	if err := c.SetGroupInfo(ctx, 20, nil, &changed); err != nil {
		t.Fatal(err)
	}
	if gotPublic, gotPrivate := srv.GroupInfo(testPID, 20); gotPublic != public || gotPrivate != changed {
		t.Fatalf("after setting only private info: %q, %q", gotPublic, gotPrivate)
	}

	srv.ResetCalls()
	if err := c.SetGroupInfo(ctx, 20, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := srv.Calls("setgroupinfo"); n != 0 {
		t.Fatalf("SetGroupInfo(nil, nil) sent %d quests", n)
	}

	if info, err := c.GetGroupInfo(ctx, 21); err != nil || info != (rtm.GroupInfo{}) {
		t.Fatalf("GetGroupInfo(unknown group) = %+v, %v", info, err)
	}

	if err := c.DelGroup(ctx, 20); err != nil {
		t.Fatal(err)
	}
	if info, err := c.GetGroupInfo(ctx, 20); err != nil || info != (rtm.GroupInfo{}) {
		t.Fatalf("GetGroupInfo after DelGroup = %+v, %v", info, err)
	}
}

func TestBanCalls(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clk := clock.NewFake(start)
	srv := newEmulator(t, func(cfg *rtmtest.Config) { cfg.Clock = clk })
	c := newTestClient(t, srv)
	ctx := context.Background()

	// 1.5s rounds up to a 2s ban.
	if err := c.AddGroupBan(ctx, 30, 7, 1500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if banned, err := c.IsBanOfGroup(ctx, 30, 7); err != nil || !banned {
		t.Fatalf("IsBanOfGroup right after the ban = %v, %v", banned, err)
	}
	if banned, _ := c.IsBanOfGroup(ctx, 31, 7); banned {
		t.Fatal("a ban in group 30 shows in group 31")
	}
	clk.Advance(1900 * time.Millisecond)
	if !srv.IsBanned(testPID, 30, 7) {
		t.Fatal("ban expired before 2s: btime was not rounded up")
	}
	clk.Advance(200 * time.Millisecond)
	if banned, err := c.IsBanOfGroup(ctx, 30, 7); err != nil || banned {
		t.Fatalf("IsBanOfGroup after expiry = %v, %v", banned, err)
	}

	// Permanent ban, lifted explicitly.
	if err := c.AddGroupBan(ctx, 30, 8, 0); err != nil {
		t.Fatal(err)
	}
	clk.Advance(365 * 24 * time.Hour)
	if banned, _ := c.IsBanOfGroup(ctx, 30, 8); !banned {
		t.Fatal("a ban with duration 0 expired")
	}
	if err := c.RemoveGroupBan(ctx, 30, 8); err != nil {
		t.Fatal(err)
	}
	if banned, _ := c.IsBanOfGroup(ctx, 30, 8); banned {
		t.Fatal("RemoveGroupBan did not lift the ban")
	}

	// gid 0: a ban in every group, lifted in every group.
	if err := c.AddGroupBan(ctx, 0, 9, time.Hour); err != nil {
		t.Fatal(err)
	}
	for _, gid := range []int64{1, 30, 12345} {
		if banned, _ := c.IsBanOfGroup(ctx, gid, 9); !banned {
			t.Fatalf("ban without gid does not apply to group %d", gid)
		}
	}
	if err := c.RemoveGroupBan(ctx, 0, 9); err != nil {
		t.Fatal(err)
	}
	if banned, _ := c.IsBanOfGroup(ctx, 30, 9); banned {
		t.Fatal("RemoveGroupBan without gid did not lift the all-groups ban")
	}
}

func TestCallsAfterCloseFail(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetGroupMembers(context.Background(), 1); !errors.Is(err, rtm.ErrClosed) {
		t.Fatalf("call after Close = %v, want ErrClosed", err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close = %v", err)
	}
}
