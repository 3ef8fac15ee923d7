package rtmtest

import (
	"errors"
	"net"
	"strings"
	"testing"
)

// A server whose listener is closed behind its back stops serving, says why
// (Err), closes Done and logs it; Close afterwards still works.
func TestErrWhenListenerClosedElsewhere(t *testing.T) {
	var logs syncLog
	srv := NewUnstartedServer(Config{Projects: map[int64]string{testPID: testSecret}, Log: &logs})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.StartOn(l)
	if err := srv.Err(); err != nil {
		t.Fatalf("Err while serving = %v", err)
	}
	_ = l.Close()
	<-srv.Done()
	if err := srv.Err(); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("Err = %v, want net.ErrClosed", err)
	}
	if !strings.Contains(logs.String(), "stopped serving") {
		t.Fatalf("not logged:\n%s", logs.String())
	}
	srv.Close()
}

// Close is not an error.
func TestErrAfterCloseIsNil(t *testing.T) {
	srv := NewServer(Config{Projects: map[int64]string{testPID: testSecret}})
	srv.Close()
	<-srv.Done()
	if err := srv.Err(); err != nil {
		t.Fatalf("Err after Close = %v", err)
	}
}
