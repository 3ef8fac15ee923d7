package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// childArgsEnv makes the test binary run the emulator itself (see TestMain),
// so a test can kill it with SIGKILL like a crash.
const childArgsEnv = "RTM_EMULATOR_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childArgsEnv); args != "" {
		runChild(strings.Split(args, "\x1f"))
		return
	}
	os.Exit(m.Run())
}

// runChild is main with explicit arguments, for the child process.
func runChild(args []string) {
	if err := run(context.Background(), args, os.Getenv, os.Stderr, nil); err != nil {
		os.Exit(1)
	}
}

var servingLine = regexp.MustCompile(`serving project \d+ on (\S+) `)

// A process killed (SIGKILL) while it keeps writing its state file leaves a
// complete file: the next start reads it, and what it holds is a consistent
// earlier state.
func TestKilledMidWriteLeavesCompleteState(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	args := []string{"-listen", "127.0.0.1:0", "-project-id", "80000001", "-secret-key", testSecret, "-state", state, "-quiet"}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(args, "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	var endpoint string
	select {
	case endpoint = <-addr:
	case <-time.After(20 * time.Second):
		t.Fatal("child emulator did not start")
	}

	client := fpnn.NewClient(fpnn.ClientConfig{Endpoint: endpoint})
	defer client.Close()
	// Group 1 grows by one member per call (uid i in call i), each change
	// triggering a state write; the child is killed while that goes on.
	const calls = 300
	acked := 0
	for i := 1; i <= calls; i++ {
		body := signedBody("addgroupmembers", func(b []byte) []byte {
			b = gidParam(1)(b)
			b = msgpack.AppendString(b, "uids")
			return msgpack.AppendIntArray(b, []int64{int64(i)})
		}, 2)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := client.Call(ctx, "addgroupmembers", body)
		cancel()
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		acked = i
		if i == calls/2 {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	_ = cmd.Wait()

	var stderrBuf lockedBuffer
	second := startEmulator(t, &stderrBuf, args...)
	p, err := fpnn.DecodeParams(call(t, second.addr, "getgroupmembers", gidParam(1), 1))
	if err != nil {
		t.Fatal(err)
	}
	uids, err := p.Ints("uids")
	if err != nil {
		t.Fatal(err)
	}
	// A consistent earlier state: exactly 1..k for some k <= acked.
	if len(uids) > acked {
		t.Fatalf("%d members after restart, only %d calls were made", len(uids), acked)
	}
	for i, uid := range uids {
		if uid != int64(i+1) {
			t.Fatalf("members after the crash are not a consistent earlier state: %v", uids)
		}
	}
	t.Logf("killed after %d acknowledged calls; restart found %d members", acked, len(uids))
}
