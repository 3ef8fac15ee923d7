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
		{"gone after expiry: expired", false, &earlier, banExpired},
	}
	for _, tt := range tests {
		if got := classifyBan(tt.banned, tt.expiresAt, now); got != tt.want {
			t.Errorf("%s: classifyBan = %d, want %d", tt.name, got, tt.want)
		}
	}
}
