package pen

import (
	"fmt"
	"math"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// Defaults of Writer's zero fields.
const (
	DefaultRate  = 60   // the page samples the pointer once per tick
	DefaultSpeed = 1.2  // pad sides per second
	DefaultGain  = 2.0  // pad units^(2/3) per second
	DefaultRamp  = 0.05 // pad units
)

// minSpeed is the slowest the pen moves, as a fraction of Speed (at the
// very start and end of a stroke).
const minSpeed = 0.15

// Writer samples strokes as a pointer reports them while a person draws
// them. The zero value is a writer with the defaults.
//
// The pen's speed along a stroke follows the two-thirds power law of
// human drawing movements (Lacquaniti, Terzuolo and Viviani, 1983): on a
// curve of radius R the speed is Gain·R^(1/3), so the pen slows down in
// bends and nearly stops in sharp corners, and it never exceeds Speed. It
// accelerates from rest over the first Ramp of a stroke and slows down
// over the last. The pointer reports the pen's position Rate times per
// second, and the page draws straight segments between the positions, so
// a fast pen cuts corners as it does in the page.
type Writer struct {
	// Rate is the number of pointer positions per second. The page reads
	// the pointer once per Ebiten tick: 60 per second. Default 60.
	Rate float64
	// Speed is the top speed of the pen in pad sides per second. With the
	// default, 1.2, a 0 filling the usual part of the pad takes about 1.5
	// s, as with a mouse. Default 1.2.
	Speed float64
	// Gain sets the slowing in curves: speed = Gain·R^(1/3), R in pad
	// units. Default 2 (a 0 of radius 0.25 is drawn at 1.26 pad/s, a bend
	// of radius 0.02 at 0.54 pad/s).
	Gain float64
	// Ramp is the distance, in pad units, over which the pen speeds up at
	// the start of a stroke and slows down at its end. Default 0.05.
	Ramp float64
}

func (w Writer) withDefaults() Writer {
	if w.Rate <= 0 {
		w.Rate = DefaultRate
	}
	if w.Speed <= 0 {
		w.Speed = DefaultSpeed
	}
	if w.Gain <= 0 {
		w.Gain = DefaultGain
	}
	if w.Ramp <= 0 {
		w.Ramp = DefaultRamp
	}
	return w
}

// Write returns the positions the pointer reports while the writer draws
// the strokes (pad coordinates): for each stroke, its start, the pen's
// position at every 1/Rate s, and its end. A stroke of one point stays
// one point (a dot).
func (w Writer) Write(strokes []pad.Stroke) []pad.Stroke {
	w = w.withDefaults()
	out := make([]pad.Stroke, 0, len(strokes))
	for _, s := range strokes {
		if len(s) == 0 {
			continue
		}
		out = append(out, w.sample(s))
	}
	return out
}

// Duration is the time the writer takes to draw the strokes, pen lifts
// not counted.
func (w Writer) Duration(strokes []pad.Stroke) float64 {
	w = w.withDefaults()
	total := 0.0
	for _, s := range strokes {
		if len(s) > 1 {
			_, t := w.timing(s)
			total += t[len(t)-1]
		}
	}
	return total
}

// timing returns the arc length and the time at each point of s.
func (w Writer) timing(s pad.Stroke) (arc, t []float64) {
	n := len(s)
	arc = make([]float64, n)
	for i := 1; i < n; i++ {
		arc[i] = arc[i-1] + dist(s[i-1], s[i])
	}
	total := arc[n-1]
	v := make([]float64, n)
	for i := range s {
		speed := w.Speed
		if i > 0 && i < n-1 {
			a, b := dist(s[i-1], s[i]), dist(s[i], s[i+1])
			if turn := angle(s[i-1], s[i], s[i+1]); turn > 0 && a+b > 0 {
				r := (a + b) / 2 / turn // radius of the arc through the bend
				speed = min(speed, w.Gain*math.Cbrt(r))
			}
		}
		edge := min(arc[i], total-arc[i])
		speed = min(speed, w.Speed*math.Sqrt(min(1, edge/w.Ramp)))
		v[i] = max(speed, minSpeed*w.Speed)
	}
	t = make([]float64, n)
	for i := 1; i < n; i++ {
		t[i] = t[i-1] + (arc[i]-arc[i-1])*(1/v[i-1]+1/v[i])/2
	}
	return arc, t
}

func (w Writer) sample(s pad.Stroke) pad.Stroke {
	if len(s) == 1 {
		return pad.Stroke{s[0]}
	}
	_, t := w.timing(s)
	dt := 1 / w.Rate
	var times []float64
	for k := 1; float64(k)*dt < t[len(t)-1]; k++ {
		times = append(times, float64(k)*dt)
	}
	return at(s, t, times)
}

// at returns the stroke's start, the pen's positions at the given times
// (increasing, each within the stroke's duration; t is the time at each
// point of s) and its end.
func at(s pad.Stroke, t, times []float64) pad.Stroke {
	out := pad.Stroke{s[0]}
	i := 0
	for _, tk := range times {
		for i+2 < len(t) && t[i+1] < tk {
			i++
		}
		f := 0.0
		if t[i+1] > t[i] {
			f = min(max((tk-t[i])/(t[i+1]-t[i]), 0), 1)
		}
		out = append(out, lerp(s[i], s[i+1], f))
	}
	return append(out, s[len(s)-1])
}

// angle is the change of direction, in radians, at b on the path a→b→c.
func angle(a, b, c pad.Point) float64 {
	ux, uy := b.X-a.X, b.Y-a.Y
	vx, vy := c.X-b.X, c.Y-b.Y
	if ux == 0 && uy == 0 || vx == 0 && vy == 0 {
		return 0
	}
	return math.Abs(math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy))
}

func lerp(a, b pad.Point, f float64) pad.Point {
	return pad.Point{X: a.X + f*(b.X-a.X), Y: a.Y + f*(b.Y-a.Y)}
}

// Pos is a pointer position in whole CSS pixels, as the page reads it
// (Ebiten's CursorPosition at a device pixel ratio of 1).
type Pos struct{ X, Y int }

// Pointer turns strokes in pad coordinates into the positions a pointer
// reports over the pad's rectangle r (CSS pixels): rounded to whole
// pixels, kept inside r (a press outside the pad starts no stroke), and
// without repeats (a pointer that does not move reports nothing new).
func Pointer(r pad.Rect, strokes []pad.Stroke) ([][]Pos, error) {
	if !(r.W >= 1 && r.H >= 1) {
		return nil, fmt.Errorf("%w: %v", ErrRect, r)
	}
	x0, y0 := int(math.Ceil(r.X)), int(math.Ceil(r.Y))
	x1, y1 := int(math.Ceil(r.X+r.W))-1, int(math.Ceil(r.Y+r.H))-1
	out := make([][]Pos, 0, len(strokes))
	for _, s := range strokes {
		var ps []Pos
		for _, p := range s {
			q := Pos{
				X: min(max(int(math.Round(r.X+p.X*r.W)), x0), x1),
				Y: min(max(int(math.Round(r.Y+p.Y*r.H)), y0), y1),
			}
			if len(ps) == 0 || ps[len(ps)-1] != q {
				ps = append(ps, q)
			}
		}
		if len(ps) > 0 {
			out = append(out, ps)
		}
	}
	return out, nil
}

// script is a pointer replaying positions, moved by Play.
type script struct {
	pos      Pos
	released bool
}

func (s *script) Position() (float64, float64) { return float64(s.pos.X), float64(s.pos.Y) }
func (s *script) Released() bool               { return s.released }

// Play draws pointer strokes into p through a pad.Tracker over r exactly
// as the page does with a mouse whose events are paced one per tick: on
// the tick of the press the tracker starts the stroke and samples the
// position, on each later tick it samples the next position, and on the
// tick of the release it ends the stroke. It returns an error if a
// stroke starts outside r (the page would not start it).
func Play(p *pad.Pad, r pad.Rect, strokes [][]Pos) error {
	t := pad.Tracker{Pad: p, Rect: r}
	for i, s := range strokes {
		if len(s) == 0 {
			continue
		}
		src := &script{pos: s[0]}
		if !t.Start(src) {
			return fmt.Errorf("pen: stroke %d starts at %v, outside the pad %v", i, s[0], r)
		}
		t.Update()
		for _, q := range s[1:] {
			src.pos = q
			t.Update()
		}
		src.released = true
		t.Update()
	}
	return nil
}

// Draw is the whole drawn path: the writer draws the strokes (pad
// coordinates) with a pointer over r, and Play puts them on p.
func (w Writer) Draw(p *pad.Pad, r pad.Rect, strokes []pad.Stroke) error {
	ptr, err := Pointer(r, w.Write(strokes))
	if err != nil {
		return err
	}
	return Play(p, r, ptr)
}
