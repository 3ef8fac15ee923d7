package provider

import (
	"fmt"
	"strconv"
	"strings"
)

// Import IDs and the `id` attribute of every resource are built and parsed
// here only, so the formats in the docs, the errors and the code cannot drift.
const (
	groupIDFormat     = "<group_id>"
	groupUserIDFormat = "<group_id>/<user_id>"
)

// formatGroupID is the `id` of resources keyed by one group.
func formatGroupID(gid int64) string { return strconv.FormatInt(gid, 10) }

// formatGroupUserID is the `id` of resources keyed by a group and a user.
func formatGroupUserID(gid, uid int64) string {
	return strconv.FormatInt(gid, 10) + "/" + strconv.FormatInt(uid, 10)
}

// parseGroupID parses "<group_id>", a positive integer.
func parseGroupID(id string) (int64, error) {
	gid, err := parsePositiveID(id)
	if err != nil {
		return 0, fmt.Errorf("unexpected format of ID (%q), expected %s, e.g. \"1001\": group_id %w", id, groupIDFormat, err)
	}
	return gid, nil
}

// parseGroupUserID parses "<group_id>/<user_id>", two positive integers.
func parseGroupUserID(id string) (gid, uid int64, err error) {
	gidPart, uidPart, found := strings.Cut(id, "/")
	if !found || strings.Contains(uidPart, "/") {
		return 0, 0, fmt.Errorf("unexpected format of ID (%q), expected %s, e.g. \"1001/42\"", id, groupUserIDFormat)
	}
	if gid, err = parsePositiveID(gidPart); err != nil {
		return 0, 0, fmt.Errorf("unexpected format of ID (%q), expected %s, e.g. \"1001/42\": group_id %w", id, groupUserIDFormat, err)
	}
	if uid, err = parsePositiveID(uidPart); err != nil {
		return 0, 0, fmt.Errorf("unexpected format of ID (%q), expected %s, e.g. \"1001/42\": user_id %w", id, groupUserIDFormat, err)
	}
	return gid, uid, nil
}

// parsePositiveID accepts plain decimal digits only (no sign, no spaces): what
// RTM calls an id and what formatGroupID writes.
func parsePositiveID(s string) (int64, error) {
	if s == "" {
		return 0, fmt.Errorf("is empty")
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%q is not a whole number", s)
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is out of range", s)
	}
	if n < 1 {
		return 0, fmt.Errorf("must be at least 1, got %d", n)
	}
	return n, nil
}
