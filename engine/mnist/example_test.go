package mnist_test

import (
	"bytes"
	"fmt"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// A "7" drawn anywhere on a canvas of any size comes out 20 pixels tall,
// centred on (14, 14), as MNIST digits are; with Thin it is a one-pixel
// skeleton.
func ExamplePreprocess() {
	const w, h = 40, 30
	grey := make([]byte, w*h)
	ink := func(x, y int) { grey[y*w+x] = 255 }
	for x := 2; x < 12; x++ { // the bar, 10 pixels long and 2 thick
		ink(x, 3)
		ink(x, 4)
	}
	for y := 5; y < 18; y++ { // the stem, slanting left
		x := 11 - (y-5)/3
		ink(x, y)
		ink(x-1, y)
	}
	b, err := mnist.Preprocess(grey, w, h, mnist.Options{Thin: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.Count(), "pixels set")
	fmt.Print(b)
	// Output:
	// 28 pixels set
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ............................
	// ......###########...........
	// .................#..........
	// .................#..........
	// .................#..........
	// .................#..........
	// .................#..........
	// ................#...........
	// ................#...........
	// ................#...........
	// ...............#............
	// ...............#............
	// ...............#............
	// ..............#.............
	// ..............#.............
	// ..............#.............
	// .............#..............
	// .............#..............
	// .............#..............
	// ............................
}

// The page feeds the sample decoder with chunks as they arrive and uses
// each digit as soon as its record is complete.
func ExampleSampleDecoder() {
	pix := make([]byte, 2*28*28)
	pix[10*28+14] = 255     // one ink pixel in the first digit
	pix[28*28+5*28+3] = 200 // and one in the second
	d, _ := mnist.NewDataset(28, 28, pix, []uint8{3, 8})
	var file bytes.Buffer
	_ = mnist.EncodeSample(&file, d)
	fmt.Println("file size:", file.Len())

	var dec mnist.SampleDecoder
	data := file.Bytes()
	for len(data) > 0 {
		chunk := data[:min(len(data), 64)]
		data = data[len(chunk):]
		if _, err := dec.Write(chunk); err != nil {
			fmt.Println(err)
			return
		}
		h, _ := dec.Header()
		fmt.Printf("%d of %d digits\n", dec.Len(), h.Count)
	}
	if err := dec.Close(); err != nil {
		fmt.Println(err)
		return
	}
	img := dec.Image(1, nil)
	fmt.Println("label", dec.Label(1), "pixel (3,5) =", img[5*28+3])
	// Output:
	// file size: 214
	// 0 of 2 digits
	// 1 of 2 digits
	// 1 of 2 digits
	// 2 of 2 digits
	// label 8 pixel (3,5) = 255
}
