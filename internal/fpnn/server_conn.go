package fpnn

import (
	"errors"
	"io"
	"net"
	"sync"
	"time"
)

// flushTimeout bounds the final flush of a closing connection.
const flushTimeout = 5 * time.Second

// serve is the connection's reader goroutine: it reads quests and, by
// default, handles them inline (keeping pipelined order), while a writer
// goroutine flushes the answers in batches. With Server.Concurrency > 1,
// handler calls run on their own goroutines instead and answer in
// completion order.
func (c *ServerConn) serve() {
	defer c.srv.connDone(c)
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		if err := c.out.run(c.nc); err != nil {
			_ = c.nc.Close() // unblocks the reader
		}
	}()

	var handlers sync.WaitGroup
	var slots chan struct{} // one per concurrent handler; nil = inline
	if n := c.srv.Concurrency; n > 1 {
		slots = make(chan struct{}, n)
	}
	idle := c.srv.idleTimeout()
	var deadlineSetAt time.Time
	var f Frame
	quests := 0
	for {
		if idle > 0 {
			// Moving the deadline costs a timer update; doing it only when
			// 1/16 of the timeout has passed keeps the idle close within
			// [15/16, 1] x IdleTimeout of the last quest.
			if now := time.Now(); now.Sub(deadlineSetAt) > idle/16 {
				_ = c.nc.SetReadDeadline(now.Add(idle))
				deadlineSetAt = now
			}
		}
		// Checked after moving the deadline: see stop.
		if c.stopping.Load() {
			break
		}
		if err := c.src.readFrameInto(&f); err != nil {
			if !c.stopping.Load() {
				c.logReadError(err)
			}
			break
		}
		quests++
		if f.Type == Answer {
			continue // this server sends no quests, so no answer is awaited
		}
		if slots == nil || isBuiltin(&f) {
			if !c.handle(&f, quests) {
				break
			}
			continue
		}
		slots <- struct{}{} // all busy: stop reading until one finishes
		handlers.Add(1)
		go c.handleConcurrently(f, slots, &handlers)
	}
	// Flush what is queued (answers to earlier quests), then close; a peer
	// that does not read gets flushTimeout, not a goroutine parked forever.
	c.out.close()
	_ = c.nc.SetWriteDeadline(time.Now().Add(flushTimeout))
	<-writerDone
	c.cancel()
	handlers.Wait()
	_ = c.nc.Close()
}

// isBuiltin: quests served on the reader goroutine even in concurrent mode
// (*key must switch the reader itself; *ping and JSON refusals are instant).
func isBuiltin(f *Frame) bool {
	return f.Flag&FlagJSON != 0 || f.Method == "*ping" || f.Method == "*key"
}

// handleConcurrently serves one quest on its own goroutine.
func (c *ServerConn) handleConcurrently(f Frame, slots chan struct{}, handlers *sync.WaitGroup) {
	defer func() {
		<-slots
		handlers.Done()
	}()
	if !c.handle(&f, 0) {
		c.stop()
	}
}

// stop makes the reader goroutine end the connection (gracefully: queued
// answers are flushed). The reader moves its deadline before checking
// stopping, and stop sets stopping before expiring the deadline, so one of
// the two always sees the other.
func (c *ServerConn) stop() {
	c.stopping.Store(true)
	_ = c.nc.SetReadDeadline(time.Unix(1, 0))
}

// logReadError logs why the connection ends, unless it is a plain close.
func (c *ServerConn) logReadError(err error) {
	if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || c.ctx.Err() != nil {
		return
	}
	c.srv.logf("fpnn: closing connection %d from %v: %v", c.id, c.nc.RemoteAddr(), err)
}
