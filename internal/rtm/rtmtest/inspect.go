package rtmtest

import "time"

// Inspection and out-of-band changes, for tests: they act on the store
// directly (no auth, no limits, no counters), the way an operator's console
// would change the real service behind the client's back.

// Members returns the group's members, sorted; never nil.
func (s *Server) Members(pid, gid int64) []int64 { return s.store.members(pid, gid) }

// SetMembers replaces the group's members (no member limit applies).
func (s *Server) SetMembers(pid, gid int64, uids []int64) { s.store.setMembers(pid, gid, uids) }

// AddMembers adds members (no member limit applies).
func (s *Server) AddMembers(pid, gid int64, uids ...int64) { s.store.addMembers(pid, gid, uids, 0) }

// RemoveMembers removes members; unknown uids are ignored.
func (s *Server) RemoveMembers(pid, gid int64, uids ...int64) {
	s.store.removeMembers(pid, gid, uids)
}

// GroupInfo returns the group's public (oinfo) and private (pinfo) info.
func (s *Server) GroupInfo(pid, gid int64) (public, private string) { return s.store.info(pid, gid) }

// SetGroupInfo sets both infos.
func (s *Server) SetGroupInfo(pid, gid int64, public, private string) {
	s.store.setInfo(pid, gid, &public, &private)
}

// DeleteGroup removes the group's members and infos, like delgroup.
func (s *Server) DeleteGroup(pid, gid int64) { s.store.deleteGroup(pid, gid) }

// Ban bans uid in gid (gid <= 0: in all groups) for d on Config.Clock
// (d <= 0: permanently).
func (s *Server) Ban(pid, gid, uid int64, d time.Duration) { s.store.ban(pid, gid, uid, d) }

// Unban lifts uid's ban in gid, or all of uid's bans when gid <= 0.
func (s *Server) Unban(pid, gid, uid int64) { s.store.unban(pid, gid, uid) }

// IsBanned answers like isbanofgroup: banned in gid or in all groups. With
// gid <= 0 only a ban in all groups counts.
func (s *Server) IsBanned(pid, gid, uid int64) bool { return s.store.isBanned(pid, gid, uid) }

// UserGroups returns the gids uid is a member of, sorted; never nil.
func (s *Server) UserGroups(pid, uid int64) []int64 { return s.store.userGroups(pid, uid) }
