package rtmtest

import (
	"crypto/md5"
	"testing"
	"time"
)

// The test vector of PROTOCOL.md §4.3.
func TestExpectedSignMatchesProtocolVector(t *testing.T) {
	got := Sign(80000001, "00000000-1111-2222-3333-444444444444", 7130316800001360513, "addgroupmembers", 1700000000)
	if want := "4288B9DA93436811D862098678B28555"; got != want {
		t.Fatalf("sign = %s, want %s", got, want)
	}
}

func TestReplayCacheRejectsRepeatsWithinWindow(t *testing.T) {
	c := newReplayCache(10, time.Minute)
	now := time.Unix(1_700_000_000, 0)
	k := [md5.Size]byte{1}
	if !c.firstUse(k, now) {
		t.Fatal("first use rejected")
	}
	if c.firstUse(k, now.Add(time.Minute)) {
		t.Fatal("repeat within the window accepted")
	}
	if !c.firstUse(k, now.Add(time.Minute+time.Second)) {
		t.Fatal("repeat after the window rejected")
	}
}

func TestReplayCacheIsBounded(t *testing.T) {
	const limit = 100
	c := newReplayCache(limit, time.Hour)
	now := time.Unix(1_700_000_000, 0)
	for i := range 5000 {
		var k [md5.Size]byte
		k[0], k[1] = byte(i), byte(i>>8)
		if !c.firstUse(k, now) {
			t.Fatalf("key %d rejected", i)
		}
		if n := c.size(); n > limit {
			t.Fatalf("cache holds %d signs, max %d", n, limit)
		}
	}
	if len(c.queue)-c.head > limit || cap(c.queue) > 4*limit+2048 {
		t.Fatalf("queue not compacted: len %d head %d cap %d", len(c.queue), c.head, cap(c.queue))
	}
	// The newest keys are still remembered; the oldest were forgotten.
	var newest, oldest [md5.Size]byte
	last := 4999
	newest[0], newest[1] = byte(last), byte(last>>8)
	if c.firstUse(newest, now) {
		t.Fatal("newest key forgotten")
	}
	if !c.firstUse(oldest, now) {
		t.Fatal("oldest key still remembered in a full cache")
	}
}
