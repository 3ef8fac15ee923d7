package rtm_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

// BenchmarkIsGroupMember measures quests per second through one Client (one
// connection) with 1 to 256 concurrent callers. allocs/op is per quest.
// RTM_BENCH_ENDPOINT points it at an emulator already running, e.g. one
// shared with another client's benchmark for a comparison.
func BenchmarkIsGroupMember(b *testing.B) {
	addr := os.Getenv("RTM_BENCH_ENDPOINT")
	if addr == "" {
		addr = startEmulatorProcess(b, 0)
	}
	c, err := rtm.New(rtm.Config{Endpoint: addr, ProjectID: testPID, SecretKey: testSecret, RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	if err := c.AddGroupMembers(ctx, 1, []int64{2}); err != nil {
		b.Fatal(err)
	}
	for _, callers := range []int{1, 16, 64, 256} {
		b.Run(fmt.Sprintf("callers=%d", callers), func(b *testing.B) {
			b.ReportAllocs()
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for range callers {
				wg.Go(func() {
					for next.Add(1) <= int64(b.N) {
						if ok, err := c.IsGroupMember(ctx, 1, 2); err != nil || !ok {
							b.Errorf("IsGroupMember = %v, %v", ok, err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "quests/s")
		})
	}
}

// BenchmarkMemberBatch compares how many chunks of a 1,000-member list to
// send at once, directly and over a simulated 10ms round trip.
func BenchmarkMemberBatch(b *testing.B) {
	uids := uidRange(1, 1000)
	direct := startEmulatorProcess(b, 0)
	for _, rtt := range []time.Duration{0, 10 * time.Millisecond} {
		addr := direct
		if rtt > 0 {
			addr = startLatencyProxy(b, direct, rtt/2)
		}
		for _, concurrency := range []int{1, 4, 8, 16} {
			b.Run(fmt.Sprintf("rtt=%s/chunks_in_flight=%d", rtt, concurrency), func(b *testing.B) {
				c, err := rtm.New(rtm.Config{Endpoint: addr, ProjectID: testPID, SecretKey: testSecret, RateLimit: -1})
				if err != nil {
					b.Fatal(err)
				}
				defer c.Close()
				rtm.SetBatchConcurrency(c, concurrency)
				ctx := context.Background()
				b.ResetTimer()
				for range b.N {
					if err := c.AddGroupMembers(ctx, 3, uids); err != nil {
						b.Fatal(err)
					}
					if err := c.DelGroupMembers(ctx, 3, uids); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*20)/b.Elapsed().Seconds(), "quests/s")
			})
		}
	}
}
