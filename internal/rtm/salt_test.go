package rtm

import (
	"sync"
	"testing"
)

func TestSaltsNeverRepeatUnderConcurrency(t *testing.T) {
	const goroutines, perGoroutine = 8, 20000
	g := newSaltGenerator(func() int64 { return 1700000000000 }) // a frozen clock: the worst case
	results := make([][]int64, goroutines)
	var wg sync.WaitGroup
	for i := range goroutines {
		wg.Go(func() {
			salts := make([]int64, perGoroutine)
			for j := range salts {
				salts[j] = g.next()
			}
			results[i] = salts
		})
	}
	wg.Wait()

	seen := make(map[int64]bool, goroutines*perGoroutine)
	for _, salts := range results {
		for j, s := range salts {
			if seen[s] {
				t.Fatalf("salt %d handed out twice", s)
			}
			seen[s] = true
			if s <= 0 {
				t.Fatalf("salt %d is not positive", s)
			}
			if j > 0 && s <= salts[j-1] {
				t.Fatalf("salts of one goroutine went backwards: %d then %d", salts[j-1], s)
			}
		}
	}
}

func TestSaltsSurviveClockGoingBackwards(t *testing.T) {
	now := int64(1700000000000)
	g := newSaltGenerator(func() int64 { return now })
	first := g.next()
	now -= 60_000 // the wall clock steps back a minute
	if second := g.next(); second <= first {
		t.Fatalf("salt after clock step back = %d, not above %d", second, first)
	}
}

func TestSaltLayoutCarriesMillisecondsAndTag(t *testing.T) {
	g := newSaltGenerator(func() int64 { return 1700000000000 })
	s := g.next()
	if ms := s >> saltTimeShift; ms != 1700000000000 {
		t.Fatalf("salt %d carries ms %d", s, ms)
	}
	if tag := (s >> saltTagShift) & 0xff; tag != g.tag {
		t.Fatalf("salt %d carries tag %d, want %d", s, tag, g.tag)
	}
}
