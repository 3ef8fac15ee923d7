package fpnn

import (
	"encoding/json"
	"errors"
	"strconv"
)

// errJSONNotSupported answers quests with the JSON flag: this package only
// speaks msgpack.
var errJSONNotSupported = &ErrorAnswer{Code: CodeNotSupported, Ex: "JSON payloads are not supported, use msgpack"}

// appendJSONErrorPayload appends {"code":N,"ex":"..."} for a JSON quest.
func appendJSONErrorPayload(dst []byte, err error) []byte {
	code, ex := CodeUnknown, err.Error()
	var ea *ErrorAnswer
	if errors.As(err, &ea) {
		code, ex = ea.Code, ea.Ex
	}
	quoted, _ := json.Marshal(ex) // a string always marshals
	dst = append(dst, `{"code":`...)
	dst = strconv.AppendInt(dst, int64(code), 10)
	dst = append(dst, `,"ex":`...)
	dst = append(dst, quoted...)
	return append(dst, '}')
}
