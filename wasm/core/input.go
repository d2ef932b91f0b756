package core

import (
	"fmt"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// PadRes is the resolution, in pixels per side, of the pad's input image
// (pad.InputImage: the drawing fitted to MNIST's box with an MNIST-like pen,
// slant beyond MNIST's range corrected), which is then preprocessed.
const PadRes = pad.InputSide

// Encoder is the one path from an image to the network's input, for MNIST
// digits and drawings alike: mnist.Preprocess with mnist.DefaultOptions
// (centred, size-normalised, thinned; the bitmap the page shows as
// "input"), then mnist.Encode for the network's input grid. Image is
// exactly mnist.Input, plus the bitmap; Pad renders a drawing at PadRes
// and takes the same path; Bitmap is the second half alone, for bitmaps
// already preprocessed (a taught drawing's stored image).
//
// An Encoder reuses its rendering buffer: it is not safe for concurrent
// use. Each SDR it returns is new.
type Encoder struct {
	grid engine.Grid
	grey []byte
}

// NewEncoder returns an Encoder for the input grid g (net.Config().Input);
// an error if engine/mnist has no encoding for g.
func NewEncoder(g engine.Grid) (*Encoder, error) {
	if _, err := mnist.Encode(mnist.Bitmap{}, g); err != nil {
		return nil, fmt.Errorf("core: %w", err)
	}
	return &Encoder{grid: g}, nil
}

// Grid is the input grid the Encoder encodes for.
func (e *Encoder) Grid() engine.Grid { return e.grid }

// Image preprocesses a w×h grey image (ink high) and encodes it. It
// returns mnist.ErrEmpty (wrapped) when the image has no ink.
func (e *Encoder) Image(grey []byte, w, h int) (mnist.Bitmap, *engine.SDR, error) {
	bm, err := e.Preprocess(grey, w, h)
	if err != nil {
		return bm, nil, err
	}
	in, err := e.Bitmap(bm)
	return bm, in, err
}

// Preprocess is the first half of Image: the bitmap the network's input
// is encoded from.
func (e *Encoder) Preprocess(grey []byte, w, h int) (mnist.Bitmap, error) {
	return mnist.Preprocess(grey, w, h, mnist.DefaultOptions)
}

// Pad renders the drawing as the network sees it (pad.InputImage, PadRes
// pixels a side) and encodes it like Image.
func (e *Encoder) Pad(p *pad.Pad) (mnist.Bitmap, *engine.SDR, error) {
	if len(e.grey) != PadRes*PadRes {
		e.grey = make([]byte, PadRes*PadRes)
	}
	p.InputImage(e.grey)
	return e.Image(e.grey, PadRes, PadRes)
}

// Bitmap encodes a preprocessed bitmap for the grid.
func (e *Encoder) Bitmap(bm mnist.Bitmap) (*engine.SDR, error) {
	return mnist.Encode(bm, e.grid)
}
