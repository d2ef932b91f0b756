package pad

import "math"

// The network's view of the drawing (InputImage).
const (
	// InputSide is the side of the grey image InputImage renders: 28, an
	// MNIST digit's.
	InputSide = 28
	// InputBox is the larger side, in pixels, of the drawing's ink (pen
	// included) in that image: 20, as MNIST's size normalisation.
	InputBox = 20
	// InputPen is the pen's width, in pixels, in that image. Chosen on a
	// validation split of MNIST digits traced into pen strokes
	// (BENCHMARKS.md, "Drawn digits"): 1.5 to 1.9 are about equally good;
	// wider pens close small loops and gaps (a 9 becomes a 7, a 5 an 8).
	InputPen = 1.7
	// inputSuper is the supersampling of InputImage per axis.
	inputSuper = 4
)

// MaxSlant is the largest slant |dx/dy| InputImage takes out (45°, as
// mnist.MaxSkew); a steeper drawing is sheared by this much.
const MaxSlant = 1.0

// InputFit is the map InputImage applies to the pad's points: the slant
// sheared away (x −= k·(y − my)), then scaled and centred into the
// InputSide×InputSide image. ToImage and ToPad are each other's inverse.
type InputFit struct {
	k, my  float64 // shear
	cx, cy float64 // centre of the sheared ink box (pad units)
	scale  float64 // image pixels per pad unit
}

// InputFit returns the fit of the current drawing; for an empty pad, the
// whole pad onto the whole image.
func (p *Pad) InputFit() InputFit { return p.inputFit(InputPen) }

// inputFit is InputFit for a pen pen pixels wide.
func (p *Pad) inputFit(pen float64) InputFit {
	if len(p.strokes) == 0 {
		return InputFit{cx: 0.5, cy: 0.5, scale: InputSide}
	}
	a, my := slant(p.strokes)
	f := InputFit{k: min(max(a, -MaxSlant), MaxSlant), my: my}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range p.strokes {
		for _, pt := range s {
			x := pt.X - f.k*(pt.Y-my)
			x0, y0 = min(x0, x), min(y0, pt.Y)
			x1, y1 = max(x1, x), max(y1, pt.Y)
		}
	}
	if m := max(x1-x0, y1-y0); m > 0 {
		f.scale = max(InputBox-pen, 0) / m
	}
	f.cx, f.cy = (x0+x1)/2, (y0+y1)/2
	return f
}

// ToImage maps a pad point to InputImage's pixel coordinates.
func (f InputFit) ToImage(pt Point) (x, y float64) {
	sx := pt.X - f.k*(pt.Y-f.my)
	return InputSide/2 + (sx-f.cx)*f.scale, InputSide/2 + (pt.Y-f.cy)*f.scale
}

// ToPad maps InputImage's pixel coordinates back to the pad (a drawing of
// one point, scale 0, maps everything to that point).
func (f InputFit) ToPad(x, y float64) Point {
	if f.scale == 0 {
		return Point{f.cx + f.k*(f.cy-f.my), f.cy}
	}
	py := f.cy + (y-InputSide/2)/f.scale
	sx := f.cx + (x-InputSide/2)/f.scale
	return Point{sx + f.k*(py-f.my), py}
}

// InputImage renders the drawing as the network sees it, the way MNIST
// digits were made from pen strokes: scaled, keeping its aspect ratio, so
// that its ink, drawn with a pen InputPen pixels wide, spans InputBox
// pixels on its larger side, centred in an InputSide×InputSide image, and
// anti-aliased (4×4 supersampling, box filter). The drawing is first
// sheared upright (its slant, the least-squares dx/dy of its strokes, taken
// out), as mnist.Preprocess deskews every digit the network learns: done
// here on the strokes themselves it is exact, and Preprocess then finds
// the image upright and moves nothing (or a row by a pixel), so the pad's
// map onto the input (InputFit) stays true. (On the validation split,
// drawn digits: upright here 0.9292, only the slant beyond MNIST's
// interquartile range 0.9290, not at all 0.9264; BENCHMARKS.md.) It
// writes the image (row-major, 0 = background, 255 = ink) into dst if dst
// has room, else into a new slice, and returns
// it; an empty pad gives a blank image.
//
// So the pen is the same relative to the digit however large the visitor
// drew it (a small digit in a corner is not a blob, a large one not a
// hairline), the image needs no second resampling in mnist.Preprocess
// (its ink box is 20 pixels already), and an italic or back-slanted
// digit looks like the MNIST digits the network learned. What the
// visitor sees (Render) keeps the pad's own pen, PenWidth.
func (p *Pad) InputImage(dst []byte) []byte { return p.InputImagePen(dst, InputPen) }

// InputImagePen is InputImage with a pen pen pixels wide instead of
// InputPen (clamped to [0.5, InputBox]): the drawing's ink, that pen
// included, still spans InputBox pixels. The page always uses InputPen;
// this is for measuring how the network's preprocessing copes with other
// stroke widths, as in scanned digits (cmd/drawn-eval -hands).
func (p *Pad) InputImagePen(dst []byte, pen float64) []byte {
	pen = min(max(pen, 0.5), InputBox)
	const n = InputSide * InputSide
	if cap(dst) < n {
		dst = make([]byte, n)
	}
	dst = dst[:n]
	clear(dst)
	if len(p.strokes) == 0 {
		return dst
	}
	f := p.inputFit(pen)
	const side = InputSide * inputSuper
	at := func(pt Point) Point {
		x, y := f.ToImage(pt)
		return Point{x * inputSuper, y * inputSuper}
	}
	if cap(p.scratch) < side*side {
		p.scratch = make([]byte, side*side)
	}
	big := p.scratch[:side*side]
	clear(big)
	r := pen * inputSuper / 2
	for _, s := range p.strokes {
		prev := at(s[0])
		capsule(big, side, side, prev, prev, r)
		for _, pt := range s[1:] {
			cur := at(pt)
			capsule(big, side, side, prev, cur, r)
			prev = cur
		}
	}
	for y := range InputSide {
		for x := range InputSide {
			sum := 0
			for yy := range inputSuper {
				row := big[(y*inputSuper+yy)*side+x*inputSuper:]
				for xx := range inputSuper {
					sum += int(row[xx])
				}
			}
			dst[y*InputSide+x] = byte((sum + inputSuper*inputSuper/2) / (inputSuper * inputSuper))
		}
	}
	return dst
}

// slant returns the least-squares slope dx/dy of the strokes' centre
// lines, each segment weighted by its length, and their mean y. Without
// vertical extent (dots, a horizontal line) the slope is 0.
func slant(strokes []Stroke) (a, my float64) {
	var l, sx, sy, sxy, syy float64
	for _, s := range strokes {
		for i := 1; i < len(s); i++ {
			p, q := s[i-1], s[i]
			d := math.Hypot(q.X-p.X, q.Y-p.Y)
			bx, by := q.X-p.X, q.Y-p.Y
			// ∫₀¹ (p + t·b) dt and products, times the length.
			l += d
			sx += d * (p.X + bx/2)
			sy += d * (p.Y + by/2)
			sxy += d * (p.X*p.Y + (p.X*by+bx*p.Y)/2 + bx*by/3)
			syy += d * (p.Y*p.Y + p.Y*by + by*by/3)
		}
	}
	if l == 0 {
		return 0, 0
	}
	mx, my := sx/l, sy/l
	vy := syy/l - my*my
	if vy <= 1e-12 {
		return 0, my
	}
	return (sxy/l - mx*my) / vy, my
}
