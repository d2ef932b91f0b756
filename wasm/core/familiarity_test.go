package core

import (
	"image"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

func TestFamiliarityWords(t *testing.T) {
	lo1, lo2 := NewBelow[0]-0.005, NewBelow[1]-0.01 // just under each level's threshold
	for _, tc := range []struct {
		g     []float64
		words string
		low   []bool
	}{
		{nil, "", nil},
		{[]float64{0.999, 0.80, 0.995}, WordsSeen, []bool{false, false, false}},
		{[]float64{0.999, 0.80, 0.92}, WordsKnown, []bool{false, false, false}},
		{[]float64{lo1, 0.80, 0.93}, WordsNew, []bool{true, false, false}},
		{[]float64{0.99, lo2, 0.93}, WordsNew, []bool{false, true, false}},
		{[]float64{lo1, lo2, 1}, WordsSeen, []bool{true, true, false}}, // the top level knows the item
		{[]float64{0.5}, WordsKnown, []bool{false}},                    // one level: the top only
		{[]float64{0.1, 0.1, 0.1, 0.1}, WordsNew, []bool{true, true, false, false}},
	} {
		f := Familiarity(Measured[0].Network, tc.g)
		if tc.low != nil {
			tc.low = tc.low[:len(tc.low)-1] // the levels below the top
		}
		if f.Words() != tc.words || !slices.Equal(f.Low, tc.low) || (f.Why == "") != (tc.words == "") {
			t.Errorf("Familiarity(%v) = %q %v (%s), want %q %v", tc.g, f.Words(), f.Low, f.Why, tc.words, tc.low)
		}
		if len(tc.g) > 0 && (f.Value != tc.g[len(tc.g)-1] || f.SeenAt != SeenBefore) {
			t.Errorf("Familiarity(%v): the bar shows %v (mark at %v), want the top level's G", tc.g, f.Value, f.SeenAt)
		}
		if other := Familiarity("another network", tc.g); other.Kind != f.Kind || (f.Why != "" && !strings.Contains(other.Why, "another network")) {
			t.Errorf("a network never measured: %+v", other)
		}
	}
}

// unitRect gives, for every unit Encode sets for an ink pixel, a block of
// pixels that holds it.
func TestUnitRect(t *testing.T) {
	for _, g := range []struct {
		name string
		grid func() (int, int)
	}{{"edge", func() (int, int) { return mnist.EdgeGrid.W, mnist.EdgeGrid.H }},
		{"pyramid", func() (int, int) { return mnist.PyramidGrid.W, mnist.PyramidGrid.H }},
		{"plain", func() (int, int) { return mnist.PlainGrid.W, mnist.PlainGrid.H }}} {
		w, h := g.grid()
		grid := mnist.EdgeGrid
		switch g.name {
		case "pyramid":
			grid = mnist.PyramidGrid
		case "plain":
			grid = mnist.PlainGrid
		}
		if grid.W != w || grid.H != h {
			t.Fatal("grid")
		}
		for _, p := range []image.Point{{0, 0}, {5, 9}, {13, 14}, {26, 27}, {27, 3}} {
			var b mnist.Bitmap
			b.Set(p.X, p.Y, true)
			b.Set(p.X^1, p.Y, true) // a neighbour: orientation units
			in, err := mnist.Encode(b, grid)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range in.AppendIndices(nil) {
				r := unitRect(grid, u)
				if !p.In(r) && !image.Pt(p.X^1, p.Y).In(r) {
					t.Errorf("%s: unit %d (%d, %d) of pixel %v stands for %v", g.name, u, u%grid.W, u/grid.W, p, r)
				}
			}
		}
	}
	if r := unitRect(mnist.EdgeGrid, -1); !r.Empty() {
		t.Errorf("unit −1: %v", r)
	}
}

// The pad's drawing maps onto the input where preprocessing put it: a
// small drawing in a corner of the pad fills the input's centre.
func TestPadMap(t *testing.T) {
	enc, err := NewEncoder(mnist.EdgeGrid)
	if err != nil {
		t.Fatal(err)
	}
	var p pad.Pad
	p.SetStrokes([]pad.Stroke{line(0.1, 0.1, 0.1, 0.4), line(0.1, 0.4, 0.3, 0.4)}) // an L in the top-left corner
	bm, _, err := enc.Pad(&p)
	if err != nil {
		t.Fatal(err)
	}
	m := enc.placement(&p)
	if !m.ok {
		t.Fatal("no placement")
	}
	// The stroke's corner (0.1, 0.4) of the pad, and its ends.
	for _, q := range []pad.Point{{X: 0.1, Y: 0.4}, {X: 0.1, Y: 0.1}, {X: 0.3, Y: 0.4}} {
		x, y := m.toInput(q)
		near := false
		for dy := -2; dy <= 2; dy++ {
			for dx := -2; dx <= 2; dx++ {
				near = near || bm.At(int(x)+dx, int(y)+dy)
			}
		}
		if !near {
			t.Errorf("pad point %v maps to input (%.1f, %.1f), no ink within 2 pixels", q, x, y)
		}
		if back := m.toPad(x, y); math.Abs(back.X-q.X) > 1e-9 || math.Abs(back.Y-q.Y) > 1e-9 {
			t.Errorf("toPad(toInput(%v)) = %v", q, back)
		}
	}
	// Without a drawing, the pad is the input.
	var none padMap
	if x, y := none.toInput(pad.Point{X: 0.5, Y: 1}); x != 14 || y != 28 {
		t.Errorf("empty pad: (%v, %v)", x, y)
	}
}

// TestEpisodic: a drawing learned on the page and drawn again with the same
// strokes is seen before, as that stored item; another drawing of the same
// digit is less familiar.
func TestEpisodic(t *testing.T) {
	a := trained(t, "train=300", digits(t, 300, 9), nil, newClock(time.Millisecond), nil)
	seven := []pad.Stroke{line(0.3, 0.2, 0.7, 0.22), line(0.7, 0.22, 0.45, 0.85), line(0.4, 0.52, 0.66, 0.5)}
	draw(t, a, seven...)
	before := a.State()
	if _, err := a.Learn("7"); err != nil {
		t.Fatal(err)
	}
	a.Clear()
	draw(t, a, seven...)
	for range 3 {
		a.Tick()
	}
	st := a.State()
	t.Logf("before learning: G %.3f %v %q; after: G %.3f %v %q, nearest %+v", before.Familiarity, before.LevelFamiliarity,
		before.FamiliarityWords, st.Familiarity, st.LevelFamiliarity, st.FamiliarityWords, st.Nearest)
	if st.Familiarity < SeenBefore || st.FamiliarityWords != WordsSeen || before.Familiarity >= st.Familiarity {
		t.Errorf("drawn again: G %.3f %q (before learning %.3f)", st.Familiarity, st.FamiliarityWords, before.Familiarity)
	}
	if n := st.Nearest; n == nil || n.Item != st.Items-1 || !n.Taught || n.Label != 7 || n.Agree != 1 || n.Record != -1 {
		t.Errorf("nearest %+v, want the taught item %d", n, st.Items-1)
	}
	if st.ReconLevel != 3 || st.ReconVersion != st.PadVersion || len(st.LevelFamiliarity) != 3 {
		t.Errorf("reconstruction of level %d for version %v (pad %v)", st.ReconLevel, st.ReconVersion, st.PadVersion)
	}
	if txt := a.RecallText(); !strings.Contains(txt, "Recalled: 7") || !strings.Contains(txt, WordsSeen) {
		t.Errorf("recall text %q", txt)
	}
	// Another 7.
	a.Clear()
	draw(t, a, line(0.25, 0.15, 0.75, 0.15), line(0.75, 0.15, 0.35, 0.9))
	if other := a.State(); other.Familiarity >= st.Familiarity || other.FamiliarityWords == WordsSeen && other.Familiarity < SeenBefore {
		t.Errorf("another 7: G %.3f %q", other.Familiarity, other.FamiliarityWords)
	}
}

// TestReadoutChoice: naive Bayes and the class-node field score the same
// recall as the default softmax readout does, each with its own calibrated
// scores; the address chooses them too.
func TestReadoutChoice(t *testing.T) {
	a := trained(t, "train=300", digits(t, 300, 10), nil, newClock(time.Millisecond), nil)
	draw(t, a, shapes[3]...)
	sm := a.State()
	if sm.Readout != "softmax" {
		t.Fatalf("default readout %q", sm.Readout)
	}
	var nb State
	for _, name := range []string{"naive-bayes", "class-nodes"} {
		if !a.SetReadout(name) || a.SetReadout("bayes") {
			t.Fatal("SetReadout")
		}
		a.Frame(800, 600)
		a.Tick()
		cn := a.State()
		sum := 0.0
		for _, x := range cn.Scores {
			sum += x
		}
		if cn.Readout != name || math.Abs(sum-1) > 1e-6 || slices.Equal(cn.Scores, sm.Scores) ||
			cn.Familiarity != sm.Familiarity || cn.RecalledVersion != cn.PadVersion {
			t.Errorf("softmax %v, %s %v (sum %v)", sm.Scores[:10], cn.Readout, cn.Scores[:10], sum)
		}
		if name == "naive-bayes" {
			nb = cn
		} else if slices.Equal(cn.Scores, nb.Scores) {
			t.Error("the class-node field scores as naive Bayes")
		}
	}
	b := New(Options{Query: "readout=class-nodes"})
	if b.Readout() != "class-nodes" {
		t.Errorf("readout from the address: %q", b.Readout())
	}
}

// TestMeasuredNetwork: the familiarity thresholds were measured on the
// default scene's network. When the preset changes, this fails: measure
// again (TestFamiliarityThresholds -v) and record the new network's ID
// with the thresholds.
func TestMeasuredNetwork(t *testing.T) {
	p, err := ParseParams("")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := p.Config()
	if err != nil {
		t.Fatal(err)
	}
	if id := cfg.Fingerprint(); id != Measured[0].Network || Measured[0].Preset != "mnist" {
		t.Errorf("the default scene's network is %s; the thresholds were measured on %s (%s): measure them again",
			id, Measured[0].Network, Measured[0].Preset)
	}
	other, _ := ParseParams("seed=2")
	cfg2, _ := other.Config()
	if cfg2.Fingerprint() == cfg.Fingerprint() {
		t.Error("two seeds, one fingerprint")
	}
}
