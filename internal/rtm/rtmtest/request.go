package rtmtest

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// request is one RTM quest on its way through the emulator.
type request struct {
	method string
	params *fpnn.Params
	pid    int64
	hasPID bool
	gid    int64 // set by handlers that read a gid, for the log
	hasGID bool
}

// handlerFunc carries out one RTM method for an authenticated quest and
// returns the answer payload, or an error answer.
type handlerFunc func(s *Server, r *request) ([]byte, error)

// handlers maps FPNN method names (PROTOCOL.md §5) to their handlers.
var handlers = map[string]handlerFunc{
	"addgroupmembers":   (*Server).addGroupMembers,
	"delgroupmembers":   (*Server).delGroupMembers,
	"delgroup":          (*Server).delGroup,
	"getgroupmembers":   (*Server).getGroupMembers,
	"getgroupcount":     (*Server).getGroupCount,
	"isgroupmember":     (*Server).isGroupMember,
	"getusergroups":     (*Server).getUserGroups,
	"clearprojectgroup": (*Server).clearProjectGroup,
	"addgroupban":       (*Server).addGroupBan,
	"removegroupban":    (*Server).removeGroupBan,
	"isbanofgroup":      (*Server).isBanOfGroup,
	"setgroupinfo":      (*Server).setGroupInfo,
	"getgroupinfo":      (*Server).getGroupInfo,
}

// handle is the fpnn.Handler for every quest except the built-in *ping:
// faults first, then the RTM pipeline, then the delay, counters and log.
func (s *Server) handle(ctx context.Context, q *fpnn.Quest) ([]byte, error) {
	start := time.Now()
	r := &request{method: q.Method}
	v := s.faults.next()
	if v.drop && !v.apply {
		s.logRequest(r, nil, true, start)
		return nil, fpnn.ErrDropConnection
	}
	var answer []byte
	var err error
	if v.failCode != 0 {
		err = rtmError(v.failCode, "injected failure (rtmtest FailNext)")
	} else {
		answer, err = s.process(r, q.Payload)
	}
	if v.delay > 0 && !sleep(ctx, v.delay) {
		s.logRequest(r, nil, true, start)
		return nil, fpnn.ErrDropConnection
	}
	if v.drop {
		s.logRequest(r, nil, true, start)
		return nil, fpnn.ErrDropConnection
	}
	s.calls.add(r.method)
	s.logRequest(r, err, false, start)
	return answer, err
}

// process authenticates the quest and runs its method.
func (s *Server) process(r *request, payload []byte) ([]byte, error) {
	h, ok := handlers[r.method]
	if !ok {
		return nil, rtmError(CodeUnknownMethod, "unknown method "+strconv.Quote(r.method))
	}
	p, err := fpnn.DecodeParams(payload)
	if err != nil {
		return nil, asAnswer(err)
	}
	r.params = p
	if gid, ok, err := p.OptInt("gid"); ok && err == nil {
		r.gid, r.hasGID = gid, true // for the log, even if authentication fails
	}
	if err := s.authenticate(r); err != nil {
		return nil, err
	}
	return h(s, r)
}

// authenticate checks pid, sign, ts, the rate limit and sign reuse, in that
// order (see the package documentation).
func (s *Server) authenticate(r *request) error {
	pid, err := r.int32("pid")
	if err != nil {
		return err
	}
	r.pid, r.hasPID = pid, true
	sign, err := r.params.String("sign")
	if err != nil {
		return asAnswer(err)
	}
	salt, err := r.int("salt")
	if err != nil {
		return err
	}
	ts, err := r.int32("ts")
	if err != nil {
		return err
	}
	if err := s.auth.checkSign(pid, sign, salt, r.method, ts); err != nil {
		return err
	}
	if err := s.auth.checkTS(ts); err != nil {
		return err
	}
	if !s.limits.allow(pid, s.cfg.AuthClock.Now()) {
		return rtmError(CodeFrequencyLimited, "frequency limited: more than the project's rate limit of calls per second")
	}
	return s.auth.checkReplay(sign)
}

// asAnswer turns a parameter error into the error answer an FPNN server
// sends for it: its code, and its text as ex.
func asAnswer(err error) error {
	var pe *fpnn.ParamError
	if errors.As(err, &pe) {
		return rtmError(pe.Code, pe.Error())
	}
	return err
}

// sleep waits d; false if ctx ended first.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Server) logRequest(r *request, err error, dropped bool, start time.Time) {
	s.log.write(logEntry{
		method: r.method, pid: r.pid, hasPID: r.hasPID, gid: r.gid, hasGID: r.hasGID,
		code: answerCode(err), dropped: dropped, latency: time.Since(start),
	})
}
