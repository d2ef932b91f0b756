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
)

// DefaultOptions are the preprocessing options of the default networks:
// threshold 128, strokes thinned to a one-pixel skeleton.
var DefaultOptions = Options{Thin: true}

// Encode turns a preprocessed bitmap into the input SDR for the grid g
// (PlainGrid or PyramidGrid).
func Encode(b Bitmap, g engine.Grid) (*engine.SDR, error) {
	switch g {
	case PlainGrid, PyramidGrid:
	default:
		return nil, fmt.Errorf("mnist: no encoding for a %dx%d input grid (want %dx%d or %dx%d)",
			g.W, g.H, PlainGrid.W, PlainGrid.H, PyramidGrid.W, PyramidGrid.H)
	}
	s := engine.NewSDR(g.N())
	for y := 0; y < Side; y++ {
		for x := 0; x < Side; x++ {
			if !b.At(x, y) {
				continue
			}
			s.Set(y*g.W + x)
			if g == PyramidGrid {
				s.Set((Side+y/2)*g.W + x/2)
				s.Set((Side+y/4)*g.W + Side/2 + x/4)
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
