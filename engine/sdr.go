package engine

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/bits-and-blooms/bitset"
)

// SDR is a fixed-length binary vector: a sparse distributed representation
// of an input. Its length is set by NewSDR and never changes; setting or
// testing an index outside [0, Len) is a programmer error and panics.
type SDR struct {
	n    int
	bits *bitset.BitSet
}

// ErrSDR reports a malformed SDR encoding or index list.
var ErrSDR = errors.New("engine: invalid SDR")

// maxSDRLen bounds SDR lengths accepted from encodings and index lists:
// the largest input a Config allows (1024×1024 pixels, 128 KiB of bits).
const maxSDRLen = maxGridSide * maxGridSide

// NewSDR returns an all-zero SDR of length n (n ≥ 0).
func NewSDR(n int) *SDR {
	if n < 0 {
		panic("engine: negative SDR length")
	}
	return &SDR{n: n, bits: bitset.New(uint(n))}
}

// SDRFromIndices returns an SDR of length n with the given indices set.
func SDRFromIndices(n int, idx []int) (*SDR, error) {
	if n < 0 || n > maxSDRLen {
		return nil, fmt.Errorf("%w: length %d", ErrSDR, n)
	}
	s := NewSDR(n)
	for _, i := range idx {
		if i < 0 || i >= n {
			return nil, fmt.Errorf("%w: index %d outside [0,%d)", ErrSDR, i, n)
		}
		s.bits.Set(uint(i))
	}
	return s, nil
}

// Len is the SDR's fixed length.
func (s *SDR) Len() int { return s.n }

func (s *SDR) check(i int) {
	if i < 0 || i >= s.n {
		panic(fmt.Sprintf("engine: SDR index %d outside [0,%d)", i, s.n))
	}
}

// Set turns bit i on. It panics if i is outside [0, Len).
func (s *SDR) Set(i int) { s.check(i); s.bits.Set(uint(i)) }

// Unset turns bit i off. It panics if i is outside [0, Len).
func (s *SDR) Unset(i int) { s.check(i); s.bits.Clear(uint(i)) }

// Test reports bit i. It panics if i is outside [0, Len).
func (s *SDR) Test(i int) bool { s.check(i); return s.bits.Test(uint(i)) }

// Count is the number of bits on.
func (s *SDR) Count() int { return int(s.bits.Count()) }

// Clear turns every bit off.
func (s *SDR) Clear() { s.bits.ClearAll() }

// Overlap is the number of bits on in both s and o (the SDRs may differ in
// length; bits beyond the shorter one do not count).
func (s *SDR) Overlap(o *SDR) int { return int(s.bits.IntersectionCardinality(o.bits)) }

// Equal reports whether s and o have the same length and bits.
func (s *SDR) Equal(o *SDR) bool {
	return s.n == o.n && s.bits.Count() == o.bits.Count() && s.Overlap(o) == s.Count()
}

// Clone returns an independent copy.
func (s *SDR) Clone() *SDR { return &SDR{n: s.n, bits: s.bits.Clone()} }

// CopyFrom makes s equal to o; both must have the same length.
func (s *SDR) CopyFrom(o *SDR) {
	if s.n != o.n {
		panic("engine: CopyFrom between SDRs of different lengths")
	}
	o.bits.CopyFull(s.bits)
}

// AppendIndices appends the indices of the bits on, in increasing order, to
// buf and returns it; with a buffer of enough capacity it does not allocate.
func (s *SDR) AppendIndices(buf []int) []int {
	w := s.bits.Words()
	for wi, word := range w {
		for word != 0 {
			t := word & -word
			buf = append(buf, wi*64+trailingZeros(word))
			word ^= t
		}
	}
	return buf
}

// ForEach calls f with each index on, in increasing order, until f returns
// false. It does not allocate.
func (s *SDR) ForEach(f func(i int) bool) {
	for wi, word := range s.bits.Words() {
		for word != 0 {
			t := word & -word
			if !f(wi*64 + trailingZeros(word)) {
				return
			}
			word ^= t
		}
	}
}

// words exposes the packed words (read only) to the network.
func (s *SDR) words() []uint64 { return s.bits.Words() }

// String renders the SDR as its length and indices, e.g. "SDR(8)[1 5]".
func (s *SDR) String() string {
	return fmt.Sprintf("SDR(%d)%v", s.n, s.AppendIndices(nil))
}

// MarshalBinary encodes the SDR as: uint32 length, uint32 count, then count
// uint32 indices in increasing order (big endian).
func (s *SDR) MarshalBinary() ([]byte, error) {
	idx := s.AppendIndices(nil)
	b := make([]byte, 8+4*len(idx))
	binary.BigEndian.PutUint32(b, uint32(s.n))
	binary.BigEndian.PutUint32(b[4:], uint32(len(idx)))
	for i, v := range idx {
		binary.BigEndian.PutUint32(b[8+4*i:], uint32(v))
	}
	return b, nil
}

// UnmarshalBinary decodes the encoding of MarshalBinary. Malformed input
// (truncated, trailing bytes, indices out of range or not increasing)
// returns an error wrapping ErrSDR and leaves s unchanged.
func (s *SDR) UnmarshalBinary(b []byte) error {
	if len(b) < 8 {
		return fmt.Errorf("%w: %d bytes, want at least 8", ErrSDR, len(b))
	}
	n := binary.BigEndian.Uint32(b)
	c := binary.BigEndian.Uint32(b[4:])
	if n > maxSDRLen {
		return fmt.Errorf("%w: length %d over %d", ErrSDR, n, maxSDRLen)
	}
	if uint64(c) > uint64(n) || uint64(len(b)) != 8+4*uint64(c) {
		return fmt.Errorf("%w: count %d does not fit length %d and %d bytes", ErrSDR, c, n, len(b))
	}
	out := NewSDR(int(n))
	prev := -1
	for i := 0; i < int(c); i++ {
		v := int(binary.BigEndian.Uint32(b[8+4*i:]))
		if v <= prev || v >= int(n) {
			return fmt.Errorf("%w: index %d out of order or range", ErrSDR, v)
		}
		out.bits.Set(uint(v))
		prev = v
	}
	*s = *out
	return nil
}

// RandomSDR returns an SDR of length n with exactly k distinct bits on,
// drawn from rng (0 ≤ k ≤ n).
func RandomSDR(rng *rand.Rand, n, k int) *SDR {
	if k < 0 || k > n {
		panic("engine: RandomSDR needs 0 ≤ k ≤ n")
	}
	s := NewSDR(n)
	// Floyd's algorithm: k draws, no rejection loop over the whole range.
	for j := n - k; j < n; j++ {
		t := rng.IntN(j + 1)
		if s.bits.Test(uint(t)) {
			t = j
		}
		s.bits.Set(uint(t))
	}
	return s
}

// WithNoise returns a copy of s in which the given fraction of its on bits
// (rounded) are moved to random off positions, keeping the count. Used to
// make inputs of a chosen overlap with s.
func (s *SDR) WithNoise(rng *rand.Rand, frac float64) *SDR {
	out := s.Clone()
	on := s.AppendIndices(nil)
	move := int(frac*float64(len(on)) + 0.5)
	if move > len(on) {
		move = len(on)
	}
	if free := s.n - len(on); move > free {
		move = free
	}
	rng.Shuffle(len(on), func(i, j int) { on[i], on[j] = on[j], on[i] })
	for _, i := range on[:move] {
		out.bits.Clear(uint(i))
	}
	for added := 0; added < move; {
		t := rng.IntN(s.n)
		if s.bits.Test(uint(t)) || out.bits.Test(uint(t)) {
			continue
		}
		out.bits.Set(uint(t))
		added++
	}
	return out
}
