package baseline_test

import (
	"fmt"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/baseline"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

func ExampleL2() {
	// Three 2×2 "images": dark, a left bar, a right bar.
	train, _ := mnist.NewDataset(2, 2, []byte{
		0, 0, 0, 0,
		255, 0, 255, 0,
		0, 255, 0, 255,
	}, []uint8{0, 1, 2})
	c := baseline.NewL2(train)
	fmt.Println(c.Classify([]byte{200, 10, 180, 0}))
	j, d := c.Nearest([]byte{0, 250, 0, 255})
	fmt.Println(j, d)
	// Output:
	// 1
	// 2 25
}

// A WiSARD memory knows every item it stored, the first as well as the
// last; an input it never stored shares only some of its tuples' patterns.
func ExampleWiSARD() {
	w, _ := baseline.NewWiSARD(64, 8, 1)
	a, _ := engine.SDRFromIndices(64, []int{1, 5, 9, 20, 33, 40, 51, 60})
	b, _ := engine.SDRFromIndices(64, []int{2, 6, 10, 21, 34, 41, 52, 61})
	w.Learn(a)
	w.Learn(b)
	c, _ := engine.SDRFromIndices(64, []int{1, 6, 9, 21, 33, 41, 51, 61}) // half of a, half of b
	fa, _ := w.Familiarity(a)
	fb, _ := w.Familiarity(b)
	fc, _ := w.Familiarity(c)
	fmt.Println(w.Tuples(), fa, fb, fc < 1)
	// Output: 8 1 1 true
}
