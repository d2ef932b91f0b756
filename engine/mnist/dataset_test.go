package mnist_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
)

func TestLoadImagesLabels(t *testing.T) {
	images := idxFile([]uint32{3, 2, 2}, seq(12))
	tests := []struct {
		name           string
		images, labels []byte
		err            error
	}{
		{"ok", images, idxFile([]uint32{3}, []byte{0, 9, 4}), nil},
		{"ok gzip", gz(images), gz(idxFile([]uint32{3}, []byte{0, 9, 4})), nil},
		{"count mismatch", images, idxFile([]uint32{2}, []byte{0, 9}), mnist.ErrMismatch},
		{"label 10", images, idxFile([]uint32{3}, []byte{0, 10, 4}), mnist.ErrLabel},
		{"images 2d", idxFile([]uint32{3, 4}, seq(12)), idxFile([]uint32{3}, []byte{0, 1, 2}), mnist.ErrDims},
		{"labels 2d", images, idxFile([]uint32{3, 1}, []byte{0, 1, 2}), mnist.ErrDims},
		{"bad images", images[:10], idxFile([]uint32{3}, []byte{0, 9, 4}), mnist.ErrTruncated},
		{"bad labels", images, []byte{1, 2, 3, 4}, mnist.ErrMagic},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := mnist.LoadImagesLabels(bytes.NewReader(tc.images), bytes.NewReader(tc.labels))
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Len() != 3 || d.Width() != 2 || d.Height() != 2 {
				t.Fatalf("got %d images of %d×%d", d.Len(), d.Width(), d.Height())
			}
			if !slices.Equal(d.Image(1), []byte{4, 5, 6, 7}) || d.Label(1) != 9 {
				t.Errorf("image 1 = %v label %d", d.Image(1), d.Label(1))
			}
		})
	}
}

func TestNewDataset(t *testing.T) {
	tests := []struct {
		name   string
		w, h   int
		pix    []byte
		labels []uint8
		err    error
	}{
		{"ok", 2, 1, []byte{1, 2, 3, 4}, []uint8{1, 2}, nil},
		{"empty", 2, 1, nil, nil, nil},
		{"zero width", 0, 1, nil, nil, mnist.ErrDims},
		{"short pixels", 2, 1, []byte{1, 2, 3}, []uint8{1, 2}, mnist.ErrMismatch},
		{"label", 2, 1, []byte{1, 2, 3, 4}, []uint8{1, 12}, mnist.ErrLabel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mnist.NewDataset(tc.w, tc.h, tc.pix, tc.labels)
			if (tc.err == nil && err != nil) || !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
		})
	}
}

// labelsOf returns the labels of d.
func labelsOf(d *mnist.Dataset) []int {
	out := make([]int, d.Len())
	for i := range out {
		out[i] = d.Label(i)
	}
	return out
}

func TestSelections(t *testing.T) {
	// Ten 1×1 images whose pixel is their index.
	labels := []uint8{3, 1, 3, 0, 1, 3, 2, 1, 0, 3}
	d, err := mnist.NewDataset(1, 1, seq(10), labels)
	if err != nil {
		t.Fatal(err)
	}
	pixelsOf := func(d *mnist.Dataset) []byte {
		var out []byte
		for i := range d.Len() {
			out = append(out, d.Image(i)...)
		}
		return out
	}
	first, rest := d.Split(4)
	tests := []struct {
		name   string
		got    *mnist.Dataset
		pixels []byte
	}{
		{"Subset(3)", d.Subset(3), []byte{0, 1, 2}},
		{"Subset(0)", d.Subset(0), nil},
		{"Subset(-1)", d.Subset(-1), nil},
		{"Subset(99)", d.Subset(99), seq(10)},
		{"Split(4) first", first, []byte{0, 1, 2, 3}},
		{"Split(4) rest", rest, []byte{4, 5, 6, 7, 8, 9}},
		{"PerClass(1)", d.PerClass(1), []byte{0, 1, 3, 6}},
		{"PerClass(2)", d.PerClass(2), []byte{0, 1, 2, 3, 4, 6, 8}},
		{"PerClass(0)", d.PerClass(0), nil},
		{"PerClass(99)", d.PerClass(99), seq(10)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pixelsOf(tc.got); !bytes.Equal(got, tc.pixels) {
				t.Fatalf("images %v, want %v", got, tc.pixels)
			}
			for i, p := range tc.pixels {
				if tc.got.Label(i) != int(labels[p]) {
					t.Fatalf("labels %v do not follow the images", labelsOf(tc.got))
				}
			}
		})
	}
	if h := d.Histogram(); h != [10]int{2, 3, 1, 4} {
		t.Errorf("histogram %v", h)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := mnist.Open(dir, "test"); err == nil {
		t.Error("unknown set accepted")
	}
	if _, err := mnist.Open(dir, "train"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing files: %v", err)
	}
	// Plain (not gzipped) files are found too.
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("t10k-images-idx3-ubyte", idxFile([]uint32{1, 2, 2}, seq(4)))
	write("t10k-labels-idx1-ubyte", idxFile([]uint32{1}, []byte{7}))
	d, err := mnist.Open(dir, "t10k")
	if err != nil || d.Len() != 1 || d.Label(0) != 7 {
		t.Fatalf("plain files: %v", err)
	}
}

// TestRealMNIST checks the real data as shipped in the GoMNIST module.
func TestRealMNIST(t *testing.T) {
	train, test := realMNIST(t)
	tests := []struct {
		name       string
		d          *mnist.Dataset
		n          int
		firstLabel int
		hist       [10]int // the published class counts of MNIST
	}{
		{"train", train, 60000, 5, [10]int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}},
		{"t10k", test, 10000, 7, [10]int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.d
			if d.Len() != tc.n || d.Width() != 28 || d.Height() != 28 {
				t.Fatalf("%d images of %d×%d, want %d of 28×28", d.Len(), d.Width(), d.Height(), tc.n)
			}
			if d.Label(0) != tc.firstLabel {
				t.Errorf("first label %d, want %d", d.Label(0), tc.firstLabel)
			}
			h := d.Histogram()
			sum := 0
			for _, c := range h {
				sum += c
			}
			if h != tc.hist || sum != tc.n {
				t.Errorf("histogram %v (sum %d), want %v", h, sum, tc.hist)
			}
			// Pixels span 0..255, the border is mostly background, and
			// every digit has ink.
			var lo, hi byte = 255, 0
			for i := range d.Len() {
				img := d.Image(i)
				ink := 0
				for _, v := range img {
					lo, hi = min(lo, v), max(hi, v)
					if v >= 128 {
						ink++
					}
				}
				if ink == 0 {
					t.Fatalf("image %d has no ink", i)
				}
			}
			if lo != 0 || hi != 255 {
				t.Errorf("pixel range %d..%d, want 0..255", lo, hi)
			}
		})
	}
}

func BenchmarkOpenTrain(b *testing.B) {
	dir, err := gomnist.Dir()
	if err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		if _, err := mnist.Open(dir, "train"); err != nil {
			b.Fatal(err)
		}
	}
}
