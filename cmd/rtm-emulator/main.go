// Command rtm-emulator runs the RTM server-gate emulator (internal/rtm/rtmtest)
// as a standalone process, for `make demo` and manual testing:
//
//	rtm-emulator -listen 127.0.0.1:13315 -project-id 80000001 -secret-key KEY -state rtm-state.json
//
// It serves until SIGINT or SIGTERM and logs one line per request on stderr;
// it exits 1 if it stops serving on its own (its listener failed).
// With -state, its data is written to FILE (atomically) and is there again
// after a restart.
//
// FPNN encryption (what the SDKs' EnableEncryptor uses) is offered with
//
//	-ecdh-curve secp256k1 -ecdh-private-key server.key -ecdh-public-key-out server-public.pem
//
// server.key is the raw 32-byte private key, as FPNN's ecdh.privateKey
// setting reads it; when the file does not exist, a new key is generated and
// written there with mode 0600. The public key PEM is what clients are given
// (the provider's encryption.server_public_key). Plain connections keep
// working.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/rtm/rtmtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stderr, nil)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "rtm-emulator:", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "rtm-emulator:", err)
		os.Exit(1)
	}
}

// usageError is a problem with the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// options are the parsed command line.
type options struct {
	listen     string
	projectID  int64
	secretKey  string
	stateFile  string
	rateLimit  float64
	tsSkew     time.Duration
	maxMembers int
	quiet      bool
	encryption encryptionOptions
}

// parseOptions reads flags; -project-id and -secret-key fall back to
// RTM_PROJECT_ID and RTM_SECRET_KEY (the provider's variables), so the
// secret need not appear in the process list.
func parseOptions(args []string, getenv func(string) string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("rtm-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.listen, "listen", "127.0.0.1:13315", "`host:port` to listen on (port 0 picks a free one)")
	fs.Int64Var(&o.projectID, "project-id", 0, "project `id` the emulator accepts (default $RTM_PROJECT_ID)")
	fs.StringVar(&o.secretKey, "secret-key", "", "project secret `key` (default $RTM_SECRET_KEY)")
	fs.StringVar(&o.stateFile, "state", "", "keep the data in `FILE` across restarts (written atomically)")
	fs.Float64Var(&o.rateLimit, "rate-limit", 0, "calls per second per project before 200010 answers; 0 = unlimited")
	fs.DurationVar(&o.tsSkew, "ts-skew", rtmtest.DefaultTSSkew, "how far a quest's ts may be from this machine's clock")
	fs.IntVar(&o.maxMembers, "max-members", rtmtest.DefaultMaxMembers, "members allowed per group")
	fs.BoolVar(&o.quiet, "quiet", false, "do not log one line per request")
	o.encryption.addFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		return o, usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return o, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if o.projectID == 0 && getenv("RTM_PROJECT_ID") != "" {
		v, err := strconv.ParseInt(getenv("RTM_PROJECT_ID"), 10, 64)
		if err != nil {
			return o, usageError{"RTM_PROJECT_ID is not an integer"}
		}
		o.projectID = v
	}
	if o.secretKey == "" {
		o.secretKey = getenv("RTM_SECRET_KEY")
	}
	if o.projectID < 1 || o.projectID > 1<<31-1 {
		return o, usageError{"-project-id (or RTM_PROJECT_ID) must be 1..2147483647"}
	}
	if o.secretKey == "" {
		return o, usageError{"-secret-key (or RTM_SECRET_KEY) is required"}
	}
	if o.rateLimit < 0 || o.tsSkew <= 0 || o.maxMembers < 1 {
		return o, usageError{"-rate-limit must be >= 0, -ts-skew > 0 and -max-members >= 1"}
	}
	return o, o.encryption.validate()
}

// run serves until ctx ends. ready, if set, is told the listening address.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, ready func(addr string)) error {
	o, err := parseOptions(args, getenv, stderr)
	if err != nil {
		return err
	}
	cfg := rtmtest.Config{
		Projects:   map[int64]string{o.projectID: o.secretKey},
		TSSkew:     o.tsSkew,
		RateLimit:  o.rateLimit,
		MaxMembers: o.maxMembers,
		StateFile:  o.stateFile,
	}
	if !o.quiet {
		cfg.Log = stderr
	}
	if cfg.ECDHKey, err = o.encryption.load(stderr); err != nil {
		return err
	}
	srv, err := rtmtest.Open(cfg)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", o.listen)
	if err != nil {
		_ = srv.Shutdown()
		return fmt.Errorf("listen on %s: %w", o.listen, err)
	}
	srv.StartOn(l)
	state := "in memory only"
	if o.stateFile != "" {
		state = "state file " + o.stateFile
	}
	fmt.Fprintf(stderr, "rtm-emulator: serving project %d on %s (%s); stop with Ctrl-C\n", o.projectID, srv.Addr(), state)
	if ready != nil {
		ready(srv.Addr())
	}
	return serveUntil(ctx, srv, stderr)
}

// serveUntil waits for ctx to end, then shuts srv down. If srv stops serving
// on its own first, that is an error (the process exits non-zero), after the
// state is saved all the same.
func serveUntil(ctx context.Context, srv *rtmtest.Server, stderr io.Writer) error {
	var serveErr error
	select {
	case <-ctx.Done():
	case <-srv.Done():
		serveErr = srv.Err()
		if serveErr == nil {
			serveErr = errors.New("stopped serving")
		}
	}
	stateErr := srv.Shutdown()
	switch {
	case serveErr != nil && stateErr != nil:
		return fmt.Errorf("serving failed: %w; saving state: %w", serveErr, stateErr)
	case serveErr != nil:
		return fmt.Errorf("serving failed: %w", serveErr)
	case stateErr != nil:
		return fmt.Errorf("saving state: %w", stateErr)
	}
	fmt.Fprintln(stderr, "rtm-emulator: stopped")
	return nil
}
