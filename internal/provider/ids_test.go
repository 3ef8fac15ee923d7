package provider

import (
	"strings"
	"testing"
)

func TestUnitParseGroupID(t *testing.T) {
	t.Parallel()
	valid := map[string]int64{"1": 1, "1001": 1001, "9223372036854775807": 9223372036854775807}
	for in, want := range valid {
		got, err := parseGroupID(in)
		if err != nil || got != want {
			t.Errorf("parseGroupID(%q) = %d, %v; want %d", in, got, err, want)
		}
		if formatGroupID(got) != in {
			t.Errorf("formatGroupID(%d) = %q; want %q", got, formatGroupID(got), in)
		}
	}
	invalid := map[string]string{
		"":                    "is empty",
		"0":                   "must be at least 1, got 0",
		"-5":                  `"-5" is not a whole number`,
		"+5":                  `"+5" is not a whole number`,
		" 5":                  `" 5" is not a whole number`,
		"abc":                 `"abc" is not a whole number`,
		"1/2":                 `"1/2" is not a whole number`,
		"1.5":                 `"1.5" is not a whole number`,
		"9223372036854775808": "is out of range",
	}
	for in, reason := range invalid {
		_, err := parseGroupID(in)
		if err == nil {
			t.Errorf("parseGroupID(%q): no error", in)
			continue
		}
		for _, want := range []string{"expected <group_id>", reason} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("parseGroupID(%q) error %q does not contain %q", in, err, want)
			}
		}
	}
}

func TestUnitParseGroupUserID(t *testing.T) {
	t.Parallel()
	gid, uid, err := parseGroupUserID("1001/42")
	if err != nil || gid != 1001 || uid != 42 {
		t.Fatalf(`parseGroupUserID("1001/42") = %d, %d, %v`, gid, uid, err)
	}
	if got := formatGroupUserID(1001, 42); got != "1001/42" {
		t.Fatalf("formatGroupUserID(1001, 42) = %q", got)
	}
	invalid := map[string]string{
		"":        "expected <group_id>/<user_id>",
		"1001":    "expected <group_id>/<user_id>",
		"1001/":   "user_id is empty",
		"/42":     "group_id is empty",
		"1/2/3":   "expected <group_id>/<user_id>",
		"0/42":    "group_id must be at least 1, got 0",
		"1001/0":  "user_id must be at least 1, got 0",
		"x/42":    `group_id "x" is not a whole number`,
		"1001/-1": `user_id "-1" is not a whole number`,
		"1001,42": "expected <group_id>/<user_id>",
	}
	for in, want := range invalid {
		_, _, err := parseGroupUserID(in)
		if err == nil {
			t.Errorf("parseGroupUserID(%q): no error", in)
			continue
		}
		if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "expected <group_id>/<user_id>") {
			t.Errorf("parseGroupUserID(%q) error %q does not contain %q and the format", in, err, want)
		}
	}
}
