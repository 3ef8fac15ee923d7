package rtm

import (
	"crypto/rand"
	"sync/atomic"
	"time"
)

// Salt layout: milliseconds since the epoch << 22 | a random per-process tag
// (8 bits) << 14 | a counter (14 bits). The value is positive until about
// 2039, like the SDKs' (PROTOCOL.md §4.5).
//
// Uniqueness does not rest on the layout: every salt is strictly greater than
// the previous one handed out by this process (a CAS on the last value), so
// when more than 2^14 salts are needed in one millisecond, or the wall clock
// steps back, the counter simply runs ahead of the clock. The random tag only
// makes a clash with another process using the same project unlikely.
const (
	saltTimeShift = 22
	saltTagShift  = 14
)

type saltGenerator struct {
	last  atomic.Int64
	tag   int64
	nowMs func() int64
}

func newSaltGenerator(nowMs func() int64) *saltGenerator {
	var b [1]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported platforms
	return &saltGenerator{tag: int64(b[0]), nowMs: nowMs}
}

// next returns a salt no earlier call on g has returned.
func (g *saltGenerator) next() int64 {
	floor := g.nowMs()<<saltTimeShift | g.tag<<saltTagShift
	for {
		last := g.last.Load()
		candidate := floor
		if candidate <= last {
			candidate = last + 1
		}
		if g.last.CompareAndSwap(last, candidate) {
			return candidate
		}
	}
}

// processSalts is shared by every Client in the process, so two clients for
// the same project never sign with the same salt.
var processSalts = newSaltGenerator(func() int64 { return time.Now().UnixMilli() })
