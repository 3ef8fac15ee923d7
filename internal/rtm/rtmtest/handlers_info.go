package rtmtest

// setgroupinfo {gid, oinfo?, pinfo?} -> {}. A missing key leaves that info
// as it is; both are checked before either is changed.
func (s *Server) setGroupInfo(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	public, err := r.info("oinfo")
	if err != nil {
		return nil, err
	}
	private, err := r.info("pinfo")
	if err != nil {
		return nil, err
	}
	if public != nil || private != nil {
		s.store.setInfo(r.pid, gid, public, private)
	}
	return answerEmpty(), nil
}

// getgroupinfo {gid} -> {oinfo, pinfo}, both always present ("" when unset).
func (s *Server) getGroupInfo(r *request) ([]byte, error) {
	gid, err := r.groupID()
	if err != nil {
		return nil, err
	}
	public, private := s.store.info(r.pid, gid)
	return answerInfo(public, private), nil
}
