package rtm

import (
	"context"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Client is an RTM server-end client for one project. It is safe for
// concurrent use; all callers share one connection and one rate limit.
type Client struct {
	s       settings
	conn    transport
	limiter *rate.Limiter // nil: unlimited
	salts   *saltGenerator
	closed  atomic.Bool

	// batchConcurrency is how many chunks of one member list are in flight at once.
	batchConcurrency int
	// sleep and jitter are replaced by tests that check the retry schedule.
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func(n int64) int64
}

// New validates cfg and returns a client. It does not dial: the connection is
// opened by the first call and reopened by the first call after a drop.
func New(cfg Config) (*Client, error) {
	s, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	return newClient(s, newFPNNTransport(s)), nil
}

func newClient(s settings, conn transport) *Client {
	c := &Client{
		s:                s,
		conn:             conn,
		salts:            processSalts,
		batchConcurrency: defaultBatchConcurrency,
		sleep:            sleepContext,
		jitter:           rand.Int64N,
	}
	if s.rateLimit > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(s.rateLimit), rateBurst(s.rateLimit))
	}
	return c
}

// rateBurst lets a tenth of a second's calls go out at once: enough for
// Terraform's 10 parallel operations, small enough that a per-second window
// on the server never sees much more than the configured rate.
func rateBurst(perSecond float64) int {
	return max(1, int(math.Ceil(perSecond/10)))
}

// Close closes the connection. Calls made after Close fail with ErrClosed.
func (c *Client) Close() error {
	if c.closed.Swap(true) {
		return nil
	}
	return c.conn.Close()
}

// Endpoint returns the configured host:port.
func (c *Client) Endpoint() string { return c.s.endpoint }

// ProjectID returns the configured project id.
func (c *Client) ProjectID() int64 { return c.s.projectID }
