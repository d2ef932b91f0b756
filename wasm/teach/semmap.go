package teach

import (
	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// MapItem is one stored item of the semantic map's sample.
type MapItem struct {
	Class int
	Input mnist.Bitmap
	Trace engine.Trace // its recall; only Levels[level-1] is read
}

// Overlaps returns the n×n matrix of code overlaps of the items at the
// given level (1-based): the fraction of CMs that agree, over the macs
// active in both (Trace.Overlap); 0 when no mac is active in both.
func Overlaps(items []MapItem, level int) []float64 {
	n := len(items)
	m := make([]float64, n*n)
	for i := range n {
		m[i*n+i] = 1
		for j := i + 1; j < n; j++ {
			agree, total := items[i].Trace.Overlap(&items[j].Trace, level)
			f := 0.0
			if total > 0 {
				f = float64(agree) / float64(total)
			}
			m[i*n+j], m[j*n+i] = f, f
		}
	}
	return m
}

// WithinBetween returns the mean overlap of the pairs of items of one
// class and of pairs of different classes (NaN-free: 0 without pairs).
func WithinBetween(items []MapItem, m []float64) (within, between float64) {
	n := len(items)
	var sw, sb float64
	var nw, nb int
	for i := range n {
		for j := i + 1; j < n; j++ {
			if items[i].Class == items[j].Class {
				sw += m[i*n+j]
				nw++
			} else {
				sb += m[i*n+j]
				nb++
			}
		}
	}
	if nw > 0 {
		within = sw / float64(nw)
	}
	if nb > 0 {
		between = sb / float64(nb)
	}
	return within, between
}

// InputOverlap is the pixel overlap of two bitmaps: 2|a∧b| / (|a|+|b|)
// (Dice), 0 for two empty bitmaps.
func InputOverlap(a, b mnist.Bitmap) float64 {
	na, nb := a.Count(), b.Count()
	if na+nb == 0 {
		return 0
	}
	both := (na + nb - a.Hamming(b)) / 2
	return 2 * float64(both) / float64(na+nb)
}

// Curve bins the pairs of items by input overlap into bins equal bins of
// [0, 1] and returns, per non-empty bin, the mean input overlap and the
// mean code overlap (from m).
func Curve(items []MapItem, m []float64, bins int) []viz.CurvePoint {
	n := len(items)
	sx := make([]float64, bins)
	sy := make([]float64, bins)
	cnt := make([]int, bins)
	for i := range n {
		for j := i + 1; j < n; j++ {
			x := InputOverlap(items[i].Input, items[j].Input)
			b := min(int(x*float64(bins)), bins-1)
			sx[b] += x
			sy[b] += m[i*n+j]
			cnt[b]++
		}
	}
	var out []viz.CurvePoint
	for b := range bins {
		if cnt[b] > 0 {
			out = append(out, viz.CurvePoint{X: sx[b] / float64(cnt[b]), Y: sy[b] / float64(cnt[b]), N: cnt[b]})
		}
	}
	return out
}

// NNStore is the baseline of the capacity view: the stored input bitmaps
// and a nearest-neighbour search by a linear scan of Hamming distances,
// whose cost grows with the items stored.
type NNStore struct {
	items []mnist.Bitmap
}

// Add stores b.
func (s *NNStore) Add(b mnist.Bitmap) { s.items = append(s.items, b) }

// Len is the number of bitmaps stored.
func (s *NNStore) Len() int { return len(s.items) }

// At returns stored bitmap i.
func (s *NNStore) At(i int) mnist.Bitmap { return s.items[i] }

// Nearest returns the index of the stored bitmap nearest to q in Hamming
// distance (the first on ties) and the distance; −1 when empty.
func (s *NNStore) Nearest(q mnist.Bitmap) (int, int) {
	best, bd := -1, 1<<30
	for i := range s.items {
		if d := q.Hamming(s.items[i]); d < bd {
			best, bd = i, d
		}
	}
	return best, bd
}
