package provider

import (
	"strings"
	"testing"
)

func TestUnitCheckEndpoint(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"rtm-nx-back.ilivedata.com:13315", "127.0.0.1:1", "[::1]:65535"} {
		if err := checkEndpoint(ok); err != nil {
			t.Errorf("checkEndpoint(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"", "host", ":13315", "host:", "host:0", "host:65536", "host:http", "tcp://host:13315", "host/x:1", "::1:13315"} {
		if err := checkEndpoint(bad); err == nil {
			t.Errorf("checkEndpoint(%q) = nil, want an error", bad)
		} else if !strings.Contains(err.Error(), "rtm-nx-back.ilivedata.com:13315") {
			t.Errorf("checkEndpoint(%q) = %q, want an example of the right form", bad, err)
		}
	}
}
