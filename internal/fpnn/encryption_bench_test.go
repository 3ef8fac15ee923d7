package fpnn

// What encryption costs: sealing one frame, and quests per second over one
// encrypted connection (16 concurrent callers) next to plaintext. Run:
//
//	go test -run=^$ -bench=Encrypt -benchmem ./internal/fpnn

import (
	"context"
	"testing"
)

func BenchmarkEncryptSealFrame(b *testing.B) {
	quest := encodeQuest(nil, &benchQuest)
	for _, mode := range []EncryptionMode{StreamMode, PackageMode} {
		b.Run(mode.String(), func(b *testing.B) {
			sealer := vectorTransport(b, 256, mode == PackageMode).sealer()
			buf := make([]byte, 0, 2*len(quest))
			b.SetBytes(int64(len(quest)))
			b.ReportAllocs()
			for b.Loop() {
				buf = sealer.sealFrame(appendQuest(buf[:0], 1, FlagMsgpack, Twoway, 1, "addgroupmembers", quest), 0)
			}
		})
	}
}

func BenchmarkEncryptedClientThroughput(b *testing.B) {
	key, err := GenerateECDHPrivateKey(CurveSecp256k1)
	if err != nil {
		b.Fatal(err)
	}
	answer := mapPayload("ok", []byte{0xc3})
	addr := startServer(b, &Server{ECDHKey: key, Handler: HandlerFunc(func(context.Context, *Quest) ([]byte, error) { return answer, nil })})
	quest := encodeQuest(nil, &benchQuest)
	for name, enc := range map[string]*EncryptionConfig{
		"plaintext": nil,
		"stream":    {ServerPublicKey: key.PublicKey(), Mode: StreamMode},
		"package":   {ServerPublicKey: key.PublicKey(), Mode: PackageMode},
	} {
		b.Run(name, func(b *testing.B) {
			c := NewClient(ClientConfig{Endpoint: addr, Encryption: enc})
			defer c.Close()
			ctx := context.Background()
			if _, err := c.Call(ctx, "addgroupmembers", quest); err != nil { // dial and exchange outside the timing
				b.Fatal(err)
			}
			callConcurrently(b, c, 16, quest)
		})
	}
}
