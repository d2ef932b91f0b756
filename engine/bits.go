package engine

import "math/bits"

func trailingZeros(w uint64) int { return bits.TrailingZeros64(w) }

func popcount(w uint64) int { return bits.OnesCount64(w) }

// andCount is Σ popcount(a[i] & b[i]).
func andCount(a, b []uint64) int {
	b = b[:len(a)]
	n := 0
	for i, x := range a {
		n += bits.OnesCount64(x & b[i])
	}
	return n
}
