package store

import (
	"encoding/binary"
	"math/bits"
	"sort"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// A code is two bytes per CM (big endian): the winning cell, or Silent
// for a silent mac's CMs in a stored code, QuerySilent in a query, so that
// silent CMs never agree.
const (
	Silent      = 0xFFFF
	QuerySilent = 0xFFFE
	// CMBytes is the size of one CM's entry in a packed code.
	CMBytes = 2
)

// Item is one learning trial.
type Item struct {
	Label  int
	Record int           // index in the training data, or −1 for a taught drawing
	Image  *mnist.Bitmap // the taught drawing (Record < 0)
	Code   []byte        // the taught drawing's top-level code (Record < 0)
}

// Taught reports whether the item was drawn on the page.
func (it *Item) Taught() bool { return it.Record < 0 }

// Memory is the list of items and the ring of recent codes.
type Memory struct {
	CodeLen   int // bytes per code (CMBytes × macs × Q of the top level)
	Window    int // codes kept for the most recent items
	NextTrain int // next training record to learn
	Items     []Item
	Names     map[int]string // names of taught labels (id ≥ 10)
	ring      []byte         // Window × CodeLen; item i at slot i % Window
}

// New returns an empty memory for codes of codeLen bytes, keeping the codes
// of the last window items.
func New(codeLen, window int) *Memory {
	return &Memory{CodeLen: codeLen, Window: window, Names: map[int]string{},
		ring: make([]byte, codeLen*window)}
}

// WindowFor picks the window for a code length: at most 10,000 items and at
// most 3 MiB of codes, so one Nearest scan stays within a few milliseconds
// in the browser.
func WindowFor(codeLen int) int {
	if codeLen <= 0 {
		return 1
	}
	return max(1, min(10000, (3<<20)/codeLen))
}

// CodeLen is the length in bytes of a packed code of a level whose grids'
// macs have cms CMs in all.
func CodeLen(cms int) int { return CMBytes * cms }

// PackCode appends the packed top-level code of lt (the codes of all its
// grids, in order) to dst, using silent for silent macs' CMs.
func PackCode(dst []byte, lt *engine.LevelTrace, silent uint16) []byte {
	for gi := range lt.Grids {
		gt := &lt.Grids[gi]
		for m := range gt.Macs.N() {
			if m < len(gt.Active) && gt.Active[m] {
				for q := range gt.Q {
					dst = binary.BigEndian.AppendUint16(dst, gt.Codes[m*gt.Q+q])
				}
			} else {
				for range gt.Q {
					dst = binary.BigEndian.AppendUint16(dst, silent)
				}
			}
		}
	}
	return dst
}

// Full reports whether the memory holds MaxItems items: Add must not be
// called.
func (m *Memory) Full() bool { return len(m.Items) >= MaxItems }

// Add stores an item and its code (CodeLen bytes, packed with Silent).
func (m *Memory) Add(it Item, code []byte) {
	i := len(m.Items)
	if it.Taught() {
		it.Code = append([]byte(nil), code...)
	}
	m.Items = append(m.Items, it)
	if m.Window > 0 && len(code) == m.CodeLen {
		s := (i % m.Window) * m.CodeLen
		copy(m.ring[s:s+m.CodeLen], code)
	}
}

// Hit is a stored item and how many CMs its code shares with a query.
type Hit struct {
	Item  int
	Agree int
}

// codeOf returns item i's code, or nil if it is no longer kept.
func (m *Memory) codeOf(i int) []byte {
	if it := &m.Items[i]; it.Taught() {
		return it.Code
	}
	if i < len(m.Items)-m.Window || m.Window == 0 {
		return nil
	}
	s := (i % m.Window) * m.CodeLen
	return m.ring[s : s+m.CodeLen]
}

// Nearest returns up to k items whose codes agree with q (packed with
// QuerySilent) in the most CMs, best first (ties: the most recent first),
// scanning the last Window items and every taught item.
func (m *Memory) Nearest(q []byte, k int) []Hit {
	if len(q) != m.CodeLen || k <= 0 {
		return nil
	}
	var hits []Hit
	consider := func(i int) {
		c := m.codeOf(i)
		if c == nil {
			return
		}
		a := agree(q, c)
		if a == 0 {
			return
		}
		if len(hits) < k {
			hits = append(hits, Hit{i, a})
			sort.SliceStable(hits, func(x, y int) bool { return better(hits[x], hits[y]) })
			return
		}
		if h := (Hit{i, a}); better(h, hits[k-1]) {
			hits[k-1] = h
			sort.SliceStable(hits, func(x, y int) bool { return better(hits[x], hits[y]) })
		}
	}
	from := max(0, len(m.Items)-m.Window)
	for i := range from {
		if m.Items[i].Taught() {
			consider(i)
		}
	}
	for i := from; i < len(m.Items); i++ {
		consider(i)
	}
	return hits
}

func better(a, b Hit) bool {
	if a.Agree != b.Agree {
		return a.Agree > b.Agree
	}
	return a.Item > b.Item
}

// agree counts the equal CMs (two-byte entries) of a and b (same length),
// four at a time.
func agree(a, b []byte) int {
	const lo15 = 0x7FFF7FFF7FFF7FFF
	n := 0
	i := 0
	for ; i+8 <= len(a); i += 8 {
		t := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
		// High bit of each 16-bit lane set iff that lane of t is zero.
		z := ^(((t & lo15) + lo15) | t | lo15)
		n += bits.OnesCount64(z)
	}
	for ; i+1 < len(a); i += 2 {
		if a[i] == b[i] && a[i+1] == b[i+1] {
			n++
		}
	}
	return n
}

// ActiveCMs counts the CMs of a query that are not silent.
func ActiveCMs(q []byte) int {
	n := 0
	for i := 0; i+1 < len(q); i += 2 {
		if binary.BigEndian.Uint16(q[i:]) != QuerySilent {
			n++
		}
	}
	return n
}
