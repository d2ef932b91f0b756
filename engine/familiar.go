package engine

import "math"

// Familiarity is how familiar a recalled input is to the network's
// semantic memory, in [0, 1]: near 1 for a digit like those learned, lower
// for a drawing whose parts or whose whole are unlike them (a letter, a
// shape, a scribble). It is the product of two measures:
//
//   - how well the best class explains the readout's codes: with L the
//     geometric mean, over the active CMs of the readout levels, of
//     P(winner | class) under naive Bayes (the counts of the labelled
//     items learned) for the class that explains them best, and K the
//     cells per CM, 1 + ln L / ln K, clamped to [0, 1]: 0 when the codes
//     are no better explained than by chance (L = 1/K), 1 when every
//     winner always came with that class;
//   - level 1's familiarity G (the mean G of its active macs): whether
//     the parts were seen at all.
//
// A letter's strokes are digits' strokes (level 1's G stays high), but
// their combination fits no class: that is what the first factor sees.
// It was chosen on the validation split (network learned on the first
// 50,000 training digits; 3,000 of the last 10,000 drawn with the pen
// model against 920 drawn letters, shapes, zigzags and scribbles, seed 2):
// AUROC 0.949 there, against 0.85, 0.88 and 0.80 for the G of levels 1, 2
// and 3 alone, 0.89 for their product and 0.947 for the first factor
// alone; `cmd/drawn-eval -validate 10000 -nondigits 40 -nondigit-seed 2`
// measures it on all 10,000 (BENCHMARKS.md). It is deterministic (no
// math.Exp or math.Log) and costs one naive-Bayes scoring. Familiarity is
// 0 for a trace with no readout code or before anything labelled is
// learned. The top level's G (Trace.G) is a different thing: whether this
// very input was stored (episodic memory).
func (n *Network) Familiarity(tr *Trace) (float64, error) {
	cs, err := n.traceCodes(tr)
	if err != nil {
		return 0, err
	}
	r := n.read
	perCM, logK, ok := r.likelihood(cs)
	if !ok {
		return 0, nil
	}
	f := min(max(1+perCM/logK, 0), 1)
	return f * tr.Levels[0].G, nil
}

// UnfamiliarBelow is the Familiarity under which an input is unlike the
// digits learned: the 2.5th percentile (0.253) of the familiarity of the
// 10,000 validation digits drawn with the pen model (as traced), the
// default network learned on the other 50,000 (BENCHMARKS.md), so that
// about 2.5% of drawn digits fall under it.
const UnfamiliarBelow = 0.253

// likelihood returns, for the codes, the mean over the active CMs of the
// readout grids of log P(winner | class) under naive Bayes for the class
// that explains them best, and the mean of log K over those CMs; ok is
// false when nothing can be scored.
func (r *readout) likelihood(cs codes) (perCM, logK float64, ok bool) {
	C := r.classes
	if !r.logits(cs, r.logitsB, -1, ReadoutNaiveBayes) {
		return 0, 0, false
	}
	cms := 0
	for gi, g := range r.grids {
		act, _ := cs(gi)
		for m := range g.macs {
			if act[m] {
				cms += g.q
				logK += float64(g.q) * detLog(float64(g.k))
			}
		}
	}
	best := math.Inf(-1)
	for c := range C {
		z := r.logitsB[c]
		if math.IsInf(z, -1) {
			continue
		}
		best = max(best, z-(r.logN[c]-r.logL)) // the prior is no part of it
	}
	return best / float64(cms), logK / float64(cms), true
}
