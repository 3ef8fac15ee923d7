package rtmtest

import (
	"slices"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
)

const storePID = 80000001

func TestStoreMembersAreSortedSetsAndGroupsImplicit(t *testing.T) {
	st := newStore(clock.Real{})
	if !st.addMembers(storePID, 7, []int64{30, 10, 20, 10}, 0) {
		t.Fatal("addMembers refused without a limit")
	}
	if got := st.members(storePID, 7); !slices.Equal(got, []int64{10, 20, 30}) {
		t.Fatalf("members = %v, want [10 20 30]", got)
	}
	st.removeMembers(storePID, 7, []int64{10, 20, 30, 99})
	if got := st.members(storePID, 7); got == nil || len(got) != 0 {
		t.Fatalf("members of an emptied group = %#v, want empty non-nil", got)
	}
	if len(st.projects[storePID].groups) != 0 {
		t.Fatal("an empty group without info should not be kept")
	}
}

func TestStoreMaxMembersIsAllOrNothing(t *testing.T) {
	st := newStore(clock.Real{})
	st.addMembers(storePID, 1, []int64{1, 2, 3}, 4)
	if st.addMembers(storePID, 1, []int64{3, 4, 5}, 4) {
		t.Fatal("adding 2 new members to 3 with max 4 was accepted")
	}
	if got := st.members(storePID, 1); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("a refused call changed the group: %v", got)
	}
	// Members already present do not count toward the limit.
	if !st.addMembers(storePID, 1, []int64{1, 2, 3, 4}, 4) {
		t.Fatal("reaching exactly the max was refused")
	}
}

func TestStoreUserGroupsFollowMembership(t *testing.T) {
	st := newStore(clock.Real{})
	st.addMembers(storePID, 30, []int64{5}, 0)
	st.addMembers(storePID, 10, []int64{5, 6}, 0)
	st.addMembers(storePID, 20, []int64{5}, 0)
	st.addMembers(storePID+1, 40, []int64{5}, 0) // another project
	if got := st.userGroups(storePID, 5); !slices.Equal(got, []int64{10, 20, 30}) {
		t.Fatalf("userGroups = %v", got)
	}
	st.deleteGroup(storePID, 20)
	st.removeMembers(storePID, 30, []int64{5})
	if got := st.userGroups(storePID, 5); !slices.Equal(got, []int64{10}) {
		t.Fatalf("userGroups after delete = %v", got)
	}
	st.setMembers(storePID, 10, []int64{6, 7})
	if got := st.userGroups(storePID, 5); len(got) != 0 {
		t.Fatalf("userGroups after setMembers = %v", got)
	}
	if got := st.userGroups(storePID, 7); !slices.Equal(got, []int64{10}) {
		t.Fatalf("userGroups(7) = %v", got)
	}
}

func TestStoreDeleteGroupRemovesMembersAndInfo(t *testing.T) {
	st := newStore(clock.Real{})
	pub, priv := "pub", "priv"
	st.setInfo(storePID, 3, &pub, &priv)
	st.addMembers(storePID, 3, []int64{1}, 0)
	st.deleteGroup(storePID, 3)
	if p, q := st.info(storePID, 3); p != "" || q != "" {
		t.Fatalf("info after delete = %q, %q", p, q)
	}
	if st.memberCount(storePID, 3) != 0 || st.isMember(storePID, 3, 1) {
		t.Fatal("members survived delete")
	}
}

func TestStoreSetInfoLeavesNilSideAlone(t *testing.T) {
	st := newStore(clock.Real{})
	pub, priv := "a", "b"
	st.setInfo(storePID, 3, &pub, &priv)
	other := "c"
	st.setInfo(storePID, 3, nil, &other)
	if p, q := st.info(storePID, 3); p != "a" || q != "c" {
		t.Fatalf("info = %q, %q; want a, c", p, q)
	}
}

func TestStoreBansExpireOnTheClock(t *testing.T) {
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	st := newStore(clk)
	st.ban(storePID, 5, 100, 60*time.Second)
	if !st.isBanned(storePID, 5, 100) {
		t.Fatal("not banned right after ban")
	}
	if st.isBanned(storePID, 6, 100) {
		t.Fatal("a ban in group 5 applies to group 6")
	}
	clk.Advance(59 * time.Second)
	if !st.isBanned(storePID, 5, 100) {
		t.Fatal("ban ended early")
	}
	clk.Advance(time.Second)
	if st.isBanned(storePID, 5, 100) {
		t.Fatal("ban still active at its expiry")
	}
}

func TestStorePermanentAndAllGroupBans(t *testing.T) {
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	st := newStore(clk)
	st.ban(storePID, 0, 100, 0) // all groups, permanent
	st.ban(storePID, 5, 200, -time.Second)
	clk.Advance(100 * 365 * 24 * time.Hour)
	if !st.isBanned(storePID, 9, 100) || !st.isBanned(storePID, 0, 100) {
		t.Fatal("permanent all-groups ban not seen")
	}
	if !st.isBanned(storePID, 5, 200) {
		t.Fatal("negative duration is not permanent")
	}
	if st.isBanned(storePID, 0, 200) {
		t.Fatal("a per-group ban counts as an all-groups ban")
	}
	st.unban(storePID, 9, 100) // a per-group lift does not touch the all-groups ban
	if !st.isBanned(storePID, 9, 100) {
		t.Fatal("per-group unban lifted the all-groups ban")
	}
	st.ban(storePID, 7, 100, 0)
	st.unban(storePID, 0, 100)
	if st.isBanned(storePID, 9, 100) || st.isBanned(storePID, 7, 100) {
		t.Fatal("unban without gid left a ban")
	}
}

func TestStoreRebanReplacesExpiry(t *testing.T) {
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	st := newStore(clk)
	st.ban(storePID, 5, 1, time.Hour)
	st.ban(storePID, 5, 1, time.Minute)
	clk.Advance(2 * time.Minute)
	if st.isBanned(storePID, 5, 1) {
		t.Fatal("second ban did not replace the first")
	}
}

func TestStoreClearProject(t *testing.T) {
	st := newStore(clock.Real{})
	st.addMembers(storePID, 1, []int64{1}, 0)
	st.addMembers(storePID+1, 1, []int64{1}, 0)
	st.ban(storePID, 1, 1, 0)
	st.clearProject(storePID)
	if st.memberCount(storePID, 1) != 0 || st.isBanned(storePID, 1, 1) {
		t.Fatal("project not cleared")
	}
	if st.memberCount(storePID+1, 1) != 1 {
		t.Fatal("clearing one project touched another")
	}
}
