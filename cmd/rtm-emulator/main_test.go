package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

const (
	testPID    = 80000001
	testSecret = "00000000-1111-2222-3333-444444444444"
)

func noEnv(string) string { return "" }

// lockedBuffer collects stderr from the emulator's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// emulator is one run() in the background.
type emulator struct {
	addr   string
	stop   context.CancelFunc
	result chan error
}

func startEmulator(t *testing.T, stderr io.Writer, args ...string) *emulator {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e := &emulator{stop: cancel, result: make(chan error, 1)}
	ready := make(chan string, 1)
	go func() { e.result <- run(ctx, args, noEnv, stderr, func(addr string) { ready <- addr }) }()
	select {
	case e.addr = <-ready:
	case err := <-e.result:
		cancel()
		t.Fatalf("emulator did not start: %v", err)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("emulator did not start within 10s")
	}
	t.Cleanup(func() { e.shutdown(t) })
	return e
}

func (e *emulator) shutdown(t *testing.T) {
	t.Helper()
	if e.stop == nil {
		return
	}
	e.stop()
	e.stop = nil
	select {
	case err := <-e.result:
		if err != nil {
			t.Fatalf("emulator exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("emulator did not stop within 10s")
	}
}

// call sends one signed quest on a new connection.
func call(t *testing.T, addr, method string, build func(b []byte) []byte, extraKeys int) []byte {
	t.Helper()
	c := fpnn.NewClient(fpnn.ClientConfig{Endpoint: addr})
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ans, err := c.Call(ctx, method, signedBody(method, build, extraKeys))
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return ans
}

// signedBody is pid, sign, salt, ts, then extraKeys more keys from build.
func signedBody(method string, build func(b []byte) []byte, extraKeys int) []byte {
	salt, ts := time.Now().UnixNano(), time.Now().Unix()
	b := msgpack.AppendMapHeader(nil, 4+extraKeys)
	b = msgpack.AppendString(b, "pid")
	b = msgpack.AppendInt(b, testPID)
	b = msgpack.AppendString(b, "sign")
	b = msgpack.AppendString(b, rtmtest.Sign(testPID, testSecret, salt, method, ts))
	b = msgpack.AppendString(b, "salt")
	b = msgpack.AppendInt(b, salt)
	b = msgpack.AppendString(b, "ts")
	b = msgpack.AppendInt(b, ts)
	return build(b)
}

func gidParam(gid int64) func([]byte) []byte {
	return func(b []byte) []byte {
		return msgpack.AppendInt(msgpack.AppendString(b, "gid"), gid)
	}
}

func TestDataSurvivesRestartWithState(t *testing.T) {
	state := filepath.Join(t.TempDir(), "rtm-state.json")
	args := []string{"-listen", "127.0.0.1:0", "-project-id", "80000001", "-secret-key", testSecret, "-state", state}
	var stderr lockedBuffer
	first := startEmulator(t, &stderr, args...)
	call(t, first.addr, "addgroupmembers", func(b []byte) []byte {
		b = gidParam(12345)(b)
		b = msgpack.AppendString(b, "uids")
		return msgpack.AppendIntArray(b, []int64{102459, 102458})
	}, 2)
	first.shutdown(t)

	second := startEmulator(t, &stderr, args...)
	p, err := fpnn.DecodeParams(call(t, second.addr, "getgroupmembers", gidParam(12345), 1))
	if err != nil {
		t.Fatal(err)
	}
	uids, err := p.Ints("uids")
	if err != nil || !slices.Equal(uids, []int64{102458, 102459}) {
		t.Fatalf("members after restart = %v (%v)", uids, err)
	}
	second.shutdown(t)

	log := stderr.String()
	for _, want := range []string{"serving project 80000001 on 127.0.0.1:", "method=addgroupmembers pid=80000001 gid=12345 code=0", "method=getgroupmembers"} {
		if !strings.Contains(log, want) {
			t.Errorf("stderr lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, testSecret) {
		t.Error("stderr shows the secret key")
	}
}

func TestQuietAndEnvFallback(t *testing.T) {
	env := map[string]string{"RTM_PROJECT_ID": "80000001", "RTM_SECRET_KEY": testSecret}
	ctx, cancel := context.WithCancel(context.Background())
	var stderr lockedBuffer
	ready, result := make(chan string, 1), make(chan error, 1)
	go func() {
		result <- run(ctx, []string{"-listen", "127.0.0.1:0", "-quiet"}, func(k string) string { return env[k] }, &stderr,
			func(addr string) { ready <- addr })
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-result:
		cancel()
		t.Fatalf("did not start: %v", err)
	}
	call(t, addr, "getgroupcount", gidParam(1), 1)
	cancel()
	if err := <-result; err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stderr.String(), "method=") {
		t.Fatalf("-quiet still logged requests:\n%s", stderr.String())
	}
}

func TestUsageErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"no project id":  {"-secret-key", "k"},
		"no secret":      {"-project-id", "1"},
		"pid too large":  {"-project-id", "2147483648", "-secret-key", "k"},
		"bad flag":       {"-nope"},
		"stray argument": {"-project-id", "1", "-secret-key", "k", "extra"},
		"negative rate":  {"-project-id", "1", "-secret-key", "k", "-rate-limit", "-1"},
	} {
		t.Run(name, func(t *testing.T) {
			err := run(context.Background(), args, noEnv, io.Discard, nil)
			if !errors.As(err, new(usageError)) {
				t.Fatalf("got %v, want a usage error", err)
			}
		})
	}
}

func TestCorruptStateIsAnError(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	if err := writeFile(state, "{not json"); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"-listen", "127.0.0.1:0", "-project-id", "1", "-secret-key", "k", "-state", state}, noEnv, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), state) {
		t.Fatalf("got %v, want an error naming the state file", err)
	}
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }
