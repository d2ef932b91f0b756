package engine

import (
	"crypto/sha256"
	"math/rand/v2"
	"testing"
)

// TestSHA256: sha256Sum against crypto/sha256 on every length around the
// block and padding boundaries and on random inputs.
func TestSHA256(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lengths := []int{0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096}
	for range 200 {
		lengths = append(lengths, rng.IntN(3000))
	}
	for _, n := range lengths {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		if got, want := sha256Sum(b), sha256.Sum256(b); got != want {
			t.Fatalf("%d bytes: %x, crypto/sha256 %x", n, got, want)
		}
	}
}
