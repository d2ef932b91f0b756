package main

import (
	"math"
	"slices"

	"github.com/sparsey-web/sparsey/engine"
)

// Episodic memory measures (docs/MODEL.md): whether a stored item
// reactivates the code it got when learned (reinstatement), and whether
// familiarity G tells stored items from items never stored (AUROC).

// levelGs returns the familiarity of every level of a trace: the mean G of
// the level's active macs (0 when none is active). The last entry is the
// top level's, tr.G.
func levelGs(tr *engine.Trace) []float64 {
	out := make([]float64, len(tr.Levels))
	for i := range tr.Levels {
		out[i] = tr.Levels[i].G
	}
	return out
}

// reinstated is the fraction of the CMs of a level's macs active in the
// learning trace whose recall winner equals the winner chosen while
// learning (a mac silent at recall counts as Q disagreeing CMs).
func reinstated(learned, recalled *engine.LevelTrace) float64 {
	agree, total := 0, 0
	for gi := range learned.Grids {
		l, r := &learned.Grids[gi], &recalled.Grids[gi]
		for m, a := range l.Active {
			if !a {
				continue
			}
			total += l.Q
			if r.Active[m] {
				agree += l.Code(m).Overlap(r.Code(m))
			}
		}
	}
	if total == 0 {
		return 1
	}
	return float64(agree) / float64(total)
}

// auroc is the area under the ROC curve of a score that should be higher
// for pos than for neg: the probability that a random positive outscores a
// random negative, ties counting one half (the Mann–Whitney statistic).
func auroc(pos, neg []float64) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return 0
	}
	n := slices.Clone(neg)
	slices.Sort(n)
	var sum float64
	for _, p := range pos {
		lo, _ := slices.BinarySearch(n, p) // first ≥ p
		hi := lo
		for hi < len(n) && n[hi] == p {
			hi++
		}
		sum += float64(lo) + 0.5*float64(hi-lo)
	}
	return sum / (float64(len(pos)) * float64(len(n)))
}

func mean(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// ece is the expected calibration error of the top score: predictions are
// binned by their confidence into bins equal-width bins over [0, 1]; ECE is
// the mean over predictions of |accuracy of the bin − mean confidence of
// the bin|, weighted by the bin's size.
func ece(conf []float64, correct []bool, bins int) float64 {
	if len(conf) == 0 {
		return 0
	}
	sumC := make([]float64, bins)
	sumA := make([]float64, bins)
	cnt := make([]int, bins)
	for i, c := range conf {
		b := min(int(c*float64(bins)), bins-1)
		b = max(b, 0)
		sumC[b] += c
		if correct[i] {
			sumA[b]++
		}
		cnt[b]++
	}
	e := 0.0
	for b := range bins {
		if cnt[b] == 0 {
			continue
		}
		d := sumA[b]/float64(cnt[b]) - sumC[b]/float64(cnt[b])
		if d < 0 {
			d = -d
		}
		e += float64(cnt[b]) / float64(len(conf)) * d
	}
	return e
}

// sameLevelCodes reports whether a level's winners in a recall equal those
// chosen when the item was learned: the same macs active, the same winner
// in every CM of each (code_kept).
func sameLevelCodes(learned, recalled *engine.LevelTrace) bool {
	for gi := range learned.Grids {
		l, r := &learned.Grids[gi], &recalled.Grids[gi]
		for m, a := range l.Active {
			if a != r.Active[m] {
				return false
			}
			if a && l.Code(m).Overlap(r.Code(m)) != l.Q {
				return false
			}
		}
	}
	return true
}

// silentCM marks the CMs of a silent mac in a flattened code.
const silentCM = 0xffff

// flatCode appends a level's winners, grid by grid and mac by mac, to dst:
// Q entries per mac, silentCM for each CM of a silent mac.
func flatCode(dst []uint16, lt *engine.LevelTrace) []uint16 {
	for gi := range lt.Grids {
		gt := &lt.Grids[gi]
		for m, a := range gt.Active {
			for q := range gt.Q {
				if a {
					dst = append(dst, gt.Codes[m*gt.Q+q])
				} else {
					dst = append(dst, silentCM)
				}
			}
		}
	}
	return dst
}

// codeBook holds the top-level code of every item learned (flattened by
// flatCode, as chosen when the item was learned) with its label: the
// stored codes that the nearest-code measures search, as the page's
// "nearest stored item" does.
type codeBook struct {
	width  int // entries per code
	codes  []uint16
	labels []int
}

func (b *codeBook) add(code []uint16, label int) {
	b.width = len(code)
	b.codes = append(b.codes, code...)
	b.labels = append(b.labels, label)
}

// nearest calls f with every one of the first n stored items whose code
// shares the most CMs with q (silent CMs of q never agree); it returns that
// number of CMs and how many items share it.
func (b *codeBook) nearest(q []uint16, n int, f func(item int)) (agree, ties int) {
	best := -1
	var items []int
	for i := range n {
		c := b.codes[i*b.width : (i+1)*b.width]
		a := 0
		for j, w := range q {
			if w != silentCM && c[j] == w {
				a++
			}
		}
		switch {
		case a > best:
			best, items = a, append(items[:0], i)
		case a == best:
			items = append(items, i)
		}
	}
	for _, i := range items {
		f(i)
	}
	return best, len(items)
}

// codeNB is a naive-Bayes readout over flattened codes (the engine's
// readout, restricted to one level's winners): per CM, counts of each
// winner with each class, additive smoothing α; an item scores
// log P(class) + Σ over its active CMs of log P(winner | class).
type codeNB struct {
	alpha   float64
	classes int
	ks      []int     // cells per CM, per entry of the flattened code
	off     []int     // first count of each entry
	counts  []float64 // Σ K × classes
	active  []float64 // entry × class: items of the class with the entry's mac active
	nClass  []float64
	labeled float64
}

func newCodeNB(lt *engine.LevelTrace, classes int, alpha float64) *codeNB {
	nb := &codeNB{alpha: alpha, classes: classes, nClass: make([]float64, classes)}
	total := 0
	for gi := range lt.Grids {
		gt := &lt.Grids[gi]
		for range len(gt.Active) * gt.Q {
			nb.ks = append(nb.ks, gt.K)
			nb.off = append(nb.off, total)
			total += gt.K * classes
		}
	}
	nb.counts = make([]float64, total)
	nb.active = make([]float64, len(nb.ks)*classes)
	return nb
}

func (nb *codeNB) learn(code []uint16, label int) {
	nb.nClass[label]++
	nb.labeled++
	for e, w := range code {
		if w == silentCM {
			continue
		}
		nb.active[e*nb.classes+label]++
		nb.counts[nb.off[e]+int(w)*nb.classes+label]++
	}
}

// classify returns the class with the highest score (−1 when nothing is
// learned or every CM is silent).
func (nb *codeNB) classify(code []uint16) int {
	if nb.labeled == 0 {
		return -1
	}
	best, bestS := -1, math.Inf(-1)
	for c := range nb.classes {
		if nb.nClass[c] == 0 {
			continue
		}
		s := math.Log(nb.nClass[c] / nb.labeled)
		any := false
		for e, w := range code {
			if w == silentCM {
				continue
			}
			any = true
			s += math.Log(nb.counts[nb.off[e]+int(w)*nb.classes+c]+nb.alpha) -
				math.Log(nb.active[e*nb.classes+c]+nb.alpha*float64(nb.ks[e]))
		}
		if !any {
			return -1
		}
		if s > bestS {
			best, bestS = c, s
		}
	}
	return best
}
