package rtm_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

func TestThousandMembersTakeTenQuests(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	uids := uidRange(1_000_000, 1000)

	if err := c.AddGroupMembers(context.Background(), 1, uids); err != nil {
		t.Fatal(err)
	}
	if n := srv.Calls("addgroupmembers"); n != 10 {
		t.Fatalf("1,000 members took %d addgroupmembers quests, want 10", n)
	}
	if got := srv.Members(testPID, 1); !slices.Equal(got, uids) {
		t.Fatalf("emulator has %d members, want the 1,000 added", len(got))
	}

	if err := c.DelGroupMembers(context.Background(), 1, uids[:250]); err != nil {
		t.Fatal(err)
	}
	if n := srv.Calls("delgroupmembers"); n != 3 {
		t.Fatalf("250 removals took %d delgroupmembers quests, want 3", n)
	}
	if got := srv.Members(testPID, 1); !slices.Equal(got, uids[250:]) {
		t.Fatalf("emulator has %d members after removing 250", len(got))
	}
}

func TestEmptyMemberListSendsNothing(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	for _, uids := range [][]int64{nil, {}} {
		if err := c.AddGroupMembers(context.Background(), 1, uids); err != nil {
			t.Fatal(err)
		}
		if err := c.DelGroupMembers(context.Background(), 1, uids); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Calls("addgroupmembers") + srv.Calls("delgroupmembers"); n != 0 {
		t.Fatalf("empty lists sent %d quests", n)
	}
}

// A group capped at 250 members takes two or three of four chunks; the
// BatchError must say exactly which uids made it.
func TestBatchErrorReportsWhatWasApplied(t *testing.T) {
	srv := newEmulator(t, func(cfg *rtmtest.Config) { cfg.MaxMembers = 250 })
	c := newTestClient(t, srv)
	uids := uidRange(1, 400)

	err := c.AddGroupMembers(context.Background(), 9, uids)
	var batchErr *rtm.BatchError
	if !errors.As(err, &batchErr) {
		t.Fatalf("err = %v, want *rtm.BatchError", err)
	}
	if !rtm.IsTooManyMembers(err) || batchErr.GroupID != 9 || batchErr.Method != "addgroupmembers" {
		t.Fatalf("BatchError %v", err)
	}
	if got := srv.Members(testPID, 9); !slices.Equal(got, batchErr.Applied) {
		t.Fatalf("Applied %d uids but the emulator has %d", len(batchErr.Applied), len(got))
	}
	if len(batchErr.Applied) != 200 {
		t.Fatalf("Applied %d uids, want 200 (two chunks fit under 250)", len(batchErr.Applied))
	}
	all := append(slices.Clone(batchErr.Applied), batchErr.Pending...)
	slices.Sort(all)
	if !slices.Equal(all, uids) {
		t.Fatal("Applied + Pending is not the input")
	}
}

// The emulator drops the connection on every 50th quest while 10,000 members
// are added and removed; retries must make the result exact.
func TestDroppedConnectionsDuringLargeBatches(t *testing.T) {
	for _, applied := range []bool{false, true} {
		name := "dropped before applying"
		if applied {
			name = "dropped after applying"
		}
		t.Run(name, func(t *testing.T) {
			srv := newEmulator(t)
			srv.DropAfterApplying(applied)
			srv.DropEvery(50)
			logger := &recordingLogger{}
			c := newTestClient(t, srv, func(cfg *rtm.Config) { cfg.Logger = logger })
			uids := uidRange(5_000_000, 10_000)

			if err := c.AddGroupMembers(context.Background(), 77, uids); err != nil {
				t.Fatal(err)
			}
			if got := srv.Members(testPID, 77); !slices.Equal(got, uids) {
				t.Fatalf("after adding 10,000: emulator has %d members", len(got))
			}
			if drops := logger.countCode(rtm.CodeFPNNConnClosed); drops == 0 {
				t.Fatal("no attempt failed with a dropped connection: the fault injection did not happen")
			}

			if err := c.DelGroupMembers(context.Background(), 77, uids); err != nil {
				t.Fatal(err)
			}
			if got := srv.Members(testPID, 77); len(got) != 0 {
				t.Fatalf("after removing 10,000: emulator has %d members", len(got))
			}
			t.Logf("%d attempts hit a dropped connection; %d retries in all",
				logger.countCode(rtm.CodeFPNNConnClosed), len(logger.byLevel("warn")))
		})
	}
}
