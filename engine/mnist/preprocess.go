package mnist

import (
	"errors"
	"fmt"
)

// DefaultThreshold is the binarisation threshold used when
// Options.Threshold is zero: a grey value ≥ 128 is ink.
const DefaultThreshold = 128

// Errors returned by Preprocess.
var (
	ErrEmpty   = errors.New("mnist: image has no ink")
	ErrSize    = errors.New("mnist: image size does not match its pixel count")
	ErrOptions = errors.New("mnist: invalid preprocessing options")
)

// Options select the optional steps of Preprocess. The zero value is valid:
// threshold 128, no thinning, no dilation.
type Options struct {
	// Threshold: a grey value ≥ Threshold is ink. 0 means DefaultThreshold
	// (128); 1 makes every non-zero pixel ink.
	Threshold uint8
	// Thin reduces the strokes to a one-pixel-wide skeleton (Zhang–Suen,
	// topology-preserving; see Preprocess).
	Thin bool
	// Dilate is 0 (none) or 1: after thinning, every ink pixel also inks its
	// eight neighbours, giving strokes of a uniform width of three pixels.
	Dilate int
}

// Preprocess turns a w×h grey image (row-major, ink high, as in MNIST)
// into the 28×28 binary image the network sees. Digits from MNIST and
// digits drawn on the page both go through it, so that a drawn digit looks
// like an MNIST digit. The steps:
//
//  1. Binarise: ink is grey ≥ opt.Threshold (default 128).
//  2. Take the bounding box of the ink and scale it, keeping its aspect
//     ratio, so that its larger side is 20 pixels (MNIST's size
//     normalisation; a "1" stays narrow). Resampling is by area coverage:
//     an output pixel is ink when ink covers at least half of its area, or,
//     when shrinking by a factor s < 1, at least s/2 of it, which is half
//     of a one-source-pixel-wide line crossing it. So near scale 1 the
//     image hardly changes, thick strokes keep a proportional width, and a
//     one-pixel line survives any shrink without breaking up.
//  3. Place the box in the 28×28 image so that the centre of mass of its
//     ink (mean of the pixel indices) lands on pixel (14, 14), rounded as
//     MNIST does (its digits have a mean centre of mass of 14.0 in this
//     convention). The shift is clamped so no ink is cut off.
//  4. If opt.Thin, thin to a one-pixel skeleton: Zhang–Suen, made
//     topology-preserving. (a) 4-connected diagonal strokes (two pixels per
//     row, no full 2×2 block) are first made 8-connected, because
//     Zhang–Suen eats such a stroke from its free end until it is gone.
//     (b) Zhang–Suen sub-iterations, where the marked pixels are deleted
//     one at a time and only while their neighbourhood still allows it
//     (one run of ink around the pixel, 2 to 6 ink neighbours): strokes
//     stay connected and blobs are never erased, which plain parallel
//     Zhang–Suen does to 2×2 squares and two-pixel diagonals. (c) The
//     staircase corners Zhang–Suen leaves (ink on two perpendicular sides,
//     removable without changing connectivity) are deleted. A full 2×2
//     block survives only where no pixel of it can go without changing
//     the topology (four strokes meeting around tiny holes: 3 of the
//     60,000 MNIST training digits).
//  5. If opt.Dilate is 1, dilate with a 3×3 square.
//
// A drawing moved by whole pixels gives the identical bitmap; moved by a
// fraction of a pixel or scaled, stroke edges can shift by one pixel, since
// box and centre are rounded to whole pixels as in MNIST. On the MNIST
// training set the mean ink is 104 pixels plain, 33.4 thinned and 128
// thinned and dilated. Cost on one core: about 5 µs per 28×28 digit, 14 µs
// with thinning; no allocations.
//
// It returns ErrEmpty if there is no ink (or none survives the scaling of
// a huge sparse image), ErrSize if w*h != len(grey) or a side is not
// positive, ErrOptions for an invalid Dilate.
func Preprocess(grey []byte, w, h int, opt Options) (Bitmap, error) {
	var out Bitmap
	if w <= 0 || h <= 0 || len(grey)%w != 0 || len(grey)/w != h {
		return out, fmt.Errorf("%w: %d bytes for %d×%d", ErrSize, len(grey), w, h)
	}
	if opt.Dilate < 0 || opt.Dilate > 1 {
		return out, fmt.Errorf("%w: Dilate %d, want 0 or 1", ErrOptions, opt.Dilate)
	}
	t := opt.Threshold
	if t == 0 {
		t = DefaultThreshold
	}

	// 1. Bounding box of the ink.
	x0, y0, x1, y1 := w, h, -1, -1
	for y := range h {
		row := grey[y*w : (y+1)*w]
		first := -1
		for x, v := range row {
			if v >= t {
				first = x
				break
			}
		}
		if first < 0 {
			continue
		}
		last := first
		for x := len(row) - 1; x > first; x-- {
			if row[x] >= t {
				last = x
				break
			}
		}
		x0, x1 = min(x0, first), max(x1, last)
		y0, y1 = min(y0, y), y
	}
	if x1 < 0 {
		return out, ErrEmpty
	}

	// 2. Resample the box to ow×oh, the larger side being Box.
	bw, bh := x1-x0+1, y1-y0+1
	m := max(bw, bh)
	ow := max(1, (bw*Box+m/2)/m)
	oh := max(1, (bh*Box+m/2)/m)
	var box [Box * Box]bool
	resample(&box, grey[y0*w+x0:], w, t, bw, bh, ow, oh, m)

	// 3. Centre of mass to (Centre, Centre).
	var sx, sy, n int
	for y := range oh {
		for x := range ow {
			if box[y*Box+x] {
				sx += x
				sy += y
				n++
			}
		}
	}
	if n == 0 {
		return out, ErrEmpty
	}
	ox := max(0, min(Side-ow, roundDiv(Centre*n-sx, n)))
	oy := max(0, min(Side-oh, roundDiv(Centre*n-sy, n)))
	for y := range oh {
		for x := range ow {
			if box[y*Box+x] {
				i := (y+oy)*Side + x + ox
				out.w[i>>6] |= 1 << (i & 63)
			}
		}
	}

	// 4, 5.
	if opt.Thin {
		thin(&out)
	}
	if opt.Dilate == 1 {
		out = dilate(out)
	}
	return out, nil
}

// roundDiv returns a/b rounded to the nearest integer, halves up, for b > 0.
func roundDiv(a, b int) int {
	q := 2*a + b
	d := 2 * b
	if q >= 0 {
		return q / d
	}
	return -((-q + d - 1) / d)
}

// resample scales the bw×bh box at the start of src (row stride stride,
// ink = value ≥ t) to ow×oh by area coverage, writing into box with row
// stride Box. m = max(bw, bh) sets the shrink-dependent threshold (see
// Preprocess).
//
// Coordinates are in ticks: along x a source pixel is ow ticks long and an
// output pixel bw ticks (both axes span bw·ow ticks); along y, oh and bh.
func resample(box *[Box * Box]bool, src []byte, stride int, t uint8, bw, bh, ow, oh, m int) {
	var rowCov [Box]int64    // ink of one source row per output column, in x ticks
	var cov [Box * Box]int64 // ink area per output pixel, in ticks²
	for dy := range oh {
		ylo, yhi := dy*bh, (dy+1)*bh // output row dy covers y ticks [ylo, yhi)
		for sy := ylo / oh; sy*oh < yhi; sy++ {
			wy := int64(min(yhi, (sy+1)*oh) - max(ylo, sy*oh))
			row := src[sy*stride : sy*stride+bw]
			for dx := range ow {
				xlo, xhi := dx*bw, (dx+1)*bw
				var c int
				for sx := xlo / ow; sx*ow < xhi; sx++ {
					if row[sx] >= t {
						c += min(xhi, (sx+1)*ow) - max(xlo, sx*ow)
					}
				}
				rowCov[dx] = int64(c)
			}
			for dx := range ow {
				cov[dy*Box+dx] += wy * rowCov[dx]
			}
		}
	}
	// Output pixel area is bw·bh ticks². Ink if cov ≥ area/2, or when
	// shrinking (m > Box) if cov ≥ area·(Box/m)/2.
	area := int64(bw) * int64(bh)
	num, den := int64(1), int64(1)
	if m > Box {
		num, den = Box, int64(m)
	}
	for dy := range oh {
		for dx := range ow {
			box[dy*Box+dx] = 2*den*cov[dy*Box+dx] >= num*area
		}
	}
}

// dilate returns b dilated by a 3×3 square.
func dilate(b Bitmap) Bitmap {
	var out Bitmap
	for y := range Side {
		for x := range Side {
			if !b.At(x, y) {
				continue
			}
			for yy := max(0, y-1); yy <= min(Side-1, y+1); yy++ {
				for xx := max(0, x-1); xx <= min(Side-1, x+1); xx++ {
					i := yy*Side + xx
					out.w[i>>6] |= 1 << (i & 63)
				}
			}
		}
	}
	return out
}
