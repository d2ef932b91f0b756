package baseline

import (
	"fmt"
	"math/rand/v2"

	"github.com/sparsey-web/sparsey/engine"
)

// WiSARD is an n-tuple memory (Aleksander's WiSARD discriminator, one of
// them): the input bits are split, by a seeded random mapping, into
// tuples of n bits; each tuple has a RAM, here the set of the n-bit
// addresses it has seen. Learning an item writes its address into every
// tuple's RAM, in one pass. The familiarity of an input is the fraction of
// its tuples whose address was written: 1 for every stored item, whatever
// its age, and lower for an unseen one the fewer of its tuples' patterns
// any stored item shared. Unlike a Sparsey network, whose weights are
// fixed by its configuration, a WiSARD's memory grows with every item
// that brings a new address to a tuple.
type WiSARD struct {
	bits   int
	tuples [][]int32 // input bit indices of each tuple (n, the last fewer)
	rams   []addrSet
}

// NewWiSARD makes an empty memory for inputs of the given number of bits,
// in tuples of n bits (1 ≤ n ≤ 63) drawn by a permutation seeded with seed.
func NewWiSARD(bits, n int, seed uint64) (*WiSARD, error) {
	if bits < 1 || n < 1 || n > 63 {
		return nil, fmt.Errorf("baseline: WiSARD of %d bits in tuples of %d (want bits ≥ 1, 1 ≤ n ≤ 63)", bits, n)
	}
	perm := rand.New(rand.NewPCG(seed, 0x7769736172640a)).Perm(bits)
	w := &WiSARD{bits: bits}
	for i := 0; i < bits; i += n {
		t := make([]int32, 0, n)
		for _, p := range perm[i:min(i+n, bits)] {
			t = append(t, int32(p))
		}
		w.tuples = append(w.tuples, t)
	}
	w.rams = make([]addrSet, len(w.tuples))
	return w, nil
}

// Tuples is the number of tuples (RAMs).
func (w *WiSARD) Tuples() int { return len(w.tuples) }

func (w *WiSARD) address(x *engine.SDR, t []int32) uint64 {
	var a uint64
	for b, p := range t {
		if x.Test(int(p)) {
			a |= 1 << uint(b)
		}
	}
	return a
}

func (w *WiSARD) check(x *engine.SDR) error {
	if x == nil || x.Len() != w.bits {
		return fmt.Errorf("baseline: WiSARD input of %v bits, want %d", x, w.bits)
	}
	return nil
}

// Learn writes x's address into every tuple's RAM.
func (w *WiSARD) Learn(x *engine.SDR) error {
	if err := w.check(x); err != nil {
		return err
	}
	for i, t := range w.tuples {
		w.rams[i].add(w.address(x, t))
	}
	return nil
}

// Familiarity is the fraction of x's tuples whose address was learned.
func (w *WiSARD) Familiarity(x *engine.SDR) (float64, error) {
	if err := w.check(x); err != nil {
		return 0, err
	}
	hit := 0
	for i, t := range w.tuples {
		if w.rams[i].has(w.address(x, t)) {
			hit++
		}
	}
	return float64(hit) / float64(len(w.tuples)), nil
}

// Bytes is the memory the RAMs take: their hash tables' slots, 8 bytes
// each (open addressing, at most half full).
func (w *WiSARD) Bytes() int64 {
	var b int64
	for i := range w.rams {
		b += 8 * int64(len(w.rams[i].slots))
	}
	return b
}

// Entries is the number of addresses stored over all RAMs.
func (w *WiSARD) Entries() int64 {
	var n int64
	for i := range w.rams {
		n += int64(w.rams[i].n)
	}
	return n
}

// addrSet is a set of n-bit addresses (n ≤ 63) in an open-addressing hash
// table; a slot holds address|1<<63, zero meaning empty.
type addrSet struct {
	slots []uint64
	n     int
}

const usedBit = 1 << 63

func (s *addrSet) slot(a uint64) int {
	mask := uint64(len(s.slots) - 1)
	i := (a * 0x9e3779b97f4a7c15) >> 32 & mask
	for s.slots[i] != 0 && s.slots[i] != a|usedBit {
		i = (i + 1) & mask
	}
	return int(i)
}

func (s *addrSet) has(a uint64) bool {
	if s.n == 0 {
		return false
	}
	return s.slots[s.slot(a)] != 0
}

func (s *addrSet) add(a uint64) {
	if 2*(s.n+1) > len(s.slots) {
		old := s.slots
		s.slots = make([]uint64, max(8, 2*len(old)))
		for _, v := range old {
			if v != 0 {
				s.slots[s.slot(v&^usedBit)] = v
			}
		}
	}
	i := s.slot(a)
	if s.slots[i] == 0 {
		s.slots[i] = a | usedBit
		s.n++
	}
}
