package engine

// A frozen level-1 mac (its critical period over) never changes its
// weights, so its recognition code is a fixed function of the pixels of its
// field, which fit in one word: the mac remembers the codes of the last
// patterns it saw in a small direct-mapped table (memoization), and a
// pattern seen before costs one table lookup instead of Q·K popcounts. The
// result is bit for bit what fastMax computes; only the time differs. On
// MNIST a level-1 mac sees a few hundred distinct patches, so after the
// critical period most lookups hit. The table is not saved in snapshots.

// memoQ is the largest Q whose codes the table holds; memoSize its entries
// per mac (a power of two).
const (
	memoQ    = 16
	memoBits = 8
	memoSize = 1 << memoBits
)

type memoEntry struct {
	key  uint64 // the field's pixels
	sum  int64  // Σ max V (Q16)
	ok   bool
	code [memoQ]uint8
	max  [memoQ]int32 // each CM's best V (Q16)
}

// memoMax is fastMax for a frozen mac with one word of U input and K ≤ 256,
// through the mac's table.
func (n *Network) memoMax(l *grid, mc *mac, uActive int, code []uint16) int64 {
	key := n.uIn[0]
	if mc.memo == nil {
		mc.memo = make([]memoEntry, memoSize)
	}
	e := &mc.memo[(key*0x9e3779b97f4a7c15)>>(64-memoBits)]
	if e.ok && e.key == key {
		for c := range code {
			code[c] = uint16(e.code[c])
			n.cmMax[c] = e.max[c]
		}
		return e.sum
	}
	sum := n.fastMax(l, mc, uActive, code)
	e.key, e.sum, e.ok = key, sum, true
	for c, w := range code {
		e.code[c] = uint8(w)
		e.max[c] = n.cmMax[c]
	}
	return sum
}
