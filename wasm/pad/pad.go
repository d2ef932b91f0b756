package pad

import "math"

// PenWidth is the pen's diameter as a fraction of the pad's side.
const PenWidth = 0.085

// minStep is the smallest distance, in pad units, between two stored points
// of a stroke; closer samples are dropped (they add nothing to the drawing).
const minStep = 0.002

// Point is a position on the pad: (0, 0) top-left, (1, 1) bottom-right.
type Point struct{ X, Y float64 }

// Stroke is one pen-down-to-pen-up polyline.
type Stroke []Point

// Pad is an editable list of strokes. The zero value is an empty pad.
type Pad struct {
	// Grid, when positive, puts every point on a grid of Grid steps per
	// side (points are rounded to multiples of 1/Grid): with LinkGrid, a
	// drawing's link (EncodeStrokes) gives back the very same drawing.
	Grid int

	strokes []Stroke
	drawing bool   // the last stroke is still being drawn
	version uint64 // bumped on every edit
	scratch []byte // InputImage's supersampled image
}

// Version changes on every edit; equal versions mean equal drawings.
func (p *Pad) Version() uint64 { return p.version }

// Empty reports whether the pad has no stroke.
func (p *Pad) Empty() bool { return len(p.strokes) == 0 }

// Len is the number of strokes.
func (p *Pad) Len() int { return len(p.strokes) }

// Drawing reports whether a stroke is in progress.
func (p *Pad) Drawing() bool { return p.drawing }

// Strokes returns the strokes. The caller must not modify them.
func (p *Pad) Strokes() []Stroke { return p.strokes }

// Begin starts a new stroke at pt (clamped to the pad), ending any stroke
// in progress.
func (p *Pad) Begin(pt Point) {
	p.drawing = true
	p.strokes = append(p.strokes, Stroke{p.clamp(pt)})
	p.version++
}

// Extend adds pt (clamped) to the stroke in progress. It does nothing when
// no stroke is in progress or pt is within a tiny distance of the last point.
func (p *Pad) Extend(pt Point) {
	if !p.drawing || len(p.strokes) == 0 {
		return
	}
	pt = p.clamp(pt)
	s := &p.strokes[len(p.strokes)-1]
	last := (*s)[len(*s)-1]
	if math.Hypot(pt.X-last.X, pt.Y-last.Y) < minStep {
		return
	}
	*s = append(*s, pt)
	p.version++
}

// End finishes the stroke in progress.
func (p *Pad) End() { p.drawing = false }

// Undo removes the last stroke (the one in progress, if any). It reports
// whether there was one.
func (p *Pad) Undo() bool {
	if len(p.strokes) == 0 {
		return false
	}
	p.strokes = p.strokes[:len(p.strokes)-1]
	p.drawing = false
	p.version++
	return true
}

// Clear removes every stroke.
func (p *Pad) Clear() {
	if len(p.strokes) == 0 && !p.drawing {
		return
	}
	p.strokes = nil
	p.drawing = false
	p.version++
}

// SetStrokes replaces the drawing with a copy of strokes (points clamped).
func (p *Pad) SetStrokes(strokes []Stroke) {
	p.strokes = p.strokes[:0]
	for _, s := range strokes {
		if len(s) == 0 {
			continue
		}
		c := make(Stroke, len(s))
		for i, pt := range s {
			c[i] = p.clamp(pt)
		}
		p.strokes = append(p.strokes, c)
	}
	p.drawing = false
	p.version++
}

// clamp puts pt on the pad (and on its grid).
func (p *Pad) clamp(pt Point) Point {
	pt = Point{min(max(pt.X, 0), 1), min(max(pt.Y, 0), 1)}
	if n := float64(p.Grid); n > 0 {
		pt = Point{math.Round(pt.X*n) / n, math.Round(pt.Y*n) / n}
	}
	return pt
}

// Render rasterises the strokes into a w×h grey image (row-major, 0 =
// background, 255 = ink, as MNIST), with a pen of PenWidth times the
// smaller side and anti-aliased edges. A lone point is a dot.
func (p *Pad) Render(w, h int) []byte {
	img := make([]byte, max(w, 0)*max(h, 0))
	p.RenderInto(img, w, h)
	return img
}

// RenderInto is Render into dst (len w*h), which it overwrites.
func (p *Pad) RenderInto(dst []byte, w, h int) {
	clear(dst)
	if w <= 0 || h <= 0 || len(dst) < w*h {
		return
	}
	side := float64(min(w, h))
	r := PenWidth * side / 2
	sx, sy := float64(w), float64(h)
	for _, s := range p.strokes {
		prev := Point{s[0].X * sx, s[0].Y * sy}
		capsule(dst, w, h, prev, prev, r)
		for _, pt := range s[1:] {
			cur := Point{pt.X * sx, pt.Y * sy}
			capsule(dst, w, h, prev, cur, r)
			prev = cur
		}
	}
}

// capsule paints the pixels within r of segment ab (pixel centres at
// i+0.5), with a one-pixel linear edge, keeping the maximum of old and new.
func capsule(dst []byte, w, h int, a, b Point, r float64) {
	x0 := max(int(math.Floor(min(a.X, b.X)-r-1)), 0)
	x1 := min(int(math.Ceil(max(a.X, b.X)+r+1)), w-1)
	y0 := max(int(math.Floor(min(a.Y, b.Y)-r-1)), 0)
	y1 := min(int(math.Ceil(max(a.Y, b.Y)+r+1)), h-1)
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	for y := y0; y <= y1; y++ {
		py := float64(y) + 0.5
		row := dst[y*w : y*w+w]
		for x := x0; x <= x1; x++ {
			px := float64(x) + 0.5
			t := 0.0
			if l2 > 0 {
				t = ((px-a.X)*dx + (py-a.Y)*dy) / l2
				t = min(max(t, 0), 1)
			}
			ex, ey := px-(a.X+t*dx), py-(a.Y+t*dy)
			d := math.Sqrt(ex*ex + ey*ey)
			v := r + 0.5 - d // coverage of a one-pixel ramp
			if v <= 0 {
				continue
			}
			g := byte(255)
			if v < 1 {
				g = byte(v * 255)
			}
			if g > row[x] {
				row[x] = g
			}
		}
	}
}
