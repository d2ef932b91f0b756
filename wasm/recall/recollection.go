package recall

import (
	"fmt"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// Recollection is one recall of a drawing (or, with Learning set, the item
// the memory is learning while the pad is empty): produced once, then read
// by the canvas and by state(). Its slices are its own.
type Recollection struct {
	// Version is the drawing's version (pad.Pad.Version) recalled.
	Version uint64
	// Learning marks the item being learned shown on an empty pad: it has
	// no familiarity, no verdict and no nearest items.
	Learning bool
	// Input is the preprocessed input; Units the network's input (the
	// input grid's units, bottom-up row-major, UnitsW wide).
	Input  mnist.Bitmap
	Units  []bool
	UnitsW int
	// Trace is the network's recall: every level's codes and G.
	Trace engine.Trace
	// Readout names the readout of Scores; Scores are calibrated, per
	// class, summing to 1. Verdict is the answer.
	Readout string
	Scores  []float64
	Verdict Verdict
	// LevelG is each level's familiarity G, bottom first (the last is the
	// top level's); Familiarity says it in words.
	LevelG      []float64
	Familiarity Familiarity
	// Nearest is the stored item whose top-level code is nearest (nil for
	// none); Others the next nearest.
	Nearest *Item
	Others  []Item
	// Items is the number of items stored at the recall.
	Items int
	// Recon is the reconstruction (28×28 grey) from the code of level
	// ReconLevel (0: none yet; it waits until the pen is up).
	Recon      []uint8
	ReconLevel int
	// Ms is how long the recall took.
	Ms float64
}

// G is the top level's familiarity G (0 without levels).
func (r *Recollection) G() float64 {
	if len(r.LevelG) == 0 {
		return 0
	}
	return r.LevelG[len(r.LevelG)-1]
}

// Item is a stored item, by the order of learning.
type Item struct {
	Index  int    // its index among the items stored (0: the first learned)
	Label  int    // its class
	Name   string // the class's name
	Taught bool   // drawn on the page (else a training digit)
	Record int    // its training digit's index, −1 when taught
	// Agree is the fraction of the active top-level CMs whose winners agree
	// with the recalled code.
	Agree float64
	// Image is its preprocessed image, when HasImage (a training digit's
	// data may not have arrived).
	Image    mnist.Bitmap
	HasImage bool
}

// Caption is the two lines under the nearest item: its name and the
// share of CMs that agree; when it was learned, of items stored.
func (it *Item) Caption(items int) [2]string {
	first := fmt.Sprintf("%s, %d%% of cms", it.Name, int(100*it.Agree+0.5))
	when := fmt.Sprintf("item %d of %d", it.Index+1, items)
	if it.Taught {
		when = "taught: " + when
	}
	return [2]string{first, when}
}
