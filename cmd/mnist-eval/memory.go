package main

import (
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
