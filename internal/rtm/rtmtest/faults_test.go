package rtmtest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

func wantDropped(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, fpnn.ErrConnectionClosed) {
		t.Fatalf("got %v, want the connection closed without an answer", err)
	}
}

func TestDropEvery(t *testing.T) {
	h := newHarness(t)
	h.srv.DropEvery(3)
	for i := 1; i <= 9; i++ {
		_, err := h.call("getgroupcount", pInt("gid", 1))
		if i%3 == 0 {
			wantDropped(t, err)
		} else if err != nil {
			t.Fatalf("quest %d: %v", i, err)
		}
	}
	if n := h.srv.Calls("getgroupcount"); n != 6 {
		t.Fatalf("Calls = %d, want the 6 answered quests", n)
	}
	if n := h.srv.Dropped(); n != 3 {
		t.Fatalf("Dropped = %d, want 3", n)
	}
	h.srv.DropEvery(0)
	for range 5 {
		h.ok("getgroupcount", pInt("gid", 1))
	}
}

func TestDropAfterFiresOnce(t *testing.T) {
	h := newHarness(t)
	h.srv.DropAfter(2)
	h.ok("getgroupcount", pInt("gid", 1))
	if n := h.srv.Dropped(); n != 0 {
		t.Fatalf("Dropped = %d before the drop", n)
	}
	_, err := h.call("getgroupcount", pInt("gid", 1))
	wantDropped(t, err)
	for range 5 {
		h.ok("getgroupcount", pInt("gid", 1))
	}
	if n := h.srv.Dropped(); n != 1 {
		t.Fatalf("Dropped = %d, want 1", n)
	}
}

func TestDroppedQuestIsNotApplied(t *testing.T) {
	h := newHarness(t)
	h.srv.DropAfter(1)
	_, err := h.call("addgroupmembers", pInt("gid", 1), pUIDs(5))
	wantDropped(t, err)
	if got := h.srv.Members(testPID, 1); len(got) != 0 {
		t.Fatalf("dropped quest was applied: %v", got)
	}
}

func TestDropAfterApplyingLosesOnlyTheAnswer(t *testing.T) {
	h := newHarness(t)
	h.srv.DropAfterApplying(true)
	h.srv.DropAfter(1)
	_, err := h.call("addgroupmembers", pInt("gid", 1), pUIDs(5))
	wantDropped(t, err)
	if got := h.srv.Members(testPID, 1); !slices.Equal(got, []int64{5}) {
		t.Fatalf("members = %v, want the dropped quest applied", got)
	}
	h.ok("addgroupmembers", pInt("gid", 1), pUIDs(5)) // the retry is harmless
	if n := h.srv.Dropped(); n != 1 {
		t.Fatalf("Dropped = %d, want 1 (applied drops count too)", n)
	}
}

func TestFailNext(t *testing.T) {
	h := newHarness(t)
	h.srv.FailNext(2, CodeFrequencyLimited)
	for range 2 {
		_, err := h.call("addgroupmembers", pInt("gid", 1), pUIDs(5))
		wantCode(t, err, CodeFrequencyLimited)
	}
	if got := h.srv.Members(testPID, 1); len(got) != 0 {
		t.Fatalf("a failed quest was applied: %v", got)
	}
	h.ok("addgroupmembers", pInt("gid", 1), pUIDs(5))
	if n := h.srv.Calls("addgroupmembers"); n != 3 {
		t.Fatalf("Calls = %d, want 3 (error answers count)", n)
	}
	h.srv.FailNext(5, CodeInvalidPidOrSign)
	h.srv.FailNext(0, 0) // cancel
	h.ok("getgroupcount", pInt("gid", 1))
}

func TestDelayAnswers(t *testing.T) {
	h := newHarness(t)
	h.srv.DelayAnswers(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	body := payload(append(h.authParams("getgroupcount", testPID, testSecret), pInt("gid", 1))...)
	if _, err := h.client.Call(ctx, "getgroupcount", body); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a delayed answer arrived: %v", err)
	}
	// Closing the connection releases the delayed handler (no answer is sent).
	_ = h.client.Close()
	h.srv.DelayAnswers(10 * time.Millisecond)
	h.client = fpnn.NewClient(fpnn.ClientConfig{Endpoint: h.srv.Addr()})
	t.Cleanup(func() { _ = h.client.Close() })
	h.ok("getgroupcount", pInt("gid", 1))
	if n := h.srv.Calls("getgroupcount"); n != 1 {
		t.Fatalf("Calls = %d: the abandoned delayed quest must not count as answered", n)
	}
}

func TestCallsAndReset(t *testing.T) {
	h := newHarness(t)
	h.ok("getgroupcount", pInt("gid", 1))
	h.ok("getgroupcount", pInt("gid", 1))
	_, _ = h.call("getgroupcount", pInt("gid", 0)) // an error answer counts too
	h.ok("getgroupinfo", pInt("gid", 1))
	if h.srv.Calls("getgroupcount") != 3 || h.srv.Calls("getgroupinfo") != 1 || h.srv.Calls("delgroup") != 0 {
		t.Fatalf("Calls: count %d info %d delgroup %d", h.srv.Calls("getgroupcount"), h.srv.Calls("getgroupinfo"), h.srv.Calls("delgroup"))
	}
	h.srv.ResetCalls()
	if h.srv.Calls("getgroupcount") != 0 {
		t.Fatal("ResetCalls did not reset")
	}
}
