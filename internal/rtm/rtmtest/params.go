package rtmtest

import (
	"fmt"
	"math"
)

// Parameter helpers: FPNN parameter errors (10009/10010) first, then the RTM
// limits of PROTOCOL.md §7.

// int reads a required integer parameter.
func (r *request) int(key string) (int64, error) {
	v, err := r.params.Int(key)
	return v, asAnswer(err)
}

// groupID reads the required gid of a call that targets one group: ≥ 1.
func (r *request) groupID() (int64, error) {
	gid, err := r.int("gid")
	if err != nil {
		return 0, err
	}
	r.gid, r.hasGID = gid, true
	if gid <= 0 {
		return 0, rtmError(CodeInvalidID, fmt.Sprintf("invalid gid %d: group ids start at 1", gid))
	}
	return gid, nil
}

// optionalGroupID reads the gid of a ban call: missing or ≤ 0 means all
// groups, reported as 0.
func (r *request) optionalGroupID() (int64, error) {
	gid, ok, err := r.params.OptInt("gid")
	if err != nil {
		return 0, asAnswer(err)
	}
	if !ok {
		return allGroups, nil
	}
	r.gid, r.hasGID = gid, true
	return max(gid, allGroups), nil
}

// uidList reads a member list: an array of 1..MaxUIDsPerCall integers.
func (r *request) uidList() ([]int64, error) {
	uids, err := r.params.Ints("uids")
	if err != nil {
		return nil, asAnswer(err)
	}
	if len(uids) == 0 {
		return nil, rtmError(CodeEmptyParameter, "parameter is empty: uids has no members")
	}
	if len(uids) > MaxUIDsPerCall {
		return nil, rtmError(CodeTooManyItems, fmt.Sprintf(
			"parameter contain too many members: uids has %d, at most %d per call", len(uids), MaxUIDsPerCall))
	}
	return uids, nil
}

// int32 reads a required integer parameter that the C++ side holds in an
// int32 (pid, ts, btime): a value outside int32 is a type conversion error
// (10010), as FPNN's int32 parameter getter reports it.
func (r *request) int32(key string) (int64, error) {
	v, err := r.int(key)
	if err != nil {
		return 0, err
	}
	if v < math.MinInt32 || v > math.MaxInt32 {
		return 0, rtmError(CodeTypeConvert, fmt.Sprintf("param %q: %d does not fit in int32", key, v))
	}
	return v, nil
}

// banSeconds reads btime, an int32 on the C++ side.
func (r *request) banSeconds() (int64, error) {
	return r.int32("btime")
}

// info reads an optional info string (oinfo/pinfo) of at most MaxInfoBytes.
func (r *request) info(key string) (*string, error) {
	v, ok, err := r.params.OptString(key)
	if err != nil {
		return nil, asAnswer(err)
	}
	if !ok {
		return nil, nil
	}
	if len(v) > MaxInfoBytes {
		return nil, rtmError(CodeLargeInfo, fmt.Sprintf(
			"large message or attrs: %s is %d bytes, at most %d", key, len(v), MaxInfoBytes))
	}
	return &v, nil
}
