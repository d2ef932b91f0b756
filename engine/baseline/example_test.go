package baseline_test

import (
	"fmt"

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
