package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// maxHeaderBytes bounds the request line and headers together: a request
// whose line and headers (with their line ends and the blank line) exceed
// it gets 431 Request Header Fields Too Large. net/http reads
// MaxHeaderBytes plus 4096 bytes of slack before it refuses, so the server
// sets MaxHeaderBytes 4 KiB lower (TestHeaderLimit checks the real limit
// over HTTP).
const (
	maxHeaderBytes  = 16 << 10
	netHTTPHeadroom = 4096
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run serves until ctx is cancelled, then shuts down gracefully. It prints
// the URL it serves on stdout and logs to stderr. The exit code is 0 after
// a clean shutdown (or -h), 2 for bad flags and 1 for other failures.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	log := newLogger(stderr, cfg.logFormat, cfg.logLevel)
	s, release, err := openSite(cfg.dir, log)
	if err != nil {
		log.Error("cannot open the web root", "err", err)
		return 1
	}
	defer release()

	srv := newServer(newHandler(s, cfg.frameAncestors, cfg.accessLog, log), cfg.writeTimeout, log)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		log.Error("cannot listen", "err", err)
		return 1
	}
	url := publicURL(ln.Addr())
	fmt.Fprintln(stdout, url)
	source := "embedded"
	if cfg.dir != "" {
		source = cfg.dir
	}
	log.Info("serving", "url", url, "listen", ln.Addr().String(), "source", source, "frame-ancestors", cfg.frameAncestors)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		log.Error("server stopped", "err", err)
		return 1
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Error("shutdown incomplete; closing open connections", "err", err)
		_ = srv.Close()
		return 1
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		log.Error("server stopped", "err", err)
		return 1
	}
	log.Info("stopped")
	return 0
}

// newServer returns an http.Server with every timeout set, so slow or idle
// clients cannot hold connections forever.
func newServer(h http.Handler, writeTimeout time.Duration, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    maxHeaderBytes - netHTTPHeadroom,
		// OPTIONS * is answered by the handler, with the security headers.
		DisableGeneralOptionsHandler: true,
		ErrorLog:                     slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// publicURL returns the URL a browser can open for a listening address:
// an unspecified address (every interface) is shown as localhost.
func publicURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
