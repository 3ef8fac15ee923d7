package rtm

import (
	"context"
	"fmt"
)

// AddGroupMembers adds uids to group gid (addgroupmembers), at most
// MaxUIDsPerCall per quest. An empty list sends nothing. A failure after
// some chunks were applied is a *BatchError.
func (c *Client) AddGroupMembers(ctx context.Context, gid int64, uids []int64) error {
	return c.memberBatch(ctx, "addgroupmembers", gid, uids)
}

// DelGroupMembers removes uids from group gid (delgroupmembers), like AddGroupMembers.
func (c *Client) DelGroupMembers(ctx context.Context, gid int64, uids []int64) error {
	return c.memberBatch(ctx, "delgroupmembers", gid, uids)
}

// DelGroup deletes group gid: its members and its info (delgroup).
func (c *Client) DelGroup(ctx context.Context, gid int64) error {
	_, err := c.call(ctx, &quest{method: "delgroup", fields: withGID, gid: gid})
	return err
}

// GetGroupMembers returns the uids in group gid, in the server's order (getgroupmembers).
func (c *Client) GetGroupMembers(ctx context.Context, gid int64) ([]int64, error) {
	return c.callForIDs(ctx, &quest{method: "getgroupmembers", fields: withGID, gid: gid}, "uids")
}

// GetGroupCount returns the number of members in group gid (getgroupcount).
func (c *Client) GetGroupCount(ctx context.Context, gid int64) (int64, error) {
	q := quest{method: "getgroupcount", fields: withGID, gid: gid}
	answer, err := c.call(ctx, &q)
	if err != nil {
		return 0, err
	}
	n, err := answer.Int("cn")
	if err != nil {
		return 0, malformed(q.method, err)
	}
	return n, nil
}

// IsGroupMember reports whether uid is in group gid (isgroupmember).
func (c *Client) IsGroupMember(ctx context.Context, gid, uid int64) (bool, error) {
	return c.callForOK(ctx, &quest{method: "isgroupmember", fields: withGID | withUID, gid: gid, uid: uid})
}

// GetUserGroups returns the groups uid is in (getusergroups).
func (c *Client) GetUserGroups(ctx context.Context, uid int64) ([]int64, error) {
	return c.callForIDs(ctx, &quest{method: "getusergroups", fields: withUID, uid: uid}, "gids")
}

// callForIDs sends q and reads the id list under key. A missing key reads as
// an empty list, as the Python SDK does; elements may use any int format.
func (c *Client) callForIDs(ctx context.Context, q *quest, key string) ([]int64, error) {
	answer, err := c.call(ctx, q)
	if err != nil {
		return nil, err
	}
	if !answer.Has(key) {
		return []int64{}, nil
	}
	ids, err := answer.Ints(key)
	if err != nil {
		return nil, malformed(q.method, err)
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}

// callForOK sends q and reads the bool "ok". A server sending 0/1 instead of
// a msgpack bool is tolerated.
func (c *Client) callForOK(ctx context.Context, q *quest) (bool, error) {
	answer, err := c.call(ctx, q)
	if err != nil {
		return false, err
	}
	ok, err := answer.Bool("ok")
	if err == nil {
		return ok, nil
	}
	if n, intErr := answer.Int("ok"); intErr == nil {
		return n != 0, nil
	}
	return false, malformed(q.method, err)
}

func malformed(method string, err error) error {
	return fmt.Errorf("rtm %s: %w: %w", method, ErrMalformedAnswer, err)
}
