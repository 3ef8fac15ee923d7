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
	"net"
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
			var writes atomic.Int64
			c := NewClient(ClientConfig{Endpoint: addr, Dialer: func(ctx context.Context, network, a string) (net.Conn, error) {
				var d net.Dialer
				nc, err := d.DialContext(ctx, network, a)
				if err != nil {
					return nil, err
				}
				return &writeCountingConn{Conn: nc, writes: &writes}, nil
			}})
			defer c.Close()
			ctx := context.Background()
			if _, err := c.Call(ctx, "addgroupmembers", quest); err != nil { // dial outside the timing
				b.Fatal(err)
			}
			writes.Store(0)
			callConcurrently(b, c, callers, quest)
			b.ReportMetric(float64(b.N)/float64(max(writes.Load(), 1)), "quests/write")
		})
	}
}

// writeCountingConn counts write syscalls, to show how well the client
// coalesces frames.
type writeCountingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c *writeCountingConn) Write(b []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(b)
}

// callConcurrently sends b.N quests over c from callers goroutines, timed,
// and reports quests/s and allocations per quest.
func callConcurrently(b *testing.B, c *Client, callers int, quest []byte) {
	b.Helper()
	ctx := context.Background()
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
}
