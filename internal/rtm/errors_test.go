package rtm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

func TestWrongSecretIsAuthErrorWithoutRetry(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv, func(cfg *rtm.Config) { cfg.SecretKey = "not-the-secret" })

	_, err := c.GetGroupMembers(context.Background(), 1)
	if !rtm.IsAuthError(err) || rtm.IsRetryable(err) {
		t.Fatalf("err = %v, want a non-retryable auth error", err)
	}
	var rtmErr *rtm.Error
	if !errors.As(err, &rtmErr) || rtmErr.Method != "getgroupmembers" || rtmErr.Code != rtm.CodeInvalidPidOrSign {
		t.Fatalf("err = %#v, want *rtm.Error for getgroupmembers 200002", err)
	}
	if !strings.HasPrefix(err.Error(), "rtm getgroupmembers: error 200002") {
		t.Fatalf("message %q", err)
	}
	if n := srv.Calls("getgroupmembers"); n != 1 {
		t.Fatalf("auth failure sent %d quests, want 1", n)
	}
}

func TestWrongProjectIsAuthError(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv, func(cfg *rtm.Config) { cfg.ProjectID = testPID + 1 })
	if err := c.DelGroup(context.Background(), 1); !rtm.IsAuthError(err) {
		t.Fatalf("unknown project: err = %v, want an auth error", err)
	}
}

func TestRateLimitedIsRetriedThenSucceeds(t *testing.T) {
	srv := newEmulator(t)
	logger := &recordingLogger{}
	c := newTestClient(t, srv, func(cfg *rtm.Config) { cfg.Logger = logger })
	srv.FailNext(2, rtm.CodeFrequencyLimited)

	if err := c.AddGroupMembers(context.Background(), 1, []int64{5}); err != nil {
		t.Fatalf("AddGroupMembers = %v, want success on the third attempt", err)
	}
	if n := srv.Calls("addgroupmembers"); n != 3 {
		t.Fatalf("sent %d quests, want 3", n)
	}
	if warns := logger.byLevel("warn"); len(warns) != 2 || warns[0].fields["code"] != rtm.CodeFrequencyLimited {
		t.Fatalf("warnings: %v", logger)
	}
	debugs := logger.byLevel("debug")
	if len(debugs) != 3 {
		t.Fatalf("want one debug entry per quest, got:\n%v", logger)
	}
	last := debugs[2].fields
	if last["method"] != "addgroupmembers" || last["gid"] != int64(1) || last["attempt"] != 3 || last["code"] != 0 {
		t.Fatalf("last debug entry fields %v", last)
	}
	if _, ok := last["latency_ms"].(float64); !ok {
		t.Fatalf("no latency in %v", last)
	}
}

func TestSameSignIsReSignedAndResent(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	srv.FailNext(1, rtm.CodeSameSign)
	if ok, err := c.IsGroupMember(context.Background(), 1, 2); err != nil || ok {
		t.Fatalf("IsGroupMember = %v, %v; want false after one re-sign", ok, err)
	}
	if n := srv.Calls("isgroupmember"); n != 2 {
		t.Fatalf("sent %d quests, want 2", n)
	}
}

func TestRetriesExhausted(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv, func(cfg *rtm.Config) { cfg.MaxRetries = 2 })
	srv.FailNext(10, rtm.CodeFrequencyLimited)

	err := c.DelGroup(context.Background(), 1)
	if !rtm.IsRateLimited(err) {
		t.Fatalf("err = %v, want the rate-limit error", err)
	}
	if n := srv.Calls("delgroup"); n != 3 {
		t.Fatalf("sent %d quests, want 1 + 2 retries", n)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") {
		t.Fatalf("message %q does not say how often it tried", err)
	}
}

func TestContextDeadlineStopsRetries(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv, func(cfg *rtm.Config) { cfg.MaxRetries = 50 })
	srv.FailNext(1000, rtm.CodeFrequencyLimited)

	// Backoffs from 125ms double each time: a 1s deadline allows a few
	// attempts, far fewer than 51.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := c.DelGroup(ctx, 1)
	if !errors.Is(err, context.DeadlineExceeded) || !rtm.IsRateLimited(err) {
		t.Fatalf("err = %v, want the deadline and the last 200010", err)
	}
	if n := srv.Calls("delgroup"); n < 2 || n > 5 {
		t.Fatalf("sent %d quests under a 1s deadline", n)
	}
	if ctx.Err() != nil {
		t.Fatalf("the call returned after the deadline instead of giving up before its next sleep")
	}
}

func TestContextDeadlineWhileWaitingForAnswer(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	srv.DelayAnswers(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.GetGroupCount(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestRequestTimeoutPerAttempt(t *testing.T) {
	srv := newEmulator(t)
	logger := &recordingLogger{}
	c := newTestClient(t, srv, func(cfg *rtm.Config) {
		cfg.RequestTimeout = 50 * time.Millisecond
		cfg.MaxRetries = 1
		cfg.Logger = logger
	})
	srv.DelayAnswers(time.Minute)
	_, err := c.GetGroupCount(context.Background(), 1)
	if !errors.Is(err, rtm.ErrRequestTimeout) || !rtm.IsRetryable(err) {
		t.Fatalf("err = %v, want ErrRequestTimeout", err)
	}
	if !strings.Contains(err.Error(), srv.Addr()) {
		t.Fatalf("timeout error %q does not name the endpoint", err)
	}
	// The emulator counts answered quests only, so count attempts in the log.
	attempts := logger.byLevel("debug")
	if len(attempts) != 2 || attempts[0].fields["code"] != rtm.CodeFPNNTimeout || attempts[1].fields["code"] != rtm.CodeFPNNTimeout {
		t.Fatalf("want two timed-out attempts logged with code 20003:\n%s", logger)
	}
}

func TestEmulatorGoneIsConnectionError(t *testing.T) {
	srv := newEmulator(t)
	addr := srv.Addr()
	c := newTestClient(t, srv, func(cfg *rtm.Config) { cfg.MaxRetries = 1 })
	if err := c.DelGroup(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	srv.Close()

	err := c.DelGroup(context.Background(), 1)
	if !errors.Is(err, fpnn.ErrConnectionClosed) || !rtm.IsConnectionError(err) || !rtm.IsRetryable(err) {
		t.Fatalf("err = %v, want a connection error", err)
	}
	var connErr *fpnn.ConnError
	if !errors.As(err, &connErr) {
		t.Fatalf("err = %v, want an *fpnn.ConnError inside", err)
	}
	if !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("message %q should name the endpoint %s and the cause", err, addr)
	}
}

func TestNonMemberAnswersAreNotErrors(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	// Removing someone who is not a member is not an error in RTM.
	if err := c.DelGroupMembers(context.Background(), 1, []int64{42}); err != nil {
		t.Fatal(err)
	}
}

func TestClockSkewIsReportedWithoutRetry(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv, func(cfg *rtm.Config) {
		cfg.Now = func() time.Time { return time.Now().Add(-time.Hour) }
	})
	err := c.DelGroup(context.Background(), 1)
	if !rtm.IsClockSkew(err) || rtm.IsRetryable(err) {
		t.Fatalf("ts an hour behind: err = %v, want a non-retryable 200008", err)
	}
	if n := srv.Calls("delgroup"); n != 1 {
		t.Fatalf("sent %d quests, want 1", n)
	}
}
