package fpnn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// recordingConn keeps a copy of everything the client writes.
type recordingConn struct {
	net.Conn
	mu      sync.Mutex
	written []byte
}

func (c *recordingConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	c.written = append(c.written, b...)
	c.mu.Unlock()
	return c.Conn.Write(b)
}

func (c *recordingConn) bytes() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.written)
}

// recordingDialer dials TCP and records the client's writes on each
// connection.
func recordingDialer(conns chan<- *recordingConn) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		rc := &recordingConn{Conn: nc}
		conns <- rc
		return rc, nil
	}
}

func startEncryptedServer(t *testing.T, curve Curve) (*ECDHPrivateKey, string) {
	t.Helper()
	key, err := GenerateECDHPrivateKey(curve)
	if err != nil {
		t.Fatal(err)
	}
	return key, startServer(t, &Server{Handler: echoHandler, ECDHKey: key})
}

// Client and server talk in all 8 combinations, with pipelined quests from
// many goroutines and one payload bigger than a read buffer; the wire shows
// only *key in plaintext.
func TestEncryptedClientServer(t *testing.T) {
	for _, tc := range allEncryptionCases() {
		t.Run(tc.String(), func(t *testing.T) {
			key, addr := startEncryptedServer(t, tc.curve)
			conns := make(chan *recordingConn, 4)
			c := newTestClient(t, ClientConfig{
				Endpoint:   addr,
				Encryption: &EncryptionConfig{ServerPublicKey: key.PublicKey(), KeyBits: tc.bits, Mode: tc.mode},
				Dialer:     recordingDialer(conns),
			})
			ctx := testContext(t)
			const workers, calls = 8, 25
			errs := make(chan error, workers)
			for w := 0; w < workers; w++ {
				go func() {
					for i := 0; i < calls; i++ {
						payload := msgpack.AppendMapHeader(nil, 1)
						payload = msgpack.AppendString(payload, "n")
						payload = msgpack.AppendInt(payload, int64(w*calls+i))
						answer, err := c.Call(ctx, "secret.echo", payload)
						if err == nil && !bytes.Equal(answer, payload) {
							err = fmt.Errorf("answer % x, want % x", answer, payload)
						}
						if err != nil {
							errs <- err
							return
						}
					}
					errs <- nil
				}()
			}
			for w := 0; w < workers; w++ {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			big := msgpack.AppendMapHeader(nil, 1)
			big = msgpack.AppendString(big, "blob")
			big = msgpack.AppendBinary(big, bytes.Repeat([]byte("x"), 100<<10))
			if answer, err := c.Call(ctx, "secret.echo", big); err != nil || !bytes.Equal(answer, big) {
				t.Fatalf("big payload: %v", err)
			}

			wire := (<-conns).bytes()
			first, _, err := DecodeFrame(wire, 0)
			if err != nil || first.Method != keyExchangeMethod {
				t.Fatalf("first frame on the wire: %+v, %v", first, err)
			}
			if bytes.Contains(wire, []byte("secret.echo")) || bytes.Contains(wire, []byte("xxxxxxxx")) {
				t.Fatal("quests went out in plaintext")
			}
		})
	}
}

// A client holding the wrong server public key gets a connection error
// that names the key exchange, not a hang.
func TestEncryptedClientWrongServerKey(t *testing.T) {
	for _, mode := range []EncryptionMode{StreamMode, PackageMode} {
		t.Run(mode.String(), func(t *testing.T) {
			_, addr := startEncryptedServer(t, CurveSecp256r1)
			wrong, _ := GenerateECDHPrivateKey(CurveSecp256r1)
			c := newTestClient(t, ClientConfig{
				Endpoint:   addr,
				Encryption: &EncryptionConfig{ServerPublicKey: wrong.PublicKey(), Mode: mode},
			})
			_, err := c.Call(testContext(t), "x", emptyMap)
			var ce *ConnError
			if !errors.As(err, &ce) || !errors.Is(err, ErrKeyExchangeFailed) || !errors.Is(err, ErrKeyMismatch) || !errors.Is(err, ErrConnectionClosed) {
				t.Fatalf("Call: %v, want a *ConnError wrapping ErrKeyExchangeFailed and ErrKeyMismatch", err)
			}
		})
	}
}

// A server that never answers: the call ends with its ctx.
func TestEncryptedCallRespectsContext(t *testing.T) {
	addr, conns := rawServer(t)
	key, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	c := newTestClient(t, ClientConfig{Endpoint: addr, Encryption: &EncryptionConfig{ServerPublicKey: key.PublicKey()}})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.Call(ctx, "x", emptyMap); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Call: %v, want the ctx deadline", err)
	}
	peer := acceptPeer(t, conns)
	if f := peer.read(); f.Method != keyExchangeMethod {
		t.Fatalf("first quest %q, want *key", f.Method)
	}
}

// keyExchangeQuest is a plaintext *key quest (seq 1) and the client side of
// the transport it sets up.
func keyExchangeQuest(t *testing.T, server *ECDHPublicKey, mode EncryptionMode) ([]byte, *encryptedTransport) {
	t.Helper()
	kx, err := (&EncryptionConfig{ServerPublicKey: server, Mode: mode}).newClientKeyExchange()
	if err != nil {
		t.Fatal(err)
	}
	return appendQuest(nil, 1, FlagMsgpack, Twoway, 1, keyExchangeMethod, kx.payload), kx.transport
}

// The server answers *key with {} already encrypted, and reads encrypted
// quests that arrived in the same TCP segment as *key.
func TestServerKeyExchangeAnswerIsEncrypted(t *testing.T) {
	for _, mode := range []EncryptionMode{StreamMode, PackageMode} {
		t.Run(mode.String(), func(t *testing.T) {
			key, addr := startEncryptedServer(t, CurveSecp256k1)
			quest, tr := keyExchangeQuest(t, key.PublicKey(), mode)
			ping := sealAll(t, tr.sealer(), []Frame{{Version: 1, Flag: FlagMsgpack, Type: Twoway, Seq: 2, Method: "*ping", Payload: emptyMap}})
			nc, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer nc.Close()
			_ = nc.SetDeadline(time.Now().Add(testTimeout))
			if _, err := nc.Write(append(quest, ping...)); err != nil {
				t.Fatal(err)
			}
			src := tr.source(nc, 0)
			var f Frame
			if err := src.readFrameInto(&f); err != nil || f.Type != Answer || f.Seq != 1 || !bytes.Equal(f.Payload, emptyMap) {
				t.Fatalf("*key answer %+v, %v", f, err)
			}
			if err := src.readFrameInto(&f); err != nil || f.Type != Answer || f.Seq != 2 || f.Status != 0 {
				t.Fatalf("*ping answer %+v, %v", f, err)
			}
		})
	}
}

// The server closes the connection for *key that is not the first package
// and for a *key it cannot accept.
func TestServerKeyExchangeRejected(t *testing.T) {
	key, addr := startEncryptedServer(t, CurveSecp256r1)
	good, _ := keyExchangeQuest(t, key.PublicKey(), StreamMode)
	otherCurve, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	wrongCurve, _ := keyExchangeQuest(t, otherCurve.PublicKey(), StreamMode)
	bad := msgpack.AppendMapHeader(nil, 2)
	bad = msgpack.AppendString(bad, "publicKey")
	bad = msgpack.AppendBinary(bad, key.PublicKey().Bytes())
	bad = msgpack.AppendString(bad, "bits")
	bad = msgpack.AppendInt(bad, 192)
	ping := appendQuest(nil, 1, FlagMsgpack, Twoway, 7, "*ping", emptyMap)

	for _, tc := range []struct {
		name     string
		before   []byte // a plaintext quest answered first
		keyQuest []byte
	}{
		{"not first", ping, good},
		{"bits 192", nil, appendQuest(nil, 1, FlagMsgpack, Twoway, 1, keyExchangeMethod, bad)},
		{"point not on the server's curve", nil, wrongCurve},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nc, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			peer := newRawPeer(t, nc)
			defer nc.Close()
			if tc.before != nil {
				peer.writeRaw(tc.before)
				if f := peer.read(); f.Type != Answer || f.Status != 0 {
					t.Fatalf("plaintext answer %+v", f)
				}
			}
			peer.writeRaw(tc.keyQuest)
			peer.expectClosed()
		})
	}
}

// An encrypted client against a server that offers no encryption fails
// with ErrKeyExchangeFailed (the plaintext answer does not decrypt).
func TestEncryptedClientPlaintextServer(t *testing.T) {
	addr := startServer(t, &Server{Handler: echoHandler})
	key, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	c := newTestClient(t, ClientConfig{Endpoint: addr, Encryption: &EncryptionConfig{ServerPublicKey: key.PublicKey()}})
	if _, err := c.Call(testContext(t), "x", emptyMap); !errors.Is(err, ErrKeyExchangeFailed) || !errors.Is(err, ErrKeyMismatch) {
		t.Fatalf("Call: %v, want ErrKeyExchangeFailed and ErrKeyMismatch", err)
	}
}

// A server that closes right after *key: the exchange failed, but nothing
// shows the key is wrong (a transient failure looks the same), so it is not
// ErrKeyMismatch.
func TestEncryptedClientServerClosesAfterKey(t *testing.T) {
	for _, mode := range []EncryptionMode{StreamMode, PackageMode} {
		t.Run(mode.String(), func(t *testing.T) {
			addr, conns := rawServer(t)
			key, _ := GenerateECDHPrivateKey(CurveSecp256k1)
			c := newTestClient(t, ClientConfig{Endpoint: addr, Encryption: &EncryptionConfig{ServerPublicKey: key.PublicKey(), Mode: mode}})
			// Every connection (Call may retry a quest that never left on a
			// fresh one) is closed after its *key.
			stop := make(chan struct{})
			defer close(stop)
			go func() {
				for {
					select {
					case p := <-conns:
						if f, err := p.fr.ReadFrame(); err == nil && f.Method != keyExchangeMethod {
							t.Errorf("first frame %q, want *key", f.Method)
						}
						_ = p.nc.Close()
					case <-stop:
						return
					}
				}
			}()
			_, err := c.Call(testContext(t), "x", emptyMap)
			if !errors.Is(err, ErrKeyExchangeFailed) || errors.Is(err, ErrKeyMismatch) {
				t.Fatalf("Call: %v, want ErrKeyExchangeFailed without ErrKeyMismatch", err)
			}
		})
	}
}

// *key is served on the reader goroutine even when quests run
// concurrently, so the switch happens before any later frame is read.
func TestEncryptedServerConcurrentHandlers(t *testing.T) {
	key, _ := GenerateECDHPrivateKey(CurveSecp256k1)
	addr := startServer(t, &Server{Handler: echoHandler, ECDHKey: key, Concurrency: 4})
	c := newTestClient(t, ClientConfig{Endpoint: addr, Encryption: &EncryptionConfig{ServerPublicKey: key.PublicKey(), Mode: PackageMode}})
	ctx := testContext(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				want := mapPayload("v", []byte{0xcd, byte(g), byte(i)})
				if got, err := c.Call(ctx, "echo", want); err != nil || !bytes.Equal(got, want) {
					t.Errorf("call: %x, %v", got, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
