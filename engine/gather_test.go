package engine

import (
	"math/rand/v2"
	"testing"
)

// gatherU must copy exactly the field's pixels, for fields narrower and
// wider than a 64-bit word and at any offset.
func TestGatherUCopiesTheField(t *testing.T) {
	tests := []struct {
		name        string
		input, macs Grid
		rf          Grid
	}{
		{"5x5 fields on 28x28", Grid{28, 28}, Grid{12, 12}, Grid{5, 5}},
		{"one 256-wide row", Grid{256, 1}, Grid{1, 1}, Grid{256, 1}},
		{"70-wide fields", Grid{150, 3}, Grid{3, 2}, Grid{70, 2}},
		{"whole 28x28", Grid{28, 28}, Grid{1, 1}, Grid{28, 28}},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			net, err := New(Config{Input: tc.input, Levels: []LevelConfig{{Grids: []GridConfig{{Macs: tc.macs, Fields: []Field{{RF: tc.rf}}, Q: 2, K: 2}}}}})
			if err != nil {
				t.Fatal(err)
			}
			x := RandomSDR(rng, tc.input.N(), tc.input.N()/3)
			copy(net.pix, x.words())
			l := net.levels[0][0]
			for m := range l.macs {
				mc := &l.macs[m]
				pi := net.gatherU(l, mc)
				want := 0
				for j, p := range mc.pix {
					on := x.Test(int(p))
					if on {
						want++
					}
					if got := net.uIn[j>>6]&(1<<uint(j&63)) != 0; got != on {
						t.Fatalf("mac %d unit %d (pixel %d): %v, want %v", m, j, p, got, on)
					}
				}
				if pi != want {
					t.Fatalf("mac %d: π = %d, want %d", m, pi, want)
				}
			}
		})
	}
}
