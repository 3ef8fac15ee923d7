package rtmtest

import (
	"testing"
	"time"
)

func TestRateLimitPerProject(t *testing.T) {
	const otherPID, otherSecret = 80000002, "other-secret"
	h := newHarness(t, func(c *Config) {
		c.RateLimit = 2
		c.Projects[otherPID] = otherSecret
	})
	h.ok("getgroupcount", pInt("gid", 1))
	h.ok("getgroupcount", pInt("gid", 1))
	limited := payload(append(h.authParams("getgroupcount", testPID, testSecret), pInt("gid", 1))...)
	_, err := h.callRaw("getgroupcount", limited)
	wantCode(t, err, CodeFrequencyLimited)

	// Another project has its own bucket.
	other := payload(append(h.authParams("getgroupcount", otherPID, otherSecret), pInt("gid", 1))...)
	if _, err := h.callRaw("getgroupcount", other); err != nil {
		t.Fatalf("other project limited: %v", err)
	}

	// Half a second refills one token at 2/s; the rate-limited quest did not
	// use up its sign, so the very same frame now goes through.
	h.auth.Advance(500 * time.Millisecond)
	if _, err := h.callRaw("getgroupcount", limited); err != nil {
		t.Fatalf("resend after refill: %v", err)
	}
	_, err = h.call("getgroupcount", pInt("gid", 1))
	wantCode(t, err, CodeFrequencyLimited)

	h.srv.SetRateLimit(0)
	for range 20 {
		h.ok("getgroupcount", pInt("gid", 1))
	}
}

func TestRateLimitChecksAuthFirst(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RateLimit = 1 })
	for range 3 { // bad signs do not drain the project's bucket
		body := payload(append(h.authParams("getgroupcount", testPID, "wrong"), pInt("gid", 1))...)
		_, err := h.callRaw("getgroupcount", body)
		wantCode(t, err, CodeInvalidPidOrSign)
	}
	h.ok("getgroupcount", pInt("gid", 1))
}
