package rtmtest

import (
	"slices"
	"testing"
	"time"
)

func TestMembershipCalls(t *testing.T) {
	h := newHarness(t)
	h.ok("addgroupmembers", pInt("gid", 12345), pUIDs(102459, 102458, 102458))
	h.ok("addgroupmembers", pInt("gid", 12345), pUIDs(102458)) // idempotent
	if got := h.members(12345); !slices.Equal(got, []int64{102458, 102459}) {
		t.Fatalf("members = %v", got)
	}
	cn, err := decoded(t, h.ok("getgroupcount", pInt("gid", 12345))).Int("cn")
	if err != nil || cn != 2 {
		t.Fatalf("cn = %d, %v", cn, err)
	}
	if !h.isOK("isgroupmember", 12345, 102458) || h.isOK("isgroupmember", 12345, 1) {
		t.Fatal("isgroupmember wrong")
	}
	h.ok("delgroupmembers", pInt("gid", 12345), pUIDs(102458, 777)) // 777 never was a member
	if got := h.members(12345); !slices.Equal(got, []int64{102459}) {
		t.Fatalf("members after delete = %v", got)
	}
}

func TestGetUserGroupsIsSortedAndCurrent(t *testing.T) {
	h := newHarness(t)
	for _, gid := range []int64{300, 100, 200} {
		h.ok("addgroupmembers", pInt("gid", gid), pUIDs(7, 8))
	}
	gids := func(uid int64) []int64 {
		ids, err := decoded(t, h.ok("getusergroups", pInt("uid", uid))).Ints("gids")
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if got := gids(7); !slices.Equal(got, []int64{100, 200, 300}) {
		t.Fatalf("gids = %v", got)
	}
	h.ok("delgroup", pInt("gid", 200))
	h.ok("delgroupmembers", pInt("gid", 300), pUIDs(7))
	if got := gids(7); !slices.Equal(got, []int64{100}) {
		t.Fatalf("gids after changes = %v", got)
	}
	if got := gids(999); len(got) != 0 {
		t.Fatalf("gids of a stranger = %v", got)
	}
}

func TestDelGroupRemovesMembersAndInfo(t *testing.T) {
	h := newHarness(t)
	h.ok("addgroupmembers", pInt("gid", 5), pUIDs(1, 2))
	h.ok("setgroupinfo", pInt("gid", 5), pStr("oinfo", "pub"), pStr("pinfo", "priv"))
	h.ok("delgroup", pInt("gid", 5))
	if got := h.members(5); len(got) != 0 {
		t.Fatalf("members after delgroup: %v", got)
	}
	if pub, priv := h.srv.GroupInfo(testPID, 5); pub != "" || priv != "" {
		t.Fatalf("info after delgroup: %q %q", pub, priv)
	}
	h.ok("delgroup", pInt("gid", 5)) // deleting an absent group is fine: groups are implicit
}

func TestGroupInfoCalls(t *testing.T) {
	h := newHarness(t)
	info := func(gid int64) (string, string) {
		p := decoded(t, h.ok("getgroupinfo", pInt("gid", gid)))
		pub, err1 := p.String("oinfo")
		priv, err2 := p.String("pinfo")
		if err1 != nil || err2 != nil {
			t.Fatalf("getgroupinfo answer: %v %v", err1, err2)
		}
		return pub, priv
	}
	if pub, priv := info(8); pub != "" || priv != "" {
		t.Fatalf("unknown group info = %q %q", pub, priv)
	}
	h.ok("setgroupinfo", pInt("gid", 8), pStr("oinfo", "public"), pStr("pinfo", "private"))
	h.ok("setgroupinfo", pInt("gid", 8), pStr("pinfo", "secret two")) // oinfo left out: unchanged
	h.ok("setgroupinfo", pInt("gid", 8))                              // both left out (Go SDK, both nil)
	if pub, priv := info(8); pub != "public" || priv != "secret two" {
		t.Fatalf("info = %q %q", pub, priv)
	}
	h.ok("setgroupinfo", pInt("gid", 8), pRaw("oinfo", 0xc4, 0x02, 'h', 'i')) // bin accepted as string
	if pub, _ := info(8); pub != "hi" {
		t.Fatalf("oinfo from bin = %q", pub)
	}
	h.ok("setgroupinfo", pInt("gid", 8), pStr("oinfo", ""), pStr("pinfo", ""))
	if pub, priv := info(8); pub != "" || priv != "" {
		t.Fatalf("cleared info = %q %q", pub, priv)
	}
}

func TestBanExpiresOnTheFakeClock(t *testing.T) {
	h := newHarness(t)
	h.ok("addgroupban", pInt("gid", 5), pInt("uid", 1), pInt("btime", 120))
	if !h.isOK("isbanofgroup", 5, 1) {
		t.Fatal("not banned")
	}
	if h.isOK("isbanofgroup", 6, 1) {
		t.Fatal("banned in another group")
	}
	h.clock.Advance(119 * time.Second)
	if !h.isOK("isbanofgroup", 5, 1) {
		t.Fatal("ban ended early")
	}
	h.clock.Advance(time.Second)
	if h.isOK("isbanofgroup", 5, 1) {
		t.Fatal("ban did not expire after btime seconds")
	}
}

func TestBanWithoutExpiry(t *testing.T) {
	for _, btime := range []int64{0, -1} {
		h := newHarness(t)
		h.ok("addgroupban", pInt("gid", 5), pInt("uid", 1), pInt("btime", btime))
		h.clock.Advance(50 * 365 * 24 * time.Hour)
		if !h.isOK("isbanofgroup", 5, 1) {
			t.Fatalf("btime %d: ban not permanent", btime)
		}
	}
}

func TestBanWithoutGIDAppliesToAllGroups(t *testing.T) {
	h := newHarness(t)
	h.ok("addgroupban", pInt("uid", 1), pInt("btime", 0)) // Go SDK with groupId 0
	h.ok("addgroupban", pInt("gid", 0), pInt("uid", 2), pInt("btime", 60))
	for _, gid := range []int64{1, 77, 1 << 40} {
		if !h.isOK("isbanofgroup", gid, 1) || !h.isOK("isbanofgroup", gid, 2) {
			t.Fatalf("all-groups ban not seen in group %d", gid)
		}
	}
	if !h.srv.IsBanned(testPID, 0, 1) {
		t.Fatal("inspection does not see the all-groups ban")
	}
}

func TestRemoveGroupBan(t *testing.T) {
	h := newHarness(t)
	h.ok("addgroupban", pInt("gid", 5), pInt("uid", 1), pInt("btime", 0))
	h.ok("addgroupban", pInt("gid", 6), pInt("uid", 1), pInt("btime", 0))
	h.ok("removegroupban", pInt("gid", 5), pInt("uid", 1))
	if h.isOK("isbanofgroup", 5, 1) || !h.isOK("isbanofgroup", 6, 1) {
		t.Fatal("removegroupban with gid lifted the wrong ban")
	}
	h.ok("addgroupban", pInt("uid", 1), pInt("btime", 0))
	h.ok("removegroupban", pInt("uid", 1)) // no gid: every ban of the user
	for _, gid := range []int64{5, 6, 7} {
		if h.isOK("isbanofgroup", gid, 1) {
			t.Fatalf("still banned in %d after removegroupban without gid", gid)
		}
	}
	h.ok("removegroupban", pInt("uid", 99)) // never banned: fine
}

func TestClearProjectGroup(t *testing.T) {
	h := newHarness(t)
	h.ok("addgroupmembers", pInt("gid", 1), pUIDs(1))
	h.ok("clearprojectgroup")
	if got := h.members(1); len(got) != 0 {
		t.Fatalf("members after clearprojectgroup: %v", got)
	}
}

func TestOutOfBandChangesAreSeenOnTheWire(t *testing.T) {
	h := newHarness(t)
	h.srv.SetMembers(testPID, 4, []int64{3, 1, 2})
	h.srv.AddMembers(testPID, 4, 9)
	h.srv.RemoveMembers(testPID, 4, 1)
	if got := h.members(4); !slices.Equal(got, []int64{2, 3, 9}) {
		t.Fatalf("members = %v", got)
	}
	h.srv.SetGroupInfo(testPID, 4, "o", "p")
	if pub, priv := h.srv.GroupInfo(testPID, 4); pub != "o" || priv != "p" {
		t.Fatal("SetGroupInfo/GroupInfo")
	}
	h.srv.Ban(testPID, 4, 2, time.Minute)
	if !h.isOK("isbanofgroup", 4, 2) {
		t.Fatal("out-of-band ban not seen")
	}
	h.srv.Unban(testPID, 4, 2)
	if h.isOK("isbanofgroup", 4, 2) {
		t.Fatal("out-of-band unban not seen")
	}
	h.srv.DeleteGroup(testPID, 4)
	if got := h.members(4); len(got) != 0 {
		t.Fatal("DeleteGroup")
	}
	// Projects are separate.
	h.srv.AddMembers(testPID+1, 4, 1)
	if got := h.members(4); len(got) != 0 {
		t.Fatal("another project's members leaked")
	}
}
