package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestDetMathMatchesMath(t *testing.T) {
	for _, x := range []float64{-700, -50, -5.6, -1, -0.3, 0, 1e-9, 0.3, 1, 5.6, 50, 300} {
		got, want := detExp(x), math.Exp(x)
		if want != 0 && math.Abs(got-want)/want > 1e-14 {
			t.Errorf("detExp(%v) = %v, want %v", x, got, want)
		}
	}
	for _, x := range []float64{1e-300, 1e-9, 0.1, 0.5, 0.7071, 1, 2, 10, 1e9} {
		got, want := detLog(x), math.Log(x)
		if math.Abs(got-want) > 1e-13*math.Max(1, math.Abs(want)) {
			t.Errorf("detLog(%v) = %v, want %v", x, got, want)
		}
	}
	for _, c := range []struct{ x, y float64 }{{0.5, 2}, {0.5, 2.5}, {0.9, 10}, {0, 3}, {0.3, 0.5}} {
		got, want := detPow(c.x, c.y), math.Pow(c.x, c.y)
		if math.Abs(got-want) > 1e-13 {
			t.Errorf("detPow(%v,%v) = %v, want %v", c.x, c.y, got, want)
		}
	}
}

func TestEta(t *testing.T) {
	tests := []struct {
		name string
		g    float64
		want float64
	}{
		{"below floor is 1", 0.05, 1},
		{"at floor is 1", 0.1, 1},
		{"G = 1 gives 1 + chi*K", 1, 1 + 100*8},
		{"midway", 0.55, 1 + 100*8*0.25},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := eta(tc.g, 0.1, 2, 100, 8)
			if math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("eta(%v) = %v, want %v", tc.g, got, tc.want)
			}
		})
	}
}

func TestSigmoidTableAndMu(t *testing.T) {
	tab := sigTable(28)
	tests := []struct {
		name string
		v, c float64
		want float64
	}{
		{"at centre", 0.5, 0.5, 0.5},
		{"far above", 1, 0.5, 1 / (1 + math.Exp(-14))},
		{"far below", 0, 0.5, 1 / (1 + math.Exp(14))},
		{"0.3 below 0.5", 0.3, 0.5, 1 / (1 + math.Exp(28*0.2))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tab[sigIndex(fixed(tc.v), fixed(tc.c))]
			if math.Abs(got-tc.want) > 2e-3 {
				t.Errorf("σ = %v, want %v", got, tc.want)
			}
		})
	}
	// μ has the floor of 1 (pitfall P1): with η = 1 every cell gets μ = 1.
	for _, s := range []float64{0, 0.3, 1} {
		if got := mu(1, s); got != 1 {
			t.Errorf("mu(η=1, σ=%v) = %v, want 1", s, got)
		}
	}
	if got := mu(801, 0); got != 1 {
		t.Errorf("mu(801, 0) = %v, want the floor 1", got)
	}
}

func TestRatioAndPow(t *testing.T) {
	tests := []struct{ a, b int }{{0, 5}, {5, 5}, {1, 3}, {2, 3}, {37, 64}}
	for _, tc := range tests {
		got := float64(ratioQ16(tc.a, tc.b)) / vOne
		if math.Abs(got-float64(tc.a)/float64(tc.b)) > 1.0/vOne {
			t.Errorf("ratioQ16(%d,%d) = %v", tc.a, tc.b, got)
		}
	}
	p := powTable(2)
	if got := float64(applyPow(fixed(0.5), p)) / vOne; math.Abs(got-0.25) > 1e-3 {
		t.Errorf("0.5^2 = %v", got)
	}
	if applyPow(12345, nil) != 12345 {
		t.Error("exponent 1 must be the identity")
	}
}

// oneMac is a one-level, one-mac network over an n-unit input line.
func oneMac(t testing.TB, n, q, k int, mod func(*GridConfig)) *Network {
	t.Helper()
	gc := GridConfig{Macs: Grid{1, 1}, Fields: []Field{{RF: Grid{n, 1}}}, Q: q, K: k, HRadius: NoH}
	if mod != nil {
		mod(&gc)
	}
	net, err := New(Config{Seed: 7, Input: Grid{n, 1}, Levels: []LevelConfig{{Grids: []GridConfig{gc}}}})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// G ≤ G⁻ gives a uniform choice: with empty weights every draw is uniform.
func TestLowGUniformChoice(t *testing.T) {
	const k, q, trials = 8, 16, 400
	counts := make([]int, k)
	rng := rand.New(rand.NewPCG(1, 2))
	for range trials {
		net := oneMac(t, 64, q, k, nil)
		net.cfg.Seed = rng.Uint64() // another draw stream per trial
		tr, err := net.Learn(RandomSDR(rng, 64, 10), -1)
		if err != nil {
			t.Fatal(err)
		}
		if g := tr.Levels[0].Grids[0].G[0]; g != 0 {
			t.Fatalf("G of an empty mac = %v, want 0", g)
		}
		for _, w := range tr.Levels[0].Grids[0].Code(0) {
			counts[w]++
		}
	}
	// χ² against uniform, k−1 = 7 degrees of freedom: 99.9% quantile 24.3.
	exp := float64(trials*q) / k
	chi := 0.0
	for _, c := range counts {
		chi += (float64(c) - exp) * (float64(c) - exp) / exp
	}
	if chi > 24.3 {
		t.Errorf("winner counts %v are not uniform (χ² = %.1f)", counts, chi)
	}
}

// G = 1 with a steep sigmoid reactivates the stored code with probability
// ≥ 0.97 per CM, in learning mode (the draw), not only in recall.
func TestHighGReactivatesStoredCode(t *testing.T) {
	const q, k = 8, 8
	rng := rand.New(rand.NewPCG(5, 6))
	agree, total := 0, 0
	for trial := range 200 {
		// MaxVAtG 2: always draw, so this tests the CSA's ρ itself.
		net := oneMac(t, 64, q, k, func(l *GridConfig) { l.MaxVAtG, l.DrawFullMatch = 2, true })
		x := RandomSDR(rng, 64, 12)
		first, _ := net.Learn(x, -1)
		net.cfg.Seed = uint64(trial) // another draw stream per trial
		again, _ := net.Learn(x, -1)
		if g := again.Levels[0].Grids[0].G[0]; g < 0.999 {
			t.Fatalf("G of a stored item = %v, want 1", g)
		}
		a, tot := first.Overlap(&again, 1)
		agree += a
		total += tot
	}
	if p := float64(agree) / float64(total); p < 0.97 {
		t.Errorf("reactivation probability per CM = %.3f, want ≥ 0.97", p)
	}
}

// Normalisation omits a signal type with no active afferents: on the first
// frame (no H input) V comes from U alone, and G of a stored item is 1.
func TestMissingHIsOmitted(t *testing.T) {
	net := oneMac(t, 64, 4, 8, func(l *GridConfig) { l.HRadius = 0 })
	rng := rand.New(rand.NewPCG(1, 1))
	a, b := RandomSDR(rng, 64, 10), RandomSDR(rng, 64, 10)
	net.Reset()
	if _, err := net.Step(a, true, -1); err != nil {
		t.Fatal(err)
	}
	if _, err := net.Step(b, true, -1); err != nil {
		t.Fatal(err)
	}
	net.Reset()
	tr, _ := net.Step(a, false, -1)
	if tr.G < 0.999 {
		t.Errorf("first frame G = %v: the missing H factor must count as 1, not 0", tr.G)
	}
	tr, _ = net.Step(b, false, -1)
	if tr.G < 0.999 {
		t.Errorf("second frame G = %v, want 1 (U and H both match)", tr.G)
	}
}

func TestPiBandSilencesMac(t *testing.T) {
	tests := []struct {
		name   string
		active int
		want   bool
	}{
		{"below band", 2, false},
		{"at min", 3, true},
		{"at max", 10, true},
		{"above band", 11, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			net := oneMac(t, 64, 4, 8, func(l *GridConfig) { l.PiMin, l.PiMax = 3, 10 })
			in := RandomSDR(rand.New(rand.NewPCG(1, 2)), 64, tc.active)
			tr, err := net.Learn(in, -1)
			if err != nil {
				t.Fatal(err)
			}
			if got := tr.Levels[0].Grids[0].Active[0]; got != tc.want {
				t.Errorf("active = %v, want %v", got, tc.want)
			}
			if !tc.want && net.Stats(1, 0)[0].WeightsSet != 0 {
				t.Error("a silent mac learned")
			}
		})
	}
}

func TestMacFreezesAndKeepsRecallCodes(t *testing.T) {
	net := oneMac(t, 64, 4, 8, func(l *GridConfig) { l.FreezeMac = 0.05 })
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		if _, err := net.Learn(RandomSDR(rng, 64, 8), -1); err != nil {
			t.Fatal(err)
		}
	}
	st := net.Stats(1, 0)[0]
	if !st.Frozen {
		t.Fatalf("mac not frozen at saturation %.3f", st.Saturation)
	}
	before := st.WeightsSet
	x := RandomSDR(rng, 64, 8)
	learned, _ := net.Learn(x, -1)
	recalled, _ := net.Recall(x)
	if net.Stats(1, 0)[0].WeightsSet != before {
		t.Error("a frozen mac changed its weights")
	}
	if !learned.SameCodes(&recalled) {
		t.Error("a frozen mac's learning code differs from its recall code (FrozenMaxV)")
	}
}

func TestCenterRatchet(t *testing.T) {
	net := oneMac(t, 64, 4, 8, func(l *GridConfig) { l.Center, l.CenterMax, l.RatchetV = 0.5, 0.9, 0.05 })
	rng := rand.New(rand.NewPCG(3, 4))
	c0 := net.Stats(1, 0)[0].Center
	for range 100 {
		net.Learn(RandomSDR(rng, 64, 20), -1)
	}
	c1 := net.Stats(1, 0)[0].Center
	if !(c1 > c0 && c1 <= 0.9+1e-9) {
		t.Errorf("centre went from %v to %v; want a rise capped at 0.9", c0, c1)
	}
}
