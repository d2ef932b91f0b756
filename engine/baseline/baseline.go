package baseline

import (
	"fmt"
	"math"
	"math/bits"
	"sync"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// L2 is a 1-nearest-neighbour classifier with Euclidean distance on grey
// pixels.
type L2 struct {
	n, dim int
	cols   []uint8 // pixel-major: cols[p*n+j] is pixel p of training image j
	norms  []int32 // ‖y_j‖²
	labels []uint8
	acc    sync.Pool // *[]int32 scratch of length n
}

// NewL2 stores the images of train. It panics if the images have more than
// 16,512 pixels, where int32 distances could overflow.
func NewL2(train *mnist.Dataset) *L2 {
	n, dim := train.Len(), train.Width()*train.Height()
	if int64(dim)*255*255 > math.MaxInt32/2 {
		panic(fmt.Sprintf("baseline: %d pixels per image overflow int32 distances", dim))
	}
	c := &L2{n: n, dim: dim, cols: make([]uint8, n*dim), norms: make([]int32, n), labels: make([]uint8, n)}
	for j := range n {
		var sq int32
		for p, v := range train.Image(j) {
			c.cols[p*n+j] = v
			sq += int32(v) * int32(v)
		}
		c.norms[j] = sq
		c.labels[j] = uint8(train.Label(j))
	}
	c.acc.New = func() any { s := make([]int32, n); return &s }
	return c
}

// Len returns the number of stored training images.
func (c *L2) Len() int { return c.n }

// Classify returns the label of the training image nearest to img, or -1
// if there are none. img must have as many pixels as the training images.
func (c *L2) Classify(img []byte) int {
	j, _ := c.Nearest(img)
	if j < 0 {
		return -1
	}
	return int(c.labels[j])
}

// Nearest returns the index of the training image nearest to img and its
// squared Euclidean distance, or (-1, 0) if there are no training images.
// It panics if len(img) differs from the training images' pixel count.
func (c *L2) Nearest(img []byte) (index int, dist2 int) {
	if len(img) != c.dim {
		panic(fmt.Sprintf("baseline: image of %d pixels, want %d", len(img), c.dim))
	}
	if c.n == 0 {
		return -1, 0
	}
	bufp := c.acc.Get().(*[]int32)
	defer c.acc.Put(bufp)
	acc := *bufp
	copy(acc, c.norms)
	// Only the query's non-zero pixels (about a fifth of an MNIST digit)
	// contribute to x·y.
	var xx int32
	for p, v := range img {
		if v == 0 {
			continue
		}
		x := int32(v)
		xx += x * x
		axpy(acc, c.cols[p*c.n:(p+1)*c.n], -2*x)
	}
	best := 0
	for j, d := range acc {
		if d < acc[best] {
			best = j
		}
	}
	return best, int(acc[best] + xx)
}

// axpy adds a·y[j] to acc[j] for every j; len(y) == len(acc).
func axpy(acc []int32, y []uint8, a int32) {
	y = y[:len(acc)]
	j := 0
	for ; j+8 <= len(acc); j += 8 {
		a8, y8 := acc[j:j+8:j+8], y[j:j+8:j+8]
		a8[0] += a * int32(y8[0])
		a8[1] += a * int32(y8[1])
		a8[2] += a * int32(y8[2])
		a8[3] += a * int32(y8[3])
		a8[4] += a * int32(y8[4])
		a8[5] += a * int32(y8[5])
		a8[6] += a * int32(y8[6])
		a8[7] += a * int32(y8[7])
	}
	for ; j < len(acc); j++ {
		acc[j] += a * int32(y[j])
	}
}

// Hamming is a 1-nearest-neighbour classifier with Hamming distance on
// binary images.
type Hamming struct {
	n, dim, words int
	bits          []uint64 // image j is bits[j*words:(j+1)*words]; pixel i is bit i%64 of word i/64
	labels        []uint8
}

// NewHamming stores the images of train binarised at
// mnist.DefaultThreshold (grey ≥ 128 is ink).
func NewHamming(train *mnist.Dataset) *Hamming {
	dim := train.Width() * train.Height()
	h := newHamming(train.Len(), dim)
	for j := range train.Len() {
		pack(h.bits[j*h.words:(j+1)*h.words], train.Image(j))
		h.labels[j] = uint8(train.Label(j))
	}
	return h
}

// NewHammingBitmaps stores preprocessed bitmaps with their labels (each
// 0..9). It panics if the lengths differ.
func NewHammingBitmaps(images []mnist.Bitmap, labels []uint8) *Hamming {
	if len(images) != len(labels) {
		panic(fmt.Sprintf("baseline: %d bitmaps, %d labels", len(images), len(labels)))
	}
	h := newHamming(len(images), mnist.Pixels)
	for j, b := range images {
		w := b.Words()
		copy(h.bits[j*h.words:], w[:])
		h.labels[j] = labels[j]
	}
	return h
}

func newHamming(n, dim int) *Hamming {
	words := (dim + 63) / 64
	return &Hamming{n: n, dim: dim, words: words, bits: make([]uint64, n*words), labels: make([]uint8, n)}
}

// pack sets bit i of dst for each grey pixel i ≥ 128.
func pack(dst []uint64, img []byte) {
	for i, v := range img {
		if v >= mnist.DefaultThreshold {
			dst[i>>6] |= 1 << (i & 63)
		}
	}
}

// Len returns the number of stored training images.
func (h *Hamming) Len() int { return h.n }

// Classify binarises img at 128 and returns the label of the nearest
// training image, or -1 if there are none. It panics if len(img) differs
// from the training images' pixel count.
func (h *Hamming) Classify(img []byte) int {
	if len(img) != h.dim {
		panic(fmt.Sprintf("baseline: image of %d pixels, want %d", len(img), h.dim))
	}
	var small [mnist.Pixels/64 + 1]uint64
	var q []uint64
	if h.words <= len(small) {
		q = small[:h.words]
	} else {
		q = make([]uint64, h.words)
	}
	pack(q, img)
	j, _ := h.nearest(q)
	return h.label(j)
}

// ClassifyBitmap returns the label of the training image nearest to b, or
// -1 if there are none. It panics unless the training images have
// mnist.Pixels pixels.
func (h *Hamming) ClassifyBitmap(b mnist.Bitmap) int {
	j, _ := h.NearestBitmap(b)
	return h.label(j)
}

// NearestBitmap returns the index of the training image nearest to b and
// the number of pixels that differ, or (-1, 0) if there are none.
func (h *Hamming) NearestBitmap(b mnist.Bitmap) (index, dist int) {
	if h.dim != mnist.Pixels {
		panic(fmt.Sprintf("baseline: bitmap of %d pixels, training images have %d", mnist.Pixels, h.dim))
	}
	w := b.Words()
	return h.nearest(w[:])
}

func (h *Hamming) label(j int) int {
	if j < 0 {
		return -1
	}
	return int(h.labels[j])
}

func (h *Hamming) nearest(q []uint64) (index, dist int) {
	if h.n == 0 {
		return -1, 0
	}
	best, bestD := 0, math.MaxInt
	if h.words == 13 { // 28×28: a fixed-size loop the compiler unrolls
		q13 := [13]uint64(q)
		for j := range h.n {
			y := (*[13]uint64)(h.bits[j*13 : j*13+13])
			d := 0
			for k := range 13 {
				d += bits.OnesCount64(q13[k] ^ y[k])
			}
			if d < bestD {
				best, bestD = j, d
			}
		}
		return best, bestD
	}
	for j := range h.n {
		y := h.bits[j*h.words : (j+1)*h.words]
		d := 0
		for k, w := range q {
			d += bits.OnesCount64(w ^ y[k])
		}
		if d < bestD {
			best, bestD = j, d
		}
	}
	return best, bestD
}
