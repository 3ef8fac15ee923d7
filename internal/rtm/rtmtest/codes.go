package rtmtest

// Error codes the emulator answers with. They are defined here rather than
// imported from internal/rtm because package rtm's tests import rtmtest.
const (
	// FPNN framework codes (PROTOCOL.md §6.1).
	CodeUnknownError  = 10001
	CodeKeyNotString  = 10005
	CodeRootNotMap    = 10006
	CodeKeyNotFound   = 10009
	CodeTypeConvert   = 10010
	CodeUnknownMethod = 20004

	// RTM codes (PROTOCOL.md §6.2).
	CodeInvalidID         = 200001 // INVALID_PID_OR_UID; the emulator's answer to gid ≤ 0
	CodeInvalidPidOrSign  = 200002
	CodeSameSign          = 200006
	CodeInvalidServerTime = 200008
	CodeFrequencyLimited  = 200010
	CodeLargeInfo         = 200030 // LARGE_MESSAGE_OR_ATTRS; the emulator's answer to info > 65535 bytes
	CodeTooManyItems      = 200032
	CodeEmptyParameter    = 200033
	CodeMaxGroupMembers   = 200042
)

// Documented RTM limits (PROTOCOL.md §7).
const (
	MaxUIDsPerCall    = 100
	MaxInfoBytes      = 65535
	DefaultMaxMembers = 10000
)
