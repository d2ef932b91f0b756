package teach

import (
	"math/rand/v2"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// TestMapClasses: items of two synthetic classes (noisy copies of two
// prototypes) get a higher code overlap within than between classes, the
// curve rises with input overlap, and the nearest-neighbour scan finds a
// stored item.
func TestMapClasses(t *testing.T) {
	cfg, err := engine.Preset("mnist")
	if err != nil {
		t.Fatal(err)
	}
	net, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	protos := [2]mnist.Bitmap{}
	for y := 5; y < 23; y++ {
		protos[0].Set(14, y, true) // a bar
		protos[1].Set(y, 14, true) // a dash
		protos[1].Set(y, 15, true)
	}
	var items []MapItem
	var nn NNStore
	for c := range 2 {
		for range 8 {
			b := protos[c]
			for range 4 { // move a few pixels
				x, y := rng.IntN(28), rng.IntN(28)
				b.Set(x, y, !b.At(x, y))
			}
			in, err := mnist.Encode(b, cfg.Input)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := net.Learn(in, -1); err != nil {
				t.Fatal(err)
			}
			tr, _ := net.Recall(in)
			items = append(items, MapItem{Class: c, Input: b, Trace: tr})
			nn.Add(b)
		}
	}
	m := Overlaps(items, 1)
	w, b := WithinBetween(items, m)
	t.Logf("within %.3f between %.3f", w, b)
	if w <= b {
		t.Errorf("within %.3f ≤ between %.3f", w, b)
	}
	c := Curve(items, m, 10)
	if len(c) < 2 || c[len(c)-1].Y <= c[0].Y {
		t.Errorf("curve %v does not rise", c)
	}
	if i, d := nn.Nearest(items[3].Input); i != 3 || d != 0 {
		t.Errorf("Nearest = %d, %d", i, d)
	}
}
