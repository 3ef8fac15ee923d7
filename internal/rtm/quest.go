package rtm

import "github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"

// quest is one RTM call: the FPNN method and the method's own parameters.
// Which optional parameters are sent is explicit, because RTM gives a
// missing gid a meaning of its own (a ban in every group).
type quest struct {
	method string
	fields questFields
	gid    int64
	uid    int64
	uids   []int64
	btime  int64
	oinfo  *string // nil: key left out
	pinfo  *string // nil: key left out
}

type questFields uint8

const (
	withGID questFields = 1 << iota
	withUID
	withUIDs
	withBtime
)

func (q *quest) has(f questFields) bool { return q.fields&f != 0 }

// paramCount is the number of keys after the four authentication keys.
func (q *quest) paramCount() int {
	n := 0
	for f := withGID; f <= withBtime; f <<= 1 {
		if q.has(f) {
			n++
		}
	}
	if q.oinfo != nil {
		n++
	}
	if q.pinfo != nil {
		n++
	}
	return n
}

// appendQuestPayload appends the msgpack payload of q, signed with salt and
// ts: the map pid, sign, salt, ts, then the call's parameters. Integers use
// the Go SDK's signed formats, so the frame of PROTOCOL.md §9.1 comes out
// byte for byte.
func appendQuestPayload(dst []byte, pid int64, secret *secretKey, salt, ts int64, q *quest) []byte {
	dst = msgpack.AppendMapHeader(dst, 4+q.paramCount())
	dst = msgpack.AppendString(dst, "pid")
	dst = msgpack.AppendInt(dst, pid)
	var sign [signLen]byte
	appendSign(sign[:0], pid, secret.value, salt, q.method, ts)
	dst = msgpack.AppendString(dst, "sign")
	dst = msgpack.AppendString(dst, string(sign[:]))
	dst = msgpack.AppendString(dst, "salt")
	dst = msgpack.AppendInt(dst, salt)
	dst = msgpack.AppendString(dst, "ts")
	dst = msgpack.AppendInt(dst, ts)
	if q.has(withGID) {
		dst = msgpack.AppendString(dst, "gid")
		dst = msgpack.AppendInt(dst, q.gid)
	}
	if q.has(withUID) {
		dst = msgpack.AppendString(dst, "uid")
		dst = msgpack.AppendInt(dst, q.uid)
	}
	if q.has(withUIDs) {
		dst = msgpack.AppendString(dst, "uids")
		dst = msgpack.AppendArrayHeader(dst, len(q.uids))
		for _, uid := range q.uids {
			dst = msgpack.AppendInt(dst, uid)
		}
	}
	if q.has(withBtime) {
		dst = msgpack.AppendString(dst, "btime")
		dst = msgpack.AppendInt(dst, q.btime)
	}
	if q.oinfo != nil {
		dst = msgpack.AppendString(dst, "oinfo")
		dst = msgpack.AppendString(dst, *q.oinfo)
	}
	if q.pinfo != nil {
		dst = msgpack.AppendString(dst, "pinfo")
		dst = msgpack.AppendString(dst, *q.pinfo)
	}
	return dst
}
