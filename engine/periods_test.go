package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// With per-cell critical periods and ties to the oldest cell, learning can
// never change the max-V code of an input stored earlier (the proof is on
// GridConfig.CellPeriods): every stored item recalls exactly the winners
// it was stored with, whatever came after it. An invariant, so the test
// asks for every item, no margin. Randomized over mac shapes and input
// densities on one mac, until its CMs have closed.
func TestCellPeriodsKeepStoredCodes(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 37))
	for trial := range 12 {
		n, q, k := 16+rng.IntN(200), 1+rng.IntN(8), 2+rng.IntN(40)
		active := 1 + rng.IntN(min(n/2, 20))
		t.Run(fmt.Sprintf("n=%d,q=%d,k=%d,active=%d", n, q, k, active), func(t *testing.T) {
			net := oneMac(t, n, q, k, func(l *GridConfig) {
				l.CellPeriods, l.TieBreak, l.FreezeBundle = true, TieOldest, 1
				l.GFloor = rng.Float64() * 0.9 // from near-uniform draws to V-led ones
			})
			net.cfg.Seed = uint64(trial)
			var items []*SDR
			var codes []Code
			check := func(upTo int) {
				t.Helper()
				for i, x := range items[:upTo] {
					r, _ := net.Recall(x)
					if got := r.Levels[0].Grids[0].Code(0); got.Overlap(codes[i]) != q {
						t.Fatalf("after %d items, item %d recalls %v, stored as %v", len(items), i, got, codes[i])
					}
				}
			}
			for i := 0; i < 40*k && !net.levels[0][0].macs[0].frozen; i++ {
				// Inputs of varying size, so that later ones can cover
				// earlier ones.
				x := RandomSDR(rng, n, 1+rng.IntN(active))
				tr, err := net.Learn(x, -1)
				if err != nil {
					t.Fatal(err)
				}
				items = append(items, x)
				codes = append(codes, append(Code(nil), tr.Levels[0].Grids[0].Code(0)...))
				if i%25 == 0 {
					check(len(items))
				}
			}
			check(len(items))
		})
	}
}

// A CM whose cells have all been chosen learns nothing more, and a mac all
// of whose CMs are so closes (its weights stop changing).
func TestCellPeriodsClose(t *testing.T) {
	const n, q, k = 64, 3, 4
	net := oneMac(t, n, q, k, func(l *GridConfig) {
		l.CellPeriods, l.TieBreak, l.FreezeBundle = true, TieOldest, 1
	})
	rng := rand.New(rand.NewPCG(3, 5))
	mc := &net.levels[0][0].macs[0]
	for i := 0; i < 1000 && !mc.frozen; i++ {
		net.Learn(RandomSDR(rng, n, 6), -1)
	}
	if !mc.frozen {
		t.Fatal("the mac never closed")
	}
	for c, v := range mc.virgins {
		if v != 0 {
			t.Errorf("CM %d closed with %d cells never chosen", c, v)
		}
	}
	before := net.Stats(1, 0)[0].WeightsSet
	for range 50 {
		net.Learn(RandomSDR(rng, n, 6), -1)
	}
	if after := net.Stats(1, 0)[0].WeightsSet; after != before {
		t.Errorf("a closed mac learned: %d weights, then %d", before, after)
	}
}

// On the default network, with digit-like synthetic inputs: the levels
// below the top keep every stored item's codes (the same invariant, across
// a hierarchy whose upper macs read the lower ones' codes), while the
// earlier rule (ties to the cell with the fewest weights, cells learning
// for the mac's whole life) does not: the test can tell them apart.
func TestStoredCodesStayPutBelowTheTop(t *testing.T) {
	kept := func(cfg Config) (int, int) {
		net, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(41, 43))
		var items []*SDR
		var learned []Trace
		for i := range 1500 {
			x := digitInput(rng)
			tr, err := net.Learn(x, i%10)
			if err != nil {
				t.Fatal(err)
			}
			items, learned = append(items, x), append(learned, tr)
		}
		same := 0
		for i, x := range items {
			r, _ := net.Recall(x)
			ok := true
			for lv := 1; lv < net.Levels(); lv++ {
				if a, tot := r.Overlap(&learned[i], lv); a != tot || r.Levels[lv-1].ActiveCount() != learned[i].Levels[lv-1].ActiveCount() {
					ok = false
				}
			}
			if ok {
				same++
			}
		}
		return same, len(items)
	}
	if same, total := kept(MNISTConfig()); same != total {
		t.Errorf("default network: %d of %d stored items keep their codes below the top, want all", same, total)
	}
	old := MNISTConfig()
	for _, lv := range old.Levels[:2] {
		for i := range lv.Grids {
			g := &lv.Grids[i]
			g.CellPeriods, g.TieBreak, g.FreezeBundle = false, TieFewestWeights, 0.5
		}
	}
	if same, total := kept(old); same == total {
		t.Errorf("without cell periods all %d items kept their codes too: the test cannot tell", total)
	}
}
