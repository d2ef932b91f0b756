package mnist

import (
	"errors"
	"fmt"
	"math"
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
	// Deskew shears the ink upright before anything else: the slant of
	// the ink (the least-squares dx/dy of its pixels, from their second
	// moments) is taken out by shifting each row (see Preprocess).
	Deskew bool
}

// MaxSkew is the largest slant |dx/dy| Deskew takes out (45°); a steeper
// one is taken out only to this much.
const MaxSkew = 1.0

// Preprocess turns a w×h grey image (row-major, ink high, as in MNIST)
// into the 28×28 binary image the network sees. Digits from MNIST and
// digits drawn on the page both go through it, so that a drawn digit looks
// like an MNIST digit. The steps:
//
//  0. If opt.Deskew, take out the slant (MNIST's writers lean from −0.78
//     to +0.53 in dx/dy, 1st to 99th percentile): (a) with (mx, my) the
//     mean of the pixels weighted by their grey level and k =
//     cov(x, y)/var(y) their slant (the least-squares dx/dy; k < 0 leans
//     right, as y grows down), clamped to ±MaxSkew, row y moves by
//     −k·(y − my) pixels, interpolated linearly (to 1/256 pixel), and the
//     result is binarised; (b) then, while the binarised ink's own slant
//     (the same moments, each ink pixel weighing 1) would move a row of
//     ink by a whole pixel once rounded, its rows move by whole pixels (on
//     MNIST at most once). A shear that moves no row of ink by a whole
//     pixel once rounded is not done, so ink upright by (b)'s measure is
//     left as it is: the page's sample files store digits so (Upright),
//     and Preprocess of a stored digit equals Preprocess of its grey
//     original. The grey levels' sub-pixel shear is what helps: on the
//     validation split it gains about twice what whole-pixel shifts of the
//     binary ink gain (BENCHMARKS.md).
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
// with thinning; no allocations except the sheared copy of Deskew.
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
	if opt.Deskew {
		if sheared, sw, ok := upright(grey, w, h, t); ok {
			grey, w = sheared, sw
		}
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

// moments returns the slant k = cov(x, y)/var(y) of an image's pixels
// weighted by w(v) (the least-squares dx/dy), their mean row my and the
// rows holding ink (grey ≥ t) as [y0, y1]. ok is false without weight,
// without ink or without vertical extent. Sums are exact integers; the
// ratio is rounded the same way on every platform (explicit conversions:
// no fused multiply-add).
func moments(grey []byte, w, h int, t uint8, binary bool) (k, my float64, y0, y1 int, ok bool) {
	// Grey weights are divided by their greatest common divisor, so that
	// an image of 0 and 255 weighs exactly as its ink does with weights
	// of 1 (the sums are the same integers).
	g := 0
	if !binary {
		for _, v := range grey {
			if v != 0 && g != 1 {
				g = gcd(g, int(v))
			}
		}
		if g == 0 {
			return 0, 0, 0, 0, false
		}
	}
	var n, sx, sy, sxy, syy int64
	y0, y1 = h, -1
	for y := range h {
		row := grey[y*w : (y+1)*w]
		yy := int64(y)
		for x, v := range row {
			if v >= t {
				y0, y1 = min(y0, y), y
			}
			var m int64
			switch {
			case binary && v >= t:
				m = 1
			case !binary:
				m = int64(int(v) / g)
			}
			if m == 0 {
				continue
			}
			xx := int64(x)
			n += m
			sx += m * xx
			sy += m * yy
			sxy += m * xx * yy
			syy += m * yy * yy
		}
	}
	if n == 0 || y1 < 0 {
		return 0, 0, 0, 0, false
	}
	fn := float64(n)
	cov := float64(fn*float64(sxy)) - float64(float64(sx)*float64(sy))
	vr := float64(fn*float64(syy)) - float64(float64(sy)*float64(sy))
	my = float64(sy) / fn
	if vr <= 0 {
		return 0, my, y0, y1, false
	}
	return cov / vr, my, y0, y1, true
}

// Slant returns the slant of the ink of a w×h image (grey ≥ t; 0 means
// DefaultThreshold): the least-squares dx/dy of its ink pixels, each
// weighing 1, negative when the ink leans right (y grows down), and the
// mean row of the ink. ok is false for a bad size, no ink, or no vertical
// extent. It is the measure Preprocess's Deskew (step 0 b) takes out.
func Slant(grey []byte, w, h int, t uint8) (k, my float64, ok bool) {
	if t == 0 {
		t = DefaultThreshold
	}
	if w <= 0 || h <= 0 || len(grey) != w*h {
		return 0, 0, false
	}
	k, my, _, _, ok = moments(grey, w, h, t, true)
	return k, my, ok
}

// skewShift is the shear's shift of row y in 1/256 pixels: −k·(y − my).
func skewShift(k, my float64, y int) int {
	return int(math.Round(float64(256 * float64(-k*float64(float64(y)-my)))))
}

// wholeShift is row y's shift rounded to whole pixels (halves up).
func wholeShift(k, my float64, y int) int { return (skewShift(k, my, y) + 128) >> 8 }

// moves reports whether shearing by k about my moves some row of ink
// (rows y0..y1) by a whole pixel once rounded; the shift is monotonic in
// y, so the end rows tell.
func moves(k, my float64, y0, y1 int) bool {
	return wholeShift(k, my, y0) != 0 || wholeShift(k, my, y1) != 0
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// upright is Preprocess's step 0: the image's ink sheared upright, as a
// new ow×h image of 0 and 255, or ok false when nothing moves (see
// Preprocess).
func upright(grey []byte, w, h int, t uint8) (out []byte, ow int, ok bool) {
	// (a) Grey levels: sub-pixel shear with linear interpolation, in
	// fixed point (1/256 pixel), then binarised.
	k, my, y0, y1, ok := moments(grey, w, h, t, false)
	k = min(max(k, -MaxSkew), MaxSkew)
	if ok && moves(k, my, y0, y1) {
		lo := min(skewShift(k, my, 0), skewShift(k, my, h-1))
		hi := max(skewShift(k, my, 0), skewShift(k, my, h-1))
		pad := (-lo + 255) / 256
		ow = w + pad + (hi+255)/256
		out = make([]byte, ow*h)
		for y := range h {
			row := grey[y*w : (y+1)*w]
			s := skewShift(k, my, y) + pad*256 // output x = input x + s/256
			for ox := range ow {
				q := ox*256 - s // input x in 1/256 pixels
				x0, f := q>>8, q&255
				var a, b int
				if x0 >= 0 && x0 < w {
					a = int(row[x0])
				}
				if x0+1 >= 0 && x0+1 < w {
					b = int(row[x0+1])
				}
				if (a*(256-f)+b*f+128)>>8 >= int(t) {
					out[y*ow+ox] = 255
				}
			}
		}
		grey, w = out, ow
	}
	// (b) The binarised ink: whole-pixel shifts until no row moves, so
	// that the result is upright by its own measure and Preprocess leaves
	// it as it is (a sample file stores digits this way: Upright).
	for range maxUprightRounds {
		k, my, y0, y1, ok := moments(grey, w, h, t, true)
		k = min(max(k, -MaxSkew), MaxSkew)
		if !ok || !moves(k, my, y0, y1) {
			break
		}
		shift := func(y int) int { return wholeShift(k, my, y) }
		lo := min(shift(0), shift(h-1), 0)
		hi := max(shift(0), shift(h-1), 0)
		nw := w + hi - lo
		next := make([]byte, nw*h)
		for y := range h {
			off := y*nw + shift(y) - lo
			for x, v := range grey[y*w : (y+1)*w] {
				if v >= t {
					next[off+x] = 255
				}
			}
		}
		grey, w, out = next, nw, next
	}
	return out, w, out != nil
}

// UprightDataset returns d with every digit made Upright (threshold
// DefaultThreshold): the digits the page's sample files store
// (tools/mksample), so that the page, which reads them one bit per pixel,
// preprocesses them exactly as the grey originals.
func UprightDataset(d *Dataset) (*Dataset, error) {
	px := make([]byte, 0, d.Len()*d.Width()*d.Height())
	labels := make([]uint8, d.Len())
	for i := range d.Len() {
		img, err := Upright(d.Image(i), d.Width(), d.Height(), DefaultThreshold)
		if err != nil {
			return nil, fmt.Errorf("digit %d: %w", i, err)
		}
		px = append(px, img...)
		labels[i] = uint8(d.Label(i))
	}
	return NewDataset(d.Width(), d.Height(), px, labels)
}

// maxUprightRounds bounds step 0 (b); on MNIST one round is the most it
// takes (TestUprightFixedPoint).
const maxUprightRounds = 4

// Upright returns the w×h image's ink deskewed as Preprocess's step 0
// does, binarised (0 and 255) and moved by whole pixels back into a w×h
// image with its ink box centred; a digit stored this way (the page's
// sample files) is left as it is by step 0, so Preprocess of it equals
// Preprocess of the original. Without ink, or when nothing moves, it
// returns the image binarised. It returns ErrSize for a bad size, and
// ErrEmpty when the deskewed ink is wider than w.
func Upright(grey []byte, w, h int, t uint8) ([]byte, error) {
	if w <= 0 || h <= 0 || len(grey)%w != 0 || len(grey)/w != h {
		return nil, fmt.Errorf("%w: %d bytes for %d×%d", ErrSize, len(grey), w, h)
	}
	if t == 0 {
		t = DefaultThreshold
	}
	src, sw, ok := upright(grey, w, h, t)
	if !ok {
		src, sw = grey, w
	}
	x0, x1 := sw, -1
	for y := range h {
		for x, v := range src[y*sw : (y+1)*sw] {
			if v >= t {
				x0, x1 = min(x0, x), max(x1, x)
			}
		}
	}
	out := make([]byte, w*h)
	if x1 < 0 {
		return out, nil
	}
	if x1-x0+1 > w {
		return nil, fmt.Errorf("%w: the deskewed ink is %d pixels wide, the image %d", ErrEmpty, x1-x0+1, w)
	}
	off := (w-(x1-x0+1))/2 - x0
	for y := range h {
		for x, v := range src[y*sw : (y+1)*sw] {
			if v >= t {
				out[y*w+x+off] = 255
			}
		}
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
