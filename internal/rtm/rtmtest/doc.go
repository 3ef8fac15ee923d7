// Package rtmtest is an in-process emulator of the RTM server gate, in the
// spirit of net/http/httptest: NewServer starts it on 127.0.0.1:0, Addr tells
// where, Close stops it.
//
// It speaks FPNN exactly like the real service (PROTOCOL.md §1, §2) and
// answers the server-end group API (§5) with the encodings msgpack-c produces,
// so the official RTM SDKs work against it unchanged. Tests can move its clock,
// inject faults, and inspect or change its data out of band.
//
// Choices where the real service is undocumented ([A] in PROTOCOL.md §10):
//
//   - Auth: sign = UPPER(hex(md5("pid:secret:salt:method:ts"))), compared
//     exactly (uppercase only). An unknown pid gets the same 200002 as a wrong
//     sign. ts further than TSSkew (default 5 minutes) from AuthClock gets
//     200008. A sign seen before within the replay window (2×TSSkew, enough to
//     cover every ts the skew check still accepts) gets 200006; the replay cache
//     holds at most ReplayCacheSize signs and forgets the oldest first.
//   - Order of checks: unknown method (20004), payload shape (10006 root not
//     a map, 10005 key not a string), the auth keys pid/sign/salt/ts
//     (10009 missing, 10010 wrong type), sign (200002), ts (200008), rate
//     limit (200010), replay (200006), then the method's own parameters and
//     limits. A rate-limited quest does not use up its sign, so resending the
//     same frame after 200010 is allowed.
//   - Limits: more than MaxUIDsPerCall uids → 200032; an empty uids array →
//     200033; oinfo or pinfo longer than MaxInfoBytes → 200030
//     (LARGE_MESSAGE_OR_ATTRS); a group that would exceed MaxMembers → 200042,
//     and nothing of that call is applied.
//   - gid: every call that targets one group needs gid ≥ 1, otherwise 200001
//     (CodeInvalidID). addgroupban and removegroupban treat a missing gid and a
//     gid ≤ 0 alike, as "all groups" (the Go SDK sends gid only when > 0;
//     Python sends 0). uids are not restricted.
//   - Bans: btime ≤ 0 is permanent, otherwise the ban ends btime seconds later
//     on Config.Clock. A ban in all groups is separate from per-group bans:
//     isbanofgroup sees either; removegroupban with a gid lifts that group's ban
//     only, without gid it lifts every ban of the user. Bans do not need or
//     change membership, and delgroup leaves bans alone.
//   - delgroup removes the members and both infos. Groups exist implicitly.
//     clearprojectgroup (Go SDK ClearProjectGroup) removes every group and
//     ban of the project.
//
// Persistence (Config.StateFile): the file is read at start (a missing file
// is an empty state; a corrupt one is an error that names the file), written
// once right away (so an unwritable path fails at start, not later), and
// rewritten after changes by a background writer, coalescing bursts, and on
// Close. Every write goes to a temporary file in the same directory, is
// fsynced and renamed over the state file, so a crash leaves the previous
// complete file; temporary files left by a crash are removed at the next
// start. A kill -9 can lose the changes of the last moments, never the file.
//
// Log (Config.Log): one line per quest with method, pid, gid, result code
// (or "dropped") and latency; never the sign, salt or secret.
package rtmtest
