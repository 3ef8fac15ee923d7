package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

func TestUnitClientErrorDiag(t *testing.T) {
	t.Parallel()
	// Connection and retry failures come from a real client, so the test
	// sees exactly the error chain the provider gets.
	refused := realClientError(t, func(srv *rtmtest.Server) { srv.Close() })
	lost := realClientError(t, func(srv *rtmtest.Server) { srv.DropEvery(1) })
	exhausted := realClientError(t, func(srv *rtmtest.Server) { srv.FailNext(10, rtm.CodeSameSign) })
	cases := []struct {
		name        string
		err         error
		summary     string
		mustContain []string
	}{
		{
			name:        "wrong secret",
			err:         &rtm.Error{Method: "getgroupinfo", Code: rtm.CodeInvalidPidOrSign, Ex: "invalid pid or sign"},
			summary:     "RTM Authentication Failed",
			mustContain: []string{authFailedMessage, "RTM_SECRET_KEY", "Original Error: rtm getgroupinfo: error 200002: invalid pid or sign"},
		},
		{
			name:        "rate limited",
			err:         fmt.Errorf("wrapped: %w", &rtm.Error{Method: "addgroupmembers", Code: rtm.CodeFrequencyLimited}),
			summary:     "RTM Rate Limit Exceeded",
			mustContain: []string{"Lower max_requests_per_second", "max_retries", "-parallelism"},
		},
		{
			name:        "clock skew",
			err:         &rtm.Error{Method: "getgroupinfo", Code: rtm.CodeInvalidServerTime},
			summary:     "RTM Rejected the Request Time",
			mustContain: []string{"clock"},
		},
		{
			name:        "request timeout",
			err:         fmt.Errorf("rtm getgroupinfo: no answer from 10.0.0.1:13315 within 30s: %w", rtm.ErrRequestTimeout),
			summary:     "RTM Request Timed Out",
			mustContain: []string{"raise request_timeout", "retries (max_retries) ran out", "10.0.0.1:13315"},
		},
		{
			name:    "connection refused",
			err:     refused.err,
			summary: "RTM Endpoint Unreachable",
			mustContain: []string{
				fmt.Sprintf(`Could not connect to the RTM endpoint %q (`, refused.endpoint),
				"connection refused) while trying to do the thing", "RTM_ENDPOINT", "connect_timeout",
			},
		},
		{
			name:        "connection lost",
			err:         lost.err,
			summary:     "RTM Endpoint Unreachable",
			mustContain: []string{fmt.Sprintf(`Lost the connection to the RTM endpoint %q (`, lost.endpoint)},
		},
		{
			name:        "retryable server error",
			err:         exhausted.err,
			summary:     "RTM Request Failed After Retries",
			mustContain: []string{"retries (max_retries) ran out"},
		},
		{
			name:        "operation deadline",
			err:         fmt.Errorf("rtm addgroupmembers: %w", context.DeadlineExceeded),
			summary:     "RTM Operation Timed Out",
			mustContain: []string{"timeouts"},
		},
		{
			name:        "member limit",
			err:         &rtm.Error{Method: "addgroupmembers", Code: rtm.CodeMaxGroupMembers},
			summary:     "RTM Group Member Limit Reached",
			mustContain: []string{"10,000"},
		},
		{
			name:        "other API error",
			err:         &rtm.Error{Method: "setgroupinfo", Code: rtm.CodeUnknownError, Ex: "boom"},
			summary:     "RTM API Error",
			mustContain: []string{"error 200999 (boom) while trying to do the thing"},
		},
		{
			name:        "anything else",
			err:         errors.New("something odd"),
			summary:     "RTM Client Error",
			mustContain: []string{"while trying to do the thing", "Original Error: something odd"},
		},
	}
	for _, tc := range cases {
		d := clientErrorDiag("do the thing", tc.err)
		if d.Summary() != tc.summary {
			t.Errorf("%s: summary %q, want %q", tc.name, d.Summary(), tc.summary)
		}
		for _, want := range append(tc.mustContain, "do the thing", "Original Error: ") {
			if !strings.Contains(d.Detail(), want) {
				t.Errorf("%s: detail %q does not contain %q", tc.name, d.Detail(), want)
			}
		}
	}
}

// clientFailure is an error from a real rtm client call and the endpoint it
// talked to.
type clientFailure struct {
	err      error
	endpoint string
}

// realClientError calls GetGroupInfo with one retry against an emulator that
// break has set up to fail, and returns the error.
func realClientError(t *testing.T, breakIt func(*rtmtest.Server)) clientFailure {
	t.Helper()
	srv := newTestEmulator(t)
	endpoint := srv.Addr()
	breakIt(srv)
	client, err := rtm.New(rtm.Config{
		Endpoint: endpoint, ProjectID: testProjectID, SecretKey: testSecretKey,
		MaxRetries: 1, RequestTimeout: 5 * time.Second, ConnectTimeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	_, err = client.GetGroupInfo(context.Background(), 1)
	if err == nil {
		t.Fatal("GetGroupInfo succeeded against a broken emulator")
	}
	return clientFailure{err: err, endpoint: endpoint}
}
