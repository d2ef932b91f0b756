package pen

import (
	"math"
	"math/rand/v2"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// Variant is a way of drawing a digit that people use and MNIST does not
// show: the strokes placed or shaped differently, written faster, or
// with a shaky hand.
type Variant struct {
	Name string
	// Strokes changes the strokes (pad coordinates) before they are
	// written, drawing its random choices from rng; nil keeps them.
	Strokes func(s []pad.Stroke, rng *rand.Rand) []pad.Stroke
	// Speed multiplies the writer's top speed and gain; 0 means 1.
	Speed float64
	// Samples changes the pointer's positions (pad coordinates) after
	// the writer: what the hand adds in time, such as a tremor; nil keeps
	// them.
	Samples func(s []pad.Stroke, rng *rand.Rand) []pad.Stroke
	// Clock, when set, is when the pen's positions reach the page
	// (pointer events and the page's ticks, see Clock); nil: the
	// writer's own steady Rate.
	Clock *Clock
	// Flick, when above 0, is how many times faster than the rest the
	// last stroke is written (top speed and gain), as people flick a
	// final stroke.
	Flick float64
	// Pen, when above 0, is the stroke width, in pixels of the network's
	// 28×28 image (the digit's ink spans 20), that the drawing is
	// rendered with (pad.InputImagePen) instead of the page's
	// pad.InputPen: the width of the ink in an image of the drawing.
	Pen float64
	// Classes, when not empty, are the only digits the variant applies
	// to (a style of one digit); empty: every digit.
	Classes []int
}

// AppliesTo reports whether the variant applies to a digit of class c.
func (v Variant) AppliesTo(c int) bool {
	if len(v.Classes) == 0 {
		return true
	}
	for _, k := range v.Classes {
		if k == c {
			return true
		}
	}
	return false
}

// Pointer is the variant's whole drawing of strokes: changed, written by
// w (at the variant's speed, its last stroke flicked, on its clock),
// shaken, and reported as pointer positions over r. Random choices come
// from rng.
func (v Variant) Pointer(r pad.Rect, strokes []pad.Stroke, w Writer, rng *rand.Rand) ([][]Pos, error) {
	if v.Strokes != nil {
		strokes = v.Strokes(strokes, rng)
	}
	if v.Speed > 0 {
		w = w.withDefaults()
		w.Speed *= v.Speed
		w.Gain *= v.Speed
	}
	write := func(w Writer, s []pad.Stroke) ([]pad.Stroke, error) {
		if v.Clock != nil {
			return w.WriteClock(s, *v.Clock, rng)
		}
		return w.Write(s), nil
	}
	var samples []pad.Stroke
	var err error
	if n := len(strokes); v.Flick > 0 && n > 0 {
		if samples, err = write(w, strokes[:n-1]); err != nil {
			return nil, err
		}
		fast := w.withDefaults()
		fast.Speed *= v.Flick
		fast.Gain *= v.Flick
		last, err := write(fast, strokes[n-1:])
		if err != nil {
			return nil, err
		}
		samples = append(samples, last...)
	} else if samples, err = write(w, strokes); err != nil {
		return nil, err
	}
	if v.Samples != nil {
		samples = v.Samples(samples, rng)
	}
	return Pointer(r, samples)
}

// Hands are the perturbations of real hands that the drawn-digit
// benchmark measures one by one (cmd/drawn-eval -hands), each a seeded
// generator tested on its own. Each name says what it does; the groups:
//
//   - stroke width: the ink's width in the network's image, over the
//     range of the pad's visible pen relative to the digit (pad.PenWidth,
//     8.5% of the pad: 1.7 pixels of a 20-pixel digit drawn across the
//     whole pad, 3.4 across half of it, 6.8 across a quarter), and a thin
//     1-pixel pen;
//   - slant: sheared ±10° and ±20°;
//   - size and place: a quarter, half or all of the pad, at a random place;
//   - pointer timing: events at 60, 90 or 120 per second with jitter,
//     ticks that stall, a flicked last stroke;
//   - stroke order and direction reversed;
//   - pen lifts inside strokes;
//   - styles MNIST rarely has: a 1 with a flag and a base, a crossed 7, an
//     open 4, a 9 with a straight tail (only digits of that class).
func Hands() []Variant {
	slant := func(deg float64) func([]pad.Stroke, *rand.Rand) []pad.Stroke {
		return func(s []pad.Stroke, _ *rand.Rand) []pad.Stroke { return Slant(s, deg) }
	}
	scatter := func(side float64) func([]pad.Stroke, *rand.Rand) []pad.Stroke {
		return func(s []pad.Stroke, rng *rand.Rand) []pad.Stroke { return Scatter(s, side, rng) }
	}
	lifts := func(n int) func([]pad.Stroke, *rand.Rand) []pad.Stroke {
		return func(s []pad.Stroke, rng *rand.Rand) []pad.Stroke { return Lifts(s, n, rng) }
	}
	keep := func(f func([]pad.Stroke) []pad.Stroke) func([]pad.Stroke, *rand.Rand) []pad.Stroke {
		return func(s []pad.Stroke, _ *rand.Rand) []pad.Stroke { return f(s) }
	}
	return []Variant{
		{Name: "as traced"},
		{Name: "width 1 px (thin pen)", Pen: 1},
		{Name: "width 3.4 px (pad's pen, digit on half the pad)", Pen: 3.4},
		{Name: "width 6.8 px (pad's pen, digit on a quarter)", Pen: 6.8},
		{Name: "slant +10° (right)", Strokes: slant(10)},
		{Name: "slant +20° (right)", Strokes: slant(20)},
		{Name: "slant −10° (left)", Strokes: slant(-10)},
		{Name: "slant −20° (left)", Strokes: slant(-20)},
		{Name: "size 1/4 of the pad, random place", Strokes: scatter(0.25)},
		{Name: "size 1/2 of the pad, random place", Strokes: scatter(0.5)},
		{Name: "size all of the pad", Strokes: scatter(0.96)},
		{Name: "pointer 60 Hz, jitter ±50%, 10% stalled ticks", Clock: &Clock{EventRate: 60, Jitter: 0.5, Stall: 0.1}},
		{Name: "pointer 90 Hz, jitter ±30%", Clock: &Clock{EventRate: 90, Jitter: 0.3}},
		{Name: "pointer 120 Hz, jitter ±30%", Clock: &Clock{EventRate: 120, Jitter: 0.3}},
		{Name: "last stroke flicked (4× as fast)", Flick: 4},
		{Name: "strokes in reverse order", Strokes: keep(ReverseOrder)},
		{Name: "strokes drawn backwards", Strokes: keep(ReverseDirection)},
		{Name: "1 pen lift inside a stroke", Strokes: lifts(1)},
		{Name: "3 pen lifts inside strokes", Strokes: lifts(3)},
		{Name: "style: 1 with a flag and a base", Strokes: FlagAndBase, Classes: []int{1}},
		{Name: "style: crossed 7", Strokes: Crossed7, Classes: []int{7}},
		{Name: "style: open 4", Strokes: Open4, Classes: []int{4}},
		{Name: "style: 9 with a straight tail", Strokes: StraightTail9, Classes: []int{9}},
	}
}

// Variants are the drawings the drawn-path benchmark compares: the digit
// as traced, then what people do (see each Name).
func Variants() []Variant {
	return []Variant{
		{Name: "as traced"},
		{Name: "small (1/4 of the pad) in the top-left corner", Strokes: func(s []pad.Stroke, _ *rand.Rand) []pad.Stroke {
			return Place(s, 0.25, 0.06, 0.06)
		}},
		{Name: "tiny (1/10 of the pad) in the top-left corner", Strokes: func(s []pad.Stroke, _ *rand.Rand) []pad.Stroke {
			return Place(s, 0.1, 0.06, 0.06)
		}},
		{Name: "large (96% of the pad)", Strokes: func(s []pad.Stroke, _ *rand.Rand) []pad.Stroke {
			return Fit(s, 0.96, 0.5, 0.5)
		}},
		{Name: "too large (130%, runs off the pad)", Strokes: func(s []pad.Stroke, _ *rand.Rand) []pad.Stroke {
			return Fit(s, 1.3, 0.5, 0.5)
		}},
		{Name: "slanted 20° right", Strokes: func(s []pad.Stroke, _ *rand.Rand) []pad.Stroke { return Slant(s, 20) }},
		{Name: "slanted 20° left", Strokes: func(s []pad.Stroke, _ *rand.Rand) []pad.Stroke { return Slant(s, -20) }},
		{Name: "shaky (tremor of 1% of the pad)", Samples: func(s []pad.Stroke, rng *rand.Rand) []pad.Stroke {
			return Shake(s, 0.01, rng)
		}},
		{Name: "each long stroke lifted and restarted", Strokes: Restart},
		{Name: "written twice as fast", Speed: 2},
	}
}

// Place scales the strokes so that the larger side of their bounds is
// side, with the bounds' top-left corner at (x0, y0).
func Place(s []pad.Stroke, side, x0, y0 float64) []pad.Stroke {
	s = Fit(s, side, 0, 0)
	b := Bounds(s)
	return Map(s, func(p pad.Point) pad.Point { return pad.Point{X: p.X - b.X0 + x0, Y: p.Y - b.Y0 + y0} })
}

// Slant shears the strokes about the centre of their bounds so that
// vertical lines lean by deg degrees, to the right for deg > 0.
func Slant(s []pad.Stroke, deg float64) []pad.Stroke {
	b := Bounds(s)
	cy := (b.Y0 + b.Y1) / 2
	k := math.Tan(deg * math.Pi / 180)
	return Map(s, func(p pad.Point) pad.Point { return pad.Point{X: p.X + k*(cy-p.Y), Y: p.Y} })
}

// Shake adds a tremor to pointer positions: each position moves along
// each axis by noise with a standard deviation of amp (pad units),
// correlated from one position to the next (first-order autoregressive,
// coefficient 1/2), as a shaky hand jitters around its path. Noise comes
// from rng.
func Shake(s []pad.Stroke, amp float64, rng *rand.Rand) []pad.Stroke {
	const rho = 0.5
	innov := amp * math.Sqrt(1-rho*rho)
	out := make([]pad.Stroke, len(s))
	for i, st := range s {
		c := make(pad.Stroke, len(st))
		ox, oy := amp*rng.NormFloat64(), amp*rng.NormFloat64()
		for j, p := range st {
			if j > 0 {
				ox = rho*ox + innov*rng.NormFloat64()
				oy = rho*oy + innov*rng.NormFloat64()
			}
			c[j] = pad.Point{X: p.X + ox, Y: p.Y + oy}
		}
		out[i] = c
	}
	return out
}

// Restart lifts the pen in the middle (30 to 70% of the way) of every
// stroke longer than a quarter of the pad, and puts it down again near
// where it was lifted, as people do to look or to rest: up to 0.02 short
// of that point (a gap) or up to 0.04 back along the stroke (an overlap),
// up to 0.015 to the side, the offset fading over the next 0.08 of the
// stroke as the writer gets back on course. Choices come from rng.
func Restart(s []pad.Stroke, rng *rand.Rand) []pad.Stroke {
	var out []pad.Stroke
	for _, st := range s {
		l := Length([]pad.Stroke{st})
		if l <= 0.25 {
			out = append(out, st)
			continue
		}
		first, second := liftAt(st, l*(0.3+0.4*rng.Float64()), rng)
		out = append(out, first, second)
	}
	return out
}

// Cut returns the part of stroke s between arc lengths from and to
// (clamped to the stroke), with its ends interpolated.
func Cut(s pad.Stroke, from, to float64) pad.Stroke {
	if len(s) == 0 {
		return nil
	}
	from, to = max(from, 0), max(to, from)
	var out pad.Stroke
	arc := 0.0
	for j := 1; j < len(s); j++ {
		a, b := s[j-1], s[j]
		d := dist(a, b)
		lo, hi := arc, arc+d
		arc = hi
		if hi < from || lo > to || d == 0 {
			continue
		}
		if len(out) == 0 {
			out = append(out, lerp(a, b, (max(from, lo)-lo)/d))
		}
		if q := lerp(a, b, (min(to, hi)-lo)/d); q != out[len(out)-1] {
			out = append(out, q)
		}
	}
	if len(out) == 0 {
		if from >= arc {
			return pad.Stroke{s[len(s)-1]}
		}
		return pad.Stroke{s[0]}
	}
	return out
}
