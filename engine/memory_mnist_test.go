//go:build !js

package engine_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist/gomnisttest"
)

// episodicNet learns the first n training digits on the default network
// and returns it with the inputs, the learning traces and the first 1,000
// test inputs.
func episodicNet(t *testing.T, n int) (*engine.Network, []*engine.SDR, []engine.Trace, []*engine.SDR) {
	t.Helper()
	train, test := gomnisttest.Load(t)
	cfg := engine.MNISTConfig()
	net, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	in := func(d *mnist.Dataset, i int) *engine.SDR {
		x, err := mnist.Input(d.Image(i), d.Width(), d.Height(), cfg.Input)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	var stored []*engine.SDR
	var learned []engine.Trace
	for i := range n {
		x := in(train, i)
		tr, err := net.Learn(x, train.Label(i))
		if err != nil {
			t.Fatal(err)
		}
		stored, learned = append(stored, x), append(learned, tr)
	}
	var unseen []*engine.SDR
	for i := range 1000 {
		unseen = append(unseen, in(test, i))
	}
	return net, stored, learned, unseen
}

// auroc is the probability that a random positive outscores a random
// negative (ties count one half).
func auroc(pos, neg []float64) float64 {
	n := slices.Sorted(slices.Values(neg))
	sum := 0.0
	for _, p := range pos {
		lo, _ := slices.BinarySearch(n, p)
		hi := lo
		for hi < len(n) && n[hi] == p {
			hi++
		}
		sum += float64(lo) + 0.5*float64(hi-lo)
	}
	return sum / float64(len(pos)*len(n))
}

// After 500 digits, the top level's familiarity tells the stored digits
// from 1,000 unseen test digits (AUROC ≥ 0.95), and a stored digit
// reinstates the top-level code it was stored with (≥ 98% of the CMs).
func TestEpisodicMemoryMNIST(t *testing.T) {
	const n = 500
	net, stored, learned, unseen := episodicNet(t, n)
	top := net.Levels()
	var gs, gu []float64
	agree, total := 0, 0
	for i, x := range stored {
		tr, err := net.Recall(x)
		if err != nil {
			t.Fatal(err)
		}
		gs = append(gs, tr.G)
		a, tot := learned[i].Overlap(&tr, top)
		agree, total = agree+a, total+tot
	}
	for _, x := range unseen {
		tr, _ := net.Recall(x)
		gu = append(gu, tr.G)
	}
	a := auroc(gs, gu)
	re := float64(agree) / float64(total)
	t.Logf("%d stored: top-level AUROC %.4f (G stored %.4f, unseen %.4f), reinstated %.4f", n, a, mean(gs), mean(gu), re)
	if a < 0.95 {
		t.Errorf("episodic AUROC %.4f, want ≥ 0.95", a)
	}
	if re < 0.98 {
		t.Errorf("top-level reinstatement %.4f, want ≥ 0.98", re)
	}
}

// Similar inputs get similar top-level codes: a stored digit with a
// fraction of its active inputs moved elsewhere recalls a top-level code
// whose overlap with the stored code rises monotonically with the inputs
// left in place.
func TestSimilarDigitsSimilarTopCodes(t *testing.T) {
	net, stored, learned, _ := episodicNet(t, 500)
	top := net.Levels()
	rng := rand.New(rand.NewPCG(5, 6))
	overlaps := []float64{0, 0.2, 0.4, 0.6, 0.8, 1}
	curve := make([]float64, len(overlaps))
	for k, s := range overlaps {
		agree, total := 0, 0
		for i := 400; i < 500; i++ {
			for range 4 {
				tr, err := net.Recall(stored[i].WithNoise(rng, 1-s))
				if err != nil {
					t.Fatal(err)
				}
				lt := &learned[i].Levels[top-1]
				for gi := range lt.Grids {
					for m := range lt.Grids[gi].Active {
						if !lt.Grids[gi].Active[m] {
							continue
						}
						total += lt.Grids[gi].Q
						agree += lt.Grids[gi].Code(m).Overlap(tr.Levels[top-1].Grids[gi].Code(m))
					}
				}
			}
		}
		curve[k] = float64(agree) / float64(total)
		t.Logf("input overlap %.1f → top-level code overlap %.3f", s, curve[k])
	}
	for k := 1; k < len(curve); k++ {
		if curve[k] < curve[k-1] {
			t.Errorf("code overlap falls from %.3f to %.3f as input overlap rises to %.1f", curve[k-1], curve[k], overlaps[k])
		}
	}
	if curve[len(curve)-1] < 0.98 || curve[0] > 0.1 {
		t.Errorf("code overlap %.3f for the same input, %.3f for unrelated ones", curve[len(curve)-1], curve[0])
	}
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
