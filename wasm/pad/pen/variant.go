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
}

// Pointer is the variant's whole drawing of strokes: changed, written by
// w (at the variant's speed), shaken, and reported as pointer positions
// over r. Random choices come from rng.
func (v Variant) Pointer(r pad.Rect, strokes []pad.Stroke, w Writer, rng *rand.Rand) ([][]Pos, error) {
	if v.Strokes != nil {
		strokes = v.Strokes(strokes, rng)
	}
	if v.Speed > 0 {
		w = w.withDefaults()
		w.Speed *= v.Speed
		w.Gain *= v.Speed
	}
	samples := w.Write(strokes)
	if v.Samples != nil {
		samples = v.Samples(samples, rng)
	}
	return Pointer(r, samples)
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
		lift := l * (0.3 + 0.4*rng.Float64())
		back := -0.02 + 0.06*rng.Float64()
		a := 2 * math.Pi * rng.Float64()
		r := 0.015 * rng.Float64()
		dx, dy := r*math.Cos(a), r*math.Sin(a)
		first := Cut(st, 0, lift)
		second := Cut(st, lift-back, l)
		arc := 0.0
		for j := range second {
			if j > 0 {
				arc += dist(second[j-1], second[j])
			}
			f := max(0, 1-arc/0.08)
			second[j].X += f * dx
			second[j].Y += f * dy
		}
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
