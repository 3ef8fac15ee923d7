package rtm

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestSplitUIDs(t *testing.T) {
	for _, n := range []int{1, 99, 100, 101, 250, 1000} {
		uids := make([]int64, n)
		for i := range uids {
			uids[i] = int64(i)
		}
		chunks := splitUIDs(uids)
		if want := (n + 99) / 100; len(chunks) != want {
			t.Fatalf("%d uids: %d chunks, want %d", n, len(chunks), want)
		}
		var joined []int64
		for _, c := range chunks {
			if len(c) == 0 || len(c) > MaxUIDsPerCall {
				t.Fatalf("%d uids: chunk of %d", n, len(c))
			}
			joined = append(joined, c...)
		}
		if !slices.Equal(joined, uids) {
			t.Fatalf("%d uids: chunks do not add up to the input", n)
		}
	}
}

func TestMemberBatchEmptyListSendsNothing(t *testing.T) {
	tr := &scriptedTransport{fallback: answerEmpty}
	c, _ := newScriptedClient(t, Config{}, tr)
	for _, uids := range [][]int64{nil, {}} {
		if err := c.AddGroupMembers(context.Background(), 1, uids); err != nil {
			t.Fatal(err)
		}
		if err := c.DelGroupMembers(context.Background(), 1, uids); err != nil {
			t.Fatal(err)
		}
	}
	if tr.calls() != 0 {
		t.Fatalf("empty lists sent %d quests", tr.calls())
	}
}

// failingChunkTransport answers 200042 to every quest whose uids include bad.
type failingChunkTransport struct {
	scriptedTransport
	bad int64
}

func (f *failingChunkTransport) Call(ctx context.Context, method string, payload []byte) ([]byte, error) {
	_, _ = f.scriptedTransport.Call(ctx, method, payload)
	p, err := decodeParamsForTest(payload)
	if err != nil {
		return nil, err
	}
	uids, _ := p.Ints("uids")
	if slices.Contains(uids, f.bad) {
		return answerCode(CodeMaxGroupMembers)(ctx)
	}
	return answerEmpty(ctx)
}

func TestMemberBatchSequentialFailureReportsPrefix(t *testing.T) {
	uids := make([]int64, 450)
	for i := range uids {
		uids[i] = int64(1000 + i)
	}
	tr := &failingChunkTransport{bad: uids[250]} // in the third chunk
	s, _ := Config{Endpoint: "127.0.0.1:1", ProjectID: 1, SecretKey: "k", RateLimit: -1}.validate()
	c := newClient(s, tr)
	c.batchConcurrency = 1

	err := c.AddGroupMembers(context.Background(), 77, uids)
	var batchErr *BatchError
	if !errors.As(err, &batchErr) {
		t.Fatalf("err = %v, want *BatchError", err)
	}
	if !slices.Equal(batchErr.Applied, uids[:200]) || !slices.Equal(batchErr.Pending, uids[200:]) {
		t.Fatalf("applied %d, pending %d; want 200 and 250 in input order", len(batchErr.Applied), len(batchErr.Pending))
	}
	if batchErr.GroupID != 77 || batchErr.Method != "addgroupmembers" || !IsTooManyMembers(err) {
		t.Fatalf("BatchError = %+v (%v)", batchErr, err)
	}
	if tr.calls() != 3 {
		t.Fatalf("sent %d quests; a sequential batch stops after the failed chunk (3)", tr.calls())
	}
}

func TestMemberBatchConcurrentFailurePartitionsInput(t *testing.T) {
	uids := make([]int64, 1000)
	for i := range uids {
		uids[i] = int64(i + 1)
	}
	for _, bad := range []int64{1, 555, 1000} {
		tr := &failingChunkTransport{bad: bad}
		s, _ := Config{Endpoint: "127.0.0.1:1", ProjectID: 1, SecretKey: "k", RateLimit: -1}.validate()
		c := newClient(s, tr)
		c.batchConcurrency = 4

		var batchErr *BatchError
		if err := c.DelGroupMembers(context.Background(), 5, uids); !errors.As(err, &batchErr) {
			t.Fatalf("err = %v, want *BatchError", err)
		}
		if slices.Contains(batchErr.Applied, bad) || !slices.Contains(batchErr.Pending, bad) {
			t.Fatalf("uid %d: the failed chunk must be pending, not applied", bad)
		}
		all := append(slices.Clone(batchErr.Applied), batchErr.Pending...)
		slices.Sort(all)
		if !slices.Equal(all, uids) {
			t.Fatalf("applied + pending != input")
		}
		if !slices.IsSorted(batchErr.Applied) || !slices.IsSorted(batchErr.Pending) {
			t.Fatalf("applied/pending not in input order")
		}
		if len(batchErr.Applied) != (tr.calls()-1)*MaxUIDsPerCall {
			t.Fatalf("applied %d uids after %d quests with one failure", len(batchErr.Applied), tr.calls())
		}
	}
}
