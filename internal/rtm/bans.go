package rtm

import (
	"context"
	"math"
	"time"
)

// AddGroupBan bans uid from speaking in group gid (addgroupban). gid <= 0
// leaves gid out: a ban in every group. duration <= 0 is permanent (btime 0);
// otherwise btime is duration in seconds, rounded up (capped at 2^31-1, the
// SDKs' int32).
func (c *Client) AddGroupBan(ctx context.Context, gid, uid int64, duration time.Duration) error {
	q := quest{method: "addgroupban", fields: withUID | withBtime, uid: uid, btime: banSeconds(duration)}
	if gid > 0 {
		q.fields |= withGID
		q.gid = gid
	}
	_, err := c.call(ctx, &q)
	return err
}

// RemoveGroupBan lifts uid's ban in group gid (removegroupban); gid <= 0
// lifts it in every group.
func (c *Client) RemoveGroupBan(ctx context.Context, gid, uid int64) error {
	q := quest{method: "removegroupban", fields: withUID, uid: uid}
	if gid > 0 {
		q.fields |= withGID
		q.gid = gid
	}
	_, err := c.call(ctx, &q)
	return err
}

// IsBanOfGroup reports whether uid is banned in group gid (isbanofgroup).
func (c *Client) IsBanOfGroup(ctx context.Context, gid, uid int64) (bool, error) {
	return c.callForOK(ctx, &quest{method: "isbanofgroup", fields: withGID | withUID, gid: gid, uid: uid})
}

func banSeconds(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	secs := int64((d + time.Second - 1) / time.Second)
	return min(secs, math.MaxInt32)
}
