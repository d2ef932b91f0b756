package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// (a) An item stored once is recalled with the identical code and G ≥ 0.99.
func TestStoredOnceRecalledExactly(t *testing.T) {
	cfg := testHierarchy()
	net, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range 30 {
		x := digitInput(rng)
		learned, err := net.Learn(x, i%10)
		if err != nil {
			t.Fatal(err)
		}
		if learned.Levels[0].ActiveCount() == 0 || learned.Levels[1].ActiveCount() == 0 || learned.Levels[2].ActiveCount() == 0 {
			t.Fatalf("item %d left a level silent", i)
		}
		recalled, _ := net.Recall(x)
		if !learned.SameCodes(&recalled) {
			t.Errorf("item %d: recalled codes differ from the stored codes", i)
		}
		if recalled.G < 0.99 {
			t.Errorf("item %d: G = %.4f, want ≥ 0.99", i, recalled.G)
		}
	}
}

// (b) Similar inputs get similar codes: mean code overlap rises
// monotonically with input overlap (learning-mode draws, one mac).
func TestSimilarInputsSimilarCodes(t *testing.T) {
	const n, active, q, k, bases, variants = 256, 24, 8, 16, 10, 8
	levels := []float64{0, 0.2, 0.4, 0.6, 0.8, 1}
	rng := rand.New(rand.NewPCG(21, 22))
	base := oneMac(t, n, q, k, nil)
	var items []*SDR
	var codes []Code
	for range bases {
		x := RandomSDR(rng, n, active)
		tr, _ := base.Learn(x, -1)
		items = append(items, x)
		codes = append(codes, tr.Levels[0].Grids[0].Code(0))
	}
	snap, err := base.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	curve := make([]float64, len(levels))
	for li, s := range levels {
		sum := 0
		for i, x := range items {
			for range variants {
				net, err := Load(snap)
				if err != nil {
					t.Fatal(err)
				}
				v := x.WithNoise(rng, 1-s)
				tr, _ := net.Learn(v, -1)
				sum += tr.Levels[0].Grids[0].Code(0).Overlap(codes[i])
			}
		}
		curve[li] = float64(sum) / float64(bases*variants*q)
		t.Logf("input overlap %.1f → mean code overlap %.3f", s, curve[li])
	}
	for i := 1; i < len(curve); i++ {
		if curve[i] < curve[i-1] {
			t.Errorf("code overlap falls from %.3f to %.3f as input overlap rises to %.1f", curve[i-1], curve[i], levels[i])
		}
	}
	if curve[0] > 3.0/k {
		t.Errorf("unrelated inputs share %.3f of their codes, want near chance 1/K = %.3f", curve[0], 1.0/k)
	}
	if curve[len(curve)-1] < 0.97 {
		t.Errorf("identical inputs share only %.3f of their codes", curve[len(curve)-1])
	}
}

// (c) Capacity: as items are stored, the fraction of all stored items that
// recall exactly the code they were stored with, and whose code no other
// stored item shares (so the memory still tells them apart); reports the
// number stored when it falls below 90%.
func TestCapacity(t *testing.T) {
	const n, active, q, k = 256, 16, 8, 16
	net := oneMac(t, n, q, k, func(l *GridConfig) { l.FreezeBundle = 1; l.Center = 0.9 })
	rng := rand.New(rand.NewPCG(31, 32))
	var items []*SDR
	var codes []string
	fell := 0
	for stored := 1; stored <= 3000 && fell == 0; stored++ {
		x := RandomSDR(rng, n, active)
		tr, _ := net.Learn(x, -1)
		items = append(items, x)
		codes = append(codes, fmt.Sprint(tr.Levels[0].Grids[0].Code(0)))
		if stored%25 != 0 {
			continue
		}
		shared := map[string]int{}
		for _, c := range codes {
			shared[c]++
		}
		good := 0
		for i, x := range items {
			r, _ := net.Recall(x)
			if fmt.Sprint(r.Levels[0].Grids[0].Code(0)) == codes[i] && shared[codes[i]] == 1 {
				good++
			}
		}
		acc := float64(good) / float64(stored)
		if testing.Verbose() {
			t.Logf("stored %4d: exact and distinct recall %.3f, saturation %.3f", stored, acc, net.Stats(1, 0)[0].Saturation)
		}
		if acc < 0.9 {
			fell = stored
		}
	}
	t.Logf("capacity (N=%d inputs, %d active, Q=%d, K=%d, c=0.9): exact, distinct recall of the stored items fell below 90%% at %d items", n, active, q, k, fell)
	if fell == 0 {
		t.Fatal("recall never fell below 90% in 3000 items: the capacity probe is not measuring anything")
	}
	if fell < 100 {
		t.Errorf("capacity %d items, want ≥ 100 for this size", fell)
	}
}

// randomStrokes draws a few random straight strokes on a w×h grid, a
// digit-like input for tests that do not need MNIST.
func randomStrokes(rng *rand.Rand, w, h int) *SDR {
	s := NewSDR(w * h)
	for range 2 + rng.IntN(2) {
		x0, y0 := 4+rng.IntN(w-8), 4+rng.IntN(h-8)
		x1, y1 := 4+rng.IntN(w-8), 4+rng.IntN(h-8)
		steps := max(abs(x1-x0), abs(y1-y0), 1)
		for i := 0; i <= steps; i++ {
			x := x0 + (x1-x0)*i/steps
			y := y0 + (y1-y0)*i/steps
			s.Set(y*w + x)
		}
	}
	return s
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// digitInput draws random strokes on 28×28 and lays them out on the 28×70
// grid of MNISTConfig as engine/mnist.Encode does: the strokes, then (a
// stand-in for the orientation maps) each ink pixel in the 2×2 block of
// its pooled pixel at 2×2 and 4×4 pooling, orientation chosen by parity.
func digitInput(rng *rand.Rand) *SDR {
	img := randomStrokes(rng, 28, 28)
	s := NewSDR(28 * 70)
	img.ForEach(func(i int) bool {
		x, y := i%28, i/28
		o := (x + y) % 4
		s.Set(y*28 + x)
		s.Set((28+2*(y/2)+o/2)*28 + 2*(x/2) + o%2)
		s.Set((56+2*(y/4)+o/2)*28 + 2*(x/4) + o%2)
		return true
	})
	return s
}
