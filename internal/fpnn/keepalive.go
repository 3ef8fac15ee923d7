package fpnn

import (
	"time"
)

// keepAliveRetries is how many unanswered pings the Go SDK tolerates.
const keepAliveRetries = 2

// keepAlive sends *ping when nothing has been received for interval (and no
// ping went out in the last timeout), and drops the connection when nothing
// has been received for timeout*retries+interval: the Go SDK's rule
// (PROTOCOL.md §1.6).
func (cc *clientConn) keepAlive(interval, timeout time.Duration) {
	defer cc.goroutines.Done()
	tick := min(interval, timeout) / 4
	tick = max(min(tick, time.Second), time.Millisecond)
	t := time.NewTicker(tick)
	defer t.Stop()
	lost := time.Duration(keepAliveRetries)*timeout + interval
	var lastPing time.Time
	for {
		var now time.Time
		select {
		case <-cc.done:
			return
		case now = <-t.C:
		}
		idle := now.Sub(time.Unix(0, cc.lastRecv.Load()))
		if idle >= lost {
			cc.shutdown(&ConnError{Op: "read", Endpoint: cc.endpoint, Err: ErrKeepAliveTimeout})
			return
		}
		if idle >= interval && now.Sub(lastPing) >= timeout {
			cc.sendInternal("*ping", emptyMap)
			lastPing = now
		}
	}
}
