package rtm

import "context"

// Logger receives one Debug entry per quest attempt (method, gid, attempt,
// latency, result code) and one Warn entry per retry. Fields never contain
// the secret key or the sign.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}
