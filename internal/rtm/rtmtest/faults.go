package rtmtest

import (
	"sync"
	"time"
)

// faults holds the fault-injection settings; every RTM quest consults it
// once, before anything else happens to the quest.
type faults struct {
	mu           sync.Mutex
	dropEvery    int
	sinceDrop    int // quests since DropEvery was set or last fired
	dropAfter    int // 0 = off; otherwise quests left until the one to drop
	dropApplying bool
	delay        time.Duration
	failLeft     int
	failCode     int
	dropped      int // connections closed by DropEvery/DropAfter so far
}

// verdict is what the fault settings decide for one quest.
type verdict struct {
	drop     bool          // close the connection instead of answering
	apply    bool          // with drop: run the quest first, then drop its answer
	delay    time.Duration // wait this long before answering
	failCode int           // non-zero: answer with this error code
}

func (f *faults) next() verdict {
	f.mu.Lock()
	defer f.mu.Unlock()
	v := verdict{delay: f.delay}
	if f.dropEvery > 0 {
		f.sinceDrop++
		if f.sinceDrop >= f.dropEvery {
			f.sinceDrop = 0
			v.drop = true
		}
	}
	if f.dropAfter > 0 {
		f.dropAfter--
		if f.dropAfter == 0 {
			v.drop = true
		}
	}
	if v.drop {
		v.apply = f.dropApplying
		f.dropped++
		return v
	}
	if f.failLeft > 0 {
		f.failLeft--
		v.failCode = f.failCode
	}
	return v
}

// DropEvery closes the connection, without answering, on every n-th RTM quest
// from now on; 0 turns it off.
func (s *Server) DropEvery(n int) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.dropEvery = max(n, 0)
	s.faults.sinceDrop = 0
}

// DropAfter closes the connection, without answering, on the n-th RTM quest
// from now (once); n <= 0 cancels a pending DropAfter.
func (s *Server) DropAfter(n int) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.dropAfter = max(n, 0)
}

// Dropped returns how many connections fault injection (DropEvery,
// DropAfter) has closed so far. A connection that the client closes while
// its answer is delayed is not counted: the emulator did not drop it.
func (s *Server) Dropped() int {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	return s.faults.dropped
}

// DropAfterApplying chooses what a dropped quest does. false (the default):
// it is dropped before it is looked at, so nothing changes. true: it is
// carried out and only its answer is lost, the harder case for a client that
// retries ("the quest may or may not have reached the server").
func (s *Server) DropAfterApplying(on bool) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.dropApplying = on
}

// DelayAnswers holds every answer back for d (0 = off), a slow server. The
// quest is carried out (or refused) first; only its answer waits. Quests of
// one connection are served concurrently, like the multi-threaded C++
// server, so each is delayed on its own and answers come in completion
// order. If the connection closes during the delay (the client gave up or
// went away, or Close), the quest is abandoned: no answer, not counted in
// Calls, logged as result=dropped; what it changed stays changed, as with
// DropAfterApplying.
func (s *Server) DelayAnswers(d time.Duration) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.delay = max(d, 0)
}

// FailNext answers the next k RTM quests with an error answer carrying code,
// without authenticating or carrying them out. k <= 0 cancels.
func (s *Server) FailNext(k int, code int) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.failLeft = max(k, 0)
	s.faults.failCode = code
}
