package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Every readout recalls the labels of stored items, scores sum to 1, and
// unlabelled learning leaves the readout empty.
func TestReadouts(t *testing.T) {
	for _, kind := range []Readout{ReadoutNaiveBayes, ReadoutBinary, ReadoutCount, ReadoutSoftmax} {
		t.Run(kind.String(), func(t *testing.T) {
			cfg := MNISTConfig()
			cfg.Readout = kind
			net, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(7, 7))
			var items []*SDR
			for i := range 20 {
				x := digitInput(rng)
				items = append(items, x)
				if _, err := net.Learn(x, i%10); err != nil {
					t.Fatal(err)
				}
			}
			right := 0
			for i, x := range items {
				tr, _ := net.Recall(x)
				if tr.Class == i%10 {
					right++
				}
				sum := 0.0
				for _, s := range tr.Scores {
					sum += s
				}
				if math.Abs(sum-1) > 1e-9 {
					t.Fatalf("scores sum to %v", sum)
				}
			}
			if right < 18 {
				t.Errorf("%s readout recalls %d of 20 stored labels", kind, right)
			}
		})
	}
	net, _ := New(MNISTConfig())
	rng := rand.New(rand.NewPCG(8, 8))
	x := digitInput(rng)
	net.Learn(x, -1)
	tr, _ := net.Recall(x)
	if tr.Class != -1 || tr.G < 0.99 {
		t.Errorf("unlabelled memory: class %d (want −1), G %.3f (want 1: the item is stored)", tr.Class, tr.G)
	}
}
