package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm"
)

// Diagnostics in the style of terraform-provider-random: a title-cased
// summary, then what was being attempted, what the user can do about it, and
// the original error last. The rtm client never puts the secret key or the
// sign in its errors, so the original error is safe to show.

// authFailedMessage is the first line of every authentication failure; tests
// and docs match on it.
const authFailedMessage = "authentication failed (RTM 200002): check project_id and secret_key"

// clientErrorDiag explains a failed rtm client call. action completes the
// sentence "while trying to ...", e.g. "create group 1001".
func clientErrorDiag(action string, err error) diag.Diagnostic {
	return partialErrorDiag(action, "", err)
}

// partialErrorDiag is clientErrorDiag for an operation that may have done
// part of its work before failing: progress says what was applied, where it
// is recorded and how to finish or undo it.
func partialErrorDiag(action, progress string, err error) diag.Diagnostic {
	summary, advice := explainClientError(err)
	detail := advice(action)
	if progress != "" {
		detail += "\n\n" + progress
	}
	return diag.NewErrorDiagnostic(summary, detail+"\n\nOriginal Error: "+err.Error())
}

// clientErrorSummary is a one-line account of a failed call, for warnings
// that let the plan go on.
func clientErrorSummary(err error) string {
	summary, _ := explainClientError(err)
	return fmt.Sprintf("%s (%s)", summary, err)
}

// explainClientError picks the summary and the advice for err. The order
// matters: a rate-limited or timed-out call is also retryable, and its own
// advice is the more useful one.
func explainClientError(err error) (string, func(action string) string) {
	var apiErr *rtm.Error
	switch {
	case errors.Is(err, context.Canceled): // whatever the last attempt saw, Terraform stopped it
		return "RTM Operation Interrupted", func(action string) string {
			return fmt.Sprintf("Terraform was interrupted (Ctrl-C or a stop signal) while trying to %s, so the provider "+
				"stopped calling RTM. Nothing is wrong with RTM or the provider: run terraform apply again to finish the work. "+
				"Every RTM group call is idempotent, so repeating what was already done is safe.", action)
		}
	case rtm.IsAuthError(err):
		return "RTM Authentication Failed", func(action string) string {
			return fmt.Sprintf("%s.\n\nThe RTM server rejected the signature of the request to %s. "+
				"project_id and secret_key (or RTM_PROJECT_ID and RTM_SECRET_KEY) must belong to the same RTM project: "+
				"copy both from the RTM console and run Terraform again.", authFailedMessage, action)
		}
	case rtm.IsClockSkew(err):
		return "RTM Rejected the Request Time", func(action string) string {
			return fmt.Sprintf("The RTM server rejected the timestamp of the request to %s (RTM 200008): "+
				"requests are signed with the current time, and this machine's clock is too far from the server's. "+
				"Synchronize the clock (NTP) and run Terraform again.", action)
		}
	case rtm.IsRateLimited(err):
		return "RTM Rate Limit Exceeded", func(action string) string {
			return fmt.Sprintf("The RTM project kept rejecting calls for exceeding its rate limit (RTM 200010) while trying to %s, "+
				"and the provider's retries (max_retries) ran out. Lower max_requests_per_second in the provider configuration "+
				"(default 100, RTM's usual project limit; other clients of the project share it), or run Terraform with a lower "+
				"-parallelism, then run Terraform again.", action)
		}
	case errors.Is(err, rtm.ErrRequestTimeout):
		return "RTM Request Timed Out", func(action string) string {
			return fmt.Sprintf("The RTM server did not answer in time while trying to %s, and the provider's retries (max_retries) ran out. "+
				"Check that the endpoint is the RTM server-end gate and is reachable, or raise request_timeout "+
				"in the provider configuration (default 30s per attempt), then run Terraform again.", action)
		}
	case errors.Is(err, rtm.ErrKeyExchangeFailed): // also a connection error; this advice is the useful one
		return explainKeyExchangeFailure()
	case rtm.IsConnectionError(err):
		return "RTM Endpoint Unreachable", func(action string) string {
			return fmt.Sprintf("%s while trying to %s. "+
				"Check endpoint (or RTM_ENDPOINT): it must be the host:port of the RTM server-end gate, the host must resolve "+
				"and the port must accept TCP connections from this machine (firewalls, proxies). connect_timeout "+
				"bounds each connection attempt; the provider retried up to max_retries times.", connectionFailure(err), action)
		}
	case retriesExhausted(err):
		return "RTM Request Failed After Retries", func(action string) string {
			return fmt.Sprintf("The RTM server kept failing while trying to %s, and the provider's retries (max_retries) ran out. "+
				"The server may be overloaded or restarting: wait and run Terraform again, or raise max_retries.", action)
		}
	case errors.Is(err, context.DeadlineExceeded):
		return "RTM Operation Timed Out", func(action string) string {
			return fmt.Sprintf("The operation ran out of time while trying to %s. Running terraform apply again finishes "+
				"the work. For resources with a timeouts block, raise the matching timeout; otherwise check the endpoint's "+
				"latency and request_timeout.", action)
		}
	case rtm.IsTooManyMembers(err):
		return "RTM Group Member Limit Reached", func(action string) string {
			return fmt.Sprintf("The RTM server refused to %s because the group would exceed its member limit (RTM 200042; "+
				"10,000 members by default). Remove members first or split the users across several groups.", action)
		}
	case errors.As(err, &apiErr):
		return "RTM API Error", func(action string) string {
			return fmt.Sprintf("The RTM server answered error %d (%s) while trying to %s. "+
				"Run Terraform again; if the error persists, check the RTM error code reference or report it to the provider developers.",
				apiErr.Code, apiErr.Ex, action)
		}
	default:
		return "RTM Client Error", func(action string) string {
			return fmt.Sprintf("An unexpected error occurred while trying to %s. "+
				"Run Terraform again; if the error persists, please report it to the provider developers.", action)
		}
	}
}

// connectionFailure names the endpoint and the cause of a connection
// error, e.g. `Could not connect to the RTM endpoint "h:13315": dial tcp ...:
// connection refused`.
func connectionFailure(err error) string {
	var connErr *rtm.ConnectionError
	if !errors.As(err, &connErr) {
		return "Could not talk to the RTM endpoint"
	}
	verb := "Lost the connection to"
	if connErr.Op == "dial" {
		verb = "Could not connect to"
	}
	cause := "the connection closed"
	if connErr.Cause != nil {
		cause = connErr.Cause.Error()
	}
	return fmt.Sprintf("%s the RTM endpoint %q (%s)", verb, connErr.Endpoint, cause)
}

// retriesExhausted reports whether err is a retryable failure that outlasted
// max_retries (not one cut short by a context or a non-retryable answer).
func retriesExhausted(err error) bool {
	_, exhausted := rtm.Attempts(err)
	return exhausted
}

// importIDDiag reports an import ID that does not parse; err shows the
// expected format (see ids.go).
func importIDDiag(err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unexpected Format of ID", err.Error())
}

// unexpectedProviderDataDiag reports a Configure call with provider data of
// the wrong type: a bug in the provider, never a user error.
func unexpectedProviderDataDiag(kind string, got any) diag.Diagnostic {
	return diag.NewErrorDiagnostic(
		fmt.Sprintf("Unexpected %s Configure Type", kind),
		fmt.Sprintf("Expected *providerData, got: %T. Please report this issue to the provider developers.", got),
	)
}
