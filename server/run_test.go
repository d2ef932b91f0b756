package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRun(t *testing.T) {
	root, _ := makeRoot(t)
	tests := []struct {
		name string
		args []string
	}{
		{"embedded", []string{"-addr", "127.0.0.1:0", "-log-format", "json"}},
		{"dir", []string{"-addr", "127.0.0.1:0", "-log-format", "json", "-dir", root}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			outR, outW := io.Pipe()
			var stderr syncBuffer
			code := make(chan int, 1)
			go func() {
				code <- run(ctx, tt.args, outW, &stderr)
				outW.Close()
			}()
			line, err := bufio.NewReader(outR).ReadString('\n')
			if err != nil {
				t.Fatalf("no URL on stdout: %v; stderr:\n%s", err, stderr.String())
			}
			go io.Copy(io.Discard, outR)
			url := strings.TrimSpace(line)
			if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/") || strings.HasSuffix(url, ":0/") {
				t.Fatalf("printed URL %q, want http://127.0.0.1:PORT/", url)
			}
			resp, err := http.Get(url + "healthz")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || string(body) != "ok\n" {
				t.Fatalf("GET /healthz: %d %q", resp.StatusCode, body)
			}
			cancel()
			select {
			case c := <-code:
				if c != 0 {
					t.Fatalf("exit code %d, want 0; stderr:\n%s", c, stderr.String())
				}
			case <-time.After(15 * time.Second):
				t.Fatal("run did not return after the context was cancelled")
			}
			checkAccessLog(t, stderr.String())
		})
	}
}

// checkAccessLog looks for the JSON log line of the /healthz request.
func checkAccessLog(t *testing.T, logs string) {
	t.Helper()
	for line := range strings.Lines(logs) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if rec["msg"] != "request" || rec["path"] != "/healthz" {
			continue
		}
		for _, k := range []string{"method", "status", "bytes", "duration", "encoding"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("access log line without %q: %s", k, line)
			}
		}
		if rec["status"] != 200.0 || rec["bytes"] != 3.0 {
			t.Errorf("access log: status %v bytes %v, want 200 and 3", rec["status"], rec["bytes"])
		}
		return
	}
	t.Errorf("no access log line for /healthz in:\n%s", logs)
}

func TestRunFails(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string // expected on stderr
	}{
		{"help", []string{"-h"}, 0, "usage: server"},
		{"unknown flag", []string{"-port", "80"}, 2, "flag provided but not defined"},
		{"argument", []string{"dist"}, 2, `unexpected argument "dist"`},
		{"log format", []string{"-log-format", "xml"}, 2, "neither text nor json"},
		{"log level", []string{"-log-level", "loud"}, 2, "-log-level"},
		{"frame-ancestors injection", []string{"-frame-ancestors", "*; script-src *"}, 2, "not allowed"},
		{"zero timeout", []string{"-shutdown-timeout", "0s"}, 2, "must be positive"},
		{"missing dir", []string{"-dir", filepath.Join(t.TempDir(), "nope")}, 1, "cannot open the web root"},
		{"dir is a file", []string{"-dir", file}, 1, "cannot open the web root"},
		{"address in use", []string{"-addr", busy.Addr().String()}, 1, "cannot listen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr.String(), tt.code, tt.msg)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout %q, want nothing", stdout.String())
			}
		})
	}
}

func TestPublicURL(t *testing.T) {
	tests := map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080/",
		"0.0.0.0:8080":   "http://localhost:8080/",
		"[::]:80":        "http://localhost:80/",
		"[::1]:8080":     "http://[::1]:8080/",
	}
	for addr, want := range tests {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := publicURL(a); got != want {
			t.Errorf("publicURL(%s) = %s, want %s", addr, got, want)
		}
	}
}
