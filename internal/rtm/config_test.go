package rtm

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

const testSecret = "00000000-1111-2222-3333-444444444444"

func validConfig() Config {
	return Config{Endpoint: "127.0.0.1:13315", ProjectID: 80000001, SecretKey: testSecret}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		field  string
	}{
		{"empty endpoint", func(c *Config) { c.Endpoint = "" }, "Endpoint"},
		{"no port", func(c *Config) { c.Endpoint = "rtm.example.com" }, "Endpoint"},
		{"no host", func(c *Config) { c.Endpoint = ":13315" }, "Endpoint"},
		{"port not a number", func(c *Config) { c.Endpoint = "localhost:http" }, "Endpoint"},
		{"port zero", func(c *Config) { c.Endpoint = "localhost:0" }, "Endpoint"},
		{"port too big", func(c *Config) { c.Endpoint = "localhost:65536" }, "Endpoint"},
		{"project id zero", func(c *Config) { c.ProjectID = 0 }, "ProjectID"},
		{"project id negative", func(c *Config) { c.ProjectID = -1 }, "ProjectID"},
		{"project id above int32", func(c *Config) { c.ProjectID = 1 << 31 }, "ProjectID"},
		{"empty secret", func(c *Config) { c.SecretKey = "" }, "SecretKey"},
		{"negative connect timeout", func(c *Config) { c.ConnectTimeout = -time.Second }, "ConnectTimeout"},
		{"negative request timeout", func(c *Config) { c.RequestTimeout = -time.Second }, "RequestTimeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := validConfig()
			tt.change(&cfg)
			client, err := New(cfg)
			var cfgErr *ConfigError
			if !errors.As(err, &cfgErr) {
				t.Fatalf("New() = %v, %v; want *ConfigError", client, err)
			}
			if cfgErr.Field != tt.field {
				t.Errorf("Field = %q, want %q (%v)", cfgErr.Field, tt.field, err)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Errorf("error shows the secret: %v", err)
			}
		})
	}
}

func TestNewAcceptsEndpointForms(t *testing.T) {
	for _, endpoint := range []string{"127.0.0.1:13315", "rtm-nx-back.ilivedata.com:13315", "[::1]:13315"} {
		cfg := validConfig()
		cfg.Endpoint = endpoint
		if _, err := New(cfg); err != nil {
			t.Errorf("New(%q) = %v", endpoint, err)
		}
	}
	cfg := validConfig()
	cfg.ProjectID = MaxProjectID
	if _, err := New(cfg); err != nil {
		t.Errorf("New(ProjectID %d) = %v", MaxProjectID, err)
	}
}

func TestConfigDefaults(t *testing.T) {
	s, err := validConfig().validate()
	if err != nil {
		t.Fatal(err)
	}
	if s.connectTimeout != DefaultConnectTimeout || s.requestTimeout != DefaultRequestTimeout ||
		s.maxRetries != DefaultMaxRetries || s.rateLimit != DefaultRateLimit || s.now == nil || s.logger != nil {
		t.Fatalf("defaults not applied: %+v", s)
	}

	cfg := validConfig()
	cfg.MaxRetries, cfg.RateLimit = -1, -1
	s, err = cfg.validate()
	if err != nil {
		t.Fatal(err)
	}
	if s.maxRetries != 0 || s.rateLimit != 0 {
		t.Fatalf("MaxRetries<0 / RateLimit<0 = %d retries, rate %v; want none, unlimited", s.maxRetries, s.rateLimit)
	}
}

func TestConfigNeverPrintsTheSecret(t *testing.T) {
	cfg := validConfig()
	s, _ := cfg.validate()
	for _, out := range []string{
		fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg),
		fmt.Sprintf("%v", s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s),
	} {
		if strings.Contains(out, testSecret) {
			t.Fatalf("formatted config shows the secret: %s", out)
		}
	}
}
