package pen

import (
	"math"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// Smooth returns the strokes smoothed by passes of the [1 2 1]/4 filter,
// which turns the staircases of a pixel skeleton into the smooth path of a
// pen. The ends of an open stroke stay where they are; a closed stroke
// (first point equal to the last) is smoothed all round and stays closed.
func Smooth(strokes []pad.Stroke, passes int) []pad.Stroke {
	out := make([]pad.Stroke, len(strokes))
	for i, s := range strokes {
		c := append(pad.Stroke(nil), s...)
		n := len(c)
		closed := n > 3 && c[0] == c[n-1]
		tmp := make(pad.Stroke, n)
		for range passes {
			copy(tmp, c)
			for j := range n {
				var a, b pad.Point
				switch {
				case closed:
					// Points 0 and n-1 are the same; the ring is 0..n-2.
					m := n - 1
					k := j % m
					a, b = tmp[(k+m-1)%m], tmp[(k+1)%m]
				case j == 0 || j == n-1:
					continue
				default:
					a, b = tmp[j-1], tmp[j+1]
				}
				c[j] = pad.Point{X: (a.X + 2*tmp[j].X + b.X) / 4, Y: (a.Y + 2*tmp[j].Y + b.Y) / 4}
			}
		}
		out[i] = c
	}
	return out
}

// SmoothPasses is the smoothing Digit applies to a traced skeleton.
const SmoothPasses = 2

// Digit traces the skeleton of a digit image (w×h grey, ink high, as in
// MNIST) into the strokes a writer would draw on the pad: the image goes
// through mnist.Preprocess with thinning (so the digit is size-normalised
// and centred in a 28×28 frame, which maps onto the whole pad), Trace
// follows the skeleton, and Smooth takes the staircases out. The strokes
// come from the skeleton only: drawn with a pen, they are a new image.
func Digit(grey []byte, w, h int) ([]pad.Stroke, error) {
	b, err := mnist.Preprocess(grey, w, h, mnist.Options{Thin: true})
	if err != nil {
		return nil, err
	}
	s, err := TraceBitmap(b)
	if err != nil {
		return nil, err
	}
	return Smooth(s, SmoothPasses), nil
}

// Box is an axis-aligned rectangle in pad coordinates.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Bounds returns the smallest box holding every point of the strokes; for
// no points it is the empty box at the origin.
func Bounds(strokes []pad.Stroke) Box {
	b := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, s := range strokes {
		for _, p := range s {
			b.X0, b.Y0 = min(b.X0, p.X), min(b.Y0, p.Y)
			b.X1, b.Y1 = max(b.X1, p.X), max(b.Y1, p.Y)
		}
	}
	if b.X0 > b.X1 {
		return Box{}
	}
	return b
}

// Map returns the strokes with f applied to every point.
func Map(strokes []pad.Stroke, f func(pad.Point) pad.Point) []pad.Stroke {
	out := make([]pad.Stroke, len(strokes))
	for i, s := range strokes {
		c := make(pad.Stroke, len(s))
		for j, p := range s {
			c[j] = f(p)
		}
		out[i] = c
	}
	return out
}

// Fit scales the strokes, keeping their aspect ratio, so that the larger
// side of their bounds is side, and moves them so that their bounds are
// centred on (cx, cy).
func Fit(strokes []pad.Stroke, side, cx, cy float64) []pad.Stroke {
	b := Bounds(strokes)
	m := max(b.X1-b.X0, b.Y1-b.Y0)
	s := 1.0
	if m > 0 {
		s = side / m
	}
	mx, my := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
	return Map(strokes, func(p pad.Point) pad.Point {
		return pad.Point{X: cx + (p.X-mx)*s, Y: cy + (p.Y-my)*s}
	})
}

// Resample returns the strokes with points every step (pad units) along
// them, ends kept.
func Resample(strokes []pad.Stroke, step float64) []pad.Stroke {
	out := make([]pad.Stroke, len(strokes))
	for i, s := range strokes {
		if len(s) < 2 || step <= 0 {
			out[i] = append(pad.Stroke(nil), s...)
			continue
		}
		c := pad.Stroke{s[0]}
		carry := 0.0 // distance walked since the last point put out
		for j := 1; j < len(s); j++ {
			a, b := s[j-1], s[j]
			d := dist(a, b)
			pos := step - carry
			for ; pos < d; pos += step {
				c = append(c, lerp(a, b, pos/d))
			}
			carry = d - (pos - step)
		}
		if last := s[len(s)-1]; c[len(c)-1] != last {
			c = append(c, last)
		}
		out[i] = c
	}
	return out
}

// Length is the total length of the strokes in pad units.
func Length(strokes []pad.Stroke) float64 {
	l := 0.0
	for _, s := range strokes {
		for j := 1; j < len(s); j++ {
			l += dist(s[j-1], s[j])
		}
	}
	return l
}
