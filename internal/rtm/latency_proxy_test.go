package rtm_test

import (
	"io"
	"net"
	"testing"
	"time"
)

// startLatencyProxy forwards TCP connections to target, delaying every byte
// by oneWay in each direction while keeping the stream pipelined: a stand-in
// for network round-trip time (the emulator's DelayAnswers holds each answer
// back after the quest was carried out, so it models a slow server, not a
// far one).
func startLatencyProxy(tb testing.TB, target string, oneWay time.Duration) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				_ = in.Close()
				continue
			}
			go delayedCopy(out, in, oneWay)
			go delayedCopy(in, out, oneWay)
		}
	}()
	return l.Addr().String()
}

type delayedChunk struct {
	due  time.Time
	data []byte
}

// delayedCopy copies src to dst, writing each chunk oneWay after it was read.
func delayedCopy(dst, src net.Conn, oneWay time.Duration) {
	chunks := make(chan delayedChunk, 1024)
	go func() {
		defer close(chunks)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				chunks <- delayedChunk{due: time.Now().Add(oneWay), data: buf[:n]}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range chunks {
		time.Sleep(time.Until(c.due))
		if _, err := dst.Write(c.data); err != nil {
			break
		}
	}
	_ = dst.Close()
	_ = src.Close()
	for range chunks { // let the reader finish
	}
	_, _ = io.Copy(io.Discard, src)
}
