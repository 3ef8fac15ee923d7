package rtmtest

import (
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"
)

// requestLog writes one line per request. Only method, ids, result and
// latency are logged: never the sign, salt or secret.
type requestLog struct {
	mu sync.Mutex
	w  io.Writer
}

// logEntry is what one request line reports.
type logEntry struct {
	method  string
	pid     int64
	hasPID  bool // false: the quest had no pid, or it did not decode
	gid     int64
	hasGID  bool // false: the quest had no gid (or the method takes none)
	code    int  // 0 = success
	dropped bool // the connection was closed instead of answering
	latency time.Duration
}

func (l *requestLog) write(e logEntry) {
	if l == nil || l.w == nil {
		return
	}
	line := make([]byte, 0, 128)
	line = time.Now().UTC().AppendFormat(line, "2006-01-02T15:04:05.000Z07:00")
	line = append(line, " method="...)
	quoted := strconv.Quote(e.method) // keeps odd bytes from a bad quest printable
	line = append(line, quoted[1:len(quoted)-1]...)
	line = append(line, " pid="...)
	line = appendIDOrDash(line, e.pid, e.hasPID)
	line = append(line, " gid="...)
	line = appendIDOrDash(line, e.gid, e.hasGID)
	if e.dropped {
		line = append(line, " result=dropped"...)
	} else {
		line = append(line, " code="...)
		line = strconv.AppendInt(line, int64(e.code), 10)
	}
	line = fmt.Appendf(line, " latency=%s\n", e.latency.Round(time.Microsecond))
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = l.w.Write(line)
}

func appendIDOrDash(b []byte, id int64, known bool) []byte {
	if !known {
		return append(b, '-')
	}
	return strconv.AppendInt(b, id, 10)
}
