package core

import "github.com/sparsey-web/sparsey/wasm/recall"

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
// scales and shears; drawn on the pad's link grid, pad.LinkGrid, which
// the page draws on):
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
//	100 scribbles drawn             0.469 / 0.564              0%       39%
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
// median of spirals' on the calibration set (0.9662), so that drawn
// digits stay familiar and spirals, the unlike shapes closest to digits
// there, do not; level 2's is the 2.5th percentile of the calibration
// set's unseen test digits (0.6363). Few real digits are called new
// (held-out unseen test digits 3.8%, drawn ones none).
//
// The thresholds are stored with the network they were measured on
// (Measured): the page's default scene's network, named by its preset and
// identified by its fingerprint (engine.Config.Fingerprint), so that a change of the preset that was not
// measured again fails TestMeasuredNetwork instead of silently keeping
// words measured on another network.
const SeenBefore = 0.99

// NewBelow holds, for level 1, 2, …, the G under which that level finds a
// drawing's parts unfamiliar (see SeenBefore). Levels beyond it, and the
// top level, have none.
var NewBelow = []float64{0.9662, 0.6363}

// Measurement is a familiarity rule measured on one network.
type Measurement struct {
	Preset  string // the engine preset of the page's scene ("mnist")
	Network string // the fingerprint of the scene's network on that preset
	Rule    recall.Thresholds
}

// Measured are the familiarity rules measured so far, by network.
var Measured = []Measurement{{
	Preset:  "mnist",
	Network: "d90f06779b52d0fa",
	Rule:    recall.Thresholds{SeenBefore: SeenBefore, NewBelow: NewBelow},
}}

// The words, as recall.Kind says them.
const (
	WordsSeen  = recall.WordsSeen
	WordsKnown = recall.WordsKnown
	WordsNew   = recall.WordsNew
)

// Familiarity is the page's rule that says how familiar a drawing is,
// from the G of each level (bottom first, the top last): one function
// call, so that a better rule replaces it in one place. It is the rule
// measured on the network (Measured), or the first one's with a note in
// Why when the network was never measured.
//
// For now the bar shows the top level's G (the episodic memory's
// familiarity) and the words come from the thresholds above, where the
// levels below the top also have a say; Why names the level that decided.
func Familiarity(network string, levelG []float64) recall.Familiarity {
	for _, m := range Measured {
		if m.Network == network {
			return m.Rule.Judge(levelG)
		}
	}
	f := Measured[0].Rule.Judge(levelG)
	if f.Why != "" {
		f.Why += " (thresholds of another network)"
	}
	return f
}
