package main

import (
	"fmt"
	"io"
	"time"

	"github.com/sparsey-web/sparsey/engine/baseline"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// runBaseline classifies the test digits with a 1-nearest-neighbour
// baseline trained on the same digits: "knn" (L2 on grey pixels) or
// "hamming" (Hamming on pixels binarised at 128).
func runBaseline(name string, train, test *mnist.Dataset, res *Result, stderr io.Writer) error {
	var classify func([]byte) int
	switch name {
	case "":
		return nil
	case "knn":
		classify = baseline.NewL2(train).Classify
	case "hamming":
		classify = baseline.NewHamming(train).Classify
	default:
		return fmt.Errorf("unknown -baseline %q (knn or hamming)", name)
	}
	fmt.Fprintf(stderr, "baseline %s…\n", name)
	ok := 0
	t0 := time.Now()
	for i := 0; i < test.Len(); i++ {
		if classify(test.Image(i)) == test.Label(i) {
			ok++
		}
	}
	res.BaselineName = name
	res.BaselineRecallUs = us(time.Since(t0), test.Len())
	res.BaselineAccuracy = float64(ok) / float64(test.Len())
	return nil
}
