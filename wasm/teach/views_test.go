package teach

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// fakeClock advances by step at every reading.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Unix(0, 0)
	return func() time.Time { t = t.Add(step); return t }
}

// bars are noisy vertical (class 0) and horizontal (class 1) bars.
func bars(rng *rand.Rand, n int) ([]mnist.Bitmap, []int) {
	var bms []mnist.Bitmap
	var labels []int
	for i := range n {
		var b mnist.Bitmap
		c := i % 2
		off := rng.IntN(5)
		for k := 5; k < 23; k++ {
			if c == 0 {
				b.Set(12+off, k, true)
			} else {
				b.Set(k, 12+off, true)
			}
		}
		bms, labels = append(bms, b), append(labels, c)
	}
	return bms, labels
}

func mnistNet(t *testing.T) (*engine.Network, engine.Grid) {
	t.Helper()
	cfg, err := engine.Preset("mnist")
	if err != nil {
		t.Fatal(err)
	}
	net, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return net, cfg.Input
}

func TestCSA(t *testing.T) {
	net, g := mnistNet(t)
	bms, labels := bars(rand.New(rand.NewPCG(1, 1)), 20)
	for i, b := range bms {
		in, _ := mnist.Encode(b, g)
		if _, err := net.Learn(in, labels[i]); err != nil {
			t.Fatal(err)
		}
	}
	c := NewCSA()
	c.Auto = false // level 1's most active mac, as an address's level=1 asks
	if v, st := c.Show(net, nil); v.Note == "" || st.Mac != nil {
		t.Errorf("no input: note %q mac %v", v.Note, st.Mac)
	}
	in, _ := mnist.Encode(bms[0], g)
	v, st := c.Show(net, in)
	k := engine.MNISTConfig().Levels[0].Grids[0].K
	if st.Mac == nil || !st.Active || v.Mac != *st.Mac || st.K != k || len(v.Rho) != k {
		t.Fatalf("most active mac: %+v", st)
	}
	sum := 0.0
	for _, r := range v.Rho {
		sum += r
	}
	if math.Abs(sum-1) > 1e-9 || st.RhoAtMaxV != v.Rho[st.MaxV] || st.Drawn < 0 || st.Drawn >= k {
		t.Errorf("ρ sums to %v; max-V cell %d", sum, st.MaxV)
	}
	if st.RealG < 0.9 {
		t.Errorf("G of a learned input %v", st.RealG)
	}
	// G = 0: ρ is uniform over the cells a learning draw may choose (on
	// level 1, with its per-cell critical periods, fewer than K).
	c.Override, c.G = true, 0
	_, st0 := c.Show(net, in)
	if st0.Learnable < 1 || st0.Learnable > k || math.Abs(st0.RhoMax-1/float64(st0.Learnable)) > 1e-9 {
		t.Errorf("G = 0: ρ up to %v over %d cells, not uniform", st0.RhoMax, st0.Learnable)
	}
	// A learned input at the top level (every cell may learn there): its
	// mac is familiar, and at G = 1 the max-V cell takes most of the mass.
	c.Level, c.Override = 3, false
	_, st3 := c.Show(net, in)
	if st3.RealG < 0.9 || st3.Learnable != st3.K {
		t.Errorf("top level, a learned input: G %v, %d of %d cells learnable", st3.RealG, st3.Learnable, st3.K)
	}
	c.Override, c.G = true, 1
	_, st1 := c.Show(net, in)
	if !st1.Override || st1.G != 1 || st1.RhoAtMaxV != st1.RhoMax || st1.RhoMax < 5.0/float64(st1.K) {
		t.Errorf("G = 1: %+v", st1)
	}
	c.Level, c.Override = 1, false
	// A silent mac (the top-left corner sees no ink), and a walk.
	c.Mac = 0
	if v, st := c.Show(net, in); st.Active || st.Mac == nil || *st.Mac != 0 || v.Note == "" {
		t.Errorf("silent mac 0: %+v %q", st, v.Note)
	}
	now := time.Unix(0, 0)
	if !c.StartWalk(now) || !c.Walking() {
		t.Fatal("no walk")
	}
	steps := 0
	for c.Walking() {
		now = now.Add(100 * time.Millisecond)
		if c.Step(now, 400*time.Millisecond) {
			steps++
		}
	}
	if active := countTrue(c.active); steps != active || c.Mac != -1 {
		t.Errorf("walk of %d steps over %d active macs, ends at %d", steps, active, c.Mac)
	}

	// A mac of the top level: for the stored input its G is 1 and the
	// max-V cell takes the mass; for an input never stored (a diagonal
	// bar) G is low and ρ nearly uniform, so the draw is random.
	c = NewCSA()
	c.Level, c.Auto = 3, false
	v, st = c.Show(net, in)
	if top := engine.MNISTConfig().Levels[2].Grids[0]; st.Level != 3 || st.Mac == nil || st.K != top.K || len(v.V) != top.K || v.Grid != len(v.Shapes)-1 || len(v.Active) != len(v.Shapes) {
		t.Fatalf("top level: %+v", st)
	}
	if st.RealG < 0.99 || st.RhoAtMaxV != st.RhoMax || st.RhoMax < 0.5 {
		t.Errorf("top level, stored input: G %v, ρ of the max-V cell %v (max %v)", st.RealG, st.RhoAtMaxV, st.RhoMax)
	}
	var diag mnist.Bitmap
	for k := 4; k < 24; k++ {
		diag.Set(k, k, true)
		diag.Set(27-k, k, true)
	}
	novel, _ := mnist.Encode(diag, g)
	_, sn := c.Show(net, novel)
	t.Logf("top level: stored G %.3f ρ max %.3f; new G %.3f ρ %.4f..%.4f", st.RealG, st.RhoMax, sn.RealG, sn.RhoMin, sn.RhoMax)
	if sn.Mac == nil || sn.RealG >= st.RealG || sn.RhoMax > 4.0/256 {
		t.Errorf("top level, new input: G %v, ρ up to %v: not a random draw", sn.RealG, sn.RhoMax)
	}
}

func countTrue(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}

// items are MapItems over bitmaps.
type items struct {
	bms    []mnist.Bitmap
	labels []int
	g      engine.Grid
}

func (it *items) Len() int        { return len(it.bms) }
func (it *items) Label(i int) int { return it.labels[i] }
func (it *items) Input(i int) (mnist.Bitmap, *engine.SDR, bool) {
	in, err := mnist.Encode(it.bms[i], it.g)
	return it.bms[i], in, err == nil
}

func TestMapUpdate(t *testing.T) {
	net, g := mnistNet(t)
	all, labels := bars(rand.New(rand.NewPCG(2, 2)), 40)
	it := &items{g: g}
	m := Map{PerClass: 5}
	now := fakeClock(time.Millisecond)
	if !m.Update(net, it, now, 4*time.Millisecond, time.Second) || m.View().Note == "" {
		t.Fatal("nothing stored: no note")
	}
	for i, b := range all {
		in, _ := mnist.Encode(b, g)
		net.Learn(in, -1) // unsupervised, as the page's map shows
		it.bms, it.labels = append(it.bms, b), append(it.labels, labels[i])
	}
	updates := 0
	for !m.Update(net, it, now, 4*time.Millisecond, time.Second) {
		if updates++; updates > 10000 {
			t.Fatal("the pass does not end")
		}
	}
	if updates < 1000 {
		t.Errorf("a pass began %d updates (ms) after the last: want at least the refresh time, 1 s", updates)
	}
	st := m.State(it.Len())
	if st.Passes != 1 || st.Shown != 10 || !st.UpToDate || *st.Within <= *st.Between {
		t.Errorf("state %+v within %v between %v", st, *st.Within, *st.Between)
	}
	// The top level first, then level 1: at the top every item has its own
	// code (its nearest other item shares less of it than at level 1).
	if len(st.Levels) != 2 || st.Levels[0].Level != 3 || st.Levels[1].Level != 1 || st.Levels[1].Within != *st.Within ||
		st.Levels[0].Nearest >= st.Levels[1].Nearest || len(m.View().Levels) != 2 {
		t.Errorf("levels %+v", st.Levels)
	}
	// Nothing new: no new pass; a new item, after the refresh time, one.
	for range 2000 {
		if m.Update(net, it, now, 4*time.Millisecond, time.Second) {
			t.Fatal("a new pass without new items")
		}
	}
	it.bms, it.labels = append(it.bms, all[0]), append(it.labels, 0)
	if m.State(it.Len()).UpToDate {
		t.Error("up to date with a new item")
	}
	for !m.Update(net, it, now, 4*time.Millisecond, time.Second) {
	}
	if st := m.State(it.Len()); st.Passes != 2 || !st.UpToDate {
		t.Errorf("after a new item: %+v", st)
	}
	m.Reset()
	if st := m.State(it.Len()); st.Passes != 0 || st.Shown != 0 || m.PerClass != 5 {
		t.Errorf("after Reset: %+v", st)
	}
}

func TestCapacityUpdate(t *testing.T) {
	net, g := mnistNet(t)
	bms, _ := bars(rand.New(rand.NewPCG(3, 3)), 25)
	c := Capacity{Bucket: 10, Probe: time.Millisecond, Sample: 5}
	now := fakeClock(50 * time.Microsecond)
	enc := func(b mnist.Bitmap) (*engine.SDR, error) { return mnist.Encode(b, g) }
	// Unseen items: diagonal bars, never learned.
	c.Unseen = func(i int) (*engine.SDR, bool) {
		var b mnist.Bitmap
		for k := 5; k < 23; k++ {
			b.Set(k, (k+i)%28, true)
		}
		in, err := enc(b)
		return in, err == nil
	}
	if !c.Update(net, enc, now, time.Second) || c.View().Note == "" || len(c.State().Points) != 0 {
		t.Fatal("empty: no note")
	}
	for _, b := range bms {
		in, _ := enc(b)
		t0 := now()
		net.Learn(in, -1)
		c.Learned(b, now().Sub(t0))
		c.Update(net, enc, now, 0)
	}
	st := c.State()
	if len(st.Points) != 2 || st.Points[0].Items != 10 || st.Points[1].Items != 20 || c.Len() != 25 {
		t.Fatalf("points %+v", st.Points)
	}
	if p := st.Points[1]; p.LearnMs <= 0 || p.RecallMs <= 0 || p.NNMs <= 0 {
		t.Errorf("point %+v", p)
	}
	if st.Saturation == nil || *st.Saturation <= 0 || *st.Frozen != 0 {
		t.Errorf("saturation %v frozen %v", st.Saturation, st.Frozen)
	}
	if len(st.Episodic) != 2 || st.Episodic[1].Items != 20 {
		t.Fatalf("episodic curve %+v", st.Episodic)
	}
	for _, e := range st.Episodic {
		if e.StoredG <= e.UnseenG || e.AUROC <= 0.5 {
			t.Errorf("episodic point %+v: stored items not more familiar than unseen ones", e)
		}
	}
}

func TestAUROC(t *testing.T) {
	for _, tc := range []struct {
		pos, neg []float64
		want     float64
	}{
		{[]float64{1, 2}, []float64{0}, 1},
		{[]float64{0}, []float64{1, 2}, 0},
		{[]float64{1}, []float64{1}, 0.5},
		{[]float64{1, 3}, []float64{2}, 0.5},
		{nil, []float64{1}, 0},
	} {
		if got := AUROC(tc.pos, tc.neg); got != tc.want {
			t.Errorf("AUROC(%v, %v) = %v, want %v", tc.pos, tc.neg, got, tc.want)
		}
	}
}

func TestSequence(t *testing.T) {
	s := Sequence{Seed: 3}
	line := func(x0, y0, x1, y1 float64) pad.Stroke {
		var st pad.Stroke
		for i := 0; i <= 6; i++ {
			f := float64(i) / 6
			st = append(st, pad.Point{X: x0 + f*(x1-x0), Y: y0 + f*(y1-y0)})
		}
		return st
	}
	seven := []pad.Stroke{line(0.25, 0.2, 0.75, 0.2), line(0.75, 0.2, 0.4, 0.85), line(0.35, 0.5, 0.7, 0.5)}
	if !s.Update(nil, 1) || s.View().Note == "" || s.State().G != nil {
		t.Fatal("nothing learned: no note")
	}
	if s.Update(nil, 1) {
		t.Error("an unchanged drawing is recomputed")
	}
	if err := s.Learn(nil); err == nil {
		t.Error("learned an empty drawing")
	}
	if err := s.Learn(seven); err != nil {
		t.Fatal(err)
	}
	if !s.Update(seven, 2) {
		t.Fatal("no update after learning")
	}
	same := s.State()
	s.Update([]pad.Stroke{seven[2], seven[1], seven[0]}, 3)
	other := s.State()
	if same.Learned != 1 || *same.G < 0.9 || *other.G > *same.G-0.05 || same.Frames != 8 || same.Replay != 5 {
		t.Errorf("same order %+v G %v, other %v", same, *same.G, *other.G)
	}
	if s.Update(nil, 4); s.State().PrevG == nil || s.State().Frames != 8 {
		t.Errorf("empty pad: %+v", s.State())
	}
	s.Refresh()
	if !s.Update(nil, 4) {
		t.Error("Refresh does not recompute")
	}
}
