package mnist_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// shear returns the w×h grey image sheared so that vertical lines lean by
// k = dx/dy (k < 0 leans right, y down), about row h/2, with linear
// interpolation, on a canvas wide enough to keep all the ink.
func shear(img []byte, w, h int, k float64) ([]byte, int) {
	pad := int(math.Ceil(math.Abs(k)*float64(h)/2)) + 1
	ow := w + 2*pad
	out := make([]byte, ow*h)
	for y := range h {
		s := k*(float64(y)-float64(h)/2) + float64(pad)
		for ox := range ow {
			sx := float64(ox) - s
			x0 := int(math.Floor(sx))
			f := sx - float64(x0)
			var a, b float64
			if x0 >= 0 && x0 < w {
				a = float64(img[y*w+x0])
			}
			if x0+1 >= 0 && x0+1 < w {
				b = float64(img[y*w+x0+1])
			}
			out[y*ow+ox] = byte(math.Round(a*(1-f) + b*f))
		}
	}
	return out, ow
}

// bitmapSlant is the slant of a bitmap's ink (each pixel weighs 1).
func bitmapSlant(b mnist.Bitmap) float64 {
	img := make([]byte, mnist.Pixels)
	for _, i := range b.Indices() {
		img[i] = 255
	}
	k, _, _ := mnist.Slant(img, mnist.Side, mnist.Side, 0)
	return k
}

// TestDeskewUpright: a slanted bar comes out upright. The limit is the
// principle of step 0: no row of ink would move by half a pixel, so the
// slant left over is under 0.5 / 10 (rows lie within 10 of the mean on a
// 20-pixel box), plus the box resampling's rounding (one pixel over the
// height: 1/20).
func TestDeskewUpright(t *testing.T) {
	for _, k := range []float64{-0.8, -0.36, -0.1, 0.2, 0.36, 0.6} {
		const w, h = 60, 40
		img := make([]byte, w*h)
		for y := 5; y < 35; y++ {
			x := 30 + k*(float64(y)-20)
			for xx := int(math.Floor(x - 1.5)); xx <= int(math.Ceil(x+1.5)); xx++ {
				if d := math.Abs(float64(xx) - x); d <= 1.5 {
					img[y*w+xx] = 255
				}
			}
		}
		in, _, ok := mnist.Slant(img, w, h, 0)
		if !ok || math.Abs(in-k) > 0.02 {
			t.Fatalf("bar of slant %v measures %v", k, in)
		}
		b, err := mnist.Preprocess(img, w, h, mnist.Options{Deskew: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := bitmapSlant(b); math.Abs(got) > 0.05+0.05 {
			t.Errorf("slant %v: %v left after Deskew", k, got)
		}
		plain, _ := mnist.Preprocess(img, w, h, mnist.Options{})
		if got := bitmapSlant(plain); math.Abs(got-k) > 0.1 {
			t.Errorf("slant %v: %v without Deskew", k, got)
		}
	}
}

// TestDeskewUndoesSlant: an MNIST digit slanted by ±20° (the drawn
// benchmark's largest slant) is preprocessed nearly as the digit itself.
// The tolerance: the mean number of pixels in which the deskewed bitmaps
// (before thinning) differ is no more than the mean difference between
// the digit and the same digit moved by half a pixel (a change smaller
// than any writer can control), over the first 300 test digits; without
// Deskew the slanted digits differ far more (checked, so the test can
// fail).
func TestDeskewUndoesSlant(t *testing.T) {
	_, test := realMNIST(t)
	const n = 300
	opt := mnist.Options{Deskew: true}
	var halfPixel, deskewed, plain float64
	for i := range n {
		img := test.Image(i)
		ref, err := mnist.Preprocess(img, 28, 28, opt)
		if err != nil {
			continue
		}
		moved, mw := shear(img, 28, 28, 0) // the canvas pads by a pixel
		half := make([]byte, len(moved))
		for y := range 28 {
			for x := 1; x < mw; x++ {
				half[y*mw+x] = byte((int(moved[y*mw+x]) + int(moved[y*mw+x-1]) + 1) / 2)
			}
		}
		h, _ := mnist.Preprocess(half, mw, 28, opt)
		halfPixel += float64(h.Hamming(ref))
		refPlain, _ := mnist.Preprocess(img, 28, 28, mnist.Options{})
		for _, deg := range []float64{20, -20} {
			s, sw := shear(img, 28, 28, -math.Tan(deg*math.Pi/180))
			d, _ := mnist.Preprocess(s, sw, 28, opt)
			deskewed += float64(d.Hamming(ref)) / 2
			p, _ := mnist.Preprocess(s, sw, 28, mnist.Options{})
			plain += float64(p.Hamming(refPlain)) / 2
		}
	}
	halfPixel, deskewed, plain = halfPixel/n, deskewed/n, plain/n
	t.Logf("pixels changed, mean of %d digits: half a pixel's move %.1f; slanted ±20° and deskewed %.1f; slanted, not deskewed %.1f",
		n, halfPixel, deskewed, plain)
	if deskewed > halfPixel {
		t.Errorf("deskewed slanted digits differ by %.1f pixels, more than half a pixel's move (%.1f)", deskewed, halfPixel)
	}
	if plain < 2*halfPixel {
		t.Errorf("without Deskew the slanted digits differ by only %.1f pixels: the test cannot tell", plain)
	}
}

// TestUprightFixedPoint: a digit stored Upright (as the page's sample
// files store it, one bit per pixel) is preprocessed exactly as its grey
// original with DefaultOptions: every one of MNIST's 70,000 digits.
func TestUprightFixedPoint(t *testing.T) {
	train, test := realMNIST(t)
	for _, d := range []*mnist.Dataset{test, train} {
		if testing.Short() && d == train {
			break
		}
		up, err := mnist.UprightDataset(d)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := mnist.EncodeSample(&buf, up); err != nil {
			t.Fatal(err)
		}
		dec, err := mnist.DecodeSample(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for i := range d.Len() {
			a, err1 := mnist.Preprocess(d.Image(i), 28, 28, mnist.DefaultOptions)
			b, err2 := mnist.Preprocess(dec.Image(i), 28, 28, mnist.DefaultOptions)
			if err1 != nil || err2 != nil || a != b || dec.Label(i) != d.Label(i) {
				t.Fatalf("digit %d: Preprocess of the stored digit differs (%v, %v)\n%v\n%v", i, err1, err2, a, b)
			}
		}
	}
}

func TestUprightErrors(t *testing.T) {
	if _, err := mnist.Upright(make([]byte, 10), 3, 3, 0); err == nil {
		t.Error("bad size accepted")
	}
	blank, err := mnist.Upright(make([]byte, 9), 3, 3, 0)
	if err != nil || !bytes.Equal(blank, make([]byte, 9)) {
		t.Errorf("blank image: %v, %v", blank, err)
	}
	// A wide slanted band does not fit its image once upright... it does;
	// a full-width horizontal line is already upright and fits.
	line := make([]byte, 5*3)
	for x := range 5 {
		line[5+x] = 255
	}
	if got, err := mnist.Upright(line, 5, 3, 0); err != nil || !bytes.Equal(got, line) {
		t.Errorf("horizontal line: %v, %v", got, err)
	}
}
