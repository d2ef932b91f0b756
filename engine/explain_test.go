package engine

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestExplainMatchesRecall(t *testing.T) {
	net, _ := New(MNISTConfig())
	rng := rand.New(rand.NewPCG(1, 9))
	for i := range 50 {
		net.Learn(digitInput(rng), i%10)
	}
	x := digitInput(rng)
	tr, _ := net.Recall(x)
	checked := 0
	for lv := 1; lv <= net.Levels(); lv++ {
		for gi := range tr.Levels[lv-1].Grids {
			checked += checkExplain(t, net, x, &tr, lv, gi)
		}
	}
	if checked == 0 {
		t.Fatal("no active mac to check")
	}
	after, _ := net.Recall(x)
	if !after.SameCodes(&tr) {
		t.Error("Explain changed what Recall returns")
	}
}

// checkExplain compares Explain with the trace for every mac of one grid
// and returns the number of active macs checked.
func checkExplain(t *testing.T, net *Network, x *SDR, tr *Trace, lv, gi int) int {
	t.Helper()
	checked := 0
	{
		lt := &tr.Levels[lv-1].Grids[gi]
		for m := range lt.Active {
			e, err := net.Explain(x, MacID{Level: lv, Grid: gi, Mac: m})
			if err != nil {
				t.Fatal(err)
			}
			if e.Active != lt.Active[m] {
				t.Fatalf("level %d mac %d: Explain active %v, Recall %v", lv, m, e.Active, lt.Active[m])
			}
			if !e.Active {
				continue
			}
			checked++
			if math.Abs(e.G-lt.G[m]) > 1e-9 {
				t.Errorf("level %d mac %d: G %v vs %v", lv, m, e.G, lt.G[m])
			}
			for q, w := range lt.Code(m) {
				if e.Winners[q] != int(w) {
					t.Errorf("level %d mac %d CM %d: winner %d vs %d", lv, m, q, e.Winners[q], w)
				}
			}
			for q := 0; q < e.Q; q++ {
				s := 0.0
				for j := 0; j < e.K; j++ {
					s += e.Rho[q*e.K+j]
				}
				if math.Abs(s-1) > 1e-9 {
					t.Fatalf("ρ of CM %d sums to %v", q, s)
				}
			}
		}
	}
	return checked
}

// The G override shows familiarity controlling noise: at G ≤ G⁻ ρ is uniform;
// at G = 1 the max-V cell takes nearly all the probability.
func TestExplainWithG(t *testing.T) {
	net := oneMac(t, 64, 4, 8, func(l *GridConfig) { l.Center = 0.9 })
	x := RandomSDR(rand.New(rand.NewPCG(2, 2)), 64, 12)
	net.Learn(x, -1)
	e, err := net.Explain(x, MacID{Level: 1})
	if err != nil {
		t.Fatal(err)
	}
	low, high := e.WithG(0.05), e.WithG(1)
	for q := 0; q < e.Q; q++ {
		for j := 0; j < e.K; j++ {
			if math.Abs(low.Rho[q*e.K+j]-1.0/8) > 1e-12 {
				t.Fatalf("G ≤ G⁻: ρ = %v, want 1/8", low.Rho[q*e.K+j])
			}
		}
		if p := high.Rho[q*e.K+e.Winners[q]]; p < 0.97 {
			t.Errorf("G = 1: ρ of the max-V cell = %.3f, want ≥ 0.97", p)
		}
	}
	if _, err := net.Explain(x, MacID{Level: 2}); !errors.Is(err, ErrExplain) {
		t.Errorf("level 2 of a one-level network: %v", err)
	}
}

// With per-cell critical periods, Explain's ρ is the learning draw's: over
// the cells that may still learn (a CM's youngest and its unchosen cells),
// zero elsewhere, one per CM.
func TestExplainLearnable(t *testing.T) {
	net := oneMac(t, 64, 3, 8, func(l *GridConfig) {
		l.CellPeriods, l.TieBreak, l.FreezeBundle = true, TieOldest, 1
	})
	rng := rand.New(rand.NewPCG(9, 9))
	for range 4 {
		net.Learn(RandomSDR(rng, 64, 8), -1)
	}
	e, err := net.Explain(RandomSDR(rng, 64, 8), MacID{Level: 1})
	if err != nil {
		t.Fatal(err)
	}
	mc := &net.levels[0][0].macs[0]
	for q := range e.Q {
		sum, learnable := 0.0, 0
		for j := range e.K {
			i := q*e.K + j
			want := mc.born[i] == 0 || j == int(mc.youngest[q])
			if e.Learnable[i] != want {
				t.Errorf("CM %d cell %d: learnable %v, want %v", q, j, e.Learnable[i], want)
			}
			if !e.Learnable[i] && e.Rho[i] != 0 {
				t.Errorf("CM %d cell %d: ρ %v for a cell that no longer learns", q, j, e.Rho[i])
			}
			if e.Learnable[i] {
				learnable++
			}
			sum += e.Rho[i]
		}
		if math.Abs(sum-1) > 1e-12 || learnable == e.K {
			t.Errorf("CM %d: ρ sums to %v over %d learnable cells of %d", q, sum, learnable, e.K)
		}
	}
}
