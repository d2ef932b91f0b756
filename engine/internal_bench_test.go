package engine

import (
	"math/rand/v2"
	"testing"
)

// Benchmarks on synthetic strokes (no MNIST needed, so they also run under
// GOOS=js GOARCH=wasm). bench_test.go has the MNIST ones.

func strokeInputs(n int) []*SDR {
	rng := rand.New(rand.NewPCG(4, 2))
	out := make([]*SDR, n)
	for i := range out {
		out[i] = digitInput(rng)
	}
	return out
}

func BenchmarkLearnStrokes(b *testing.B) {
	net, _ := New(MNISTConfig())
	in := strokeInputs(4096)
	i := 0
	for b.Loop() {
		net.Learn(in[i&4095], i%10)
		i++
	}
}

func BenchmarkRecallStrokes(b *testing.B) {
	net, _ := New(MNISTConfig())
	in := strokeInputs(4096)
	for i, x := range in[:2000] {
		net.Learn(x, i%10)
	}
	i := 0
	for b.Loop() {
		net.Recall(in[i&4095])
		i++
	}
}
