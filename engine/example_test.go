package engine_test

import (
	"fmt"

	"github.com/sparsey-web/sparsey/engine"
)

// A one-mac memory over an 8×8 input: store two patterns in one trial each,
// then recall a corrupted copy of the first.
func Example() {
	net, err := engine.New(engine.Config{
		Seed:  1,
		Input: engine.Grid{W: 8, H: 8},
		Levels: []engine.LevelConfig{{Grids: []engine.GridConfig{{
			Macs:   engine.Grid{W: 1, H: 1},
			Fields: []engine.Field{{RF: engine.Grid{W: 8, H: 8}}},
			Q:      8, K: 16, Center: 0.9,
		}}}},
		Classes: 2,
	})
	if err != nil {
		panic(err)
	}
	cross, _ := engine.SDRFromIndices(64, []int{3, 11, 19, 24, 25, 26, 27, 28, 29, 30, 35, 43, 51})
	diag, _ := engine.SDRFromIndices(64, []int{0, 9, 18, 27, 36, 45, 54, 63, 7, 14, 21, 42, 49, 56})
	stored, _ := net.Learn(cross, 0)
	net.Learn(diag, 1)

	noisy := cross.Clone()
	noisy.Unset(3) // one pixel missing
	got, _ := net.Recall(noisy)
	agree, total := got.Overlap(&stored, 1)
	fmt.Printf("class %d, familiarity %.2f, code overlap %d/%d\n", got.Class, got.G, agree, total)
	// Output: class 0, familiarity 1.00, code overlap 8/8
}
