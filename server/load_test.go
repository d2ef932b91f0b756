package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var (
	loadClients  = flag.Int("load.clients", 200, "TestLoad: concurrent clients")
	loadDuration = flag.Duration("load.duration", 10*time.Second, "TestLoad: duration (1s under -short)")
)

// loadRoot writes a small page with a 1 MiB wasm and a 256 KiB brotli copy.
func loadRoot(t testing.TB) (dir string, br []byte) {
	t.Helper()
	dir = t.TempDir()
	wasm := make([]byte, 1<<20)
	br = make([]byte, 256<<10)
	rand.Read(wasm)
	rand.Read(br)
	writeFile(t, filepath.Join(dir, "index.html"), bytes.Repeat([]byte("<p>Sparsey</p>\n"), 100))
	writeFile(t, filepath.Join(dir, hashedWasm), wasm)
	writeFile(t, filepath.Join(dir, hashedWasm+".br"), br)
	writeFile(t, filepath.Join(dir, hashedJS), bytes.Repeat([]byte("let x = 1;\n"), 500))
	writeFile(t, filepath.Join(dir, hashedJS+".gz"), gzipBytes(t, bytes.Repeat([]byte("let x = 1;\n"), 500)))
	return dir, br
}

// TestLoad runs many concurrent clients over loopback for a fixed time and
// requires every request to succeed. It stops by itself.
func TestLoad(t *testing.T) {
	duration := *loadDuration
	if testing.Short() {
		duration = min(duration, time.Second)
	}
	dir, _ := loadRoot(t)
	ts := startDir(t, dir, "*")
	transport := &http.Transport{MaxIdleConnsPerHost: *loadClients, DisableCompression: true}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	requests := []struct{ path, encoding string }{
		{"/", ""},
		{"/" + hashedWasm, "br"},
		{"/" + hashedJS, "gzip"},
		{"/healthz", ""},
	}

	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var ok, failed atomic.Int64
	var firstErr sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for c := range *loadClients {
		wg.Go(func() {
			for i := c; ctx.Err() == nil; i++ {
				r := requests[i%len(requests)]
				err := fetch(ctx, client, ts.URL+r.path, r.encoding)
				switch {
				case err == nil:
					ok.Add(1)
				case ctx.Err() == nil: // errors from the final deadline do not count
					failed.Add(1)
					firstErr.Do(func() { t.Errorf("client %d: %v", c, err) })
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	t.Logf("%d clients, %v: %d requests, %.0f requests/s, %d errors",
		*loadClients, elapsed.Round(time.Millisecond), ok.Load(), float64(ok.Load())/elapsed.Seconds(), failed.Load())
	if failed.Load() > 0 || ok.Load() == 0 {
		t.Fatalf("%d failed, %d succeeded", failed.Load(), ok.Load())
	}
}

// fetch GETs url and checks the status and the content encoding.
func fetch(ctx context.Context, client *http.Client, url, encoding string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != encoding {
		return fmt.Errorf("GET %s: status %d, encoding %q", url, resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	return nil
}

func BenchmarkServeWasmBrotli(b *testing.B) {
	dir, br := loadRoot(b)
	s, release, err := openSite(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	defer release()
	ts := startServer(b, s, "*")
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	b.SetBytes(int64(len(br)))
	for b.Loop() {
		if err := fetch(context.Background(), client, ts.URL+"/"+hashedWasm, "br"); err != nil {
			b.Fatal(err)
		}
	}
}
