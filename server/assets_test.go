package main

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

// TestEmbeddedNotBuilt checks the embedded mode on a root holding only
// webroot's README.txt, as in a fresh checkout.
func TestEmbeddedNotBuilt(t *testing.T) {
	var logs bytes.Buffer
	s := newSite(fstest.MapFS{
		"README.txt": {Data: []byte("build outputs go here")},
		"other.js":   {Data: []byte("x")},
	}, true, slog.New(slog.NewTextHandler(&logs, nil)))
	if err := s.checkIndex(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "make dist") {
		t.Errorf("no warning about the missing build in the log: %q", logs.String())
	}
	ts := startServer(t, s, "*")
	tests := []struct {
		target string
		status int
		body   string
	}{
		{"/", http.StatusServiceUnavailable, notBuiltMessage + "\n"},
		{"/index.html", http.StatusNotFound, "Not Found\n"},
		{"/README.txt", http.StatusNotFound, "Not Found\n"},
		{"/other.js", http.StatusOK, "x"},
		{"/healthz", http.StatusOK, "ok\n"},
	}
	for _, tt := range tests {
		resp, body := rawRequest(t, ts, "GET", tt.target, nil)
		if resp.StatusCode != tt.status || string(body) != tt.body {
			t.Errorf("GET %s: %d %q, want %d %q", tt.target, resp.StatusCode, body, tt.status, tt.body)
		}
		checkSecurityHeaders(t, resp.Header, "*")
	}
	resp, _ := rawRequest(t, ts, "GET", "/", nil)
	checkHeaders(t, resp.Header, map[string]string{"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"})
}

// TestEmbeddedReal checks the assets really embedded in this binary, in
// whatever state the build left them: README.txt is never served.
func TestEmbeddedReal(t *testing.T) {
	s, release, err := openSite("", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	ts := startServer(t, s, "*")
	resp, _ := rawRequest(t, ts, "GET", "/README.txt", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /README.txt: status %d, want 404", resp.StatusCode)
	}
	resp, _ = rawRequest(t, ts, "GET", "/", nil)
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("GET /: status %d, want 200 (built) or 503 (not built)", resp.StatusCode)
	}
}

func TestDirWithoutIndex(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/a.txt", []byte("a"))
	var logs bytes.Buffer
	s, release, err := openSite(dir, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if !strings.Contains(logs.String(), "no index.html") {
		t.Errorf("no warning in the log: %q", logs.String())
	}
	resp, _ := rawRequest(t, startServer(t, s, "*"), "GET", "/", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /: status %d, want 404", resp.StatusCode)
	}
}
