package rtmtest

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// signedQuest builds an isgroupmember quest with a fresh salt, like a client.
func signedQuest(salt, ts int64) []byte {
	b := msgpack.AppendMapHeader(make([]byte, 0, 128), 6)
	b = msgpack.AppendString(b, "pid")
	b = msgpack.AppendInt(b, testPID)
	b = msgpack.AppendString(b, "sign")
	b = msgpack.AppendString(b, Sign(testPID, testSecret, salt, "isgroupmember", ts))
	b = msgpack.AppendString(b, "salt")
	b = msgpack.AppendInt(b, salt)
	b = msgpack.AppendString(b, "ts")
	b = msgpack.AppendInt(b, ts)
	b = msgpack.AppendString(b, "gid")
	b = msgpack.AppendInt(b, 1)
	b = msgpack.AppendString(b, "uid")
	return msgpack.AppendInt(b, 5)
}

// BenchmarkHandle is the emulator's own cost per quest (decode, auth, replay
// cache, store, answer), without the network.
func BenchmarkHandle(b *testing.B) {
	srv := NewUnstartedServer(Config{Projects: map[int64]string{testPID: testSecret}})
	defer srv.Close()
	srv.AddMembers(testPID, 1, 5)
	ts := time.Now().Unix()
	quests := make([][]byte, b.N)
	for i := range quests {
		quests[i] = signedQuest(int64(i+1), ts)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := srv.handle(ctx, &fpnn.Quest{Method: "isgroupmember", Payload: quests[i], Twoway: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPipelined is quests/s through one fpnn.Client connection with
// many goroutines, the way the provider uses the emulator.
func BenchmarkPipelined(b *testing.B) {
	srv := NewServer(Config{Projects: map[int64]string{testPID: testSecret}})
	defer srv.Close()
	client := fpnn.NewClient(fpnn.ClientConfig{Endpoint: srv.Addr()})
	defer client.Close()
	var salt atomic.Int64
	ts := time.Now().Unix()
	b.ReportAllocs()
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			if _, err := client.Call(ctx, "isgroupmember", signedQuest(salt.Add(1), ts)); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "quests/s")
}
