package provider

import "slices"

// idSet is a set of user ids; every membership computation below is O(n)
// through it, so 10,000-member groups stay cheap.
type idSet map[int64]struct{}

func newIDSet(ids []int64) idSet {
	s := make(idSet, len(ids))
	for _, id := range ids {
		s[id] = struct{}{}
	}
	return s
}

func (s idSet) has(id int64) bool {
	_, ok := s[id]
	return ok
}

// membersMinus returns the ids of a that are not in b, in a's order.
func membersMinus(a []int64, b idSet) []int64 {
	var out []int64
	for _, id := range a {
		if !b.has(id) {
			out = append(out, id)
		}
	}
	return out
}

// membersInPriorOrder orders the remote member list for state: members the
// prior state already had keep its order, members new to Terraform follow
// in ascending order. Keeping the prior order means a refresh never shows
// an order-only change, and a drift shows only the members that changed.
func membersInPriorOrder(prior, remote []int64) []int64 {
	remoteSet := newIDSet(remote)
	out := make([]int64, 0, len(remote))
	kept := make(idSet, len(remote))
	for _, id := range prior {
		if remoteSet.has(id) && !kept.has(id) {
			out = append(out, id)
			kept[id] = struct{}{}
		}
	}
	added := membersMinus(remote, kept)
	slices.Sort(added)
	return append(out, added...)
}

// membersAfterPartialUpdate is what a membership update that stopped part
// way really left in the group: the prior members minus the removals that
// were applied, plus the additions that were applied. Members the plan
// wants come first, in the plan's order; members still waiting to be
// removed follow in prior order. The next plan then shows exactly the
// remaining work: the pending removals and additions, nothing else.
func membersAfterPartialUpdate(prior, planned, removedApplied, addedApplied []int64) []int64 {
	removed := newIDSet(removedApplied)
	present := make(idSet, len(prior)+len(addedApplied))
	for _, id := range prior {
		if !removed.has(id) {
			present[id] = struct{}{}
		}
	}
	for _, id := range addedApplied {
		present[id] = struct{}{}
	}
	out := make([]int64, 0, len(present))
	for _, id := range planned {
		if present.has(id) {
			out = append(out, id)
		}
	}
	wanted := newIDSet(planned)
	for _, id := range prior {
		if present.has(id) && !wanted.has(id) {
			out = append(out, id)
		}
	}
	return out
}
