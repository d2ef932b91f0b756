package engine

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// softNet is the default network (softmax readout) after learning n
// synthetic digits.
func softNet(t *testing.T, n int) (*Network, *rand.Rand) {
	t.Helper()
	net, err := New(MNISTConfig())
	if err != nil {
		t.Fatal(err)
	}
	if net.Config().Readout != ReadoutSoftmax {
		t.Fatalf("the default readout is %v", net.Config().Readout)
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range n {
		if _, err := net.Learn(digitInput(rng), i%10); err != nil {
			t.Fatal(err)
		}
	}
	return net, rng
}

// TestSoftExp: the softmax's exponential against math.Exp over its whole
// range, to the precision it states.
func TestSoftExp(t *testing.T) {
	for x := -40.0; x <= 0; x += 0.0137 {
		got, want := softExp(x), math.Exp(x)
		if math.Abs(got-want) > 1e-12*want {
			t.Fatalf("softExp(%v) = %v, want %v", x, got, want)
		}
	}
	if softExp(0) != 1 {
		t.Errorf("softExp(0) = %v", softExp(0))
	}
}

// TestSoftmaxStep: learning an item moves the weights of its cells (of the
// first softQ CMs of each readout mac) by −rate·(p − target), p the
// softmax of the item's logits computed before it was counted, as a plain
// reference computes them with math.Exp; other weights do not move.
func TestSoftmaxStep(t *testing.T) {
	net, rng := softNet(t, 60)
	r := net.read
	C := r.classes
	x, label := digitInput(rng), 3
	// The codes the item will be learned with: recall first (learning
	// chooses the same codes on frozen macs and may differ elsewhere, so
	// the reference reads the codes from the learning trace instead).
	before := append([]float32(nil), r.soft...)
	snap, err := net.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	tr, err := net.Learn(x, label)
	if err != nil {
		t.Fatal(err)
	}
	// Reference: on a copy of the network before the item, the logits of
	// the learning trace's codes.
	ref, err := Load(snap)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := ref.traceCodes(&tr)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, numReadouts*C)
	if !ref.read.logits(cs, out, -1, ReadoutSoftmax) {
		t.Fatal("no logits")
	}
	z := out[3*C:]
	top := math.Inf(-1)
	for _, v := range z {
		top = max(top, v)
	}
	p := make([]float64, C)
	sum := 0.0
	for c, v := range z {
		p[c] = math.Exp(v - top)
		sum += p[c]
	}
	moved := map[int]bool{}
	for gi, g := range r.grids {
		act, code := cs(gi)
		for m := range g.macs {
			if !act[m] {
				continue
			}
			for q := range min(softQ, g.q) {
				wr := r.softOff[gi] + (m*min(softQ, g.q)+q)*g.k + int(code[m*g.q+q])
				for c := range C {
					target := 0.0
					if c == label {
						target = 1
					}
					d := -r.rate * (p[c]/sum - target)
					i := wr*C + c
					moved[i] = true
					got := float64(r.soft[i] - before[i])
					if math.Abs(d) < r.rate*softSkip {
						d = 0
					}
					// float32 weights: the step to within a float32 ulp of
					// the weight.
					if tol := math.Abs(float64(before[i]))*1.2e-7 + math.Abs(d)*1e-6; math.Abs(got-d) > tol {
						t.Fatalf("weight (row %d, class %d) moved by %g, want %g", wr, c, got, d)
					}
				}
			}
		}
	}
	if len(moved) == 0 {
		t.Fatal("no active readout cell")
	}
	for i := range r.soft {
		if !moved[i] && r.soft[i] != before[i] {
			t.Fatalf("weight %d of an inactive cell moved", i)
		}
	}
}

// TestSoftmaxSnapshot: the weights and their temperature survive a
// snapshot; weights beyond what the items learned could make are refused.
func TestSoftmaxSnapshot(t *testing.T) {
	net, rng := softNet(t, 40)
	b, err := net.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	x := digitInput(rng)
	a, _ := net.Recall(x)
	c, _ := got.Recall(x)
	if a.Class != c.Class || len(a.Scores) != len(c.Scores) {
		t.Fatal("loaded network scores differently")
	}
	for i := range a.Scores {
		if a.Scores[i] != c.Scores[i] {
			t.Fatalf("score %d: %v, loaded %v", i, a.Scores[i], c.Scores[i])
		}
	}
	// Make one weight impossible (more than 40 items × the rate) and
	// re-encode: the decoder refuses it.
	got.read.soft[7] = float32(41 * got.read.rate)
	bad, err := got.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad); !errors.Is(err, ErrSnapshot) {
		t.Errorf("an impossible weight loaded: %v", err)
	}
	// Classify with the softmax readout needs it configured.
	flat, _ := New(FlatConfig())
	tr, _ := flat.Recall(x)
	if _, _, err := flat.Classify(&tr, ReadoutSoftmax); err == nil {
		t.Error("Classify with an unconfigured softmax readout succeeded")
	}
	cfg := MNISTConfig()
	cfg.ReadoutRate = 2
	if err := cfg.Validate(); !errors.Is(err, ErrConfig) || !contains(err.Error(), "ReadoutRate:") {
		t.Errorf("rate 2: %v", err)
	}
}
