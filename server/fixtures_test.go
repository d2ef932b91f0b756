package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secretOutside is written beside the web root; no response may contain it.
const secretOutside = "TOP-SECRET-OUTSIDE-THE-ROOT"

// fixture names, relative to the web root.
const (
	hashedJS   = "main.0123abcd4567.js"
	hashedWasm = "game.abcdef012345.wasm"
	fakeBrotli = "not really brotli, the server only serves these bytes"
)

// makeRoot writes a web root into a temp dir and returns its path and the
// raw content of every file, keyed by name. Compressible files get real .gz
// copies; .br copies hold arbitrary bytes.
func makeRoot(t testing.TB) (string, map[string][]byte) {
	t.Helper()
	tmp := t.TempDir()
	root := filepath.Join(tmp, "root")
	files := map[string][]byte{
		"index.html":        []byte(strings.Repeat("<!doctype html><title>Sparsey</title>\n", 40)),
		hashedJS:            []byte(strings.Repeat("console.log('sparsey');\n", 100)),
		hashedWasm:          append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("wasm"), 2000)...),
		"style.css":         []byte("body { margin: 0 }\n"),
		"mnist-train.bin":   bytes.Repeat([]byte{0, 0, 8, 3}, 1000),
		"data.20240915.csv": []byte("a,b\n1,2\n"),
		"image.png":         []byte("\x89PNG\r\n\x1a\nfake"),
		"notes.xyz":         []byte("unknown type"),
		"archive.tar.gz":    []byte("a gzip file with no original beside it"),
		".env":              []byte("SECRET=1"),
		".git/config":       []byte("[core]"),
		"sub/.hidden/x.txt": []byte("hidden"),
		"docs/index.html":   []byte("<!doctype html><title>docs</title>"),
		"we?ird/index.html": []byte("a folder name with a question mark"),
		"empty/readme.md":   []byte("no index here"),
		"README.txt":        []byte("served from -dir"),
		"sub/a.txt":         []byte("sub file"),
	}
	for name, data := range files {
		writeFile(t, filepath.Join(root, name), data)
	}
	for _, name := range []string{"index.html", hashedJS, hashedWasm, "mnist-train.bin"} {
		writeFile(t, filepath.Join(root, name+".gz"), gzipBytes(t, files[name]))
		files[name+".gz"] = gzipBytes(t, files[name])
	}
	for _, name := range []string{hashedJS, hashedWasm} {
		writeFile(t, filepath.Join(root, name+".br"), []byte(fakeBrotli))
		files[name+".br"] = []byte(fakeBrotli)
	}
	writeFile(t, filepath.Join(tmp, "secret.txt"), []byte(secretOutside))
	if err := os.Symlink(filepath.Join("..", "secret.txt"), filepath.Join(root, "link-out")); err != nil {
		t.Logf("no symlink fixture: %v", err)
	}
	return root, files
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// startServer serves the site over real HTTP on loopback with the
// production handler and http.Server settings.
func startServer(t testing.TB, s *site, frameAncestors string) *httptest.Server {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	if s.log == nil {
		s.log = log
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Config = newServer(newHandler(s, frameAncestors, true, log), time.Minute, log)
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

// startDir serves the folder dir as `-dir dir` would.
func startDir(t testing.TB, dir, frameAncestors string) *httptest.Server {
	t.Helper()
	s, release, err := openSite(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = release() })
	return startServer(t, s, frameAncestors)
}

// rawRequest sends the request target exactly as given (no client-side
// cleaning or escaping) and returns the response with its body read.
func rawRequest(t testing.TB, ts *httptest.Server, method, target string, header [][2]string) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	var b strings.Builder
	b.WriteString(method + " " + target + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n")
	for _, kv := range header {
		b.WriteString(kv[0] + ": " + kv[1] + "\r\n")
	}
	b.WriteString("\r\n")
	if _, err := io.WriteString(conn, b.String()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %q: reading response: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %q: reading body: %v", method, target, err)
	}
	return resp, body
}
