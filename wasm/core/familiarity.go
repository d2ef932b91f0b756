package core

// How the page says how familiar a drawing is. The network's levels know
// different things: the top level stores whole items (episodic memory:
// its familiarity G is about 1 for an item it stored, lower for one it did
// not), the levels below store their parts (semantic memory: strokes and
// their combinations, shared by all digits, so their G stays high for any
// digit, stored or not, and drops for shapes whose parts are unlike any
// digit's). So the words come from both:
//
//   - "seen before": the top level's G is at least SeenBefore;
//   - "new to me": otherwise, when a level below the top has G under its
//     NewBelow threshold (the parts are unfamiliar);
//   - "like what I know": otherwise.
//
// The thresholds were chosen from measurements on the page's default
// network after learning its DefaultTrain = 10,000 MNIST training digits
// through the App (the page's own input path), by
//
//	go test ./wasm/core -run TestFamiliarityThresholds -v
//
// which derives them from a calibration set (unseen test digits 0–1,999
// and drawings from one random stream), prints the distributions on
// held-out sets (test digits 2,000–3,999, drawings from another stream)
// and checks there that the words do what is written here (measured
// 2026-12-05, seed 1, on the default network with deskewed digits and
// the softmax readout; drawn shapes through the pad with random shifts,
// scales and shears):
//
//	                                top-level G: p5 / median   ≥ 0.99   "new to me"
//	last 1,000 digits stored        1.000 / 1.000              100%      0%
//	first 1,000 digits stored       1.000 / 1.000              100%      0%
//	unseen test digits 2,000–3,999  0.528 / 0.681              6.0%     3.8%
//	500 digits drawn                0.594 / 0.667             10.0%     0%    (≥ 0.99: mostly straight
//	                                                                           1s, which thin to a stored
//	                                                                           1's very pixels)
//	100 spirals drawn               0.410 / 0.493              0%       91%
//	100 "#" grids drawn             0.514 / 0.514              0%      100%
//	100 scribbles drawn             0.469 / 0.567              0%       37%
//
// SeenBefore = 0.99 keeps every stored item, the first learned as well as
// the last (the levels below the top keep each stored item's codes, so the
// top sees what it stored: G = 1), and takes 6.0% of unseen digits for
// stored ones (AUROC of the top level's G, stored vs unseen: 0.970). The
// top level alone does not tell unseen digits from every shape unlike
// digits: spirals and "#" grids get a lower G there than drawn digits
// (AUROC 0.99 and 1.00), scribbles less so (0.85), because recall picks
// the best-matching code at every level, so a level-2 code of unfamiliar
// parts is still a partly familiar input for the top. Level 1 sees the
// unfamiliar parts (AUROC against drawn digits: spirals 1.00, "#" grids
// 1.00, scribbles 0.93), level 2 too (1.00, 1.00, 0.87), and neither
// tells stored from unseen digits (0.52, 0.50). Level 1's NewBelow is
// halfway between the 2.5th percentile of drawn digits' level-1 G and the
// median of spirals' on the calibration set (0.9662); level 2's is the
// 2.5th percentile of the calibration set's unseen test digits (0.6363),
// so that drawn digits stay familiar and spirals, the unlike shapes
// closest to digits there, do not.
const SeenBefore = 0.99

// NewBelow holds, for level 1, 2, …, the G under which that level finds a
// drawing's parts unfamiliar (see SeenBefore). Levels beyond it, and the
// top level, have none.
var NewBelow = []float64{0.9662, 0.6363}

// The words.
const (
	WordsSeen  = "seen before"
	WordsKnown = "like what I know"
	WordsNew   = "new to me"
)

// Familiarity says in words how familiar an input is from the G of each
// level (bottom first, the top last), and which levels below the top
// found it unfamiliar (low[i] for level i+1).
func Familiarity(levelG []float64) (words string, low []bool) {
	if len(levelG) == 0 {
		return "", nil
	}
	low = make([]bool, len(levelG))
	anyLow := false
	for i := 0; i < len(levelG)-1 && i < len(NewBelow); i++ {
		if levelG[i] < NewBelow[i] {
			low[i], anyLow = true, true
		}
	}
	switch {
	case levelG[len(levelG)-1] >= SeenBefore:
		return WordsSeen, low
	case anyLow:
		return WordsNew, low
	}
	return WordsKnown, low
}
