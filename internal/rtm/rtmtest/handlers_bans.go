package rtmtest

import "time"

// addgroupban {gid?, uid, btime} -> {}. No gid (or gid ≤ 0): in all groups.
// btime ≤ 0: permanent; otherwise btime seconds from now on Config.Clock.
func (s *Server) addGroupBan(r *request) ([]byte, error) {
	gid, err := r.optionalGroupID()
	if err != nil {
		return nil, err
	}
	uid, err := r.int("uid")
	if err != nil {
		return nil, err
	}
	btime, err := r.banSeconds()
	if err != nil {
		return nil, err
	}
	s.store.ban(r.pid, gid, uid, time.Duration(btime)*time.Second)
	return answerEmpty(), nil
}

// removegroupban {gid?, uid} -> {}. No gid (or gid ≤ 0): every ban of uid.
func (s *Server) removeGroupBan(r *request) ([]byte, error) {
	gid, err := r.optionalGroupID()
	if err != nil {
		return nil, err
	}
	uid, err := r.int("uid")
	if err != nil {
		return nil, err
	}
	s.store.unban(r.pid, gid, uid)
	return answerEmpty(), nil
}

// isbanofgroup {gid, uid} -> {ok: bool}: banned in gid or in all groups.
func (s *Server) isBanOfGroup(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	uid, err := r.int("uid")
	if err != nil {
		return nil, err
	}
	return answerOK(s.store.isBanned(r.pid, gid, uid)), nil
}
