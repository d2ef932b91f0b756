package engine

import (
	"math/rand/v2"
	"testing"
)

// seqNet is two levels with horizontal (H) input on both and top-down (D)
// input from level 2 to level 1.
func seqNet(t *testing.T) *Network {
	t.Helper()
	net, err := New(Config{
		Seed:  3,
		Input: Grid{16, 16},
		Levels: []LevelConfig{
			{Grids: []GridConfig{{Macs: Grid{2, 2}, Fields: []Field{{RF: Grid{8, 8}}}, Q: 8, K: 16, HRadius: 1, TopDown: true, Center: 0.9}}},
			{Grids: []GridConfig{{Macs: Grid{1, 1}, Fields: []Field{{RF: Grid{2, 2}}}, Q: 8, K: 16, HRadius: 0, Center: 0.9}}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func meanG(tr []Trace) float64 {
	s := 0.0
	for i := range tr {
		s += tr[i].G
	}
	return s / float64(len(tr))
}

func TestSequenceLearnedInOneTrial(t *testing.T) {
	net := seqNet(t)
	rng := rand.New(rand.NewPCG(4, 4))
	var frames []*SDR
	for range 6 {
		frames = append(frames, RandomSDR(rng, 256, 40))
	}
	play := func(order []int, learn bool) []Trace {
		net.Reset()
		var out []Trace
		for _, i := range order {
			tr, err := net.Step(frames[i], learn, -1)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, tr)
		}
		return out
	}
	learned := play([]int{0, 1, 2, 3, 4, 5}, true)
	again := play([]int{0, 1, 2, 3, 4, 5}, false)
	for f := range again {
		if !again[f].SameCodes(&learned[f]) {
			t.Errorf("frame %d: recognition did not reactivate the learned codes", f)
		}
		if again[f].G < 0.99 {
			t.Errorf("frame %d: G = %.3f in the learned order, want ≈ 1", f, again[f].G)
		}
	}
	shuffled := play([]int{3, 0, 5, 1, 4, 2}, false)
	gLearned, gShuffled := meanG(again[1:]), meanG(shuffled[1:])
	t.Logf("mean G over frames 2–6: learned order %.3f, new order of the same frames %.3f", gLearned, gShuffled)
	if gShuffled >= gLearned-0.05 {
		t.Errorf("a new ordering is not less familiar: G %.3f vs %.3f", gShuffled, gLearned)
	}
	// Each frame alone (no H, no D) is still fully familiar: the drop above
	// comes from the temporal context, not from the frames.
	for i, x := range frames {
		r, _ := net.Recall(x)
		if r.Levels[0].Grids[0].G[0] < 0.99 && r.Levels[0].Grids[0].Active[0] {
			t.Errorf("frame %d alone: level-1 G = %.3f", i, r.Levels[0].Grids[0].G[0])
		}
	}
}

func TestTopDownInputIsUsed(t *testing.T) {
	net := seqNet(t)
	if len(net.levels[0][0].macs[0].dSrc) != 1 || net.levels[0][0].macs[0].dW == 0 {
		t.Fatal("level-1 mac has no D field")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	a, b := RandomSDR(rng, 256, 40), RandomSDR(rng, 256, 40)
	net.Reset()
	net.Step(a, true, -1)
	net.Step(b, true, -1)
	mc := &net.levels[0][0].macs[0]
	if popcountWords(mc.wD) == 0 || popcountWords(mc.wH) == 0 {
		t.Errorf("second frame learned %d D and %d H weights, want some of each", popcountWords(mc.wD), popcountWords(mc.wH))
	}
	// Recognising b after a (the learned context) is more familiar than b
	// after an unrelated frame, at level 1, where U, H and D all count.
	net.Reset()
	net.Step(a, false, -1)
	inContext, _ := net.Step(b, false, -1)
	net.Reset()
	net.Step(RandomSDR(rng, 256, 40), false, -1)
	outOfContext, _ := net.Step(b, false, -1)
	if inContext.Levels[0].Grids[0].G[0] <= outOfContext.Levels[0].Grids[0].G[0] {
		t.Errorf("level-1 G in context %.3f, out of context %.3f", inContext.Levels[0].Grids[0].G[0], outOfContext.Levels[0].Grids[0].G[0])
	}
}

// Given the first frame of a stored sequence, Predict replays the rest: each
// predicted frame reactivates the learned codes, and the reconstruction
// looks like the learned frame.
func TestPredictReplaysSequence(t *testing.T) {
	net := seqNet(t)
	rng := rand.New(rand.NewPCG(6, 6))
	var frames []*SDR
	var learned []Trace
	net.Reset()
	for range 5 {
		x := RandomSDR(rng, 256, 40)
		frames = append(frames, x)
		tr, _ := net.Step(x, true, -1)
		learned = append(learned, tr)
	}
	net.Reset()
	net.Step(frames[0], false, -1)
	for f := 1; f < len(frames); f++ {
		tr, err := net.Predict()
		if err != nil {
			t.Fatal(err)
		}
		a, total := tr.Overlap(&learned[f], 1)
		if total == 0 || float64(a)/float64(total) < 0.95 {
			t.Fatalf("frame %d: predicted codes agree with the learned ones in %d of %d CMs", f, a, total)
		}
		img, _ := net.Reconstruct(&tr, 1)
		hit, miss := 0, 0
		for p, v := range img {
			on := frames[f].Test(p)
			switch {
			case on && v >= 128:
				hit++
			case !on && v >= 128:
				miss++
			}
		}
		if hit < frames[f].Count()*8/10 || miss > frames[f].Count()/2 {
			t.Errorf("frame %d: reconstruction has %d of %d pixels and %d extra", f, hit, frames[f].Count(), miss)
		}
	}
}
