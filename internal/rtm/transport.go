package rtm

import (
	"context"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/fpnn"
)

// transport sends one quest and returns the answer payload; *fpnn.Client is
// the real one, tests substitute scripted ones.
type transport interface {
	Call(ctx context.Context, method string, payload []byte) ([]byte, error)
	Close() error
}

var errConnectionClosed = fpnn.ErrConnectionClosed

func newFPNNTransport(s settings) *fpnn.Client {
	return fpnn.NewClient(fpnn.ClientConfig{
		Endpoint:       s.endpoint,
		ConnectTimeout: s.connectTimeout,
		KeepAlive:      s.keepAlive,
		Encryption:     s.encryption,
	})
}
