package rtm_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// An info of 65,535 bytes is accepted; one byte more is refused with
// 200030, a parameter error that is not retried and changes nothing.
func TestGroupInfoSizeLimit(t *testing.T) {
	srv := newEmulator(t)
	c := newTestClient(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	largest := strings.Repeat("i", rtmtest.MaxInfoBytes)
	if err := c.SetGroupInfo(ctx, 1, &largest, nil); err != nil {
		t.Fatalf("info of %d bytes: %v", len(largest), err)
	}
	tooLarge := largest + "x"
	err := c.SetGroupInfo(ctx, 1, nil, &tooLarge)
	if !rtm.IsInfoTooLarge(err) || !rtm.IsParameterError(err) || rtm.IsRetryable(err) {
		t.Fatalf("info of %d bytes: %v, want 200030", len(tooLarge), err)
	}
	if n := srv.Calls("setgroupinfo"); n != 2 {
		t.Fatalf("setgroupinfo sent %d times, want 2 (no retry)", n)
	}
	if public, private := srv.GroupInfo(testPID, 1); public != largest || private != "" {
		t.Fatalf("emulator holds infos of %d and %d bytes", len(public), len(private))
	}
}

// The client's default pace (100 calls/s) against the emulator's real rate
// limiter. At 50/s the emulator answers 200010 once its one-second burst is
// spent: those chunks are retried and the result is exact. At 100/s the
// client never exceeds the server's budget.
func TestDefaultClientRateAgainstEmulatorRateLimit(t *testing.T) {
	const chunks = 150 // well past the 50/s emulator's burst of 50
	uids := uidRange(1, chunks*rtm.MaxUIDsPerCall)
	for _, tc := range []struct {
		serverRate  float64
		wantLimited bool
	}{{50, true}, {100, false}} {
		srv := newEmulator(t, func(c *rtmtest.Config) {
			c.RateLimit = tc.serverRate
			c.MaxMembers = len(uids)
		})
		logger := &recordingLogger{}
		c := newTestClient(t, srv, func(cfg *rtm.Config) {
			cfg.RateLimit = 0 // the default, 100/s
			cfg.MaxRetries = 10
			cfg.Logger = logger
		})
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		if err := c.AddGroupMembers(ctx, 1, uids); err != nil {
			t.Fatalf("emulator at %v/s: %v", tc.serverRate, err)
		}
		cancel()
		if got := srv.Members(testPID, 1); !slices.Equal(got, uids) {
			t.Fatalf("emulator at %v/s holds %d members, want %d", tc.serverRate, len(got), len(uids))
		}
		limited := logger.countCode(rtm.CodeFrequencyLimited)
		if tc.wantLimited && limited == 0 {
			t.Fatalf("emulator at %v/s never answered 200010", tc.serverRate)
		}
		if !tc.wantLimited && limited != 0 {
			t.Fatalf("emulator at %v/s answered 200010 %d times to a client at 100/s", tc.serverRate, limited)
		}
		if sent := srv.Calls("addgroupmembers"); sent != chunks+limited {
			t.Fatalf("emulator at %v/s: %d quests, want %d chunks + %d retries", tc.serverRate, sent, chunks, limited)
		}
	}
}

// A wrong server public key is reported after one attempt, even with
// retries configured: a new connection cannot fix it.
func TestEncryptedClientWrongKeyNotRetried(t *testing.T) {
	srv, _ := newEncryptedEmulator(t, fpnn.CurveSecp256k1)
	wrong, _ := fpnn.GenerateECDHPrivateKey(fpnn.CurveSecp256k1)
	c := newTestClient(t, srv, func(cfg *rtm.Config) {
		cfg.MaxRetries = 3
		cfg.Encryption = &fpnn.EncryptionConfig{ServerPublicKey: wrong.PublicKey()}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.GetGroupCount(ctx, 7)
	var ce *rtm.ConnectionError
	if !errors.Is(err, rtm.ErrKeyMismatch) || !errors.Is(err, rtm.ErrKeyExchangeFailed) || !errors.As(err, &ce) || rtm.IsRetryable(err) {
		t.Fatalf("got %v, want a non-retryable *rtm.ConnectionError wrapping ErrKeyMismatch", err)
	}
	if n, exhausted := rtm.Attempts(err); n != 1 || exhausted {
		t.Fatalf("Attempts = %d, %v; want 1 attempt, not exhausted", n, exhausted)
	}
}
