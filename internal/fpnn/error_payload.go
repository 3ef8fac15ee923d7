package fpnn

import (
	"errors"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"
)

// AppendErrorPayload appends {code, ex} the way the C++ server's msgpack-c
// writes it: code as an unsigned format when non-negative (200002 ->
// ce 00 03 0d 42), ex as str.
func AppendErrorPayload(dst []byte, code int, ex string) []byte {
	dst = msgpack.AppendMapHeader(dst, 2)
	return appendCodeEx(dst, code, ex)
}

// AppendErrorPayloadRaiser appends {code, ex, raiser}, the C++ errorAnswer
// form with three fields.
func AppendErrorPayloadRaiser(dst []byte, code int, ex, raiser string) []byte {
	dst = msgpack.AppendMapHeader(dst, 3)
	dst = appendCodeEx(dst, code, ex)
	dst = msgpack.AppendString(dst, "raiser")
	return msgpack.AppendString(dst, raiser)
}

func appendCodeEx(dst []byte, code int, ex string) []byte {
	dst = msgpack.AppendString(dst, "code")
	dst = msgpack.AppendIntC(dst, int64(code))
	dst = msgpack.AppendString(dst, "ex")
	return msgpack.AppendString(dst, ex)
}

// appendAnswerError appends the error payload for a handler's error.
func appendAnswerError(dst []byte, err error) []byte {
	var ea *ErrorAnswer
	if errors.As(err, &ea) {
		if ea.Raiser != "" {
			return AppendErrorPayloadRaiser(dst, ea.Code, ea.Ex, ea.Raiser)
		}
		return AppendErrorPayload(dst, ea.Code, ea.Ex)
	}
	var pe *ParamError
	if errors.As(err, &pe) {
		return AppendErrorPayload(dst, pe.Code, pe.Error())
	}
	return AppendErrorPayload(dst, CodeUnknown, err.Error())
}

// DecodeErrorPayload reads an error answer's {code, ex, raiser} map. Missing
// keys get the Python SDK's defaults (code 10001, ex "unknown error"); a
// payload that is not a map is an error.
func DecodeErrorPayload(payload []byte) (*ErrorAnswer, error) {
	p, err := DecodeParams(payload)
	if err != nil {
		return nil, err
	}
	ea := &ErrorAnswer{Code: CodeUnknown, Ex: "unknown error"}
	if code, ok, err := p.OptInt("code"); err != nil {
		return nil, err
	} else if ok {
		ea.Code = int(code)
	}
	if ex, ok, err := p.OptString("ex"); err != nil {
		return nil, err
	} else if ok {
		ea.Ex = ex
	}
	if raiser, ok, err := p.OptString("raiser"); err != nil {
		return nil, err
	} else if ok {
		ea.Raiser = raiser
	}
	return ea, nil
}
