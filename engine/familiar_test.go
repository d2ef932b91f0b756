package engine

import (
	"math"
	"testing"
)

// refFamiliarity computes Familiarity the plain way: naive Bayes's
// log P(winner | class) from the counts with math.Log, summed over the
// trace's readout codes per class, the best class's mean per CM, scaled by
// ln K, times level 1's G.
func refFamiliarity(n *Network, tr *Trace) float64 {
	r := n.read
	C := r.classes
	sum := make([]float64, C)
	cms := 0
	logK := 0.0
	for gi, g := range r.grids {
		gt := &tr.Levels[g.level].Grids[g.idx]
		for m := range g.macs {
			if !gt.Active[m] {
				continue
			}
			mi := r.macOff[gi] + m
			for q := range g.q {
				cms++
				logK += math.Log(float64(g.k))
				cell := r.cellOff[gi] + m*g.cells + q*g.k + int(gt.Codes[m*g.q+q])
				for c := range C {
					sum[c] += math.Log(float64(r.counts[cell*C+c])+r.alpha) - math.Log(float64(r.perMac[mi*C+c])+r.alpha*float64(g.k))
				}
			}
		}
	}
	best := math.Inf(-1)
	for c := range C {
		if r.nClass[c] > 0 {
			best = max(best, sum[c])
		}
	}
	f := min(max(1+best/logK, 0), 1)
	return f * tr.Levels[0].G
}

// TestFamiliarity: Familiarity matches the plain computation, lies in
// [0, 1], and is lower for noise than for the digits learned. The engine
// reads log(count + α) from a float32 table (each term within 2^−24 of
// its size, at most 12): the mean per CM, divided by ln K, is within
// 12·2^−24/ln 32 < 1e−6 of the plain float64 one.
func TestFamiliarity(t *testing.T) {
	net, rng := softNet(t, 200)
	var digit, noise float64
	for range 20 {
		x := digitInput(rng)
		tr, _ := net.Recall(x)
		f, err := net.Familiarity(&tr)
		if err != nil {
			t.Fatal(err)
		}
		if want := refFamiliarity(net, &tr); math.Abs(f-want) > 1e-6 || f < 0 || f > 1 {
			t.Fatalf("familiarity %v, plain computation %v", f, want)
		}
		digit += f
		// Noise with the ink of a digit.
		y := NewSDR(net.InputLen())
		for range x.Count() {
			y.Set(rng.IntN(28 * 28))
		}
		tr, _ = net.Recall(y)
		g, _ := net.Familiarity(&tr)
		if want := refFamiliarity(net, &tr); math.Abs(g-want) > 1e-6 {
			t.Fatalf("noise: familiarity %v, plain computation %v", g, want)
		}
		noise += g
	}
	if noise >= digit/2 {
		t.Errorf("mean familiarity of noise %.3f, of digits %.3f: want noise under half", noise/20, digit/20)
	}
	empty, _ := New(MNISTConfig())
	tr, _ := empty.Recall(digitInput(rng))
	if f, err := empty.Familiarity(&tr); f != 0 || err != nil {
		t.Errorf("nothing learned: familiarity %v, %v", f, err)
	}
	var bad Trace
	if _, err := net.Familiarity(&bad); err == nil {
		t.Error("a foreign trace accepted")
	}
}
