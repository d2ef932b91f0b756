package mnist

import (
	"math/bits"
	"strings"
)

// Geometry of the network's input image.
const (
	Side   = 28          // width and height of a Bitmap
	Pixels = Side * Side // pixels of a Bitmap
	Box    = 20          // Preprocess fits the ink's larger side to Box pixels
	Centre = 14          // Preprocess moves the ink's centre of mass to (Centre, Centre)

	bitmapWords = (Pixels + 63) / 64
)

// Bitmap is a 28×28 binary image, the input the network sees. Pixel (x, y)
// has index y*28+x. The zero value is an empty image; Bitmaps are
// comparable with ==.
type Bitmap struct {
	w [bitmapWords]uint64
}

// At reports whether pixel (x, y) is set; outside the image it is false.
func (b Bitmap) At(x, y int) bool {
	if uint(x) >= Side || uint(y) >= Side {
		return false
	}
	i := y*Side + x
	return b.w[i>>6]&(1<<(i&63)) != 0
}

// Set sets pixel (x, y) to v. It panics outside the image.
func (b *Bitmap) Set(x, y int, v bool) {
	if uint(x) >= Side || uint(y) >= Side {
		panic("mnist: Bitmap.Set outside the image")
	}
	i := y*Side + x
	if v {
		b.w[i>>6] |= 1 << (i & 63)
	} else {
		b.w[i>>6] &^= 1 << (i & 63)
	}
}

// Count returns the number of set pixels.
func (b Bitmap) Count() int {
	n := 0
	for _, w := range b.w {
		n += bits.OnesCount64(w)
	}
	return n
}

// Hamming returns the number of pixels that differ between b and o.
func (b Bitmap) Hamming(o Bitmap) int {
	n := 0
	for i, w := range b.w {
		n += bits.OnesCount64(w ^ o.w[i])
	}
	return n
}

// Indices returns the indices y*28+x of the set pixels, ascending.
func (b Bitmap) Indices() []int {
	out := make([]int, 0, b.Count())
	for i, w := range b.w {
		for w != 0 {
			out = append(out, i*64+bits.TrailingZeros64(w))
			w &= w - 1
		}
	}
	return out
}

// Words returns the pixels packed 64 to a word: pixel i is bit i%64 of
// word i/64; bits past pixel 783 are zero.
func (b Bitmap) Words() [bitmapWords]uint64 { return b.w }

// String draws the bitmap as 28 lines of '#' (set) and '.' (clear).
func (b Bitmap) String() string {
	var sb strings.Builder
	sb.Grow(Side * (Side + 1))
	for y := range Side {
		for x := range Side {
			if b.At(x, y) {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('.')
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
