package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
)

func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no flags", nil, 2},
		{"extra argument", []string{"-out", t.TempDir(), "x"}, 2},
		{"unknown flag", []string{"-nope"}, 2},
		{"help", []string{"-h"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tc.args, &stdout, &stderr); code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "usage: mksample") {
				t.Errorf("no usage on stderr: %q", stderr.String())
			}
		})
	}
}

// TestWrite writes the real files into a new directory and decodes them.
func TestWrite(t *testing.T) {
	train, test, err := gomnist.Load()
	if err != nil {
		if testing.Short() {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "new")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-out", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	t.Log(stdout.String())
	for name, want := range map[string]*mnist.Dataset{"mnist-train.bin": train, "mnist-test.bin": test} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(data) != 16+99*want.Len() {
			t.Errorf("%s: %d bytes, want %d", name, len(data), 16+99*want.Len())
		}
		got, err := mnist.DecodeSample(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Len() != want.Len() || got.Label(got.Len()-1) != want.Label(want.Len()-1) {
			t.Errorf("%s: decoded %d digits", name, got.Len())
		}
		// The page preprocesses a stored digit as the grey original.
		for i := 0; i < got.Len(); i += 97 {
			a, err1 := mnist.Preprocess(want.Image(i), 28, 28, mnist.DefaultOptions)
			b, err2 := mnist.Preprocess(got.Image(i), 28, 28, mnist.DefaultOptions)
			if err1 != nil || err2 != nil || a != b {
				t.Fatalf("%s digit %d: preprocessed differently (%v, %v)", name, i, err1, err2)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("directory holds %d entries, want the 2 files (no temporary files left)", len(entries))
	}
}
