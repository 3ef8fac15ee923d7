package rtmtest

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
)

// authenticator checks the four keys every server-end quest carries
// (PROTOCOL.md §4): the sign, the ts skew and sign reuse.
type authenticator struct {
	secrets map[int64]string
	clock   clock.Clock
	skew    time.Duration
	replay  *replayCache
}

func newAuthenticator(cfg Config) *authenticator {
	secrets := make(map[int64]string, len(cfg.Projects))
	for pid, secret := range cfg.Projects {
		secrets[pid] = secret
	}
	return &authenticator{
		secrets: secrets,
		clock:   cfg.AuthClock,
		skew:    cfg.TSSkew,
		// A sign stays usable while its ts is within the skew, and a ts can be
		// up to skew ahead when first seen: remember signs for 2×skew.
		replay: newReplayCache(cfg.ReplayCacheSize, 2*cfg.TSSkew),
	}
}

// Sign computes the sign a server-end quest must carry (PROTOCOL.md §4.2):
// UPPER(hex(md5("pid:secretKey:salt:method:ts"))). Exported so tests can
// build quests independently of the client under test.
func Sign(pid int64, secretKey string, salt int64, method string, ts int64) string {
	buf := make([]byte, 0, len(secretKey)+len(method)+64)
	buf = strconv.AppendInt(buf, pid, 10)
	buf = append(buf, ':')
	buf = append(buf, secretKey...)
	buf = append(buf, ':')
	buf = strconv.AppendInt(buf, salt, 10)
	buf = append(buf, ':')
	buf = append(buf, method...)
	buf = append(buf, ':')
	buf = strconv.AppendInt(buf, ts, 10)
	sum := md5.Sum(buf)
	const upperHex = "0123456789ABCDEF"
	var out [2 * md5.Size]byte
	for i, c := range sum {
		out[2*i], out[2*i+1] = upperHex[c>>4], upperHex[c&0x0f]
	}
	return string(out[:])
}

// checkSign answers 200002 for an unknown pid or a sign that does not match.
// The ex text never contains the expected sign or the secret.
func (a *authenticator) checkSign(pid int64, sign string, salt int64, method string, ts int64) error {
	secret, ok := a.secrets[pid]
	if !ok {
		return rtmError(CodeInvalidPidOrSign, "invalid pid or sign")
	}
	want := Sign(pid, secret, salt, method, ts)
	if subtle.ConstantTimeCompare([]byte(want), []byte(sign)) != 1 {
		return rtmError(CodeInvalidPidOrSign, "invalid pid or sign")
	}
	return nil
}

// checkTS answers 200008 when ts (seconds) is further than the skew from now.
func (a *authenticator) checkTS(ts int64) error {
	now := a.clock.Now()
	diff := now.Sub(time.Unix(ts, 0))
	if diff > a.skew || diff < -a.skew {
		return rtmError(CodeInvalidServerTime, fmt.Sprintf(
			"invalid server time: ts %d is %s away from server time %d (allowed ±%s); check the client's clock",
			ts, diff.Round(time.Second).Abs(), now.Unix(), a.skew))
	}
	return nil
}

// checkReplay answers 200006 for a sign already used within the window and
// remembers the sign otherwise. Call it only for a sign that checkSign passed.
func (a *authenticator) checkReplay(sign string) error {
	var key [md5.Size]byte
	if _, err := hex.Decode(key[:], []byte(sign)); err != nil {
		return rtmError(CodeInvalidPidOrSign, "invalid pid or sign")
	}
	if !a.replay.firstUse(key, a.clock.Now()) {
		return rtmError(CodeSameSign, "same sign: this sign was used before; sign the quest again with a new salt")
	}
	return nil
}

// replayCache remembers recently used signs, at most limit of them, each for
// window; when full it forgets the oldest first.
type replayCache struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	seen   map[[md5.Size]byte]struct{}
	queue  []replayEntry // in insertion order; queue[head:] is live
	head   int
}

type replayEntry struct {
	key [md5.Size]byte
	at  time.Time
}

func newReplayCache(limit int, window time.Duration) *replayCache {
	return &replayCache{limit: limit, window: window, seen: map[[md5.Size]byte]struct{}{}}
}

// firstUse records key and reports whether it was not already present.
func (c *replayCache) firstUse(key [md5.Size]byte, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.head < len(c.queue) {
		e := c.queue[c.head]
		if len(c.queue)-c.head < c.limit && now.Sub(e.at) <= c.window {
			break
		}
		delete(c.seen, e.key)
		c.head++
	}
	if c.head > len(c.queue)/2 && c.head > 1024 {
		c.queue = append(c.queue[:0:0], c.queue[c.head:]...)
		c.head = 0
	}
	if _, dup := c.seen[key]; dup {
		return false
	}
	c.seen[key] = struct{}{}
	c.queue = append(c.queue, replayEntry{key: key, at: now})
	return true
}

// size is the number of remembered signs.
func (c *replayCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}
