package rtmtest

import (
	"fmt"
	"math/rand/v2"
)

// addgroupmembers {gid, uids} -> {}. All or nothing: a call that would take
// the group past MaxMembers changes nothing.
func (s *Server) addGroupMembers(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	uids, err := r.uidList()
	if err != nil {
		return nil, err
	}
	if !s.store.addMembers(r.pid, gid, uids, s.cfg.MaxMembers) {
		return nil, rtmError(CodeMaxGroupMembers, fmt.Sprintf(
			"exceed max group members: group %d would have more than %d members", gid, s.cfg.MaxMembers))
	}
	return answerEmpty(), nil
}

// delgroupmembers {gid, uids} -> {}. Users that are not members are ignored.
func (s *Server) delGroupMembers(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	uids, err := r.uidList()
	if err != nil {
		return nil, err
	}
	s.store.removeMembers(r.pid, gid, uids)
	return answerEmpty(), nil
}

// delgroup {gid} -> {}: members and both infos go.
func (s *Server) delGroup(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	s.store.deleteGroup(r.pid, gid)
	return answerEmpty(), nil
}

// getgroupmembers {gid} -> {uids: [...]}, sorted (shuffled with
// Config.ShuffleLists); [] for an unknown group.
func (s *Server) getGroupMembers(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	return answerIDs("uids", s.listOrder(s.store.members(r.pid, gid))), nil
}

// getgroupcount {gid} -> {cn: n}.
func (s *Server) getGroupCount(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	return answerCount(s.store.memberCount(r.pid, gid)), nil
}

// isgroupmember {gid, uid} -> {ok: bool}.
func (s *Server) isGroupMember(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	uid, err := r.int("uid")
	if err != nil {
		return nil, err
	}
	return answerOK(s.store.isMember(r.pid, gid, uid)), nil
}

// getusergroups {uid} -> {gids: [...]}, sorted (shuffled with
// Config.ShuffleLists).
func (s *Server) getUserGroups(r *request) ([]byte, error) {
	uid, err := r.int("uid")
	if err != nil {
		return nil, err
	}
	return answerIDs("gids", s.listOrder(s.store.userGroups(r.pid, uid))), nil
}

// clearprojectgroup {} -> {}: every group of the project (members, infos,
// bans) goes.
func (s *Server) clearProjectGroup(r *request) ([]byte, error) {
	s.store.clearProject(r.pid)
	return answerEmpty(), nil
}

// listOrder puts an id list (a fresh slice from the store) in the order it is
// answered in: as is (sorted), or shuffled with Config.ShuffleLists.
func (s *Server) listOrder(ids []int64) []int64 {
	if s.cfg.ShuffleLists {
		rand.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	}
	return ids
}
