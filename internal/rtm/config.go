package rtm

import (
	"fmt"
	"math"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// Defaults applied by New when a Config field is left zero.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxRetries     = 3
	DefaultRateLimit      = 100 // calls per second, RTM's documented project limit
)

// MaxProjectID is the largest project id RTM accepts (the SDKs send it as int32).
const MaxProjectID = math.MaxInt32

// Config describes how to reach one RTM project.
type Config struct {
	Endpoint       string        // host:port, required
	ProjectID      int64         // 1..2^31-1, required
	SecretKey      string        // required; never logged
	ConnectTimeout time.Duration // default 10s
	RequestTimeout time.Duration // per attempt, default 30s
	MaxRetries     int           // retries after the first attempt, default 3; 0 = default; <0 = none
	RateLimit      float64       // calls/second shared by the client, default 100; <0 = unlimited
	KeepAlive      bool
	Logger         Logger           // optional; nil = discard
	Now            func() time.Time // optional; for ts; default time.Now
	// Encryption, when set, encrypts the connection with FPNN's key
	// exchange (see fpnn.EncryptionConfig); nil = plaintext.
	Encryption *fpnn.EncryptionConfig
}

// String describes the config without the secret key, so a Config printed
// with %v by accident leaks nothing.
func (c Config) String() string {
	secret := "<empty>"
	if c.SecretKey != "" {
		secret = "<redacted>"
	}
	return fmt.Sprintf("rtm.Config{Endpoint:%q ProjectID:%d SecretKey:%s ConnectTimeout:%s RequestTimeout:%s MaxRetries:%d RateLimit:%g KeepAlive:%t}",
		c.Endpoint, c.ProjectID, secret, c.ConnectTimeout, c.RequestTimeout, c.MaxRetries, c.RateLimit, c.KeepAlive)
}

// GoString keeps %#v from printing the secret too.
func (c Config) GoString() string { return c.String() }

// ConfigError reports an invalid Config field. Reason never contains the secret.
type ConfigError struct {
	Field  string
	Reason string
}

func (e *ConfigError) Error() string {
	return "rtm: invalid config: " + e.Field + ": " + e.Reason
}

// settings is a validated Config with defaults applied.
type settings struct {
	endpoint       string
	projectID      int64
	secret         *secretKey // a pointer, so even %#v of settings prints an address
	connectTimeout time.Duration
	requestTimeout time.Duration
	maxRetries     int
	rateLimit      float64 // <= 0 means unlimited here
	keepAlive      bool
	logger         Logger // nil when discarded, so hot paths skip building fields
	now            func() time.Time
	encryption     *fpnn.EncryptionConfig // a copy; nil = plaintext
}

func (c Config) validate() (settings, error) {
	s := settings{
		endpoint:       c.Endpoint,
		projectID:      c.ProjectID,
		secret:         &secretKey{value: c.SecretKey},
		connectTimeout: c.ConnectTimeout,
		requestTimeout: c.RequestTimeout,
		maxRetries:     c.MaxRetries,
		rateLimit:      c.RateLimit,
		keepAlive:      c.KeepAlive,
		logger:         c.Logger,
		now:            c.Now,
	}
	if err := validateEndpoint(c.Endpoint); err != nil {
		return s, err
	}
	if c.ProjectID < 1 || c.ProjectID > MaxProjectID {
		return s, &ConfigError{Field: "ProjectID", Reason: fmt.Sprintf("must be between 1 and %d, got %d", MaxProjectID, c.ProjectID)}
	}
	if c.SecretKey == "" {
		return s, &ConfigError{Field: "SecretKey", Reason: "must not be empty"}
	}
	switch {
	case c.ConnectTimeout < 0:
		return s, &ConfigError{Field: "ConnectTimeout", Reason: fmt.Sprintf("must not be negative, got %s", c.ConnectTimeout)}
	case c.ConnectTimeout == 0:
		s.connectTimeout = DefaultConnectTimeout
	}
	switch {
	case c.RequestTimeout < 0:
		return s, &ConfigError{Field: "RequestTimeout", Reason: fmt.Sprintf("must not be negative, got %s", c.RequestTimeout)}
	case c.RequestTimeout == 0:
		s.requestTimeout = DefaultRequestTimeout
	}
	switch {
	case c.MaxRetries == 0:
		s.maxRetries = DefaultMaxRetries
	case c.MaxRetries < 0:
		s.maxRetries = 0
	}
	switch {
	case math.IsNaN(c.RateLimit):
		return s, &ConfigError{Field: "RateLimit", Reason: "must be a number"}
	case c.RateLimit == 0:
		s.rateLimit = DefaultRateLimit
	case c.RateLimit < 0 || math.IsInf(c.RateLimit, 1):
		s.rateLimit = 0
	}
	if s.now == nil {
		s.now = time.Now
	}
	if c.Encryption != nil {
		if err := c.Encryption.Validate(); err != nil {
			return s, &ConfigError{Field: "Encryption", Reason: strings.TrimPrefix(err.Error(), "fpnn: encryption: ")}
		}
		enc := *c.Encryption
		s.encryption = &enc
	}
	return s, nil
}

func validateEndpoint(endpoint string) error {
	if endpoint == "" {
		return &ConfigError{Field: "Endpoint", Reason: `must not be empty; use "host:port", e.g. "rtm-nx-back.ilivedata.com:13315"`}
	}
	host, port, err := net.SplitHostPort(endpoint)
	if err != nil {
		return &ConfigError{Field: "Endpoint", Reason: fmt.Sprintf(`%q is not "host:port": %v`, endpoint, err)}
	}
	if host == "" {
		return &ConfigError{Field: "Endpoint", Reason: fmt.Sprintf("%q has no host", endpoint)}
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return &ConfigError{Field: "Endpoint", Reason: fmt.Sprintf("%q: port must be a number between 1 and 65535", endpoint)}
	}
	return nil
}

// secretKey keeps the project secret out of anything formatted with fmt.
type secretKey struct{ value string }

func (*secretKey) String() string   { return "<redacted>" }
func (*secretKey) GoString() string { return "<redacted>" }
