package rtmtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStateSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, func(c *Config) { c.StateFile = path })
	h.ok("addgroupmembers", pInt("gid", 12345), pUIDs(102458, 102459))
	h.ok("setgroupinfo", pInt("gid", 12345), pStr("oinfo", "pub"), pStr("pinfo", "priv"))
	h.ok("addgroupban", pInt("gid", 12345), pInt("uid", 102458), pInt("btime", 60))
	h.ok("addgroupban", pInt("uid", 7), pInt("btime", 0))
	if err := h.srv.Shutdown(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !json.Valid(data) {
		t.Fatalf("state file after Close: %v, valid JSON %v", err, json.Valid(data))
	}
	if strings.Contains(string(data), testSecret) {
		t.Fatal("the state file contains the secret")
	}

	h2 := newHarness(t, func(c *Config) { c.StateFile = path; c.Clock = h.clock })
	if got := h2.members(12345); !slices.Equal(got, []int64{102458, 102459}) {
		t.Fatalf("members after restart = %v", got)
	}
	if pub, priv := h2.srv.GroupInfo(testPID, 12345); pub != "pub" || priv != "priv" {
		t.Fatalf("info after restart = %q %q", pub, priv)
	}
	if !h2.isOK("isbanofgroup", 12345, 102458) || !h2.isOK("isbanofgroup", 99, 7) {
		t.Fatal("bans lost in restart")
	}
	h.clock.Advance(time.Minute)
	if h2.isOK("isbanofgroup", 12345, 102458) {
		t.Fatal("restored ban lost its expiry")
	}
	if !h2.isOK("isbanofgroup", 99, 7) {
		t.Fatal("permanent all-groups ban lost")
	}
}

func TestStateWrittenWhileRunning(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, func(c *Config) { c.StateFile = path })
	h.ok("addgroupmembers", pInt("gid", 1), pUIDs(1))
	// The write is asynchronous; poll (bounded) until it shows up.
	for i := 0; ; i++ {
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), `"gid": 1`) {
			break
		}
		if i == 500 {
			t.Fatalf("state file not written while running: %s", data)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := h.srv.StateErr(); err != nil {
		t.Fatal(err)
	}
}

func TestCorruptStateFileRefusesToStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, []byte(`{"version":1,"projects":[{"pid":`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(Config{Projects: map[int64]string{testPID: testSecret}, StateFile: path})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open with a corrupt state file: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("NewUnstartedServer did not panic on a corrupt state file")
		}
	}()
	NewUnstartedServer(Config{Projects: map[int64]string{testPID: testSecret}, StateFile: path})
}

func TestConfigValidation(t *testing.T) {
	for name, cfg := range map[string]Config{
		"no projects":   {},
		"pid 0":         {Projects: map[int64]string{0: "s"}},
		"pid too large": {Projects: map[int64]string{1 << 31: "s"}},
		"empty secret":  {Projects: map[int64]string{1: ""}},
		"negative rate": {Projects: map[int64]string{1: "s"}, RateLimit: -1},
	} {
		if _, err := Open(cfg); err == nil {
			t.Errorf("%s: Open accepted it", name)
		}
	}
}

func TestUnwritableStateFileFailsAtStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-dir", "state.json")
	if _, err := Open(Config{Projects: map[int64]string{testPID: testSecret}, StateFile: path}); err == nil {
		t.Fatal("Open accepted a state file in a missing directory")
	}
}
