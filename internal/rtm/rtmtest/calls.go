package rtmtest

import "sync"

// callCounter counts answered quests per method.
type callCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *callCounter) add(method string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[method]++
}

func (c *callCounter) get(method string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[method]
}

func (c *callCounter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = nil
}

// Calls returns how many quests of method were answered, with any result
// (error answers included; dropped quests are not answered, so not counted).
// The built-in "*ping" is answered by the FPNN layer and not counted.
func (s *Server) Calls(method string) int { return s.calls.get(method) }

// ResetCalls sets every counter back to zero.
func (s *Server) ResetCalls() { s.calls.reset() }
