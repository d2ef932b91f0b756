//go:build !js

package e2e

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

// redrawn is a visitor's second drawing of strokes: every point moved by
// up to jit pad pixels (uniformly in a disc) and the whole moved by shift
// of the pad's side in a random direction (r: the pad's rectangle).
func redrawn(rng *rand.Rand, strokes [][]pt, r Rect, jit, shift float64) [][]pt {
	a := 2 * math.Pi * rng.Float64()
	dx, dy := shift*math.Cos(a), shift*math.Sin(a)
	var out [][]pt
	for _, s := range strokes {
		var o []pt
		for _, q := range s {
			d, b := jit*math.Sqrt(rng.Float64()), 2*math.Pi*rng.Float64()
			o = append(o, pt{q.X + dx + d*math.Cos(b)/r.Width, q.Y + dy + d*math.Sin(b)/r.Height})
		}
		out = append(out, o)
	}
	return out
}

// TestTaughtRedrawn is the episodic demo as a visitor tries it: after the
// page has learned 10,000 digits, teach it ten drawings (a digit each,
// with "learn this as"), then draw each again by hand: every point moved
// by up to 3 pad pixels and the whole moved by 2% of the pad. The issue's
// floor: the nearest stored item (state().nearest) is the taught drawing
// in at least 7 of the 10. Not met today (see BENCHMARKS.md, "Recognising
// a drawing taught"): the test measures and logs always, and fails on the
// floor only with SPARSEY_E2E_FLOORS=1, so that make test stays a check of
// what holds. A taught drawing drawn again with the same strokes must be
// its own nearest item, seen before, every time.
func TestTaughtRedrawn(t *testing.T) {
	const n = 10000
	p := newBrowser(t, "")
	p.open(800, 600, fmt.Sprintf("?train=%d", n))
	p.waitFor(fmt.Sprintf(`s.phase === "ready" && s.trained >= %d`, n), trainTimeout(n))
	r := p.padRect()
	rng := rand.New(rand.NewPCG(19, 19))
	var taught []int
	var drawings [][][]pt
	for d, shape := range digitShapes() {
		first := redrawn(rng, shape, r, 0, 0.02) // the visitor's own drawing
		before := p.drawAll(first...)
		eval[any](p, fmt.Sprintf(`sparsey.learn("%d"), null`, d))
		p.waitFor(fmt.Sprintf(`s.items === %d && s.recalledVersion === s.padVersion`, before.Items+1), 20*time.Second)
		taught = append(taught, before.Items)
		drawings = append(drawings, first)
	}
	same, hits := 0, 0
	for d, first := range drawings {
		again := p.drawAll(first...)
		if n := again.Nearest; n != nil && n.Taught && n.Item == taught[d] && again.FamiliarityWords == "seen before" {
			same++
		} else {
			t.Errorf("drawing %d drawn again with the same strokes: G %.3f %q, nearest %+v; want item %d, seen before",
				d, again.Familiarity, again.FamiliarityWords, n, taught[d])
		}
		s := p.drawAll(redrawn(rng, first, r, 3, 0.02)...)
		ok := s.Nearest != nil && s.Nearest.Taught && s.Nearest.Item == taught[d]
		if ok {
			hits++
		}
		nearest := "none"
		if n := s.Nearest; n != nil {
			nearest = fmt.Sprintf("item %d (%s, taught %v, %.0f%% of CMs)", n.Item, n.LabelName, n.Taught, 100*n.Agree)
		}
		t.Logf("drawing %d (taught as item %d) redrawn: G %.3f %q, recalled %s, nearest %s", d, taught[d], s.Familiarity, s.FamiliarityWords, label(s.State), nearest)
	}
	t.Logf("drawn again with the same strokes: %d of 10 their own nearest item; redrawn by hand: %d of 10 (floor 7)", same, hits)
	if hits < 7 {
		msg := fmt.Sprintf("the nearest stored item is the taught drawing for %d of 10 redrawings, floor 7", hits)
		if os.Getenv("SPARSEY_E2E_FLOORS") == "1" {
			t.Error(msg)
		} else {
			t.Log("floor not met (SPARSEY_E2E_FLOORS=1 fails on it): " + msg)
		}
	}
}
