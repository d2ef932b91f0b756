package mnist

import (
	"fmt"

	"github.com/sparsey-web/sparsey/engine"
)

// Input grids the network can take from a Bitmap (see Encode).
var (
	// PlainGrid is the 28×28 bitmap itself.
	PlainGrid = engine.Grid{W: Side, H: Side}
	// PyramidGrid is the bitmap (rows 0–27) above two coarser copies of it:
	// a 2×2 OR-pooled 14×14 image (rows 28–41, columns 0–13) and a 4×4
	// OR-pooled 7×7 image (rows 28–34, columns 14–20). Levels of the
	// network read each scale through LevelConfig.Region.
	PyramidGrid = engine.Grid{W: Side, H: Side + Side/2}
	// EdgeGrid is the bitmap (rows 0–27) above two coarser maps of its
	// stroke orientations: for every ink pixel, the directions in which it
	// has ink neighbours (horizontal, vertical, rising and falling
	// diagonal), OR-pooled over 2×2 pixels into a 14×14×4 map (rows 28–55)
	// and over 4×4 pixels into a 7×7×4 map (rows 56–69, columns 0–13). In
	// each map the four orientations of a pooled pixel sit in a 2×2 block
	// (orientation o at +(o%2, o/2)), so a receptive field of 2n×2n units
	// sees n×n pooled pixels with all their orientations.
	EdgeGrid = engine.Grid{W: Side, H: Side + Side + Side/2}
)

// Orientations of EdgeGrid's maps.
const (
	Horizontal = iota
	Vertical
	Rising  // "/"
	Falling // "\"
	Orientations
)

// DefaultOptions are the preprocessing options of the default networks:
// threshold 128, the ink deskewed, strokes thinned to a one-pixel
// skeleton.
var DefaultOptions = Options{Thin: true, Deskew: true}

// Encode turns a preprocessed bitmap into the input SDR for the grid g
// (PlainGrid, PyramidGrid or EdgeGrid).
func Encode(b Bitmap, g engine.Grid) (*engine.SDR, error) {
	switch g {
	case PlainGrid, PyramidGrid, EdgeGrid:
	default:
		return nil, fmt.Errorf("mnist: no encoding for a %dx%d input grid (want %dx%d, %dx%d or %dx%d)",
			g.W, g.H, PlainGrid.W, PlainGrid.H, PyramidGrid.W, PyramidGrid.H, EdgeGrid.W, EdgeGrid.H)
	}
	s := engine.NewSDR(g.N())
	for y := 0; y < Side; y++ {
		for x := 0; x < Side; x++ {
			if !b.At(x, y) {
				continue
			}
			s.Set(y*g.W + x)
			switch g {
			case PyramidGrid:
				s.Set((Side+y/2)*g.W + x/2)
				s.Set((Side+y/4)*g.W + Side/2 + x/4)
			case EdgeGrid:
				for o, on := range EdgeOrientations(b, x, y) {
					if on {
						s.Set((Side+2*(y/2)+o/2)*g.W + 2*(x/2) + o%2)
						s.Set((2*Side+2*(y/4)+o/2)*g.W + 2*(x/4) + o%2)
					}
				}
			}
		}
	}
	return s, nil
}

// Input is the one path from any grey image (ink high, w×h) to the input
// SDR of a network whose input grid is g: Preprocess with DefaultOptions,
// then Encode. MNIST digits and digits drawn in the page both go through it.
func Input(grey []byte, w, h int, g engine.Grid) (*engine.SDR, error) {
	b, err := Preprocess(grey, w, h, DefaultOptions)
	if err != nil {
		return nil, err
	}
	return Encode(b, g)
}

// EdgeOrientations reports, for the ink pixel (x, y) of b, in which of the
// four Orientations it has an ink neighbour.
func EdgeOrientations(b Bitmap, x, y int) [Orientations]bool {
	at := func(x, y int) bool { return x >= 0 && y >= 0 && x < Side && y < Side && b.At(x, y) }
	return [Orientations]bool{
		Horizontal: at(x-1, y) || at(x+1, y),
		Vertical:   at(x, y-1) || at(x, y+1),
		Rising:     at(x+1, y-1) || at(x-1, y+1),
		Falling:    at(x-1, y-1) || at(x+1, y+1),
	}
}
