package rtmtest

import (
	"sync"
	"testing"
)

// Many goroutines on one pipelined connection, plus out-of-band readers:
// the final membership is exact (run with -race).
func TestConcurrentCallsKeepExactMembership(t *testing.T) {
	h := newHarness(t)
	const workers, perWorker = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				uid := int64(w*1000 + i)
				if _, err := h.call("addgroupmembers", pInt("gid", 1), pUIDs(uid, uid+500)); err != nil {
					errs <- err
				}
				if _, err := h.call("delgroupmembers", pInt("gid", 1), pUIDs(uid+500)); err != nil {
					errs <- err
				}
				_ = h.srv.Members(testPID, 1)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got := h.srv.Members(testPID, 1)
	if len(got) != workers*perWorker {
		t.Fatalf("%d members, want %d", len(got), workers*perWorker)
	}
	for w := range workers {
		for i := range perWorker {
			if !h.srv.store.isMember(testPID, 1, int64(w*1000+i)) {
				t.Fatalf("uid %d missing", w*1000+i)
			}
		}
	}
}
