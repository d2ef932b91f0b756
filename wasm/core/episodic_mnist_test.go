//go:build !js

package core

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/internal/gomnist/gomnisttest"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// redraw is a second drawing of strokes as a hand makes it: every point
// moved by up to jit pad pixels (uniformly in a disc), and the whole moved
// by shift of the pad's side in a random direction; side is the pad's side
// in pixels.
func redraw(rng *rand.Rand, strokes []pad.Stroke, side, jit, shift float64) []pad.Stroke {
	a := 2 * math.Pi * rng.Float64()
	dx, dy := shift*math.Cos(a), shift*math.Sin(a)
	var out []pad.Stroke
	for _, st := range strokes {
		var o pad.Stroke
		for _, p := range st {
			r, b := jit/side*math.Sqrt(rng.Float64()), 2*math.Pi*rng.Float64()
			o = append(o, pad.Point{X: p.X + dx + r*math.Cos(b), Y: p.Y + dy + r*math.Sin(b)})
		}
		out = append(out, o)
	}
	return out
}

// The page's episodic demo on the host, as TestTaughtRedrawn in e2e does
// it in the browser: after the page learned its 10,000 digits, a visitor
// teaches ten drawings (a digit each). Drawn again with the same strokes,
// each is its own nearest stored item and "seen before" (every stored
// item keeps its code and its top-level G of 1: an invariant, so all ten).
// Drawn again by hand (every point moved by up to 3 pad pixels, the whole
// by 2% of the pad), how often is the nearest stored item the taught
// drawing? Logged, with (-v) what the network's input and each level's
// codes would allow; the floor (7 of 10) is the browser test's.
func TestTaughtRedrawnHost(t *testing.T) {
	if testing.Short() {
		t.Skip("learns 10,000 MNIST digits (-short)")
	}
	train, test := gomnisttest.Load(t)
	a := trained(t, "", train, test, newClock(time.Millisecond), nil)
	rng := rand.New(rand.NewPCG(19, 19))
	a.Frame(800, 600)
	side := float64(a.Layout().Pad.Dx())
	var taught []int
	var drawings [][]pad.Stroke
	for d := range 10 {
		first := redraw(rng, shapes[d], side, 0, 0.02) // the visitor's own drawing
		draw(t, a, first...)
		if _, err := a.Learn(strconv.Itoa(d)); err != nil {
			t.Fatal(err)
		}
		taught = append(taught, a.State().Items-1)
		drawings = append(drawings, first)
		a.Clear()
	}
	// How much of each level's code a redrawing keeps (logged).
	var pp pad.Pad
	agree := make([]float64, 8)
	gridAgree := make([]float64, 8)
	for _, first := range drawings {
		pp.SetStrokes(first)
		_, x1, err := a.enc.Pad(&pp)
		if err != nil {
			t.Fatal(err)
		}
		pp.SetStrokes(redraw(rng, first, side, 3, 0.02))
		_, x2, _ := a.enc.Pad(&pp)
		r1, _ := a.Net().Recall(x1)
		r2, _ := a.Net().Recall(x2)
		for l := range r1.Levels {
			ag, tot := r1.Overlap(&r2, l+1)
			agree[l] += float64(ag) / float64(max(tot, 1)) / 10
		}
		for gi := range r1.Levels[0].Grids {
			g1, g2 := &r1.Levels[0].Grids[gi], &r2.Levels[0].Grids[gi]
			ag, tot := 0, 0
			for m := range g1.Active {
				if g1.Active[m] && g2.Active[m] {
					ag += g1.Code(m).Overlap(g2.Code(m))
					tot += g1.Q
				}
			}
			gridAgree[gi] += float64(ag) / float64(max(tot, 1)) / 10
		}
	}
	t.Logf("code kept by a redrawing, per level %.3f, per level-1 grid %.3f", agree[:3], gridAgree[:3])
	if testing.Verbose() {
		// Upper bounds: the nearest stored item by input overlap and by each
		// level's code agreement, over the 10,000 digits and the 10 drawings.
		var ins []*engine.SDR
		var trs []engine.Trace
		for i := range DefaultTrain {
			_, x, err := a.enc.Image(train.Image(i), train.Width(), train.Height())
			if err != nil {
				continue
			}
			r, _ := a.Net().Recall(x)
			ins, trs = append(ins, x), append(trs, r)
		}
		for _, first := range drawings {
			pp.SetStrokes(first)
			_, x, _ := a.enc.Pad(&pp)
			r, _ := a.Net().Recall(x)
			ins, trs = append(ins, x), append(trs, r)
		}
		selfIn, selfL := 0, make([]int, 3)
		for d, first := range drawings {
			pp.SetStrokes(redraw(rng, first, side, 3, 0.02))
			_, x, _ := a.enc.Pad(&pp)
			r, _ := a.Net().Recall(x)
			own := len(ins) - 10 + d
			best, bj := -1.0, -1
			for j, y := range ins {
				if f := float64(x.Overlap(y)) / float64(x.Count()+y.Count()-x.Overlap(y)); f > best {
					best, bj = f, j
				}
			}
			if bj == own {
				selfIn++
			}
			for l := range 3 {
				best, bj := -1, -1
				for j := range trs {
					if ag, _ := trs[j].Overlap(&r, l+1); ag > best {
						best, bj = ag, j
					}
				}
				if bj == own {
					selfL[l]++
				}
			}
		}
		t.Logf("nearest stored item is the taught drawing: by input overlap %d of 10, by level-1/2/3 code agreement %v of 10", selfIn, selfL)
	}
	for d, first := range drawings {
		draw(t, a, first...)
		st := a.State()
		if n := st.Nearest; n == nil || !n.Taught || n.Item != taught[d] || st.FamiliarityWords != WordsSeen {
			t.Errorf("drawing %d drawn again with the same strokes: G %.3f %q, nearest %+v; want item %d, %q", d, st.Familiarity, st.FamiliarityWords, n, taught[d], WordsSeen)
		}
		a.Clear()
	}
	hits := 0
	for d, first := range drawings {
		draw(t, a, redraw(rng, first, side, 3, 0.02)...)
		st := a.State()
		n := st.Nearest
		ok := n != nil && n.Taught && n.Item == taught[d]
		if ok {
			hits++
		}
		t.Logf("drawing %d redrawn: G %.3f (%s), nearest %+v", d, st.Familiarity, st.FamiliarityWords, n)
		a.Clear()
	}
	t.Logf("the nearest stored item is the taught drawing for %d of 10", hits)
}
