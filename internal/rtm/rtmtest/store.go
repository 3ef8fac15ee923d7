package rtmtest

import (
	"slices"
	"sync"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
)

// allGroups is the gid under which a ban "in all groups" is kept.
const allGroups int64 = 0

// store is the emulator's data: per project, groups (members and infos) and
// bans. Groups are implicit: one exists while it has members or info. Every
// method is safe for concurrent use.
type store struct {
	mu       sync.Mutex
	clock    clock.Clock
	projects map[int64]*project
	// changed is called (with mu held) after every mutation; persistence hooks
	// in here. It must not block.
	changed func()
}

type project struct {
	groups     map[int64]*group
	userGroups map[int64]map[int64]struct{} // uid -> gids, so getusergroups needs no scan
	bans       map[banKey]time.Time         // zero time = permanent
}

type group struct {
	members         map[int64]struct{}
	public, private string
}

type banKey struct{ gid, uid int64 } // gid allGroups = every group

func newStore(clk clock.Clock) *store {
	return &store{clock: clk, projects: map[int64]*project{}, changed: func() {}}
}

// project returns pid's data, creating it when create is set (nil otherwise).
func (s *store) project(pid int64, create bool) *project {
	p := s.projects[pid]
	if p == nil && create {
		p = &project{groups: map[int64]*group{}, userGroups: map[int64]map[int64]struct{}{}, bans: map[banKey]time.Time{}}
		s.projects[pid] = p
	}
	return p
}

func (p *project) group(gid int64, create bool) *group {
	g := p.groups[gid]
	if g == nil && create {
		g = &group{members: map[int64]struct{}{}}
		p.groups[gid] = g
	}
	return g
}

// dropIfEmpty forgets a group with no members and no info (groups are implicit).
func (p *project) dropIfEmpty(gid int64) {
	if g := p.groups[gid]; g != nil && len(g.members) == 0 && g.public == "" && g.private == "" {
		delete(p.groups, gid)
	}
}

func (p *project) addMember(gid, uid int64, g *group) {
	g.members[uid] = struct{}{}
	gids := p.userGroups[uid]
	if gids == nil {
		gids = map[int64]struct{}{}
		p.userGroups[uid] = gids
	}
	gids[gid] = struct{}{}
}

func (p *project) removeMember(gid, uid int64, g *group) {
	delete(g.members, uid)
	if gids := p.userGroups[uid]; gids != nil {
		delete(gids, gid)
		if len(gids) == 0 {
			delete(p.userGroups, uid)
		}
	}
}

// addMembers adds uids to the group unless the group would then have more
// than maxMembers members; in that case nothing is added and ok is false.
func (s *store) addMembers(pid, gid int64, uids []int64, maxMembers int) (ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(pid, true)
	g := p.group(gid, true)
	added := 0
	seen := make(map[int64]struct{}, len(uids))
	for _, uid := range uids {
		if _, in := g.members[uid]; in {
			continue
		}
		if _, dup := seen[uid]; dup {
			continue
		}
		seen[uid] = struct{}{}
		added++
	}
	if maxMembers > 0 && len(g.members)+added > maxMembers {
		p.dropIfEmpty(gid)
		return false
	}
	for uid := range seen {
		p.addMember(gid, uid, g)
	}
	if added > 0 {
		s.changed()
	}
	return true
}

func (s *store) removeMembers(pid, gid int64, uids []int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(pid, false)
	if p == nil {
		return
	}
	g := p.group(gid, false)
	if g == nil {
		return
	}
	removed := false
	for _, uid := range uids {
		if _, in := g.members[uid]; in {
			p.removeMember(gid, uid, g)
			removed = true
		}
	}
	p.dropIfEmpty(gid)
	if removed {
		s.changed()
	}
}

// setMembers replaces the member list (out-of-band; no limit applies).
func (s *store) setMembers(pid, gid int64, uids []int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(pid, true)
	g := p.group(gid, true)
	for uid := range g.members {
		p.removeMember(gid, uid, g)
	}
	for _, uid := range uids {
		p.addMember(gid, uid, g)
	}
	p.dropIfEmpty(gid)
	s.changed()
}

// deleteGroup removes the group's members and both infos; bans stay.
func (s *store) deleteGroup(pid, gid int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(pid, false)
	if p == nil {
		return
	}
	g := p.group(gid, false)
	if g == nil {
		return
	}
	for uid := range g.members {
		p.removeMember(gid, uid, g)
	}
	delete(p.groups, gid)
	s.changed()
}

// members returns the sorted member list; never nil.
func (s *store) members(pid, gid int64) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []int64{}
	if p := s.project(pid, false); p != nil {
		if g := p.group(gid, false); g != nil {
			out = make([]int64, 0, len(g.members))
			for uid := range g.members {
				out = append(out, uid)
			}
		}
	}
	slices.Sort(out)
	return out
}

func (s *store) memberCount(pid, gid int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.project(pid, false); p != nil {
		if g := p.group(gid, false); g != nil {
			return len(g.members)
		}
	}
	return 0
}

func (s *store) isMember(pid, gid, uid int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.project(pid, false); p != nil {
		if g := p.group(gid, false); g != nil {
			_, in := g.members[uid]
			return in
		}
	}
	return false
}

// userGroups returns the sorted gids uid is a member of; never nil.
func (s *store) userGroups(pid, uid int64) []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []int64{}
	if p := s.project(pid, false); p != nil {
		for gid := range p.userGroups[uid] {
			out = append(out, gid)
		}
	}
	slices.Sort(out)
	return out
}

// setInfo changes the infos that are non-nil.
func (s *store) setInfo(pid, gid int64, public, private *string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(pid, true)
	g := p.group(gid, true)
	if public != nil {
		g.public = *public
	}
	if private != nil {
		g.private = *private
	}
	p.dropIfEmpty(gid)
	s.changed()
}

func (s *store) info(pid, gid int64) (public, private string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.project(pid, false); p != nil {
		if g := p.group(gid, false); g != nil {
			return g.public, g.private
		}
	}
	return "", ""
}

// ban bans uid in gid (gid <= 0: in all groups) for d (d <= 0: permanently),
// replacing an earlier ban of the same scope.
func (s *store) ban(pid, gid, uid int64, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gid <= 0 {
		gid = allGroups
	}
	var until time.Time
	if d > 0 {
		until = s.clock.Now().Add(d)
	}
	s.project(pid, true).bans[banKey{gid, uid}] = until
	s.changed()
}

// unban lifts uid's ban in gid, or every ban of uid when gid <= 0.
func (s *store) unban(pid, gid, uid int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(pid, false)
	if p == nil {
		return
	}
	if gid > 0 {
		delete(p.bans, banKey{gid, uid})
	} else {
		for k := range p.bans {
			if k.uid == uid {
				delete(p.bans, k)
			}
		}
	}
	s.changed()
}

// isBanned reports whether uid is banned in gid, by a ban in that group or in
// all groups. For gid <= 0 only the all-groups ban counts.
func (s *store) isBanned(pid, gid, uid int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project(pid, false)
	if p == nil {
		return false
	}
	now := s.clock.Now()
	if p.banActive(banKey{allGroups, uid}, now) {
		return true
	}
	return gid > 0 && p.banActive(banKey{gid, uid}, now)
}

// banActive reports whether the ban exists and has not expired; an expired ban
// is forgotten (no persistence needed: it reads the same either way).
func (p *project) banActive(k banKey, now time.Time) bool {
	until, ok := p.bans[k]
	if !ok {
		return false
	}
	if until.IsZero() || now.Before(until) {
		return true
	}
	delete(p.bans, k)
	return false
}

// clearProject removes every group and ban of the project.
func (s *store) clearProject(pid int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.projects, pid)
	s.changed()
}
