package rtmtest

import (
	"slices"
	"testing"
)

func TestListsAreSortedByDefault(t *testing.T) {
	h := newHarness(t)
	uids := make([]int64, 0, 50)
	for uid := int64(50); uid >= 1; uid-- {
		uids = append(uids, uid)
		h.srv.AddMembers(testPID, uid, 7) // user 7 in groups 1..50
	}
	h.srv.AddMembers(testPID, 1, uids...)
	if got := h.members(1); !slices.IsSorted(got) || len(got) != 50 {
		t.Fatalf("uids = %v, want 1..50 sorted", got)
	}
	gids, err := decoded(t, h.ok("getusergroups", pInt("uid", 7))).Ints("gids")
	if err != nil || !slices.IsSorted(gids) || len(gids) != 50 {
		t.Fatalf("gids = %v (%v), want 1..50 sorted", gids, err)
	}
}

// With ShuffleLists the same sets come back in another order at least once
// in a few answers (50 ids: the chance of sorted by luck is 1/50!).
func TestShuffleListsAnswersSameSetsUnordered(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ShuffleLists = true })
	want := make([]int64, 0, 50)
	for id := int64(1); id <= 50; id++ {
		want = append(want, id)
		h.srv.AddMembers(testPID, id, 7)
	}
	h.srv.AddMembers(testPID, 1, want...)
	var uidsShuffled, gidsShuffled bool
	for range 3 {
		uids := h.members(1)
		gids, err := decoded(t, h.ok("getusergroups", pInt("uid", 7))).Ints("gids")
		if err != nil {
			t.Fatal(err)
		}
		uidsShuffled = uidsShuffled || !slices.IsSorted(uids)
		gidsShuffled = gidsShuffled || !slices.IsSorted(gids)
		slices.Sort(uids)
		slices.Sort(gids)
		if !slices.Equal(uids, want) || !slices.Equal(gids, want) {
			t.Fatalf("sets changed: uids %v gids %v", uids, gids)
		}
	}
	if !uidsShuffled || !gidsShuffled {
		t.Fatalf("lists stayed sorted: uids shuffled %v, gids shuffled %v", uidsShuffled, gidsShuffled)
	}
	if got := h.srv.Members(testPID, 1); !slices.Equal(got, want) {
		t.Fatalf("Members (inspection) = %v, want sorted", got)
	}
}
