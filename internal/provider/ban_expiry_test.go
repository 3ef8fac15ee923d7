package provider

import (
	"testing"
	"time"
)

func TestClassifyBan(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	later, earlier := now.Add(time.Minute), now.Add(-time.Minute)
	tests := []struct {
		name      string
		banned    bool
		expiresAt *time.Time
		want      banStatus
	}{
		{"banned", true, &later, banActive},
		{"banned after expiry (server clock behind)", true, &earlier, banActive},
		{"permanent, banned", true, nil, banActive},
		{"permanent, gone: lifted", false, nil, banLifted},
		{"gone before expiry: lifted", false, &later, banLifted},
		{"gone at expiry: expired", false, &now, banExpired},
		{"gone 2s before expiry (server rounds the end): expired", false, ptrTime(now.Add(2 * time.Second)), banExpired},
		{"gone 1s before expiry: expired", false, ptrTime(now.Add(time.Second)), banExpired},
		{"gone just over 2s before expiry: lifted", false, ptrTime(now.Add(2*time.Second + time.Nanosecond)), banLifted},
		{"gone 3s before expiry: lifted", false, ptrTime(now.Add(3 * time.Second)), banLifted},
		{"gone after expiry: expired", false, &earlier, banExpired},
	}
	for _, tt := range tests {
		if got := classifyBan(tt.banned, tt.expiresAt, now); got != tt.want {
			t.Errorf("%s: classifyBan = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func ptrTime(t time.Time) *time.Time { return &t }

func TestBanDuration(t *testing.T) {
	if d, err := banDuration(maxBanSeconds); err != nil || d != time.Duration(maxBanSeconds)*time.Second || d <= 0 {
		t.Errorf("banDuration(max) = %v, %v; want %d seconds", d, err, maxBanSeconds)
	}
	for _, bad := range []int64{0, -1, maxBanSeconds + 1, 10000000000} {
		if d, err := banDuration(bad); err == nil {
			t.Errorf("banDuration(%d) = %v, want an error", bad, d)
		}
	}
}
