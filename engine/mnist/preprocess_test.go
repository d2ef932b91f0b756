package mnist_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

type point struct{ x, y float64 }

// Digit shapes as strokes (polylines) in a unit box.
var (
	shape7   = [][]point{{{0.1, 0.1}, {0.9, 0.1}, {0.45, 1.0}}}
	shapeL   = [][]point{{{0.2, 0}, {0.2, 1}, {0.75, 1}}}
	shape1   = [][]point{{{0.5, 0}, {0.5, 1}}}
	shape4   = [][]point{{{0.6, 0}, {0.05, 0.65}, {0.9, 0.65}}, {{0.65, 0.3}, {0.65, 1}}}
	shapeO   = [][]point{circle(0.5, 0.5, 0.45, 0.5)}
	shape8   = [][]point{circle(0.5, 0.27, 0.22, 0.27), circle(0.5, 0.75, 0.25, 0.25)}
	shapeDot = [][]point{{{0.5, 0.5}, {0.5, 0.5}}}
)

// circle returns an ellipse with centre (cx, cy) and radii rx, ry.
func circle(cx, cy, rx, ry float64) []point {
	var p []point
	for i := 0; i <= 64; i++ {
		a := 2 * math.Pi * float64(i) / 64
		p = append(p, point{cx + rx*math.Cos(a), cy + ry*math.Sin(a)})
	}
	return p
}

// render draws strokes with a round pen of radius r (antialiased, ink
// 255) on a w×h canvas, mapping unit coordinates p to p*scale+(ox, oy).
func render(w, h int, strokes [][]point, scale, ox, oy, r float64) []byte {
	img := make([]byte, w*h)
	for y := range h {
		for x := range w {
			px, py := float64(x)+0.5, float64(y)+0.5
			d := math.Inf(1)
			for _, s := range strokes {
				for i := 0; i+1 < len(s); i++ {
					ax, ay := s[i].x*scale+ox, s[i].y*scale+oy
					bx, by := s[i+1].x*scale+ox, s[i+1].y*scale+oy
					d = min(d, segDist(px, py, ax, ay, bx, by))
				}
			}
			img[y*w+x] = byte(255 * max(0, min(1, r+0.5-d)))
		}
	}
	return img
}

func segDist(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = max(0, min(1, ((px-ax)*dx+(py-ay)*dy)/l))
	}
	return math.Hypot(px-ax-t*dx, py-ay-t*dy)
}

func TestPreprocessErrors(t *testing.T) {
	tests := []struct {
		name string
		img  []byte
		w, h int
		opt  mnist.Options
		err  error
	}{
		{"size mismatch", make([]byte, 10), 3, 3, mnist.Options{}, mnist.ErrSize},
		{"zero width", nil, 0, 5, mnist.Options{}, mnist.ErrSize},
		{"negative", make([]byte, 4), -2, -2, mnist.Options{}, mnist.ErrSize},
		{"dilate 2", []byte{255}, 1, 1, mnist.Options{Dilate: 2}, mnist.ErrOptions},
		{"blank", make([]byte, 100), 10, 10, mnist.Options{}, mnist.ErrEmpty},
		{"faint", []byte{0, 127, 100, 0}, 2, 2, mnist.Options{}, mnist.ErrEmpty},
		// Two single pixels far apart: shrinking 1000× loses both.
		{"sparse huge", sparseHuge(), 1000, 1000, mnist.Options{}, mnist.ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := mnist.Preprocess(tc.img, tc.w, tc.h, tc.opt); !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
		})
	}
}

func sparseHuge() []byte {
	img := make([]byte, 1000*1000)
	img[0], img[len(img)-1] = 255, 255
	return img
}

// bbox returns the bounding box of b's ink.
func bbox(b mnist.Bitmap) (x0, y0, x1, y1 int) {
	x0, y0, x1, y1 = mnist.Side, mnist.Side, -1, -1
	for _, i := range b.Indices() {
		x, y := i%mnist.Side, i/mnist.Side
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	return
}

// TestPreprocessGeometry checks the size and centring rules.
func TestPreprocessGeometry(t *testing.T) {
	tests := []struct {
		name         string
		img          []byte
		w, h         int
		maxW         int // largest allowed box width after normalisation
		threshold    uint8
		wantW, wantH int // exact box, if non-zero
	}{
		{"7 small", render(60, 60, shape7, 15, 30, 30, 1.2), 60, 60, 20, 0, 0, 20},
		{"7 large", render(60, 60, shape7, 50, 4, 4, 4), 60, 60, 20, 0, 0, 20},
		{"1 keeps narrow", render(60, 60, shape1, 40, 5, 10, 3), 60, 60, 4, 0, 0, 20},
		{"horizontal bar", bar(50, 20, 5, 8, 40, 3), 50, 20, 20, 0, 20, 2},
		{"4 two strokes", render(80, 60, shape4, 50, 12, 5, 4), 80, 60, 20, 0, 0, 20},
		{"whole canvas", full(7, 7, 255), 7, 7, 20, 0, 20, 20},
		{"1×1", []byte{200}, 1, 1, 20, 0, 20, 20},
		{"3×12 block", full(3, 12, 255), 3, 12, 5, 0, 5, 20},
		{"threshold 1", full(5, 2, 1), 5, 2, 20, 1, 20, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := mnist.Preprocess(tc.img, tc.w, tc.h, mnist.Options{Threshold: tc.threshold})
			if err != nil {
				t.Fatal(err)
			}
			x0, y0, x1, y1 := bbox(b)
			bw, bh := x1-x0+1, y1-y0+1
			if max(bw, bh) != mnist.Box || bw > tc.maxW {
				t.Errorf("box %d×%d, want larger side %d and width ≤ %d\n%v", bw, bh, mnist.Box, tc.maxW, b)
			}
			if tc.wantW != 0 && (bw != tc.wantW || bh != tc.wantH) {
				t.Errorf("box %d×%d, want %d×%d", bw, bh, tc.wantW, tc.wantH)
			}
			var sx, sy float64
			for _, i := range b.Indices() {
				sx += float64(i % mnist.Side)
				sy += float64(i / mnist.Side)
			}
			// The centre of mass is within half a pixel of (14, 14), unless
			// the shift was clamped to keep the ink inside.
			n := float64(b.Count())
			clampedX := x0 == 0 || x1 == mnist.Side-1
			clampedY := y0 == 0 || y1 == mnist.Side-1
			if !clampedX && math.Abs(sx/n-mnist.Centre) > 0.5 || !clampedY && math.Abs(sy/n-mnist.Centre) > 0.5 {
				t.Errorf("centre of mass (%.2f, %.2f), want (14, 14) ± 0.5\n%v", sx/n, sy/n, b)
			}
		})
	}
}

// bar returns a w×h image with an ink rectangle of bw×bh at (x, y).
func bar(w, h, x, y, bw, bh int) []byte {
	img := make([]byte, w*h)
	for yy := y; yy < y+bh; yy++ {
		for xx := x; xx < x+bw; xx++ {
			img[yy*w+xx] = 255
		}
	}
	return img
}

func full(w, h int, v byte) []byte {
	b := make([]byte, w*h)
	for i := range b {
		b[i] = v
	}
	return b
}

// TestPreprocessInvariance: the same drawing moved, scaled (pen width
// scaled with it) or drawn on another canvas preprocesses to the same
// bitmap, within a tolerance:
//
//   - moved by whole pixels: identical;
//   - otherwise stroke edges may move by a pixel, because the box and the
//     centre of mass are rounded to whole pixels (as in MNIST) and a stroke
//     2.5 pixels wide comes out 2 or 3 wide depending on its phase. A plain
//     Hamming distance therefore says little (one row of shift alone
//     changes up to 57% of the ink here). The tolerance: per case, at most
//     15% of the ink pixels of either bitmap lie farther than one pixel
//     (8-neighbourhood) from the other's ink, and after the best alignment
//     by at most one pixel the Hamming distance is at most 40% of the
//     reference's ink; averaged over all cases, at most 2% far pixels and
//     an aligned Hamming distance of at most 12%.
//
// Measured: worst case 10.3% far (the "7" shrunk: its bar comes out 2 rows
// thick instead of 3, and one row higher), worst aligned Hamming 33% (a
// "1" 2 instead of 3 pixels wide); means 0.2% and 6.9%.
func TestPreprocessInvariance(t *testing.T) {
	const pen = 0.08 // pen radius as a fraction of the drawing's size
	type view struct {
		w, h          int
		scale, ox, oy float64
	}
	ref := view{w: 60, h: 60, scale: 40, ox: 10, oy: 10}
	views := []struct {
		name  string
		exact bool
		view
	}{
		{"shift to corner", true, view{w: 60, h: 60, scale: 40, ox: 4, oy: 4}},
		{"shift far", true, view{w: 60, h: 60, scale: 40, ox: 16, oy: 15}},
		{"other canvas shifted", true, view{w: 100, h: 50, scale: 40, ox: 50, oy: 5}},
		{"shift subpixel", false, view{w: 60, h: 60, scale: 40, ox: 5.3, oy: 12.7}},
		{"shift half", false, view{w: 60, h: 60, scale: 40, ox: 10.5, oy: 10.5}},
		{"shrink", false, view{w: 60, h: 60, scale: 25, ox: 5, oy: 30}},
		{"shrink more", false, view{w: 60, h: 60, scale: 16, ox: 30, oy: 8}},
		{"grow", false, view{w: 60, h: 60, scale: 50, ox: 5, oy: 5}},
		{"other canvas scaled", false, view{w: 100, h: 80, scale: 60, ox: 21, oy: 8}},
		{"28×28 canvas", false, view{w: 28, h: 28, scale: 19, ox: 4.5, oy: 4}},
	}
	shapes := []struct {
		name   string
		stroke [][]point
	}{{"7", shape7}, {"L", shapeL}, {"4", shape4}, {"8", shape8}, {"1", shape1}}
	draw := func(v view, s [][]point) mnist.Bitmap {
		t.Helper()
		b, err := mnist.Preprocess(render(v.w, v.h, s, v.scale, v.ox, v.oy, pen*v.scale), v.w, v.h, mnist.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var worstFar, worstAligned, worstPlain, sumFar, sumAligned, cases float64
	for _, s := range shapes {
		want := draw(ref, s.stroke)
		for _, v := range views {
			t.Run(s.name+"/"+v.name, func(t *testing.T) {
				got := draw(v.view, s.stroke)
				ink := float64(want.Count())
				plain := float64(got.Hamming(want)) / ink
				aligned := float64(alignedHamming(got, want)) / ink
				far := max(farFraction(got, want), farFraction(want, got))
				worstPlain = max(worstPlain, plain)
				worstFar, worstAligned = max(worstFar, far), max(worstAligned, aligned)
				sumFar, sumAligned, cases = sumFar+far, sumAligned+aligned, cases+1
				if v.exact && got != want || far > 0.15 || aligned > 0.40 {
					t.Errorf("Hamming %.0f%%, aligned %.0f%%, far %.0f%% of %v ink pixels\ngot\n%vwant\n%v",
						100*plain, 100*aligned, 100*far, ink, got, want)
				}
			})
		}
	}
	meanFar, meanAligned := sumFar/cases, sumAligned/cases
	t.Logf("over %v cases: far pixels worst %.1f%% mean %.1f%%; aligned Hamming worst %.1f%% mean %.1f%%; plain Hamming worst %.1f%%",
		cases, 100*worstFar, 100*meanFar, 100*worstAligned, 100*meanAligned, 100*worstPlain)
	if meanFar > 0.02 || meanAligned > 0.12 {
		t.Errorf("mean far pixels %.1f%% (want ≤ 2%%), mean aligned Hamming %.1f%% (want ≤ 12%%)", 100*meanFar, 100*meanAligned)
	}
}

// shifted returns b moved by (dx, dy), dropping what leaves the image.
func shifted(b mnist.Bitmap, dx, dy int) mnist.Bitmap {
	var out mnist.Bitmap
	for _, i := range b.Indices() {
		x, y := i%mnist.Side+dx, i/mnist.Side+dy
		if x >= 0 && y >= 0 && x < mnist.Side && y < mnist.Side {
			out.Set(x, y, true)
		}
	}
	return out
}

// alignedHamming is the least Hamming distance between a moved by at most
// one pixel in x and y, and b.
func alignedHamming(a, b mnist.Bitmap) int {
	best := a.Hamming(b)
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			best = min(best, shifted(a, dx, dy).Hamming(b))
		}
	}
	return best
}

// farFraction is the fraction of a's ink pixels with no ink of b in their
// 3×3 neighbourhood.
func farFraction(a, b mnist.Bitmap) float64 {
	far := 0
	for _, i := range a.Indices() {
		x, y := i%mnist.Side, i/mnist.Side
		near := false
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				near = near || b.At(x+dx, y+dy)
			}
		}
		if !near {
			far++
		}
	}
	return float64(far) / float64(a.Count())
}

// TestPreprocessThinStrokes: a one-pixel line survives any shrink unbroken.
func TestPreprocessThinStrokes(t *testing.T) {
	line := func(w, h int, x0, y0, x1, y1 int) []byte {
		img := make([]byte, w*h)
		n := max(abs(x1-x0), abs(y1-y0))
		for i := 0; i <= n; i++ {
			x := x0 + (x1-x0)*i/n
			y := y0 + (y1-y0)*i/n
			img[y*w+x] = 255
		}
		return img
	}
	ring := func(w, h int) []byte {
		img := make([]byte, w*h)
		for a := 0; a < 4000; a++ {
			x := float64(w)/2 + 0.45*float64(w)*math.Cos(float64(a)*2*math.Pi/4000)
			y := float64(h)/2 + 0.45*float64(h)*math.Sin(float64(a)*2*math.Pi/4000)
			img[int(y)*w+int(x)] = 255
		}
		return img
	}
	tests := []struct {
		name    string
		img     []byte
		w, h    int
		minInk  int
		maxWide int // widest the stroke may become: no full square of maxWide+1
	}{
		{"horizontal 200", line(200, 200, 10, 100, 190, 100), 200, 200, 20, 1},
		{"diagonal 200", line(200, 200, 10, 10, 190, 190), 200, 200, 20, 2},
		{"steep 300", line(300, 300, 100, 5, 140, 290), 300, 300, 20, 2},
		{"ring 400", ring(400, 400), 400, 400, 40, 3},
		{"horizontal 28", line(28, 28, 4, 14, 23, 14), 28, 28, 20, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := mnist.Preprocess(tc.img, tc.w, tc.h, mnist.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if n := components(b); n != 1 || b.Count() < tc.minInk {
				t.Fatalf("%d components, %d ink pixels; want 1 and ≥ %d\n%v", n, b.Count(), tc.minInk, b)
			}
			if hasFullSquare(b, tc.maxWide+1) {
				t.Fatalf("stroke wider than %d pixels\n%v", tc.maxWide, b)
			}
			if tc.name == "horizontal 200" || tc.name == "horizontal 28" {
				if x0, y0, x1, y1 := bbox(b); x1-x0+1 != 20 || y0 != y1 {
					t.Fatalf("line became %d×%d\n%v", x1-x0+1, y1-y0+1, b)
				}
			}
		})
	}
}

func abs(x int) int { return max(x, -x) }

// components counts the 8-connected components of b's ink.
func components(b mnist.Bitmap) int { return flood(b, true, 8) }

// holes counts the 4-connected components of background that do not touch
// the border.
func holes(b mnist.Bitmap) int { return flood(b, false, 4) - 1 }

// flood counts the conn-connected components of the pixels equal to ink in
// b padded with a border of background (which joins all background
// touching the border into one component).
func flood(b mnist.Bitmap, ink bool, conn int) int {
	const n = mnist.Side + 2
	var in [n * n]bool
	if !ink {
		for i := range in {
			in[i] = true
		}
	}
	for _, i := range b.Indices() {
		in[(i/mnist.Side+1)*n+i%mnist.Side+1] = ink
	}
	offsets := []int{-n, 1, n, -1, -n - 1, -n + 1, n - 1, n + 1}[:conn]
	var stack [n * n]int
	count := 0
	for start := range n * n {
		if !in[start] {
			continue
		}
		count++
		in[start] = false
		stack[0] = start
		for top := 1; top > 0; {
			top--
			p := stack[top]
			for _, d := range offsets {
				// Padding keeps ink off the border, so only background
				// floods can step outside; x wrap-around stays on the
				// padded border, which is background too.
				if q := p + d; q >= 0 && q < n*n && in[q] && (ink || adjacent(p, q, n)) {
					in[q] = false
					stack[top] = q
					top++
				}
			}
		}
	}
	return count
}

// adjacent reports whether padded pixels p and q (a neighbour offset
// apart) are neighbours in the grid rather than across a row wrap.
func adjacent(p, q, n int) bool { return abs(p%n-q%n) <= 1 }

// hasFullBlock reports whether b has a 2×2 block of ink.
func hasFullBlock(b mnist.Bitmap) bool { return hasFullSquare(b, 2) }

// hasFullSquare reports whether b has an n×n square of ink.
func hasFullSquare(b mnist.Bitmap, n int) bool {
	for y := range mnist.Side - n + 1 {
	next:
		for x := range mnist.Side - n + 1 {
			for dy := range n {
				for dx := range n {
					if !b.At(x+dx, y+dy) {
						continue next
					}
				}
			}
			return true
		}
	}
	return false
}

// TestThinShapes: thinning gives a skeleton without 2×2 blocks that keeps
// the components and holes of the input, for synthetic strokes.
func TestThinShapes(t *testing.T) {
	tests := []struct {
		name   string
		img    []byte
		w, h   int
		maxInk int
	}{
		{"7", render(60, 60, shape7, 40, 10, 10, 4), 60, 60, 45},
		{"L", render(60, 60, shapeL, 40, 10, 10, 4), 60, 60, 45},
		{"4", render(60, 60, shape4, 40, 10, 10, 4), 60, 60, 50},
		{"O", render(60, 60, shapeO, 40, 10, 10, 4), 60, 60, 60},
		{"8", render(60, 60, shape8, 40, 10, 10, 4), 60, 60, 70},
		{"thick 1", render(60, 60, shape1, 40, 10, 10, 8), 60, 60, 22},
		{"disc", render(60, 60, shapeDot, 40, 10, 10, 15), 60, 60, 5},
		{"square", full(4, 4, 255), 4, 4, 5},
		{"two blobs", []byte{255, 0, 0, 0, 255}, 5, 1, 4},
	}
	for _, tc := range tests {
		for _, dilate := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s/dilate=%d", tc.name, dilate), func(t *testing.T) {
				plain, err := mnist.Preprocess(tc.img, tc.w, tc.h, mnist.Options{})
				if err != nil {
					t.Fatal(err)
				}
				thin, err := mnist.Preprocess(tc.img, tc.w, tc.h, mnist.Options{Thin: true, Dilate: dilate})
				if err != nil {
					t.Fatal(err)
				}
				if dilate == 0 && (hasFullBlock(thin) || thin.Count() > tc.maxInk) {
					t.Errorf("skeleton has a 2×2 block or more than %d pixels\n%v", tc.maxInk, thin)
				}
				if components(thin) != components(plain) || holes(thin) != holes(plain) {
					t.Errorf("components %d → %d, holes %d → %d\n%v\n%v",
						components(plain), components(thin), holes(plain), holes(thin), plain, thin)
				}
				for _, i := range thin.Indices() {
					if dilate == 0 && !plain.At(i%mnist.Side, i/mnist.Side) {
						t.Fatalf("skeleton pixel %d outside the input", i)
					}
				}
			})
		}
	}
}

// TestPreprocessMNIST: real MNIST digits are already normalised, so
// Preprocess changes them little. Measured on the first 1,000 training
// digits: mean Hamming distance 10.4 to the plain binarised digit (about
// 104 ink pixels each); the bound leaves a margin.
func TestPreprocessMNIST(t *testing.T) {
	train, _ := realMNIST(t)
	const n = 1000
	total := 0
	for i := range n {
		img := train.Image(i)
		var raw mnist.Bitmap
		for j, v := range img {
			raw.Set(j%28, j/28, v >= 128)
		}
		b, err := mnist.Preprocess(img, 28, 28, mnist.Options{})
		if err != nil {
			t.Fatal(err)
		}
		total += raw.Hamming(b)
	}
	mean := float64(total) / n
	t.Logf("mean Hamming distance raw vs preprocessed: %.2f", mean)
	if mean > 12.5 {
		t.Errorf("mean Hamming distance %.2f, want ≤ 12.5", mean)
	}
}

// TestThinMNIST thins every training digit: components and holes are
// kept, and a full 2×2 block remains only where removing any of its pixels
// would change the components or holes (four strokes meeting around tiny
// holes; measured: 3 digits of 60,000).
func TestThinMNIST(t *testing.T) {
	train, _ := realMNIST(t)
	if testing.Short() {
		train = train.Subset(5000)
	}
	blocks, ink := 0, 0
	for i := range train.Len() {
		img := train.Image(i)
		plain, err := mnist.Preprocess(img, 28, 28, mnist.Options{})
		if err != nil {
			t.Fatal(err)
		}
		thin, err := mnist.Preprocess(img, 28, 28, mnist.Options{Thin: true})
		if err != nil {
			t.Fatal(err)
		}
		ink += thin.Count()
		comp, hol := components(thin), holes(thin)
		if comp != components(plain) || hol != holes(plain) {
			t.Fatalf("digit %d: components %d → %d, holes %d → %d\n%v\n%v",
				i, components(plain), comp, holes(plain), hol, plain, thin)
		}
		if !hasFullBlock(thin) {
			continue
		}
		blocks++
		for y := range mnist.Side - 1 {
			for x := range mnist.Side - 1 {
				if !thin.At(x, y) || !thin.At(x+1, y) || !thin.At(x, y+1) || !thin.At(x+1, y+1) {
					continue
				}
				for _, q := range [4][2]int{{x, y}, {x + 1, y}, {x, y + 1}, {x + 1, y + 1}} {
					less := thin
					less.Set(q[0], q[1], false)
					if components(less) == comp && holes(less) == hol {
						t.Errorf("digit %d: pixel %v of a 2×2 block could go\n%v", i, q, thin)
					}
				}
			}
		}
	}
	mean := float64(ink) / float64(train.Len())
	t.Logf("mean ink after thinning: %.2f pixels over %d digits; %d keep a 2×2 block", mean, train.Len(), blocks)
	if blocks > 5 || mean < 25 || mean > 40 {
		t.Errorf("%d skeletons with 2×2 blocks (want ≤ 5), mean ink %.2f (want 25..40)", blocks, mean)
	}
}

func BenchmarkPreprocess(b *testing.B) {
	train, _ := realMNIST(b)
	for _, bc := range []struct {
		name string
		opt  mnist.Options
	}{
		{"plain", mnist.Options{}},
		{"thin", mnist.Options{Thin: true}},
		{"thin+dilate", mnist.Options{Thin: true, Dilate: 1}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := mnist.Preprocess(train.Image(i%1000), 28, 28, bc.opt); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
	b.Run("drawn 60x60", func(b *testing.B) {
		img := render(60, 60, shape7, 40, 10, 10, 3.2)
		for b.Loop() {
			if _, err := mnist.Preprocess(img, 60, 60, mnist.Options{Thin: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzPreprocess: any image and options give a bitmap or an error, never a
// panic; a bitmap has ink whose box fits 20×20 (before dilation).
func FuzzPreprocess(f *testing.F) {
	f.Add([]byte{255}, uint8(1), uint8(0), uint8(0))
	f.Add(render(60, 60, shape7, 40, 10, 10, 3), uint8(60), uint8(0), uint8(1))
	f.Add(full(7, 3, 200), uint8(7), uint8(128), uint8(3))
	f.Add(make([]byte, 12), uint8(5), uint8(1), uint8(2))
	f.Fuzz(func(t *testing.T, img []byte, w, threshold, flags uint8) {
		if w == 0 {
			w = 1
		}
		h := len(img) / int(w)
		opt := mnist.Options{Threshold: threshold, Thin: flags&1 != 0, Dilate: int(flags>>1) & 1}
		b, err := mnist.Preprocess(img, int(w), h, opt)
		if err != nil {
			return
		}
		if b.Count() == 0 {
			t.Fatal("no error and no ink")
		}
		if opt.Dilate == 0 {
			x0, y0, x1, y1 := bbox(b)
			if x1-x0 >= mnist.Box || y1-y0 >= mnist.Box {
				t.Fatalf("box %d×%d\n%v", x1-x0+1, y1-y0+1, b)
			}
		}
	})
}
