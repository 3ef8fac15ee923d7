package fpnn

// These tests prove the encryption seam (transport.go) with a toy XOR
// keystream in place of AES-CFB: stream mode and package mode, client and
// server, with the plaintext *key quest first.

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
)

// toyStream is a stand-in for a CFB state: a keystream that depends on the
// position, so bytes decrypted out of order or twice come out wrong.
type toyStream struct{ n uint64 }

func (s *toyStream) xor(b []byte) {
	for i := range b {
		b[i] ^= byte(s.n*131+7) ^ byte(s.n>>8)
		s.n++
	}
}

// Stream mode: one state per direction, over the whole byte stream.
type toyStreamSealer struct{ s toyStream }

func (t *toyStreamSealer) sealFrame(buf []byte, start int) []byte {
	t.s.xor(buf[start:])
	return buf
}

type toyStreamReader struct {
	r io.Reader
	s toyStream
}

func (t *toyStreamReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.s.xor(p[:n])
	return n, err
}

// Package mode: [uint32 LE length][frame encrypted with a fresh state].
type toyPackageSealer struct{}

func (toyPackageSealer) sealFrame(buf []byte, start int) []byte {
	n := len(buf) - start
	buf = append(buf, 0, 0, 0, 0)
	copy(buf[start+4:], buf[start:start+n])
	binary.LittleEndian.PutUint32(buf[start:], uint32(n))
	var s toyStream
	s.xor(buf[start+4:])
	return buf
}

type toyPackageSource struct {
	r          io.Reader
	maxPackage int
}

func (t *toyPackageSource) readFrameInto(f *Frame) error {
	var n [4]byte
	if _, err := io.ReadFull(t.r, n[:]); err != nil {
		return err
	}
	size := int(binary.LittleEndian.Uint32(n[:]))
	if size > t.maxPackage {
		return ErrFrameTooLarge
	}
	pkg := make([]byte, size)
	if _, err := io.ReadFull(t.r, pkg); err != nil {
		return unexpectedEOF(err)
	}
	var s toyStream
	s.xor(pkg)
	frame, used, err := DecodeFrame(pkg, t.maxPackage)
	if err != nil {
		return err
	}
	if used != size {
		return fmt.Errorf("%w: package holds %d bytes after the frame", ErrInvalidFrame, size-used)
	}
	*f = frame
	return nil
}

// toyMode builds both sides of one mode.
type toyMode struct {
	sealer func() frameSealer
	source func(r io.Reader) frameSource
}

var toyModes = map[string]toyMode{
	"stream": {
		sealer: func() frameSealer { return &toyStreamSealer{} },
		source: func(r io.Reader) frameSource { return NewFrameReader(&toyStreamReader{r: r}, 0) },
	},
	"package": {
		sealer: func() frameSealer { return toyPackageSealer{} },
		source: func(r io.Reader) frameSource { return &toyPackageSource{r: r, maxPackage: DefaultMaxPackageSize} },
	},
}

// wireLog records what the client writes.
type wireLog struct {
	net.Conn
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *wireLog) Write(b []byte) (int, error) {
	w.mu.Lock()
	w.buf.Write(b)
	w.mu.Unlock()
	return w.Conn.Write(b)
}

func (w *wireLog) bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]byte(nil), w.buf.Bytes()...)
}

func TestEncryptionSeam(t *testing.T) {
	keyPayload := mapPayload("publicKey", []byte{0xc4, 2, 0xab, 0xcd})
	for name, mode := range toyModes {
		t.Run(name, func(t *testing.T) {
			var keys sync.Map // connection ID -> the *key payload seen
			srv := &Server{Handler: echoHandler}
			srv.keyExchange = func(c *ServerConn, f *Frame, buffered []byte) (frameSealer, frameSource, error) {
				keys.Store(c.ID(), f.Payload)
				return mode.sealer(), mode.source(io.MultiReader(bytes.NewReader(buffered), c.nc)), nil
			}
			addr := startServer(t, srv)

			var wire *wireLog
			c := newTestClient(t, ClientConfig{Endpoint: addr, Dialer: func(ctx context.Context, network, a string) (net.Conn, error) {
				var d net.Dialer
				nc, err := d.DialContext(ctx, network, a)
				if err != nil {
					return nil, err
				}
				wire = &wireLog{Conn: nc}
				return wire, nil
			}})
			c.handshake = func(cc *clientConn) (frameSource, error) {
				cc.sendInternal("*key", keyPayload) // plaintext
				cc.out.setSealer(mode.sealer())
				return mode.source(cc.nc), nil // the server's first byte is already encrypted
			}

			ctx := testContext(t)
			var wg sync.WaitGroup
			for g := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 50 {
						want := mapPayload("v", []byte{0xcd, byte(g), byte(i)})
						got, err := c.Call(ctx, "echo", want)
						if err != nil || !bytes.Equal(got, want) {
							t.Errorf("call: %x, %v", got, err)
							return
						}
					}
				}()
			}
			wg.Wait()

			seen, ok := keys.Load(uint64(1))
			seenPayload, isBytes := seen.([]byte)
			if !ok || !isBytes || !bytes.Equal(seenPayload, keyPayload) {
				t.Fatalf("server saw *key %x, %v", seen, ok)
			}
			sent := wire.bytes()
			first, n, err := DecodeFrame(sent, 0)
			if err != nil || first.Method != "*key" {
				t.Fatalf("first frame on the wire: %+v %v", first, err)
			}
			if bytes.Contains(sent[n:], []byte("FPNN")) || bytes.Contains(sent[n:], []byte("echo")) {
				t.Fatal("plaintext after *key")
			}
			if pendingCount(c) != 0 {
				t.Fatal("the *key answer was not consumed")
			}
		})
	}
}

// *key anywhere but first closes the connection, as in the C++ server.
func TestServerKeyExchangeMustComeFirst(t *testing.T) {
	srv := &Server{Handler: echoHandler}
	srv.keyExchange = func(*ServerConn, *Frame, []byte) (frameSealer, frameSource, error) {
		t.Error("key exchange ran for a late *key")
		return nil, nil, io.EOF
	}
	p := dialRaw(t, startServer(t, srv))
	p.write(&Frame{Version: 1, Type: Twoway, Seq: 1, Method: "echo", Payload: emptyMap})
	p.write(&Frame{Version: 1, Type: Twoway, Seq: 2, Method: "*key", Payload: emptyMap})
	if a := p.read(); a.Seq != 1 {
		t.Fatalf("answer %+v", a)
	}
	p.expectClosed()
}
