package rtm

import "context"

// GroupInfo is a group's public (oinfo) and private (pinfo) info.
type GroupInfo struct {
	Public  string
	Private string
}

// SetGroupInfo sets group gid's public and/or private info (setgroupinfo).
// A nil pointer leaves that info unchanged; with both nil nothing is sent.
func (c *Client) SetGroupInfo(ctx context.Context, gid int64, publicInfo, privateInfo *string) error {
	if publicInfo == nil && privateInfo == nil {
		return nil
	}
	_, err := c.call(ctx, &quest{method: "setgroupinfo", fields: withGID, gid: gid, oinfo: publicInfo, pinfo: privateInfo})
	return err
}

// GetGroupInfo returns group gid's info (getgroupinfo). A key missing from
// the answer reads as "".
func (c *Client) GetGroupInfo(ctx context.Context, gid int64) (GroupInfo, error) {
	q := quest{method: "getgroupinfo", fields: withGID, gid: gid}
	answer, err := c.call(ctx, &q)
	if err != nil {
		return GroupInfo{}, err
	}
	public, _, err := answer.OptString("oinfo")
	if err != nil {
		return GroupInfo{}, malformed(q.method, err)
	}
	private, _, err := answer.OptString("pinfo")
	if err != nil {
		return GroupInfo{}, malformed(q.method, err)
	}
	return GroupInfo{Public: public, Private: private}, nil
}
