package rtm

import "testing"

// The test vector of PROTOCOL.md §4.3.
func TestAppendSignMatchesProtocolVector(t *testing.T) {
	got := appendSign(nil, 80000001, "00000000-1111-2222-3333-444444444444", 7130316800001360513, "addgroupmembers", 1700000000)
	const want = "4288B9DA93436811D862098678B28555"
	if string(got) != want {
		t.Fatalf("sign = %s, want %s", got, want)
	}
}

func TestAppendSignDependsOnEveryInput(t *testing.T) {
	base := string(appendSign(nil, 1, "secret", 2, "delgroup", 3))
	variants := map[string]string{
		"pid":    string(appendSign(nil, 9, "secret", 2, "delgroup", 3)),
		"secret": string(appendSign(nil, 1, "secreT", 2, "delgroup", 3)),
		"salt":   string(appendSign(nil, 1, "secret", 9, "delgroup", 3)),
		"method": string(appendSign(nil, 1, "secret", 2, "getgroupinfo", 3)),
		"ts":     string(appendSign(nil, 1, "secret", 2, "delgroup", 9)),
	}
	for input, sign := range variants {
		if sign == base {
			t.Errorf("changing %s did not change the sign", input)
		}
		if len(sign) != signLen {
			t.Errorf("sign length %d, want %d", len(sign), signLen)
		}
	}
}

func TestAppendSignAllocatesNothing(t *testing.T) {
	dst := make([]byte, 0, signLen)
	allocs := testing.AllocsPerRun(100, func() {
		dst = appendSign(dst[:0], 80000001, "00000000-1111-2222-3333-444444444444", 7130316800001360513, "addgroupmembers", 1700000000)
	})
	if allocs != 0 {
		t.Fatalf("appendSign allocates %v times per call", allocs)
	}
}
