package rtm

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"io"
	"net"
	"testing"
	"time"
)

// TestClientSendsProtocolFrameOnTheWire sends PROTOCOL.md §9's addgroupmembers
// through the whole client (rate limiter, signing, fpnn connection) to a raw TCP
// listener and compares the bytes with §9.1. fpnn picks its own first seq,
// so the seq field is compared after setting it to the golden 1.
func TestClientSendsProtocolFrameOnTheWire(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	captured := make(chan []byte, 1)
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		frame := make([]byte, len(goldenAddGroupMembersFrame)/2)
		if _, err := io.ReadFull(conn, frame); err != nil {
			return
		}
		captured <- frame
		seq := frame[12:16]
		// Success answer {} for that seq (PROTOCOL.md §9.4).
		answer := append([]byte{'F', 'P', 'N', 'N', 1, 0x80, 2, 0, 1, 0, 0, 0}, seq...)
		_, _ = conn.Write(append(answer, 0x80))
		_, _ = io.Copy(io.Discard, conn)
	}()

	cfg := Config{
		Endpoint: l.Addr().String(), ProjectID: 80000001, SecretKey: testSecret,
		Now: func() time.Time { return time.Unix(1700000000, 0) },
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Salt 7130316800001360513 = 1700000000000<<22 | 83<<14 | 641 in this package's layout.
	c.salts = newSaltGenerator(func() int64 { return 1700000000000 })
	c.salts.tag = 83
	c.salts.last.Store(7130316800001360513 - 1)

	if err := c.AddGroupMembers(context.Background(), 12345, []int64{102458, 102459}); err != nil {
		t.Fatal(err)
	}
	frame := <-captured
	binary.LittleEndian.PutUint32(frame[12:16], 1)
	if got := hex.EncodeToString(frame); got != goldenAddGroupMembersFrame {
		t.Fatalf("frame on the wire\n got %s\nwant %s", got, goldenAddGroupMembersFrame)
	}
}
