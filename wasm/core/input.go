package core

import (
	"fmt"
	"math"

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

// padMap maps between the pad's points and the 28×28 input the drawing
// was preprocessed into, through both fits the page applies:
// pad.InputImage's (the drawing sheared and scaled into a PadRes×PadRes
// image, fit) and mnist.Preprocess's (the image's ink box fitted into 20×20
// pixels, its centre of mass moved to the input's centre). placement
// recomputes the second (to within a pixel: the resampled box's centre of
// mass is approximated by the image's); the zero padMap maps the whole pad
// onto the whole input.
type padMap struct {
	ok     bool
	fit    pad.InputFit
	x0, y0 float64 // top-left of the ink's box in the image
	scale  float64 // input pixels per image pixel
	ox, oy float64 // where that corner lands in the input
}

// toInput maps a pad point to the input.
func (m padMap) toInput(pt pad.Point) (float64, float64) {
	if !m.ok {
		return pt.X * mnist.Side, pt.Y * mnist.Side
	}
	rx, ry := m.fit.ToImage(pt)
	return m.ox + (rx-m.x0)*m.scale, m.oy + (ry-m.y0)*m.scale
}

// toPad maps a point of the input to the pad.
func (m padMap) toPad(px, py float64) pad.Point {
	if !m.ok {
		return pad.Point{X: px / mnist.Side, Y: py / mnist.Side}
	}
	return m.fit.ToPad(m.x0+(px-m.ox)/m.scale, m.y0+(py-m.oy)/m.scale)
}

// placement is the padMap of the drawing last rendered by Pad (p).
func (e *Encoder) placement(p *pad.Pad) padMap {
	const box, centre = 20, 14 // mnist.Preprocess's box and centre
	if len(e.grey) != PadRes*PadRes {
		return padMap{}
	}
	x0, y0, x1, y1 := PadRes, PadRes, -1, -1
	var sx, sy, n float64
	for y := range PadRes {
		for x := range PadRes {
			if e.grey[y*PadRes+x] >= mnist.DefaultThreshold {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
				sx, sy, n = sx+float64(x), sy+float64(y), n+1
			}
		}
	}
	if n == 0 {
		return padMap{}
	}
	bw, bh := x1-x0+1, y1-y0+1
	m := max(bw, bh)
	ow, oh := max(1, (bw*box+m/2)/m), max(1, (bh*box+m/2)/m)
	scale := float64(box) / float64(m)
	cx, cy := (sx/n-float64(x0)+0.5)*scale-0.5, (sy/n-float64(y0)+0.5)*scale-0.5
	ox := min(max(math.Round(centre-cx), 0), float64(mnist.Side-ow))
	oy := min(max(math.Round(centre-cy), 0), float64(mnist.Side-oh))
	return padMap{ok: true, fit: p.InputFit(), x0: float64(x0), y0: float64(y0), scale: scale, ox: ox, oy: oy}
}
