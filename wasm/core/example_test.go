package core_test

import (
	"fmt"
	"math"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/core"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// ring is a digit 0 drawn as a 28×28 grey image.
func ring() []byte {
	var p pad.Pad
	var s pad.Stroke
	for i := 0; i <= 24; i++ {
		a := 2 * math.Pi * float64(i) / 24
		s = append(s, pad.Point{X: 0.5 + 0.25*math.Sin(a), Y: 0.5 - 0.35*math.Cos(a)})
	}
	p.SetStrokes([]pad.Stroke{s})
	return p.Render(mnist.Side, mnist.Side)
}

// An App learns the digits of a Source in time slices, one per Tick, and
// recalls what is drawn on its pad.
func ExampleApp() {
	// Three copies of a drawn 0 are all the training data.
	img := ring()
	data, err := mnist.NewDataset(mnist.Side, mnist.Side, append(append(img, img...), img...), []uint8{0, 0, 0})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := core.New(core.Options{Query: "train=3&seed=7", Train: data})
	a.Boot(nil, nil) // nothing kept in browser storage: start training
	for a.Phase() != "ready" {
		a.Tick()
	}
	fmt.Println(a.JobText())

	a.Pad().SetStrokes([]pad.Stroke{{{X: 0.5, Y: 0.2}, {X: 0.5, Y: 0.8}}}) // a 1
	a.Frame(800, 600)                                                      // the page shows it …
	a.Tick()                                                               // … and recalls it
	st := a.State()
	fmt.Println(st.RecalledVersion == st.PadVersion, len(st.Scores))
	// Output:
	// Ready: 3 items stored (3 training digits).
	// true 32
}

// The Encoder is the one path from an image to the network's input.
func ExampleEncoder() {
	a := core.New(core.Options{})
	enc, err := core.NewEncoder(a.Net().Config().Input)
	if err != nil {
		fmt.Println(err)
		return
	}
	bm, in, err := enc.Image(ring(), mnist.Side, mnist.Side)
	fmt.Println(bm.Count() > 0, in.Len() == a.Net().InputLen(), err)
	// Output: true true <nil>
}
