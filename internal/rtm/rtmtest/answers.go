package rtmtest

import "github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn/msgpack"

// Answer payloads, encoded the way the real server's msgpack-c encodes them
// (PROTOCOL.md §2.3): non-negative ints in uint formats, id lists
// always arrays (empty: 0x90), ok a bool, both infos always present.

// answerEmpty is {} (0x80).
func answerEmpty() []byte { return []byte{0x80} }

// answerIDs is {key: [ids...]}.
func answerIDs(key string, ids []int64) []byte {
	b := make([]byte, 0, 16+9*len(ids))
	b = msgpack.AppendMapHeader(b, 1)
	b = msgpack.AppendString(b, key)
	return msgpack.AppendIntCArray(b, ids)
}

// answerOK is {ok: bool}.
func answerOK(ok bool) []byte {
	b := msgpack.AppendMapHeader(make([]byte, 0, 5), 1)
	b = msgpack.AppendString(b, "ok")
	return msgpack.AppendBool(b, ok)
}

// answerCount is {cn: n}.
func answerCount(n int) []byte {
	b := msgpack.AppendMapHeader(make([]byte, 0, 16), 1)
	b = msgpack.AppendString(b, "cn")
	return msgpack.AppendIntC(b, int64(n))
}

// answerInfo is {oinfo: public, pinfo: private}.
func answerInfo(public, private string) []byte {
	b := make([]byte, 0, 32+len(public)+len(private))
	b = msgpack.AppendMapHeader(b, 2)
	b = msgpack.AppendString(b, "oinfo")
	b = msgpack.AppendString(b, public)
	b = msgpack.AppendString(b, "pinfo")
	return msgpack.AppendString(b, private)
}
