//go:build !js

package e2e

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"testing"
)

// sizes logs the size of game.wasm raw, gzip -9 and brotli -q 9, and fails
// above the 2.6 MB brotli budget.
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
	br := -1
	if out, err := exec.Command("brotli", "-q", "9", "-c", wasmPath).Output(); err == nil {
		br = len(out)
	} else {
		t.Logf("brotli CLI not available: %v", err)
	}
	t.Logf("game.wasm (-trimpath -ldflags=-s -w): raw %d B, gzip -9 %d B, brotli -q 9 %d B", len(raw), gz.Len(), br)
	if br > 2600000 {
		t.Errorf("game.wasm is %d B with brotli -q 9: over the 2.6 MB budget", br)
	}
}
