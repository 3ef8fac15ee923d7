package main

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

// If the emulator stops serving on its own (here: its listener is closed
// behind its back), serveUntil returns an error, so the process exits
// non-zero instead of sitting there serving nothing.
func TestServeFailureIsAnError(t *testing.T) {
	srv := rtmtest.NewUnstartedServer(rtmtest.Config{Projects: map[int64]string{1: "k"}})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.StartOn(l)
	_ = l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // bounds a broken serveUntil
	defer cancel()
	err = serveUntil(ctx, srv, io.Discard)
	if !errors.Is(err, net.ErrClosed) {
		t.Fatalf("serveUntil = %v, want the serve error", err)
	}
}

// Stopping on a signal (ctx) is a clean exit.
func TestServeUntilSignalIsClean(t *testing.T) {
	srv := rtmtest.NewServer(rtmtest.Config{Projects: map[int64]string{1: "k"}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := serveUntil(ctx, srv, io.Discard); err != nil {
		t.Fatalf("serveUntil = %v, want nil", err)
	}
}
