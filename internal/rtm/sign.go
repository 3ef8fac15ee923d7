package rtm

import (
	"crypto/md5"
	"strconv"
)

// signLen is the length of a sign: an MD5 digest in hex.
const signLen = 2 * md5.Size

const upperHex = "0123456789ABCDEF"

// appendSign appends the quest signature of PROTOCOL.md §4.2,
// UPPER(hex(md5("<pid>:<secret>:<salt>:<method>:<ts>"))), to dst.
// It builds the input on the stack so signing allocates nothing.
func appendSign(dst []byte, pid int64, secret string, salt int64, method string, ts int64) []byte {
	var scratch [192]byte
	in := strconv.AppendInt(scratch[:0], pid, 10)
	in = append(in, ':')
	in = append(in, secret...)
	in = append(in, ':')
	in = strconv.AppendInt(in, salt, 10)
	in = append(in, ':')
	in = append(in, method...)
	in = append(in, ':')
	in = strconv.AppendInt(in, ts, 10)
	sum := md5.Sum(in)
	for _, b := range sum {
		dst = append(dst, upperHex[b>>4], upperHex[b&0x0f])
	}
	return dst
}
