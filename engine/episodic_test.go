package engine

import (
	"math/rand/v2"
	"testing"
)

// scatter is an input unlike strokes: isolated dots all over the three
// input maps, about as many as a stroke drawing has.
func scatter(rng *rand.Rand) *SDR {
	s := NewSDR(28 * 70)
	for range 120 {
		s.Set(rng.IntN(28 * 70))
	}
	return s
}

// On a synthetic set, the default network's top level knows what it has
// stored. Two limits, each from a principle:
//
//   - every stored item, of any age, recalls top G = 1 exactly: the levels
//     below keep its codes (per-cell critical periods), so the top sees the
//     input it stored, and a weight once set stays set, so each of its
//     stored cells matches fully;
//   - an input unlike anything stored (dots all over) gets a top G at or
//     below the top's G⁻: the CSA's own line between familiar and novel
//     (below it the code is drawn uniformly: a new code).
func TestTopFamiliaritySynthetic(t *testing.T) {
	net, err := New(MNISTConfig())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(41, 42))
	var stored []*SDR
	for i := range 1000 {
		x := digitInput(rng)
		stored = append(stored, x)
		if _, err := net.Learn(x, i%10); err != nil {
			t.Fatal(err)
		}
	}
	minStored := 1.0
	for i, x := range stored {
		tr, _ := net.Recall(x)
		minStored = min(minStored, tr.G)
		if tr.G != 1 {
			t.Errorf("stored item %d recalls top G %.4f, want 1", i, tr.G)
		}
	}
	gFloor := net.Config().Levels[net.Levels()-1].Grids[0].GFloor
	maxNovel, sumNovel := 0.0, 0.0
	for range 100 {
		tr, _ := net.Recall(scatter(rng))
		maxNovel = max(maxNovel, tr.G)
		sumNovel += tr.G
	}
	t.Logf("top G: stored ≥ %.3f, unlike anything stored ≤ %.3f (mean %.3f); G⁻ %.2f", minStored, maxNovel, sumNovel/100, gFloor)
	if maxNovel > gFloor {
		t.Errorf("an input unlike anything stored has top G %.3f, above G⁻ = %.2f", maxNovel, gFloor)
	}
}
