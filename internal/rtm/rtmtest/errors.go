package rtmtest

import (
	"errors"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// rtmError is an error answer: status 1, {code, ex}.
func rtmError(code int, ex string) error {
	return &fpnn.ErrorAnswer{Code: code, Ex: ex}
}

// answerCode is the code an error answers with (0 for nil), for the log.
func answerCode(err error) int {
	if err == nil {
		return 0
	}
	var ea *fpnn.ErrorAnswer
	if errors.As(err, &ea) {
		return ea.Code
	}
	var pe *fpnn.ParamError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return CodeUnknownError
}
