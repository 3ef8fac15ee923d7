package rtm

import (
	"context"
	"sync"
	"sync/atomic"
)

// MaxUIDsPerCall is RTM's documented limit on uids in one add/del-members call.
const MaxUIDsPerCall = 100

// defaultBatchConcurrency is how many chunks of one list are in flight at
// once. Over a 10ms round trip (BenchmarkMemberBatch), 2,000 uids take 224ms
// one chunk at a time, 79ms with 4 and 48ms with 8 in flight. Real RTM
// endpoints are further away, so sequential chunks would stay far below the
// 100 calls/s budget; 8 stays under the rate limiter's burst of 10.
const defaultBatchConcurrency = 8

// memberBatch sends uids to method in chunks of at most MaxUIDsPerCall, a few
// chunks at a time. An empty list sends nothing. After a chunk finally fails
// no new chunk is started; the chunks already in flight finish, and the
// result is a *BatchError listing the uids applied and those not applied,
// both in input order, with the error of the lowest-numbered failed chunk.
func (c *Client) memberBatch(ctx context.Context, method string, gid int64, uids []int64) error {
	if len(uids) == 0 {
		return nil
	}
	chunks := splitUIDs(uids)
	errs := make([]error, len(chunks))
	sent := make([]bool, len(chunks))

	var next atomic.Int64
	var failed atomic.Bool
	worker := func() {
		for !failed.Load() {
			i := int(next.Add(1) - 1)
			if i >= len(chunks) {
				return
			}
			q := quest{method: method, fields: withGID | withUIDs, gid: gid, uids: chunks[i]}
			_, errs[i] = c.call(ctx, &q)
			sent[i] = true
			if errs[i] != nil {
				failed.Store(true)
			}
		}
	}
	workers := min(c.batchConcurrency, len(chunks))
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(worker)
	}
	worker()
	wg.Wait()

	if !failed.Load() {
		return nil
	}
	batchErr := &BatchError{Method: method, GroupID: gid}
	for i, chunk := range chunks {
		if sent[i] && errs[i] == nil {
			batchErr.Applied = append(batchErr.Applied, chunk...)
			continue
		}
		batchErr.Pending = append(batchErr.Pending, chunk...)
		if batchErr.Err == nil && errs[i] != nil {
			batchErr.Err = errs[i]
		}
	}
	return batchErr
}

// splitUIDs cuts uids into consecutive chunks of at most MaxUIDsPerCall,
// sharing uids' backing array.
func splitUIDs(uids []int64) [][]int64 {
	chunks := make([][]int64, 0, (len(uids)+MaxUIDsPerCall-1)/MaxUIDsPerCall)
	for len(uids) > MaxUIDsPerCall {
		chunks = append(chunks, uids[:MaxUIDsPerCall:MaxUIDsPerCall])
		uids = uids[MaxUIDsPerCall:]
	}
	return append(chunks, uids)
}
