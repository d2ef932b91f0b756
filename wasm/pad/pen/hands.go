package pen

import (
	"math"
	"math/rand/v2"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// The perturbations of Hands, each its own function of strokes (pad
// coordinates) and a seeded random source: what real hands do that
// MNIST's scanned digits do not show.

// Scatter scales the strokes so that the larger side of their bounds is
// side (a fraction of the pad) and puts them at a random place on the
// pad, keeping them margin (0.02) away from its edges: a digit drawn
// small and off centre, as on a phone.
func Scatter(s []pad.Stroke, side float64, rng *rand.Rand) []pad.Stroke {
	const margin = 0.02
	s = Fit(s, side, 0, 0)
	b := Bounds(s)
	w, h := b.X1-b.X0, b.Y1-b.Y0
	x0 := margin + rng.Float64()*max(0, 1-2*margin-w)
	y0 := margin + rng.Float64()*max(0, 1-2*margin-h)
	return Map(s, func(p pad.Point) pad.Point { return pad.Point{X: p.X - b.X0 + x0, Y: p.Y - b.Y0 + y0} })
}

// ReverseOrder returns the strokes in the opposite order (each drawn as
// before): a 4's vertical before its angle, a 5's bar before its body.
func ReverseOrder(s []pad.Stroke) []pad.Stroke {
	out := make([]pad.Stroke, len(s))
	for i, st := range s {
		out[len(s)-1-i] = append(pad.Stroke(nil), st...)
	}
	return out
}

// ReverseDirection returns every stroke drawn from its other end (a 0
// clockwise, a 1 from the bottom up), in the same order.
func ReverseDirection(s []pad.Stroke) []pad.Stroke {
	out := make([]pad.Stroke, len(s))
	for i, st := range s {
		c := make(pad.Stroke, len(st))
		for j, p := range st {
			c[len(st)-1-j] = p
		}
		out[i] = c
	}
	return out
}

// Lifts lifts the pen n times inside the strokes, each time at a point
// drawn uniformly along the drawing's length (away from the first and
// last 10%), and puts it down again nearby as Restart does: a gap of up
// to 0.02 or an overlap of up to 0.04 along the stroke, up to 0.015 to
// the side, fading over the next 0.08. So the drawing has n more strokes
// and nearly the same ink.
func Lifts(s []pad.Stroke, n int, rng *rand.Rand) []pad.Stroke {
	out := make([]pad.Stroke, 0, len(s)+n)
	for _, st := range s {
		out = append(out, append(pad.Stroke(nil), st...))
	}
	for range n {
		l := Length(out)
		if l <= 0 {
			break
		}
		at := l * (0.1 + 0.8*rng.Float64())
		for i, st := range out {
			sl := Length([]pad.Stroke{st})
			if at > sl {
				at -= sl
				continue
			}
			first, second := liftAt(st, at, rng)
			out = append(out[:i], append([]pad.Stroke{first, second}, out[i+1:]...)...)
			break
		}
	}
	return out
}

// liftAt cuts stroke st at arc length lift and restarts it nearby (see
// Restart).
func liftAt(st pad.Stroke, lift float64, rng *rand.Rand) (first, second pad.Stroke) {
	l := Length([]pad.Stroke{st})
	back := -0.02 + 0.06*rng.Float64()
	a := 2 * math.Pi * rng.Float64()
	r := 0.015 * rng.Float64()
	dx, dy := r*math.Cos(a), r*math.Sin(a)
	first = Cut(st, 0, lift)
	second = Cut(st, min(lift-back, l), l)
	arc := 0.0
	for j := range second {
		if j > 0 {
			arc += dist(second[j-1], second[j])
		}
		f := max(0, 1-arc/0.08)
		second[j].X += f * dx
		second[j].Y += f * dy
	}
	return first, second
}

// line returns n+1 points from a to b.
func line(a, b pad.Point, n int) pad.Stroke {
	s := make(pad.Stroke, n+1)
	for i := range s {
		s[i] = lerp(a, b, float64(i)/float64(n))
	}
	return s
}

// extreme returns the stroke and point index of the top-most (top) or
// bottom-most point.
func extreme(s []pad.Stroke, top bool) (si, pj int) {
	si, pj = -1, -1
	for i, st := range s {
		for j, p := range st {
			if si < 0 || top && p.Y < s[si][pj].Y || !top && p.Y > s[si][pj].Y {
				si, pj = i, j
			}
		}
	}
	return si, pj
}

// FlagAndBase gives a 1 the flag and the base of the printed form: a
// flag from the top-most point down to the left, 20–35% of the
// drawing's height long and 20–45° below the horizontal, drawn as the
// start of the stroke that begins there (or before it), and a base, a
// nearly level stroke (within ±3°) centred under the bottom-most point,
// 40–70% of the height long, drawn last.
func FlagAndBase(s []pad.Stroke, rng *rand.Rand) []pad.Stroke {
	b := Bounds(s)
	h := b.Y1 - b.Y0
	ti, tj := extreme(s, true)
	if ti < 0 || h <= 0 {
		return s
	}
	out := make([]pad.Stroke, 0, len(s)+2)
	for _, st := range s {
		out = append(out, append(pad.Stroke(nil), st...))
	}
	top := s[ti][tj]
	a := h * (0.2 + 0.15*rng.Float64())
	th := (20 + 25*rng.Float64()) * math.Pi / 180
	flag := line(pad.Point{X: top.X - a*math.Cos(th), Y: top.Y + a*math.Sin(th)}, top, 8)
	switch tj {
	case 0:
		out[ti] = append(flag, out[ti][1:]...)
	case len(s[ti]) - 1:
		rev := ReverseDirection([]pad.Stroke{out[ti]})[0]
		out[ti] = append(flag, rev[1:]...)
	default:
		out = append([]pad.Stroke{flag}, out...)
	}
	bi, bj := extreme(s, false)
	bot := s[bi][bj]
	half := h * (0.2 + 0.15*rng.Float64())
	tilt := (6*rng.Float64() - 3) * math.Pi / 180
	dx, dy := half*math.Cos(tilt), half*math.Sin(tilt)
	out = append(out, line(pad.Point{X: bot.X - dx, Y: bot.Y + dy}, pad.Point{X: bot.X + dx, Y: bot.Y - dy}, 10))
	return out
}

// crossings returns the x of every point where the strokes cross the
// horizontal line at y.
func crossings(s []pad.Stroke, y float64) []float64 {
	var xs []float64
	for _, st := range s {
		for j := 1; j < len(st); j++ {
			p, q := st[j-1], st[j]
			if (p.Y-y)*(q.Y-y) > 0 || p.Y == q.Y {
				continue
			}
			if q.Y == y && j+1 < len(st) {
				continue // counted with the next segment
			}
			f := (y - p.Y) / (q.Y - p.Y)
			xs = append(xs, p.X+f*(q.X-p.X))
		}
	}
	return xs
}

// Crossed7 crosses a 7 as many Europeans do: a nearly level bar (within
// ±4°) through its stroke at 45–60% of its height (where it crosses that
// height nearest the middle of the drawing), 24–36% of the height long,
// drawn last from left to right.
func Crossed7(s []pad.Stroke, rng *rand.Rand) []pad.Stroke {
	b := Bounds(s)
	h := b.Y1 - b.Y0
	y := b.Y0 + h*(0.45+0.15*rng.Float64())
	xs := crossings(s, y)
	if len(xs) == 0 || h <= 0 {
		return s
	}
	mid := (b.X0 + b.X1) / 2
	x := xs[0]
	for _, v := range xs[1:] {
		if math.Abs(v-mid) < math.Abs(x-mid) {
			x = v
		}
	}
	half := h * (0.12 + 0.06*rng.Float64())
	tilt := (8*rng.Float64() - 4) * math.Pi / 180
	dx, dy := half*math.Cos(tilt), half*math.Sin(tilt)
	out := make([]pad.Stroke, 0, len(s)+1)
	for _, st := range s {
		out = append(out, append(pad.Stroke(nil), st...))
	}
	return append(out, line(pad.Point{X: x - dx, Y: y + dy}, pad.Point{X: x + dx, Y: y - dy}, 10))
}

// barHeight estimates the height of a 4's bar: the length-weighted mean y
// of the nearly level segments (under 22° from the horizontal) in the
// middle of the drawing (35–85% of its height), or 60% of the height
// without any.
func barHeight(s []pad.Stroke, b Box) float64 {
	h := b.Y1 - b.Y0
	var sy, sl float64
	for _, st := range s {
		for j := 1; j < len(st); j++ {
			p, q := st[j-1], st[j]
			dx, dy := math.Abs(q.X-p.X), math.Abs(q.Y-p.Y)
			my := (p.Y + q.Y) / 2
			if dy < 0.4*dx && my >= b.Y0+0.35*h && my <= b.Y0+0.85*h {
				l := math.Hypot(dx, dy)
				sy += l * my
				sl += l
			}
		}
	}
	if sl == 0 {
		return b.Y0 + 0.6*h
	}
	return sy / sl
}

// Open4 redraws a 4 in the open form, keeping the traced digit's box, the
// x of its vertical stroke (its bottom-most point) and the height of its
// bar: an arm from the top down to the bar and along it past the vertical
// (one stroke), then the vertical from near the top to the bottom, so the
// arm and the vertical do not meet at the top. Random choices: the arm's
// lean (its top 0–20% of the width right of its foot), the vertical's top
// (0–12% of the height below the top) and the bar's overshoot (5–20% of
// the width).
func Open4(s []pad.Stroke, rng *rand.Rand) []pad.Stroke {
	b := Bounds(s)
	w, h := b.X1-b.X0, b.Y1-b.Y0
	bi, bj := extreme(s, false)
	if bi < 0 || h <= 0 {
		return s
	}
	xv := s[bi][bj].X
	yb := barHeight(s, b)
	// Keep the vertical inside the box's right part and the arm left of it.
	xv = min(max(xv, b.X0+0.45*w), b.X1)
	armTop := pad.Point{X: b.X0 + w*0.2*rng.Float64(), Y: b.Y0}
	foot := pad.Point{X: b.X0, Y: yb}
	end := pad.Point{X: max(b.X1, xv+w*(0.05+0.15*rng.Float64())), Y: yb}
	arm := append(line(armTop, foot, 10), line(foot, end, 10)[1:]...)
	vtop := pad.Point{X: xv, Y: b.Y0 + h*0.12*rng.Float64()}
	vert := line(vtop, pad.Point{X: xv, Y: b.Y1}, 14)
	return []pad.Stroke{arm, vert}
}

// loop estimates the box of a 9's loop: from the top down to the lowest
// height, in the first run of heights from the top, where the strokes
// cross a horizontal line at least twice; its width is that of the
// drawing above that height. ok is false when no such run covers 20–80%
// of the height.
func loop(s []pad.Stroke, b Box) (lb Box, ok bool) {
	h := b.Y1 - b.Y0
	const rows = 50
	bottom := -1.0
	started := false
	for r := 1; r < rows; r++ {
		y := b.Y0 + h*float64(r)/rows
		if len(crossings(s, y)) >= 2 {
			started = true
			bottom = y
		} else if started {
			break
		}
	}
	if bottom < b.Y0+0.2*h || bottom > b.Y0+0.8*h {
		return Box{}, false
	}
	lb = Box{X0: math.Inf(1), Y0: b.Y0, X1: math.Inf(-1), Y1: bottom}
	for _, st := range s {
		for _, p := range st {
			if p.Y <= bottom {
				lb.X0, lb.X1 = min(lb.X0, p.X), max(lb.X1, p.X)
			}
		}
	}
	return lb, lb.X1 > lb.X0
}

// StraightTail9 redraws a 9 with a straight tail, keeping the traced
// digit's box and the box of its loop (half the height when none is
// found): the loop as an ellipse, started a little above its right-most
// point and drawn counter-clockwise (over the top, down the left, back
// under it), then in the same stroke a straight tail from the loop's
// right side down to the bottom of the box. Random choices: where the
// loop starts (5–25° above its right-most point) and the tail's lean
// (its foot up to 15% of the height left or 5% right of its top).
func StraightTail9(s []pad.Stroke, rng *rand.Rand) []pad.Stroke {
	b := Bounds(s)
	h := b.Y1 - b.Y0
	if h <= 0 {
		return s
	}
	lb, ok := loop(s, b)
	if !ok {
		lb = Box{X0: b.X0, Y0: b.Y0, X1: b.X1, Y1: b.Y0 + 0.5*h}
	}
	cx, cy := (lb.X0+lb.X1)/2, (lb.Y0+lb.Y1)/2
	rx, ry := max((lb.X1-lb.X0)/2, 0.01), max((lb.Y1-lb.Y0)/2, 0.01)
	start := (5 + 20*rng.Float64()) * math.Pi / 180
	var st pad.Stroke
	const n = 40
	for i := 0; i <= n; i++ {
		// Counter-clockwise on the screen (y down): the angle grows, y = cy − ry·sin.
		a := start + 2*math.Pi*float64(i)/n
		st = append(st, pad.Point{X: cx + rx*math.Cos(a), Y: cy - ry*math.Sin(a)})
	}
	top := pad.Point{X: cx + rx*math.Cos(start), Y: cy - ry*math.Sin(start)}
	foot := pad.Point{X: top.X + h*(-0.15+0.2*rng.Float64()), Y: b.Y1}
	return []pad.Stroke{append(st, line(top, foot, 14)[1:]...)}
}
