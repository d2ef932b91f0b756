//go:build !js

package core

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/internal/gomnist/gomnisttest"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/recall"
	"github.com/sparsey-web/sparsey/wasm/teach"
)

// Shapes unlike digits, in pad coordinates.

func spiral(turns float64, n int) pad.Stroke {
	var s pad.Stroke
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		a := 2 * math.Pi * turns * f
		r := 0.05 + 0.35*f
		s = append(s, pad.Point{X: 0.5 + r*math.Cos(a), Y: 0.5 + r*math.Sin(a)})
	}
	return s
}

// hashGrid is a "#": two vertical and two horizontal crossing strokes.
func hashGrid() []pad.Stroke {
	return []pad.Stroke{line(0.35, 0.15, 0.35, 0.85), line(0.65, 0.15, 0.65, 0.85),
		line(0.15, 0.35, 0.85, 0.35), line(0.15, 0.65, 0.85, 0.65)}
}

// scribble is three random pen walks with turns of up to ±60° a step.
func scribble(rng *rand.Rand) []pad.Stroke {
	var out []pad.Stroke
	for range 3 {
		x, y := 0.2+0.6*rng.Float64(), 0.2+0.6*rng.Float64()
		a := rng.Float64() * 2 * math.Pi
		var s pad.Stroke
		for range 25 {
			a += (rng.Float64()*2 - 1) * math.Pi / 3
			nx, ny := x+0.03*math.Cos(a), y+0.03*math.Sin(a)
			if nx < 0.1 || nx > 0.9 || ny < 0.1 || ny > 0.9 {
				a += math.Pi
				continue
			}
			x, y = nx, ny
			s = append(s, pad.Point{X: x, Y: y})
		}
		out = append(out, s)
	}
	return out
}

// gSet is the G of every level for a set of inputs.
type gSet struct {
	name string
	g    [][]float64 // per level, per input
}

func (s gSet) top() []float64 { return s.g[len(s.g)-1] }

func quantile(v []float64, p float64) float64 {
	s := slices.Sorted(slices.Values(v))
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func meanOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m += x
	}
	return m / float64(len(v))
}

func fracOf(n int, f func(i int) bool) float64 {
	k := 0
	for i := range n {
		if f(i) {
			k++
		}
	}
	return float64(k) / float64(n)
}

// TestFamiliarityThresholds measures, on the page's default network after
// learning its DefaultTrain MNIST digits through the App, the familiarity
// G of every level for stored digits, unseen test digits, digits drawn on
// a pad and shapes unlike digits, and checks that the words of
// familiarity.go do what it says. The thresholds come from a calibration
// set (unseen test digits 0–1,999, drawings from one random stream); the
// claims are checked on held-out sets (test digits 2,000–3,999, drawings
// from another stream), so the test does not check a measured value
// against itself. Run with -v for the table and the rule's values.
func TestFamiliarityThresholds(t *testing.T) {
	if testing.Short() {
		t.Skip("learns 10,000 MNIST digits (-short)")
	}
	train, test := gomnisttest.Load(t)
	a := trained(t, "", train, test, newClock(time.Millisecond), nil)
	net, enc := a.Net(), a.enc
	if a.mem.NextTrain != DefaultTrain {
		t.Fatalf("learned %d digits", a.mem.NextTrain)
	}
	levels := net.Levels()
	measure := func(name string, ins []*engine.SDR) gSet {
		s := gSet{name: name, g: make([][]float64, levels)}
		for _, in := range ins {
			tr, err := net.Recall(in)
			if err != nil {
				t.Fatal(err)
			}
			for l := range levels {
				s.g[l] = append(s.g[l], tr.Levels[l].G)
			}
		}
		return s
	}
	mnistInputs := func(src Source, from, n int) []*engine.SDR {
		var out []*engine.SDR
		for i := from; i < from+n; i++ {
			if _, in, err := enc.Image(src.Image(i), src.Width(), src.Height()); err == nil {
				out = append(out, in)
			}
		}
		return out
	}
	p := pad.Pad{Grid: pad.LinkGrid} // as the page's
	drawn := func(n int, strokes func(i int) []pad.Stroke) []*engine.SDR {
		var out []*engine.SDR
		for i := range n {
			p.SetStrokes(strokes(i))
			if _, in, err := enc.Pad(&p); err == nil {
				out = append(out, in)
			}
		}
		return out
	}
	type drawnSets struct{ digits, spirals, grids, scribbles gSet }
	drawShapes := func(rng *rand.Rand, tag string) drawnSets {
		return drawnSets{
			digits:    measure("500 digits drawn"+tag, drawn(500, func(i int) []pad.Stroke { return jitter(rng, shapes[i%10]) })),
			spirals:   measure("100 spirals drawn"+tag, drawn(100, func(int) []pad.Stroke { return jitter(rng, []pad.Stroke{spiral(2+rng.Float64(), 60)}) })),
			grids:     measure(`100 "#" grids drawn`+tag, drawn(100, func(int) []pad.Stroke { return jitter(rng, hashGrid()) })),
			scribbles: measure("100 scribbles drawn"+tag, drawn(100, func(int) []pad.Stroke { return scribble(rng) })),
		}
	}
	// Calibration: where the thresholds come from.
	calUnseen := measure("unseen test digits 0–1,999", mnistInputs(test, 0, 2000))
	cal := drawShapes(rand.New(rand.NewPCG(5, 5)), " (calibration)")
	rule := []float64{(quantile(cal.digits.g[0], 0.025) + quantile(cal.spirals.g[0], 0.5)) / 2, quantile(calUnseen.g[1], 0.025)}
	t.Logf("the rule on the calibration sets: level 1 %.4f (halfway between drawn digits' 2.5th percentile and spirals' median), level 2 %.4f (unseen digits' 2.5th percentile); NewBelow %v",
		rule[0], rule[1], NewBelow)
	// Held out: where the claims are checked.
	last := measure("last 1,000 digits stored", mnistInputs(train, DefaultTrain-1000, 1000))
	first := measure("first 1,000 digits stored", mnistInputs(train, 0, 1000))
	unseen := measure("unseen test digits 2,000–3,999", mnistInputs(test, 2000, 2000))
	held := drawShapes(rand.New(rand.NewPCG(6, 6)), "")
	digitsDrawn, spirals, grids, scribbles := held.digits, held.spirals, held.grids, held.scribbles
	sets := []gSet{last, first, unseen, digitsDrawn, spirals, grids, scribbles}

	isNew := func(s gSet, i int) bool {
		g := make([]float64, levels)
		for l := range levels {
			g[l] = s.g[l][i]
		}
		return Familiarity(a.fp, g).Kind == recall.New
	}
	for _, s := range sets {
		n := len(s.top())
		line := fmt.Sprintf("%-26s", s.name)
		for l := range levels {
			line += fmt.Sprintf("  level %d G p2.5 %.4f p5 %.4f median %.4f mean %.4f", l+1,
				quantile(s.g[l], 0.025), quantile(s.g[l], 0.05), quantile(s.g[l], 0.5), meanOf(s.g[l]))
		}
		t.Log(line)
		t.Logf("%-26s  top G ≥ %.2f: %5.1f%%   %q: %5.1f%%", s.name, SeenBefore,
			100*fracOf(n, func(i int) bool { return s.top()[i] >= SeenBefore }), WordsNew, 100*fracOf(n, func(i int) bool { return isNew(s, i) }))
	}
	for l := range levels {
		t.Logf("AUROC of level %d's G: stored (last) vs unseen %.3f; drawn digits vs spirals %.3f, vs # grids %.3f, vs scribbles %.3f",
			l+1, teach.AUROC(last.g[l], unseen.g[l]), teach.AUROC(digitsDrawn.g[l], spirals.g[l]),
			teach.AUROC(digitsDrawn.g[l], grids.g[l]), teach.AUROC(digitsDrawn.g[l], scribbles.g[l]))
	}
	seen := func(s gSet) float64 {
		return fracOf(len(s.top()), func(i int) bool { return s.top()[i] >= SeenBefore })
	}
	newTo := func(s gSet) float64 { return fracOf(len(s.top()), func(i int) bool { return isNew(s, i) }) }
	for _, c := range []struct {
		what string
		ok   bool
	}{
		{"most recent stored digits are seen before (≥ 95%)", seen(last) >= 0.95},
		{"the first digits stored are seen before as often (≥ 95%)", seen(first) >= 0.95},
		{"few unseen digits are seen before (≤ 8%)", seen(unseen) <= 0.08},
		{"few unseen digits are new (≤ 8%)", newTo(unseen) <= 0.08},
		{"few drawn digits are new (≤ 5%)", newTo(digitsDrawn) <= 0.05},
		{"most spirals are new (≥ 60%)", newTo(spirals) >= 0.6},
		{"most # grids are new (≥ 90%)", newTo(grids) >= 0.9},
		{"# grids get a lower top-level G than drawn digits", meanOf(grids.top()) < meanOf(digitsDrawn.top())},
		{"spirals get a lower level-1 G than drawn digits", meanOf(spirals.g[0]) < meanOf(digitsDrawn.g[0])},
	} {
		if !c.ok {
			t.Errorf("not so: %s", c.what)
		}
	}
}
