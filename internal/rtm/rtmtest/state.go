package rtmtest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"
)

// stateVersion is the format of the state file; load refuses others.
const stateVersion = 1

// stateDoc is the JSON form of the whole store, sorted so that the same data
// always gives the same bytes.
type stateDoc struct {
	Version  int            `json:"version"`
	Projects []projectState `json:"projects"`
}

type projectState struct {
	PID    int64        `json:"pid"`
	Groups []groupState `json:"groups"`
	Bans   []banState   `json:"bans"`
}

type groupState struct {
	GID         int64   `json:"gid"`
	Members     []int64 `json:"members"`
	PublicInfo  string  `json:"public_info,omitempty"`
	PrivateInfo string  `json:"private_info,omitempty"`
}

type banState struct {
	GID       int64      `json:"gid,omitempty"` // 0 = all groups
	UID       int64      `json:"uid"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"` // nil = permanent
}

// snapshot copies the store into its JSON form.
func (s *store) snapshot() stateDoc {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := stateDoc{Version: stateVersion, Projects: []projectState{}}
	for _, pid := range slices.Sorted(maps.Keys(s.projects)) {
		p := s.projects[pid]
		ps := projectState{PID: pid, Groups: []groupState{}, Bans: []banState{}}
		for _, gid := range slices.Sorted(maps.Keys(p.groups)) {
			g := p.groups[gid]
			ps.Groups = append(ps.Groups, groupState{
				GID: gid, Members: slices.Sorted(maps.Keys(g.members)),
				PublicInfo: g.public, PrivateInfo: g.private,
			})
		}
		for k, until := range p.bans {
			b := banState{GID: k.gid, UID: k.uid}
			if !until.IsZero() {
				t := until.UTC()
				b.ExpiresAt = &t
			}
			ps.Bans = append(ps.Bans, b)
		}
		slices.SortFunc(ps.Bans, func(a, b banState) int {
			return cmp.Or(cmp.Compare(a.GID, b.GID), cmp.Compare(a.UID, b.UID))
		})
		doc.Projects = append(doc.Projects, ps)
	}
	return doc
}

// restore replaces the store's data with doc's, after checking all of it.
func (s *store) restore(doc stateDoc) error {
	if doc.Version != stateVersion {
		return fmt.Errorf("unsupported version %d (this emulator reads version %d)", doc.Version, stateVersion)
	}
	fresh := newStore(s.clock)
	for _, ps := range doc.Projects {
		if ps.PID <= 0 {
			return fmt.Errorf("project id %d is not positive", ps.PID)
		}
		if fresh.projects[ps.PID] != nil {
			return fmt.Errorf("project %d appears twice", ps.PID)
		}
		p := fresh.project(ps.PID, true)
		for _, gs := range ps.Groups {
			if gs.GID <= 0 {
				return fmt.Errorf("project %d: group id %d is not positive", ps.PID, gs.GID)
			}
			if p.groups[gs.GID] != nil {
				return fmt.Errorf("project %d: group %d appears twice", ps.PID, gs.GID)
			}
			g := p.group(gs.GID, true)
			for _, uid := range gs.Members {
				p.addMember(gs.GID, uid, g)
			}
			g.public, g.private = gs.PublicInfo, gs.PrivateInfo
			p.dropIfEmpty(gs.GID)
		}
		for _, b := range ps.Bans {
			if b.GID < 0 {
				return fmt.Errorf("project %d: ban of user %d has group id %d", ps.PID, b.UID, b.GID)
			}
			var until time.Time
			if b.ExpiresAt != nil {
				until = *b.ExpiresAt
			}
			p.bans[banKey{b.GID, b.UID}] = until
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.projects = fresh.projects
	return nil
}

// decodeState parses a state file's bytes; unknown fields are errors, so a
// file from something else is not silently read as empty.
func decodeState(data []byte) (stateDoc, error) {
	var doc stateDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return stateDoc{}, err
	}
	if dec.More() {
		return stateDoc{}, fmt.Errorf("extra data after the JSON document")
	}
	return doc, nil
}
