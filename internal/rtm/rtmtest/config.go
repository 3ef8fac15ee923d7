package rtmtest

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/clock"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// Defaults for Config fields left zero.
const (
	DefaultTSSkew          = 5 * time.Minute
	DefaultReplayCacheSize = 100_000
)

// Config configures an emulator. Only Projects is required.
type Config struct {
	Projects map[int64]string // pid -> secret key; at least one
	// Clock drives group semantics (ban expiry). Default clock.Real{}.
	Clock clock.Clock
	// AuthClock is what ts is checked against. Default clock.Real{}; keep it
	// real when Clock is fake, because clients sign with the wall clock.
	AuthClock clock.Clock
	// TSSkew is how far ts may be from AuthClock (either way). Default 5 min.
	TSSkew time.Duration
	// RateLimit is calls per second per project (token bucket, burst = the
	// rate rounded up). 0 = unlimited.
	RateLimit float64
	// MaxMembers per group. Default 10000.
	MaxMembers int
	// ReplayCacheSize bounds the signs remembered for replay detection.
	// Default 100,000.
	ReplayCacheSize int
	// StateFile, when set, is loaded at start and rewritten (atomically)
	// after changes and on Close.
	StateFile string
	// Log gets one line per request; nil = none. Never sees signs or secrets.
	Log io.Writer
	// ECDHKey, when set, offers FPNN encryption: clients may send *key and
	// encrypt the connection against this key (fpnn.Server.ECDHKey). Plain
	// connections keep working. nil = plaintext only.
	ECDHKey *fpnn.ECDHPrivateKey
	// ShuffleLists answers the uids of getgroupmembers and the gids of
	// getusergroups in a random order, as a real server may (it keeps them
	// in hash sets). false (the default): sorted, which makes logs and
	// golden answers stable. Clients must not depend on the order.
	ShuffleLists bool
}

func (c Config) withDefaults() Config {
	if c.Clock == nil {
		c.Clock = clock.Real{}
	}
	if c.AuthClock == nil {
		c.AuthClock = clock.Real{}
	}
	if c.TSSkew <= 0 {
		c.TSSkew = DefaultTSSkew
	}
	if c.MaxMembers <= 0 {
		c.MaxMembers = DefaultMaxMembers
	}
	if c.ReplayCacheSize <= 0 {
		c.ReplayCacheSize = DefaultReplayCacheSize
	}
	return c
}

func (c Config) validate() error {
	if len(c.Projects) == 0 {
		return errors.New("rtmtest: Config.Projects needs at least one project id and secret key")
	}
	for pid, secret := range c.Projects {
		if pid <= 0 || pid > 1<<31-1 {
			return fmt.Errorf("rtmtest: project id %d out of range 1..2147483647", pid)
		}
		if secret == "" {
			return fmt.Errorf("rtmtest: project %d has an empty secret key", pid)
		}
	}
	if c.RateLimit < 0 {
		return fmt.Errorf("rtmtest: RateLimit %v must be >= 0 (0 = unlimited)", c.RateLimit)
	}
	return nil
}
