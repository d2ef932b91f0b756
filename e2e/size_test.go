//go:build !js

package e2e

import (
	"bytes"
	"compress/gzip"
	"os"
	"testing"

	"github.com/andybalholm/brotli"
)

// sizes logs the size of game.wasm raw, gzip -9 and brotli quality 9
// (github.com/andybalholm/brotli, as tools/mkdist), and fails above the
// 2.6 MB brotli budget.
func sizes(t *testing.T) {
	t.Helper()
	raw, err := os.ReadFile(wasmPath)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(raw)
	w.Close()
	// Quality 9, as tools/mkdist writes the deployed copy.
	var bb bytes.Buffer
	bw := brotli.NewWriterLevel(&bb, 9)
	bw.Write(raw)
	bw.Close()
	br := bb.Len()
	t.Logf("game.wasm (-trimpath -ldflags=-s -w): raw %d B, gzip -9 %d B, brotli -q 9 %d B", len(raw), gz.Len(), br)
	if br > 2600000 {
		t.Errorf("game.wasm is %d B with brotli -q 9: over the 2.6 MB budget", br)
	}
}
