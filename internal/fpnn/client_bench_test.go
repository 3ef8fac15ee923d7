package fpnn

// Quests per second over ONE connection against an fpnn.Server on 127.0.0.1
// with a trivial handler, at 1, 16, 64 and 256 concurrent callers. One op is
// one quest (round trip), so allocs/op is allocations per quest, client and
// server together. Run:
//
//	go test -run=^$ -bench=ClientThroughput -benchmem ./internal/fpnn

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func BenchmarkClientThroughput(b *testing.B) {
	answer := mapPayload("ok", []byte{0xc3})
	srv := &Server{Handler: HandlerFunc(func(context.Context, *Quest) ([]byte, error) { return answer, nil })}
	addr := startServer(b, srv)
	quest := encodeQuest(nil, &benchQuest)
	for _, callers := range []int{1, 16, 64, 256} {
		b.Run(fmt.Sprintf("callers=%d", callers), func(b *testing.B) {
			c := NewClient(ClientConfig{Endpoint: addr})
			defer c.Close()
			ctx := context.Background()
			if _, err := c.Call(ctx, "addgroupmembers", quest); err != nil { // dial outside the timing
				b.Fatal(err)
			}
			var next atomic.Int64
			var wg sync.WaitGroup
			var failed atomic.Value
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for range callers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for next.Add(1) <= int64(b.N) {
						if _, err := c.Call(ctx, "addgroupmembers", quest); err != nil {
							failed.Store(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			if err := failed.Load(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "quests/s")
		})
	}
}
