package rtmtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// persister keeps Config.StateFile up to date. Changes only mark the state
// dirty and wake a background writer, so answers never wait for the disk;
// changes made while a write is running are coalesced into the next write.
// close writes whatever is still dirty. Each write goes to a temporary file
// in the same directory, is fsynced, then renamed over the state file: the
// file is always either the previous or the new complete state.
type persister struct {
	path     string
	snapshot func() stateDoc
	wake     chan struct{} // buffered(1): "something changed"
	stop     chan struct{}
	done     chan struct{}

	mu      sync.Mutex
	lastErr error // of the latest write; nil after a good one
	onError func(error)
}

func newPersister(path string, snapshot func() stateDoc, onError func(error)) *persister {
	p := &persister{
		path: path, snapshot: snapshot, onError: onError,
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}),
	}
	go p.loop()
	return p
}

// changed schedules a write; it never blocks.
func (p *persister) changed() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *persister) loop() {
	defer close(p.done)
	for {
		select {
		case <-p.wake:
			p.writeNow()
		case <-p.stop:
			select {
			case <-p.wake:
				p.writeNow()
			default:
			}
			return
		}
	}
}

// close stops the writer after a final write of pending changes and returns
// the result of the latest write.
func (p *persister) close() error {
	close(p.stop)
	<-p.done
	return p.err()
}

func (p *persister) err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastErr
}

func (p *persister) writeNow() {
	err := writeStateFile(p.path, p.snapshot())
	p.mu.Lock()
	p.lastErr = err
	p.mu.Unlock()
	if err != nil && p.onError != nil {
		p.onError(err)
	}
}

// removeStaleTemps deletes temporary files an interrupted write left behind.
func removeStaleTemps(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := strings.TrimSuffix(tempPattern(path), "*")
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// tempPattern names the temporary files next to the state file, so a stale
// one left by a crash can be recognised and removed.
func tempPattern(path string) string { return "." + filepath.Base(path) + ".tmp-*" }

// writeStateFile writes doc to path atomically: temp file, fsync, rename,
// fsync of the directory.
func writeStateFile(path string, doc stateDoc) error {
	data, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return fmt.Errorf("rtmtest: encoding state: %w", err)
	}
	data = append(data, '\n')
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPattern(path))
	if err != nil {
		return fmt.Errorf("rtmtest: writing state file: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("rtmtest: writing state file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("rtmtest: writing state file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("rtmtest: writing state file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rtmtest: replacing state file: %w", err)
	}
	committed = true
	// Make the rename itself durable; not every filesystem supports syncing
	// a directory, and the data is already safe in either name.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// loadStateFile reads path into st. A missing file is an empty state. Stale
// temporary files from an interrupted write are removed: the state file
// itself was never touched by that write.
func loadStateFile(path string, st *store) error {
	removeStaleTemps(path)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("rtmtest: reading state file: %w", err)
	}
	doc, err := decodeState(data)
	if err == nil {
		err = st.restore(doc)
	}
	if err != nil {
		return fmt.Errorf("rtmtest: state file %s is not a valid emulator state (%v); fix it, or move it away to start empty", path, err)
	}
	return nil
}
