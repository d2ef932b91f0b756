package pen

import (
	"math"
	"math/rand/v2"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// NonDigit is a kind of drawing that is no digit: a capital letter that
// resembles none, a shape, a scribble or a zigzag. Draw makes one, in pad
// coordinates, as a hand would: its proportions, slant, size and place and
// every corner a little different each time, from rng.
type NonDigit struct {
	Name string
	Draw func(rng *rand.Rand) []pad.Stroke
}

// unit is a template: polylines in a unit box (x right, y down), drawn in
// this order and direction, and its width relative to its height.
type unit struct {
	strokes [][]pad.Point
	aspect  float64
}

func p(x, y float64) pad.Point { return pad.Point{X: x, Y: y} }

// arc returns n+1 points of the ellipse centred at (cx, cy) with radii
// (rx, ry), from angle a0 to a1 (degrees, counter-clockwise on the
// screen: y = cy − ry·sin).
func arc(cx, cy, rx, ry, a0, a1 float64, n int) []pad.Point {
	out := make([]pad.Point, n+1)
	for i := range out {
		a := (a0 + (a1-a0)*float64(i)/float64(n)) * math.Pi / 180
		out[i] = p(cx+rx*math.Cos(a), cy-ry*math.Sin(a))
	}
	return out
}

// bowl is the closed bowl of a P or an R: from the top of the stem out
// and round to its middle.
func bowl() []pad.Point {
	pts := []pad.Point{p(0, 0), p(0.55, 0)}
	pts = append(pts, arc(0.55, 0.25, 0.4, 0.25, 90, -90, 10)[1:]...)
	return append(pts, p(0, 0.5))
}

// The letters of NonDigits: capitals that resemble no digit, as people
// print them.
var letters = []struct {
	name string
	u    unit
}{
	{"A", unit{[][]pad.Point{{p(0, 1), p(0.5, 0), p(1, 1)}, {p(0.22, 0.62), p(0.78, 0.62)}}, 0.85}},
	{"C", unit{[][]pad.Point{arc(0.5, 0.5, 0.5, 0.5, 50, 310, 24)}, 0.85}},
	{"E", unit{[][]pad.Point{{p(1, 0), p(0, 0), p(0, 1), p(1, 1)}, {p(0, 0.5), p(0.75, 0.5)}}, 0.7}},
	{"F", unit{[][]pad.Point{{p(1, 0), p(0, 0), p(0, 1)}, {p(0, 0.5), p(0.75, 0.5)}}, 0.65}},
	{"H", unit{[][]pad.Point{{p(0, 0), p(0, 1)}, {p(1, 0), p(1, 1)}, {p(0, 0.5), p(1, 0.5)}}, 0.8}},
	{"K", unit{[][]pad.Point{{p(0, 0), p(0, 1)}, {p(1, 0), p(0, 0.55), p(1, 1)}}, 0.8}},
	{"M", unit{[][]pad.Point{{p(0, 1), p(0, 0), p(0.5, 0.65), p(1, 0), p(1, 1)}}, 1.0}},
	{"N", unit{[][]pad.Point{{p(0, 1), p(0, 0), p(1, 1), p(1, 0)}}, 0.85}},
	{"P", unit{[][]pad.Point{{p(0, 1), p(0, 0)}, bowl()}, 0.7}},
	{"R", unit{[][]pad.Point{{p(0, 1), p(0, 0)}, append(bowl(), p(1, 1))}, 0.75}},
	{"U", unit{[][]pad.Point{append([]pad.Point{p(0, 0)}, append(arc(0.5, 0.65, 0.5, 0.35, 180, 360, 14), p(1, 0))...)}, 0.85}},
	{"V", unit{[][]pad.Point{{p(0, 0), p(0.5, 1), p(1, 0)}}, 0.85}},
	{"W", unit{[][]pad.Point{{p(0, 0), p(0.25, 1), p(0.5, 0.35), p(0.75, 1), p(1, 0)}}, 1.15}},
	{"X", unit{[][]pad.Point{{p(0, 0), p(1, 1)}, {p(1, 0), p(0, 1)}}, 0.85}},
	{"Y", unit{[][]pad.Point{{p(0, 0), p(0.5, 0.5), p(1, 0)}, {p(0.5, 0.5), p(0.5, 1)}}, 0.85}},
}

// The shapes of NonDigits.
var shapes = []struct {
	name string
	u    unit
}{
	{"square", unit{[][]pad.Point{{p(0, 0), p(0, 1), p(1, 1), p(1, 0), p(0, 0)}}, 1}},
	{"triangle", unit{[][]pad.Point{{p(0.5, 0), p(0, 1), p(1, 1), p(0.5, 0)}}, 1.1}},
	{"star", unit{[][]pad.Point{star()}, 1}},
	{"spiral", unit{[][]pad.Point{spiralPts()}, 1}},
	{"# grid", unit{[][]pad.Point{{p(0.3, 0), p(0.3, 1)}, {p(0.7, 0), p(0.7, 1)}, {p(0, 0.3), p(1, 0.3)}, {p(0, 0.7), p(1, 0.7)}}, 1}},
	{"arrow", unit{[][]pad.Point{{p(0, 0.5), p(1, 0.5)}, {p(0.65, 0.15), p(1, 0.5), p(0.65, 0.85)}}, 1.4}},
}

// star is a five-pointed star in one stroke.
func star() []pad.Point {
	var pts []pad.Point
	for i := 0; i <= 5; i++ {
		a := (90 + 144*float64(i)) * math.Pi / 180
		pts = append(pts, p(0.5+0.5*math.Cos(a), 0.5-0.5*math.Sin(a)))
	}
	return pts
}

// spiralPts is a spiral of two and a half turns from the centre out.
func spiralPts() []pad.Point {
	var pts []pad.Point
	const n = 60
	for i := 0; i <= n; i++ {
		f := float64(i) / n
		a := 2 * math.Pi * 2.5 * f
		r := 0.08 + 0.42*f
		pts = append(pts, p(0.5+r*math.Cos(a), 0.5+r*math.Sin(a)))
	}
	return pts
}

// drawUnit draws a template as a hand does: each corner moved by up to
// 4% of the size, the width 85–115% of the template's, slanted by up to
// ±12°, the whole 55–85% of the pad at a random place, the polylines
// resampled and smoothed into pen paths.
func drawUnit(u unit, rng *rand.Rand) []pad.Stroke {
	aspect := u.aspect * (0.85 + 0.3*rng.Float64())
	slant := math.Tan((24*rng.Float64() - 12) * math.Pi / 180)
	out := make([]pad.Stroke, len(u.strokes))
	for i, s := range u.strokes {
		st := make(pad.Stroke, len(s))
		for j, q := range s {
			// A closed polyline keeps its first and last point together.
			if j == len(s)-1 && len(s) > 2 && s[0] == q {
				st[j] = st[0]
				continue
			}
			x := q.X + 0.04*(2*rng.Float64()-1)
			y := q.Y + 0.04*(2*rng.Float64()-1)
			st[j] = pad.Point{X: (x-0.5)*aspect + slant*(0.5-y), Y: y}
		}
		out[i] = st
	}
	return place(Smooth(Resample(out, 0.02), 2), rng)
}

// place scales strokes to 55–85% of the pad (their larger side) and puts
// them at a random place on it.
func place(s []pad.Stroke, rng *rand.Rand) []pad.Stroke {
	return Scatter(s, 0.55+0.3*rng.Float64(), rng)
}

// zigzag is 4 to 8 sharp turns across, each leg 50–100% of the height
// from top to bottom.
func zigzag(rng *rand.Rand) []pad.Stroke {
	n := 4 + rng.IntN(5)
	var st pad.Stroke
	for i := 0; i <= n; i++ {
		y := 0.0
		if i%2 == 1 {
			y = 0.5 + 0.5*rng.Float64()
		}
		st = append(st, pad.Point{X: float64(i)/float64(n)*(0.8+0.4*rng.Float64()) + 0.02*rng.Float64(), Y: y})
	}
	return place(Resample([]pad.Stroke{st}, 0.02), rng)
}

// scribble is one to three pen walks, each of 20 to 40 steps whose heading
// turns by up to ±60° a step.
func scribble(rng *rand.Rand) []pad.Stroke {
	var out []pad.Stroke
	for range 1 + rng.IntN(3) {
		x, y := rng.Float64(), rng.Float64()
		a := 2 * math.Pi * rng.Float64()
		st := pad.Stroke{{X: x, Y: y}}
		for range 20 + rng.IntN(21) {
			a += (2*rng.Float64() - 1) * math.Pi / 3
			x, y = x+0.06*math.Cos(a), y+0.06*math.Sin(a)
			st = append(st, pad.Point{X: x, Y: y})
		}
		out = append(out, st)
	}
	return place(Smooth(out, 1), rng)
}

// NonDigits are the kinds of drawing the drawn benchmark tells from digits
// (cmd/drawn-eval -nondigits): the capitals A C E F H K M N P R U V W X Y,
// shapes (square, triangle, star, spiral, "#" grid, arrow), zigzags and
// scribbles.
func NonDigits() []NonDigit {
	var out []NonDigit
	for _, l := range letters {
		u := l.u
		out = append(out, NonDigit{Name: "letter " + l.name, Draw: func(rng *rand.Rand) []pad.Stroke { return drawUnit(u, rng) }})
	}
	for _, s := range shapes {
		u := s.u
		out = append(out, NonDigit{Name: s.name, Draw: func(rng *rand.Rand) []pad.Stroke { return drawUnit(u, rng) }})
	}
	return append(out, NonDigit{Name: "zigzag", Draw: zigzag}, NonDigit{Name: "scribble", Draw: scribble})
}
