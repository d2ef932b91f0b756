package main

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist/gomnisttest"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/pad/pen"
)

// TestPreprocessAbsorbsHands: drawn through the page's path (pointer →
// pad → pad.InputImage → mnist.Preprocess with Deskew), each perturbation
// of real hands that changes how a digit is drawn but not its shape
// (slant, size and place, pointer timing, stroke order and direction, pen
// lifts) gives nearly the bitmap of the digit drawn as traced. The
// tolerance is the page's own noise: the mean number of pixels in which
// the bitmaps differ (before thinning, over the first 200 test digits) is
// at most twice what drawing the very same strokes on a pad one CSS pixel
// smaller changes (the pointer's rounding to whole pixels). The styles
// and stroke widths change the drawing itself and are measured by the
// benchmark instead; without deskewing, a slant of 20° is far outside the
// tolerance (checked, so the test can fail).
func TestPreprocessAbsorbsHands(t *testing.T) {
	if testing.Short() {
		t.Skip("200 digits drawn 20 ways")
	}
	_, test := gomnisttest.Load(t)
	draw := func(side float64, s []pad.Stroke, v pen.Variant, seed uint64, opt mnist.Options) mnist.Bitmap {
		r := pad.Rect{X: 8, Y: 8, W: side, H: side}
		ptr, err := v.Pointer(r, s, pen.Writer{}, rand.New(rand.NewPCG(1, seed)))
		if err != nil {
			t.Fatal(err)
		}
		var p pad.Pad
		if err := pen.Play(&p, r, ptr); err != nil {
			t.Fatal(err)
		}
		b, err := mnist.Preprocess(p.InputImage(nil), pad.InputSide, pad.InputSide, opt)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	hands := pen.Hands()
	deskew := mnist.Options{Deskew: true}
	diff := make([]float64, len(hands))
	var noise, slantPlain float64
	const n = 200
	for i := range n {
		s, err := pen.Digit(test.Image(i), test.Width(), test.Height())
		if err != nil {
			t.Fatal(err)
		}
		ref := draw(251, s, hands[0], uint64(i), deskew)
		noise += float64(ref.Hamming(draw(250, s, hands[0], uint64(i), deskew))) / n
		for k, v := range hands {
			if v.Pen > 0 || len(v.Classes) > 0 {
				continue
			}
			diff[k] += float64(ref.Hamming(draw(251, s, v, uint64(i), deskew))) / n
		}
		// Not deskewed, neither on the pad nor in Preprocess.
		plainRef, err1 := mnist.Preprocess(unsheared(t, 251, s, uint64(i)), 112, 112, mnist.Options{})
		slanted, err2 := mnist.Preprocess(unsheared(t, 251, pen.Slant(s, 20), uint64(i)), 112, 112, mnist.Options{})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		slantPlain += float64(plainRef.Hamming(slanted)) / n
	}
	t.Logf("pixels changed, mean of %d digits: pad one pixel smaller %.1f (tolerance %.1f); slant 20° without deskewing %.1f", n, noise, 2*noise, slantPlain)
	for k, v := range hands {
		if v.Pen > 0 || len(v.Classes) > 0 || k == 0 {
			continue
		}
		t.Logf("%-50s %.1f", v.Name, diff[k])
		if diff[k] > 2*noise {
			t.Errorf("%s: %.1f pixels changed, more than twice the pad's own noise (%.1f)", v.Name, diff[k], noise)
		}
	}
	if slantPlain <= 2*noise {
		t.Errorf("a 20° slant without deskewing changes only %.1f pixels: the test cannot tell", slantPlain)
	}
	if !strings.HasPrefix(hands[0].Name, "as traced") {
		t.Fatal(hands[0].Name)
	}
}

// unsheared draws strokes through the page's pointer path and renders
// the pad as the visitor sees it, 112×112: an image without any shear.
func unsheared(t *testing.T, side float64, s []pad.Stroke, seed uint64) []byte {
	t.Helper()
	r := pad.Rect{X: 8, Y: 8, W: side, H: side}
	ptr, err := pen.Variant{}.Pointer(r, s, pen.Writer{}, rand.New(rand.NewPCG(1, seed)))
	if err != nil {
		t.Fatal(err)
	}
	var p pad.Pad
	if err := pen.Play(&p, r, ptr); err != nil {
		t.Fatal(err)
	}
	return p.Render(112, 112)
}
