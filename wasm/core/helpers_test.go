package core

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// clock is a fake clock that advances by step at every reading, so time
// budgets are counted in readings.
type clock struct {
	t     time.Time
	step  time.Duration
	reads int
}

func newClock(step time.Duration) *clock {
	return &clock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), step: step}
}

func (c *clock) now() time.Time {
	c.reads++
	c.t = c.t.Add(c.step)
	return c.t
}

// sink records the App's events.
type sink struct{ recalled, memory, names int }

func (s *sink) Recalled()      { s.recalled++ }
func (s *sink) MemoryChanged() { s.memory++ }
func (s *sink) NamesChanged()  { s.names++ }

// Shapes of synthetic "digits" in pad coordinates: a class is a set of
// strokes, drawn with jitter by digits().
func line(x0, y0, x1, y1 float64) pad.Stroke {
	var s pad.Stroke
	for i := 0; i <= 8; i++ {
		f := float64(i) / 8
		s = append(s, pad.Point{X: x0 + f*(x1-x0), Y: y0 + f*(y1-y0)})
	}
	return s
}

func arc(cx, cy, rx, ry, from, to float64) pad.Stroke {
	var s pad.Stroke
	for i := 0; i <= 16; i++ {
		a := from + (to-from)*float64(i)/16
		s = append(s, pad.Point{X: cx + rx*math.Sin(a), Y: cy - ry*math.Cos(a)})
	}
	return s
}

var shapes = [mnist.Classes][]pad.Stroke{
	{arc(0.5, 0.5, 0.22, 0.34, 0, 2*math.Pi)},
	{line(0.52, 0.15, 0.48, 0.85)},
	{arc(0.5, 0.32, 0.2, 0.17, -math.Pi/2, math.Pi*0.7), line(0.62, 0.45, 0.3, 0.85), line(0.3, 0.85, 0.72, 0.85)},
	{arc(0.48, 0.32, 0.2, 0.17, -math.Pi/2, math.Pi), arc(0.48, 0.67, 0.22, 0.18, 0, math.Pi*1.5)},
	{line(0.6, 0.15, 0.28, 0.6), line(0.28, 0.6, 0.75, 0.6), line(0.62, 0.35, 0.62, 0.88)},
	{line(0.7, 0.15, 0.35, 0.15), line(0.35, 0.15, 0.33, 0.45), arc(0.48, 0.65, 0.22, 0.2, -math.Pi/3, math.Pi*1.3)},
	{arc(0.5, 0.5, 0.25, 0.36, -0.2, -math.Pi*0.9), arc(0.5, 0.68, 0.2, 0.17, 0, 2*math.Pi)},
	{line(0.28, 0.18, 0.72, 0.18), line(0.72, 0.18, 0.42, 0.86)},
	{arc(0.5, 0.31, 0.17, 0.15, 0, 2*math.Pi), arc(0.5, 0.66, 0.21, 0.19, 0, 2*math.Pi)},
	{arc(0.5, 0.33, 0.2, 0.17, 0, 2*math.Pi), line(0.69, 0.35, 0.62, 0.86)},
}

// jitter moves, scales and shears strokes a little.
func jitter(rng *rand.Rand, strokes []pad.Stroke) []pad.Stroke {
	s := 0.85 + 0.25*rng.Float64()
	dx, dy := 0.12*(rng.Float64()-0.5), 0.12*(rng.Float64()-0.5)
	sh := 0.2 * (rng.Float64() - 0.5)
	var out []pad.Stroke
	for _, st := range strokes {
		var o pad.Stroke
		for _, p := range st {
			x, y := p.X-0.5, p.Y-0.5
			o = append(o, pad.Point{X: 0.5 + s*(x+sh*y) + dx, Y: 0.5 + s*y + dy})
		}
		out = append(out, o)
	}
	return out
}

// digits returns n synthetic digits (28×28 grey, classes in turn) drawn
// through the pad with the seed's jitter.
func digits(t testing.TB, n int, seed uint64) *mnist.Dataset {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	var pix []byte
	var labels []uint8
	var p pad.Pad
	grey := make([]byte, mnist.Pixels)
	for i := range n {
		c := i % mnist.Classes
		p.SetStrokes(jitter(rng, shapes[c]))
		p.RenderInto(grey, mnist.Side, mnist.Side)
		pix = append(pix, grey...)
		labels = append(labels, uint8(c))
	}
	d, err := mnist.NewDataset(mnist.Side, mnist.Side, pix, labels)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// source is a pad.Source driven by a test: a stroke through pts (CSS
// pixels), one point per Tick, released after the last.
type source struct {
	pts []pad.Point
	i   int
}

func (s *source) Position() (float64, float64) { p := s.pts[min(s.i, len(s.pts)-1)]; return p.X, p.Y }
func (s *source) Released() bool               { s.i++; return s.i > len(s.pts) }

// draw draws strokes (pad coordinates) on a's pad through its Tracker as
// the page does, one point per tick, drawing a frame between ticks, and
// returns after the recall of the drawing.
func draw(t testing.TB, a *App, strokes ...pad.Stroke) {
	t.Helper()
	r := a.Layout().Pad
	if r.Empty() {
		a.Frame(800, 600)
		r = a.Layout().Pad
	}
	for _, st := range strokes {
		src := &source{}
		for _, p := range st {
			src.pts = append(src.pts, pad.Point{X: float64(r.Min.X) + p.X*float64(r.Dx()), Y: float64(r.Min.Y) + p.Y*float64(r.Dy())})
		}
		if !a.Tracker().Start(src) {
			t.Fatalf("stroke at %v does not start on the pad %v", src.pts[0], r)
		}
		for a.Tracker().Active() {
			a.Frame(800, 600)
			a.Tick()
		}
	}
	a.Frame(800, 600)
	a.Tick()
	if st := a.State(); st.RecalledVersion != st.PadVersion {
		t.Fatalf("drawing of version %v not recalled (recalled %v)", st.PadVersion, st.RecalledVersion)
	}
}

// trained returns an App that learned the first n digits of train, with
// test as its test data, on the fake clock c.
func trained(t testing.TB, query string, train, test Source, c *clock, s Sink) *App {
	t.Helper()
	a := New(Options{Query: query, Train: train, Test: test, Sink: s, Now: c.now})
	if err := a.fatal; err != nil {
		t.Fatal(err)
	}
	a.Boot(nil, nil)
	for i := 0; a.Phase() != "ready"; i++ {
		if i > 100000 {
			t.Fatalf("training does not end: %s", a.JobText())
		}
		a.Tick()
	}
	return a
}
