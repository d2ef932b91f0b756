package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"
)

// config holds everything the command line decides.
type config struct {
	addr            string
	dir             string // empty: serve the embedded web root
	frameAncestors  string
	logFormat       string
	logLevel        slog.Level
	accessLog       bool
	shutdownTimeout time.Duration
	writeTimeout    time.Duration
}

// parseFlags reads args (without the program name) and reports any error
// on stderr. It returns flag.ErrHelp after printing the usage for -h.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: server [flags]\n\nServes the Sparsey page (embedded, or a folder with -dir).\n\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "`host:port` to listen on; port 0 picks a free port; :8080 listens on every interface")
	fs.StringVar(&c.dir, "dir", "", "serve this `folder` from disk instead of the assets embedded in the binary")
	fs.StringVar(&c.frameAncestors, "frame-ancestors", "*", "CSP frame-ancestors `sources` that may embed the page in an iframe: *, 'self', 'none' or origins separated by spaces")
	fs.StringVar(&c.logFormat, "log-format", "text", "log `format` on stderr: text or json")
	level := fs.String("log-level", "info", "minimum log `level`: debug, info, warn or error")
	fs.BoolVar(&c.accessLog, "access-log", true, "log one line per request (method, path, status, bytes, duration, encoding)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "on SIGINT or SIGTERM, how long open requests may take to finish")
	fs.DurationVar(&c.writeTimeout, "write-timeout", 2*time.Minute, "longest time to write one response; raise it for slow networks")
	if err := fs.Parse(args); err != nil {
		return c, err // the flag package has printed it
	}
	if err := c.check(fs.Args(), *level); err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		return c, err
	}
	return c, nil
}

// check validates the parsed flags and sets the log level.
func (c *config) check(rest []string, level string) error {
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q (flags only; see -h)", rest[0])
	}
	if c.logFormat != "text" && c.logFormat != "json" {
		return fmt.Errorf("-log-format: %q is neither text nor json", c.logFormat)
	}
	if err := c.logLevel.UnmarshalText([]byte(level)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	if err := checkFrameAncestors(c.frameAncestors); err != nil {
		return fmt.Errorf("-frame-ancestors: %w", err)
	}
	if c.shutdownTimeout <= 0 || c.writeTimeout <= 0 {
		return errors.New("-shutdown-timeout and -write-timeout must be positive")
	}
	return nil
}

// checkFrameAncestors rejects values that would break out of the CSP
// directive or the header: separators, quotes in the wrong place and control
// characters. It does not try to validate every CSP source expression.
func checkFrameAncestors(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty; use 'none' to forbid framing")
	}
	for _, r := range v {
		switch {
		case r == ';' || r == ',':
			return fmt.Errorf("%q: ';' and ',' are not allowed", v)
		case r < 0x20 || r == 0x7f || r > 0x7e:
			return fmt.Errorf("%q: only printable ASCII is allowed", v)
		}
	}
	return nil
}
