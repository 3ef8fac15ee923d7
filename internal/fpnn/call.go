package fpnn

import "sync"

// call is one pending quest: the slot the reader goroutine fills with the
// answer. Slots are pooled; done is reused, so a slot goes back to the pool
// only once nobody can still send on it.
type call struct {
	done     chan struct{} // capacity 1; exactly one send per registration
	payload  []byte
	err      error
	internal bool // a quest of the connection itself (*ping, *key): nobody waits
}

var callPool = sync.Pool{New: func() any { return newCall() }}

func newCall() *call { return &call{done: make(chan struct{}, 1)} }

func getCall() *call {
	if cl, ok := callPool.Get().(*call); ok {
		return cl
	}
	return newCall() // unreachable: the pool holds only *call
}

func putCall(cl *call) {
	cl.payload, cl.err, cl.internal = nil, nil, false
	callPool.Put(cl)
}

// finish hands the result to the waiter.
func (cl *call) finish(payload []byte, err error) {
	cl.payload, cl.err = payload, err
	cl.done <- struct{}{}
}
