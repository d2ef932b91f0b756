package pad

import (
	"slices"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// fakeSource replays positions, one per Update, then releases.
type fakeSource struct {
	pts [][2]float64
	i   int
}

func (f *fakeSource) Position() (float64, float64) {
	p := f.pts[min(f.i, len(f.pts)-1)]
	return p[0], p[1]
}

func (f *fakeSource) Released() bool {
	f.i++
	return f.i >= len(f.pts)
}

func line(x0, y0, x1, y1 float64, n int) [][2]float64 {
	var pts [][2]float64
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		pts = append(pts, [2]float64{x0 + t*(x1-x0), y0 + t*(y1-y0)})
	}
	return pts
}

func TestEdits(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(p *Pad)
		strokes int
		changed bool
	}{
		{"empty", func(p *Pad) {}, 0, false},
		{"begin", func(p *Pad) { p.Begin(Point{0.5, 0.5}) }, 1, true},
		{"extend without begin", func(p *Pad) { p.Extend(Point{0.5, 0.5}) }, 0, false},
		{"two strokes", func(p *Pad) {
			p.Begin(Point{0.1, 0.1})
			p.Extend(Point{0.2, 0.2})
			p.End()
			p.Begin(Point{0.3, 0.3})
			p.End()
		}, 2, true},
		{"undo", func(p *Pad) {
			p.Begin(Point{0.1, 0.1})
			p.End()
			p.Begin(Point{0.3, 0.3})
			p.End()
			p.Undo()
		}, 1, true},
		{"undo empty", func(p *Pad) { p.Undo() }, 0, false},
		{"clear", func(p *Pad) {
			p.Begin(Point{0.1, 0.1})
			p.Clear()
		}, 0, true},
		{"clear empty", func(p *Pad) { p.Clear() }, 0, false},
		{"extend after end", func(p *Pad) {
			p.Begin(Point{0.1, 0.1})
			p.End()
			p.Extend(Point{0.9, 0.9})
		}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pad
			tt.edit(&p)
			if p.Len() != tt.strokes {
				t.Errorf("strokes = %d, want %d", p.Len(), tt.strokes)
			}
			if changed := p.Version() != 0; changed != tt.changed {
				t.Errorf("version changed = %v, want %v", changed, tt.changed)
			}
		})
	}
}

func TestExtendDedupAndClamp(t *testing.T) {
	var p Pad
	p.Begin(Point{-1, 2})
	v := p.Version()
	p.Extend(Point{0.0001, 0.9999})
	if p.Version() != v {
		t.Error("a sample within minStep changed the version")
	}
	p.Extend(Point{0.5, 0.5})
	s := p.Strokes()[0]
	if s[0] != (Point{0, 1}) || len(s) != 2 {
		t.Errorf("stroke = %v", s)
	}
}

func TestTracker(t *testing.T) {
	rect := Rect{X: 100, Y: 50, W: 200, H: 200}
	tests := []struct {
		name     string
		pts      [][2]float64
		started  bool
		points   int
		lastX    float64
		endInPad bool
	}{
		{"inside", line(120, 60, 280, 240, 8), true, 9, 0.9, true},
		{"press outside", line(10, 10, 200, 200, 4), false, 0, 0, false},
		{"leaves pad: clamped", line(150, 150, 400, 150, 5), true, 4, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pad
			tr := Tracker{Pad: &p, Rect: rect}
			src := &fakeSource{pts: tt.pts}
			if got := tr.Start(src); got != tt.started {
				t.Fatalf("Start = %v, want %v", got, tt.started)
			}
			for range len(tt.pts) + 2 {
				tr.Update()
			}
			if tr.Active() {
				t.Error("still active after release")
			}
			if !tt.started {
				if !p.Empty() {
					t.Error("a press outside the pad drew")
				}
				return
			}
			s := p.Strokes()[0]
			if len(s) != tt.points {
				t.Errorf("points = %d, want %d (%v)", len(s), tt.points, s)
			}
			if last := s[len(s)-1]; last.X != tt.lastX {
				t.Errorf("last x = %v, want %v", last.X, tt.lastX)
			}
			if p.Drawing() {
				t.Error("stroke not ended")
			}
		})
	}
}

func TestTrackerOneSourceAtATime(t *testing.T) {
	var p Pad
	tr := Tracker{Pad: &p, Rect: Rect{W: 100, H: 100}}
	a := &fakeSource{pts: line(10, 10, 90, 90, 4)}
	b := &fakeSource{pts: line(90, 10, 10, 90, 4)}
	if !tr.Start(a) || tr.Start(b) {
		t.Fatal("second source was accepted while the first draws")
	}
}

func TestRenderInterpolates(t *testing.T) {
	// Two far-apart samples: the segment between them is ink.
	var p Pad
	p.Begin(Point{0.1, 0.5})
	p.Extend(Point{0.9, 0.5})
	img := p.Render(100, 100)
	for x := 10; x < 90; x++ {
		if img[50*100+x] != 255 {
			t.Fatalf("gap at x=%d", x)
		}
	}
	if img[10*100+50] != 0 {
		t.Error("ink far from the stroke")
	}
	// A lone point is a dot of the pen's diameter.
	var q Pad
	q.Begin(Point{0.5, 0.5})
	img = q.Render(200, 200)
	n := 0
	for _, v := range img {
		if v >= 128 {
			n++
		}
	}
	d := PenWidth * 200
	if want := 3.1416 * d * d / 4; float64(n) < 0.8*want || float64(n) > 1.2*want {
		t.Errorf("dot has %d ink pixels, want about %.0f", n, want)
	}
}

// TestRenderLooksLikeMNIST checks the pen width: a digit drawn to fill the
// pad has, after Preprocess, strokes two to three pixels wide, as MNIST.
func TestRenderLooksLikeMNIST(t *testing.T) {
	tests := []struct {
		name    string
		strokes []Stroke
		minInk  int
		maxInk  int
	}{
		{"one", []Stroke{{{0.5, 0.1}, {0.5, 0.9}}}, 30, 70},
		{"seven", []Stroke{{{0.2, 0.12}, {0.8, 0.12}, {0.45, 0.9}}}, 60, 150},
		{"zero", ellipse(0.5, 0.5, 0.28, 0.4, 32), 80, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pad
			p.SetStrokes(tt.strokes)
			bm, err := mnist.Preprocess(p.Render(112, 112), 112, 112, mnist.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if n := bm.Count(); n < tt.minInk || n > tt.maxInk {
				t.Errorf("ink = %d, want %d..%d\n%v", n, tt.minInk, tt.maxInk, bm)
			}
			// Width of the stroke across row 14 (the middle).
			if tt.name == "one" {
				w := 0
				for x := range 28 {
					if bm.At(x, 14) {
						w++
					}
				}
				if w < 2 || w > 3 {
					t.Errorf("stroke width %d px, want 2..3\n%v", w, bm)
				}
			}
		})
	}
}

func ellipse(cx, cy, rx, ry float64, n int) []Stroke {
	var s Stroke
	for i := 0; i <= n; i++ {
		a := 2 * 3.14159265 * float64(i) / float64(n)
		s = append(s, Point{cx + rx*sin(a), cy - ry*cos(a)})
	}
	return []Stroke{s}
}

// trailSource is a Trail: the positions of a stroke delivered in batches,
// batch i before tick i (as a browser delivers pointer events while the
// page is busy); released after the last batch.
type trailSource struct {
	batches [][][2]float64
	tick    int // batches delivered
	queue   [][2]float64
	last    [2]float64
}

func (s *trailSource) deliver() {
	if s.tick < len(s.batches) {
		s.queue = append(s.queue, s.batches[s.tick]...)
		if b := s.batches[s.tick]; len(b) > 0 {
			s.last = b[len(b)-1]
		}
		s.tick++
	}
}
func (s *trailSource) Position() (float64, float64) { return s.last[0], s.last[1] }
func (s *trailSource) Released() bool               { return s.tick >= len(s.batches) }
func (s *trailSource) Trail() [][2]float64 {
	q := s.queue
	s.queue = nil
	return q
}

// batches splits pts into batches of the given sizes (the rest in the last).
func batches(pts [][2]float64, sizes ...int) [][][2]float64 {
	var out [][][2]float64
	for _, k := range sizes {
		k = min(k, len(pts))
		out = append(out, pts[:k])
		pts = pts[k:]
	}
	return append(out, pts)
}

func TestTrackerTrail(t *testing.T) {
	rect := Rect{X: 100, Y: 50, W: 200, H: 200}
	// A zigzag: any position the tracker skips changes the stroke.
	var zig [][2]float64
	for i := range 12 {
		zig = append(zig, [2]float64{120 + 14*float64(i), 60 + 120*float64(i%2)})
	}
	// The reference: one position per tick, as a fast page samples it.
	var ref Pad
	rtr := Tracker{Pad: &ref, Rect: rect}
	if !rtr.Start(&fakeSource{pts: zig}) {
		t.Fatal("reference did not start")
	}
	for range len(zig) + 2 {
		rtr.Update()
	}
	want := ref.Strokes()[0]
	tests := []struct {
		name    string
		batches [][][2]float64
		started bool
	}{
		{"the whole stroke before the first tick", batches(zig, len(zig)), true},
		{"press, then the rest at once", batches(zig, 1), true},
		{"in uneven batches", batches(zig, 3, 1, 5), true},
		{"a position per tick", batches(zig, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), true},
		{"pressed outside the pad", batches(append([][2]float64{{10, 10}}, zig...), 4), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pad
			tr := Tracker{Pad: &p, Rect: rect}
			src := &trailSource{batches: tt.batches}
			src.deliver()
			if got := tr.Start(src); got != tt.started {
				t.Fatalf("Start = %v, want %v", got, tt.started)
			}
			if !tt.started {
				return
			}
			for range len(tt.batches) + 2 {
				tr.Update()
				src.deliver()
			}
			if tr.Active() || p.Drawing() {
				t.Fatal("stroke not ended after release")
			}
			if got := p.Strokes(); len(got) != 1 || !slices.Equal(got[0], want) {
				t.Errorf("stroke = %v, want %v (one position per tick)", got, want)
			}
		})
	}
}
