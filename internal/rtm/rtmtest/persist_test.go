package rtmtest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
)

func TestStateFileRoundTrip(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	path := filepath.Join(t.TempDir(), "state.json")
	st := newStore(clk)
	st.addMembers(storePID, 12345, []int64{102459, 102458}, 0)
	pub, priv := "public ☃", ""
	st.setInfo(storePID, 12345, &pub, &priv)
	st.setInfo(storePID, 99, nil, &pub) // info only, no members
	st.ban(storePID, 12345, 7, time.Hour)
	st.ban(storePID, 0, 8, 0)
	if err := writeStateFile(path, st.snapshot()); err != nil {
		t.Fatal(err)
	}

	back := newStore(clk)
	if err := loadStateFile(path, back); err != nil {
		t.Fatal(err)
	}
	if got := back.members(storePID, 12345); !slices.Equal(got, []int64{102458, 102459}) {
		t.Fatalf("members = %v", got)
	}
	if got := back.userGroups(storePID, 102458); !slices.Equal(got, []int64{12345}) {
		t.Fatalf("reverse index not rebuilt: %v", got)
	}
	if p, _ := back.info(storePID, 12345); p != pub {
		t.Fatalf("public info = %q", p)
	}
	if _, q := back.info(storePID, 99); q != pub {
		t.Fatalf("private info of group 99 = %q", q)
	}
	if !back.isBanned(storePID, 12345, 7) || !back.isBanned(storePID, 1, 8) {
		t.Fatal("bans lost")
	}
	clk.Advance(time.Hour)
	if back.isBanned(storePID, 12345, 7) {
		t.Fatal("restored ban did not keep its expiry")
	}
	// Same data, same bytes.
	again := filepath.Join(t.TempDir(), "again.json")
	if err := writeStateFile(again, st.snapshot()); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(again)
	if string(a) != string(b) {
		t.Fatal("snapshot is not deterministic")
	}
}

func TestMissingStateFileIsEmpty(t *testing.T) {
	st := newStore(clock.Real{})
	if err := loadStateFile(filepath.Join(t.TempDir(), "none.json"), st); err != nil {
		t.Fatal(err)
	}
	if len(st.projects) != 0 {
		t.Fatal("data from nowhere")
	}
}

// A crash between creating the temp file and renaming it leaves a partial
// temp file and the previous complete state file: the next start reads the
// state file and removes the leftover.
func TestCrashLeftoverTempFileIsIgnored(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	st := newStore(clock.Real{})
	st.addMembers(storePID, 1, []int64{1, 2}, 0)
	if err := writeStateFile(path, st.snapshot()); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(dir, ".state.json.tmp-123456")
	if err := os.WriteFile(leftover, []byte(`{"version":1,"projects":[{"pid":8000`), 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, ".state.json.tmp-999")
	if err := os.WriteFile(garbage, []byte{0xff, 0x00, 0x13}, 0o600); err != nil {
		t.Fatal(err)
	}
	back := newStore(clock.Real{})
	if err := loadStateFile(path, back); err != nil {
		t.Fatalf("leftover temp file broke the start: %v", err)
	}
	if got := back.members(storePID, 1); !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("members = %v", got)
	}
	for _, f := range []string{leftover, garbage} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Fatalf("leftover %s not removed: %v", f, err)
		}
	}
}

func TestCorruptStateFileGivesClearError(t *testing.T) {
	cases := map[string]string{
		"truncated":     `{"version":1,"projects":[{"pid":80000001,"groups":[{"gid":1,"mem`,
		"garbage":       "\x00\x01not json",
		"wrong version": `{"version":2,"projects":[]}`,
		"unknown field": `{"version":1,"projects":[],"rooms":[]}`,
		"bad gid":       `{"version":1,"projects":[{"pid":1,"groups":[{"gid":0,"members":[1]}],"bans":[]}]}`,
		"trailing data": `{"version":1,"projects":[]} {}`,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			err := loadStateFile(path, newStore(clock.Real{}))
			if err == nil {
				t.Fatal("corrupt state file loaded without error")
			}
			msg := err.Error()
			if !strings.Contains(msg, path) || !strings.Contains(msg, "move it away") {
				t.Fatalf("error does not name the file and the way out: %s", msg)
			}
		})
	}
}

func TestPersisterFlushesOnClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	st := newStore(clock.Real{})
	p := newPersister(path, st.snapshot, nil)
	st.changed = p.changed
	for i := range 50 {
		st.addMembers(storePID, 1, []int64{int64(i)}, 0)
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
	back := newStore(clock.Real{})
	if err := loadStateFile(path, back); err != nil {
		t.Fatal(err)
	}
	if n := back.memberCount(storePID, 1); n != 50 {
		t.Fatalf("after close the file has %d members, want 50", n)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("directory holds %d files, want only the state file", len(entries))
	}
}

func TestPersisterReportsWriteErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing-dir", "state.json")
	st := newStore(clock.Real{})
	var reported error
	p := newPersister(path, st.snapshot, func(err error) { reported = err })
	st.changed = p.changed
	st.addMembers(storePID, 1, []int64{1}, 0)
	err := p.close()
	if err == nil || reported == nil {
		t.Fatalf("write into a missing directory: close err %v, reported %v", err, reported)
	}
}
