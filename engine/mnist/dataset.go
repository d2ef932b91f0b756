package mnist

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Classes is the number of digit classes; labels are 0 to Classes-1.
const Classes = 10

// ErrLabel reports a label outside 0..9; ErrMismatch a dataset whose parts
// do not fit together (counts or sizes).
var (
	ErrLabel    = errors.New("mnist: label out of range 0..9")
	ErrMismatch = errors.New("mnist: images and labels do not match")
)

// Dataset is a sequence of labelled grey images of Width×Height bytes,
// row-major, 0 = background and 255 = ink (as in the MNIST files).
//
// A Dataset is immutable by convention: Image returns a view into shared
// storage, and Subset and Split share storage with the original.
type Dataset struct {
	w, h   int
	pix    []byte  // Len()*w*h bytes
	labels []uint8 // each < Classes
}

// NewDataset wraps pixels (len(labels)*w*h bytes, image after image) and
// labels (each 0..9) without copying them.
func NewDataset(w, h int, pixels []byte, labels []uint8) (*Dataset, error) {
	if w <= 0 || h <= 0 || w > MaxIDXDim || h > MaxIDXDim {
		return nil, fmt.Errorf("%w: image size %d×%d", ErrDims, w, h)
	}
	if len(pixels) != len(labels)*w*h {
		return nil, fmt.Errorf("%w: %d pixel bytes for %d images of %d×%d", ErrMismatch, len(pixels), len(labels), w, h)
	}
	for i, l := range labels {
		if l >= Classes {
			return nil, fmt.Errorf("%w: label %d of item %d", ErrLabel, l, i)
		}
	}
	return &Dataset{w: w, h: h, pix: pixels, labels: labels}, nil
}

// LoadImagesLabels decodes an MNIST-style pair of IDX files (gzip or
// plain): images with three dimensions (count, rows, columns) and labels
// with one (count). The counts must agree and every label must be 0..9.
func LoadImagesLabels(images, labels io.Reader) (*Dataset, error) {
	img, err := DecodeIDX(images)
	if err != nil {
		return nil, fmt.Errorf("images: %w", err)
	}
	if len(img.Dims) != 3 {
		return nil, fmt.Errorf("images: %w: %d dimensions, want 3", ErrDims, len(img.Dims))
	}
	lab, err := DecodeIDX(labels)
	if err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	if len(lab.Dims) != 1 {
		return nil, fmt.Errorf("labels: %w: %d dimensions, want 1", ErrDims, len(lab.Dims))
	}
	if img.Dims[0] != lab.Dims[0] {
		return nil, fmt.Errorf("%w: %d images, %d labels", ErrMismatch, img.Dims[0], lab.Dims[0])
	}
	return NewDataset(img.Dims[2], img.Dims[1], img.Data, lab.Data)
}

// Open loads one MNIST set from dir: set "train" reads
// train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz), set
// "t10k" the test files. The .gz name is tried first. Open is the only
// function of this package that touches the file system.
func Open(dir, set string) (*Dataset, error) {
	if set != "train" && set != "t10k" {
		return nil, fmt.Errorf("mnist: unknown set %q, want \"train\" or \"t10k\"", set)
	}
	open := func(kind string) (*os.File, error) {
		name := filepath.Join(dir, set+"-"+kind+"-ubyte")
		f, err := os.Open(name + ".gz")
		if errors.Is(err, os.ErrNotExist) {
			f, err = os.Open(name)
		}
		if err != nil {
			return nil, fmt.Errorf("mnist: %w", err)
		}
		return f, nil
	}
	fi, err := open("images-idx3")
	if err != nil {
		return nil, err
	}
	defer fi.Close()
	fl, err := open("labels-idx1")
	if err != nil {
		return nil, err
	}
	defer fl.Close()
	d, err := LoadImagesLabels(fi, fl)
	if err != nil {
		return nil, fmt.Errorf("%s set in %s: %w", set, dir, err)
	}
	return d, nil
}

// Len returns the number of images.
func (d *Dataset) Len() int { return len(d.labels) }

// Width returns the width of every image in pixels.
func (d *Dataset) Width() int { return d.w }

// Height returns the height of every image in pixels.
func (d *Dataset) Height() int { return d.h }

// Image returns image i (Width*Height bytes, row-major). The slice shares
// the dataset's storage and must not be modified. It panics if i is out of
// range.
func (d *Dataset) Image(i int) []byte {
	n := d.w * d.h
	_ = d.labels[i] // bounds check with the clearer index
	return d.pix[i*n : (i+1)*n : (i+1)*n]
}

// Label returns the class (0..9) of image i.
func (d *Dataset) Label(i int) int { return int(d.labels[i]) }

// Histogram returns the number of images of each class.
func (d *Dataset) Histogram() [Classes]int {
	var h [Classes]int
	for _, l := range d.labels {
		h[l]++
	}
	return h
}

// Subset returns the first n images (all of them if n ≥ Len, none if
// n ≤ 0), sharing storage with d.
func (d *Dataset) Subset(n int) *Dataset {
	n = max(0, min(n, d.Len()))
	return &Dataset{w: d.w, h: d.h, pix: d.pix[:n*d.w*d.h], labels: d.labels[:n]}
}

// Split returns the first n images and the rest, both sharing storage with
// d; n is clamped to 0..Len. Use it to carve a validation set out of the
// training set, e.g. Split(58000).
func (d *Dataset) Split(n int) (first, rest *Dataset) {
	n = max(0, min(n, d.Len()))
	sz := d.w * d.h
	first = d.Subset(n)
	rest = &Dataset{w: d.w, h: d.h, pix: d.pix[n*sz:], labels: d.labels[n:]}
	return first, rest
}

// PerClass returns a new dataset holding the first n images of each class,
// in their original order (so classes stay interleaved as in d). A class
// with fewer than n images contributes all of them.
func (d *Dataset) PerClass(n int) *Dataset {
	var count [Classes]int
	sz := d.w * d.h
	out := &Dataset{w: d.w, h: d.h}
	for i, l := range d.labels {
		if count[l] >= n {
			continue
		}
		count[l]++
		out.labels = append(out.labels, l)
		out.pix = append(out.pix, d.pix[i*sz:(i+1)*sz]...)
	}
	return out
}
