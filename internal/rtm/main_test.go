package rtm_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// Benchmarks run the emulator in a child process (this test binary again),
// so allocs/op counts the client's allocations only.
const emulatorChildEnv = "RTM_TEST_EMULATOR_CHILD"

func TestMain(m *testing.M) {
	if delay, ok := os.LookupEnv(emulatorChildEnv); ok {
		serveEmulatorChild(delay)
		return
	}
	os.Exit(m.Run())
}

// serveEmulatorChild prints the emulator's address and serves until stdin closes.
func serveEmulatorChild(delay string) {
	srv := rtmtest.NewServer(rtmtest.Config{Projects: map[int64]string{testPID: testSecret}})
	defer srv.Close()
	if d, err := time.ParseDuration(delay); err == nil {
		srv.DelayAnswers(d)
	}
	fmt.Println(srv.Addr())
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// startEmulatorProcess starts a child emulator whose answers are delayed by
// delay, stopped when b ends, and returns its address.
func startEmulatorProcess(b *testing.B, delay time.Duration) string {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), emulatorChildEnv+"="+delay.String())
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("emulator child: %v", err)
	}
	return strings.TrimSpace(line)
}
