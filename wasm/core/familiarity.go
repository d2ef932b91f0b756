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
// network with its default DefaultTrain = 10,000 MNIST training digits
// learned, through the page's own input path (Encoder), by
//
//	go test ./wasm/core -run TestFamiliarityThresholds -v
//
// which prints the distributions and checks that the thresholds still do
// what is written here (measured 2026-12-02, seed 1):
//
//	top-level G              ≥ 0.99 for   p5 / median
//	last 1,000 digits stored     98.1%    0.994 / 1.000
//	first 1,000 digits stored    12.5%    0.912 / 0.969  (the oldest items fade: capacity)
//	1,000 unseen test digits      4.5%    0.821 / 0.913
//	500 digits drawn on a pad     7.6%    0.857 / 0.921  (most of them straight 1s, which
//	                                                      thin to a stored 1's very pixels)
//	100 spirals drawn             1%      0.886 / 0.930
//	100 "#" grids drawn           0%      0.747 / 0.784
//
// SeenBefore = 0.99 keeps 98% of recent stored items and takes under 5% of
// unseen digits for stored ones. The top level does not tell unseen digits
// from shapes unlike digits (spirals get the G of unseen digits there:
// AUROC 0.43 against drawn digits), because recall picks the best-matching
// code at every level, so a level-2 code of unfamiliar parts is still a
// familiar code for the top. Level 1 does (AUROC 0.98 against spirals,
// 0.97 against "#" grids), and level 2 for grids (0.98). Each NewBelow
// threshold is the 2.5th percentile of that level's G over 2,000 unseen
// MNIST test digits, so that few real digits are called new:
//
//	"new to me" (level 1 or 2 under threshold)   level 1 G p2.5   level 2 G p2.5
//	unseen test digits 4.6%, drawn digits 0%,     0.9825           0.6994
//	spirals 76%, "#" grids 100%, scribbles 21%
const SeenBefore = 0.99

// NewBelow holds, for level 1, 2, …, the G under which that level finds a
// drawing's parts unfamiliar (see SeenBefore). Levels beyond it, and the
// top level, have none.
var NewBelow = []float64{0.9825, 0.6994}

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
