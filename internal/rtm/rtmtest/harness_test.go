package rtmtest

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// Test credentials: the fake ones of PROTOCOL.md §4.3.
const (
	testPID    int64 = 80000001
	testSecret       = "00000000-1111-2222-3333-444444444444"
)

// harness is one emulator plus a raw FPNN client: quests are built here with
// the msgpack encoders, not with package rtm, so the emulator is checked
// independently of the client that is tested against it.
type harness struct {
	t      *testing.T
	srv    *Server
	client *fpnn.Client
	clock  *clock.Fake // Config.Clock (group semantics)
	auth   *clock.Fake // Config.AuthClock (ts checks)
	salt   atomic.Int64
}

func newHarness(t *testing.T, opts ...func(*Config)) *harness {
	t.Helper()
	start := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	h := &harness{t: t, clock: clock.NewFake(start), auth: clock.NewFake(start)}
	cfg := Config{
		Projects:  map[int64]string{testPID: testSecret},
		Clock:     h.clock,
		AuthClock: h.auth,
	}
	for _, o := range opts {
		o(&cfg)
	}
	h.srv = NewServer(cfg)
	t.Cleanup(h.srv.Close)
	h.client = fpnn.NewClient(fpnn.ClientConfig{Endpoint: h.srv.Addr(), ConnectTimeout: 5 * time.Second})
	t.Cleanup(func() { _ = h.client.Close() })
	h.salt.Store(1_000_000)
	return h
}

// param is one key of a quest payload with its already-encoded value.
type param struct {
	key string
	val []byte
}

// Go SDK style (ugorji) signed formats, as the official Go client sends.
func pInt(key string, v int64) param { return param{key, msgpack.AppendInt(nil, v)} }
func pStr(key, v string) param       { return param{key, msgpack.AppendString(nil, v)} }
func pRaw(key string, raw ...byte) param {
	return param{key, raw}
}

// pUIDs encodes the "uids" array every member-list quest carries.
func pUIDs(vs ...int64) param {
	b := msgpack.AppendArrayHeader(nil, len(vs))
	for _, v := range vs {
		b = msgpack.AppendInt(b, v)
	}
	return param{"uids", b}
}

// payload encodes a map of params in order.
func payload(params ...param) []byte {
	b := msgpack.AppendMapHeader(nil, len(params))
	for _, p := range params {
		b = msgpack.AppendString(b, p.key)
		b = append(b, p.val...)
	}
	return b
}

// authParams are pid, sign, salt, ts for method, signed with secret, at the
// auth clock's time.
func (h *harness) authParams(method string, pid int64, secret string) []param {
	salt := h.salt.Add(1)
	ts := h.auth.Now().Unix()
	return []param{
		pInt("pid", pid), pStr("sign", Sign(pid, secret, salt, method, ts)),
		pInt("salt", salt), pInt("ts", ts),
	}
}

// call sends a correctly signed quest for the test project.
func (h *harness) call(method string, params ...param) ([]byte, error) {
	return h.callRaw(method, payload(append(h.authParams(method, testPID, testSecret), params...)...))
}

func (h *harness) callRaw(method string, body []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return h.client.Call(ctx, method, body)
}

// ok calls and fails the test on an error answer.
func (h *harness) ok(method string, params ...param) []byte {
	h.t.Helper()
	ans, err := h.call(method, params...)
	if err != nil {
		h.t.Fatalf("%s: %v", method, err)
	}
	return ans
}

// wantCode checks that err is an error answer with code.
func wantCode(t *testing.T, err error, code int) {
	t.Helper()
	var ea *fpnn.ErrorAnswer
	if !errors.As(err, &ea) {
		t.Fatalf("got %v, want an error answer with code %d", err, code)
	}
	if ea.Code != code {
		t.Fatalf("got code %d (%s), want %d", ea.Code, ea.Ex, code)
	}
	if strings.TrimSpace(ea.Ex) == "" {
		t.Fatalf("error %d has no ex text", code)
	}
}

// decoded reads an answer payload with Params (keys and types).
func decoded(t *testing.T, ans []byte) *fpnn.Params {
	t.Helper()
	p, err := fpnn.DecodeParams(ans)
	if err != nil {
		t.Fatalf("answer %x does not decode: %v", ans, err)
	}
	return p
}

func (h *harness) members(gid int64) []int64 {
	h.t.Helper()
	ids, err := decoded(h.t, h.ok("getgroupmembers", pInt("gid", gid))).Ints("uids")
	if err != nil {
		h.t.Fatal(err)
	}
	return ids
}

func (h *harness) isOK(method string, gid, uid int64) bool {
	h.t.Helper()
	ok, err := decoded(h.t, h.ok(method, pInt("gid", gid), pInt("uid", uid))).Bool("ok")
	if err != nil {
		h.t.Fatal(err)
	}
	return ok
}
