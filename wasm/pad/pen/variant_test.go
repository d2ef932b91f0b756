package pen

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestPlaceFitSlant(t *testing.T) {
	s := []pad.Stroke{straight(0.3, 0.2, 0.5, 0.8, 6), straight(0.4, 0.5, 0.6, 0.5, 2)}
	tests := []struct {
		name string
		got  []pad.Stroke
		want Box
	}{
		{"place", Place(s, 0.25, 0.06, 0.06), Box{0.06, 0.06, 0.06 + 0.25*0.3/0.6, 0.31}},
		{"fit", Fit(s, 0.9, 0.5, 0.5), Box{0.5 - 0.45*0.3/0.6, 0.05, 0.5 + 0.45*0.3/0.6, 0.95}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Bounds(tt.got)
			if !approx(b.X0, tt.want.X0) || !approx(b.Y0, tt.want.Y0) || !approx(b.X1, tt.want.X1) || !approx(b.Y1, tt.want.Y1) {
				t.Errorf("bounds %+v, want %+v", b, tt.want)
			}
		})
	}
	// Slant: a vertical line leans by the angle, its middle stays.
	v := []pad.Stroke{straight(0.5, 0.2, 0.5, 0.8, 4)}
	for _, deg := range []float64{20, -20} {
		got := Slant(v, deg)[0]
		top, bottom := got[0], got[len(got)-1]
		if lean := (top.X - bottom.X) / (bottom.Y - top.Y); !approx(lean, math.Tan(deg*math.Pi/180)) {
			t.Errorf("slant %v°: lean %.4f", deg, lean)
		}
		if mid := got[2]; !approx(mid.X, 0.5) || !approx(mid.Y, 0.5) {
			t.Errorf("slant %v°: middle moved to %v", deg, mid)
		}
	}
}

func TestShake(t *testing.T) {
	s := []pad.Stroke{straight(0.1, 0.5, 0.9, 0.5, 200)}
	a := Shake(s, 0.01, rand.New(rand.NewPCG(1, 2)))
	b := Shake(s, 0.01, rand.New(rand.NewPCG(1, 2)))
	c := Shake(s, 0.01, rand.New(rand.NewPCG(1, 3)))
	var sum2 float64
	same, differs := true, false
	for i, p := range a[0] {
		d := p.Y - 0.5
		sum2 += d * d
		same = same && p == b[0][i]
		differs = differs || p != c[0][i]
	}
	if !same || !differs {
		t.Errorf("the same seed gives the same tremor (%v), another seed another one (%v)", same, differs)
	}
	if sd := math.Sqrt(sum2 / float64(len(a[0]))); sd < 0.007 || sd > 0.013 {
		t.Errorf("tremor standard deviation %.4f, want about 0.01", sd)
	}
	if s[0][1].Y != 0.5 {
		t.Error("Shake changed its input")
	}
}

func TestRestart(t *testing.T) {
	long := straight(0.1, 0.5, 0.9, 0.5, 8)  // 0.8 long
	short := straight(0.1, 0.2, 0.3, 0.2, 2) // 0.2 long
	rng := rand.New(rand.NewPCG(7, 7))
	for range 50 {
		got := Restart([]pad.Stroke{long, short}, rng)
		if len(got) != 3 {
			t.Fatalf("%d strokes, want the long one cut in two and the short one kept", len(got))
		}
		first, second := got[0], got[1]
		lift, down := first[len(first)-1], second[0]
		if lift.X < 0.1+0.3*0.8-1e-9 || lift.X > 0.1+0.7*0.8+1e-9 {
			t.Errorf("lifted at %v, want between 30%% and 70%% of the stroke", lift)
		}
		if d := dist(lift, down); d > 0.04+0.015+1e-9 {
			t.Errorf("put down %.3f away from where it was lifted", d)
		}
		if end := second[len(second)-1]; end != long[len(long)-1] {
			t.Errorf("the restarted stroke ends at %v, want %v", end, long[len(long)-1])
		}
		if got[2][0] != short[0] || len(got[2]) != len(short) {
			t.Error("the short stroke changed")
		}
	}
}

func TestCut(t *testing.T) {
	s := straight(0, 0, 1, 0, 4) // points every 0.25
	tests := []struct {
		from, to float64
		want     pad.Stroke
	}{
		{0.1, 0.6, pad.Stroke{{X: 0.1}, {X: 0.25}, {X: 0.5}, {X: 0.6}}},
		{-1, 0.25, pad.Stroke{{X: 0}, {X: 0.25}}},
		{0.9, 5, pad.Stroke{{X: 0.9}, {X: 1}}},
		{2, 3, pad.Stroke{{X: 1}}},
	}
	for _, tt := range tests {
		got := Cut(s, tt.from, tt.to)
		if len(got) != len(tt.want) {
			t.Errorf("Cut(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
			continue
		}
		for i := range got {
			if !approx(got[i].X, tt.want[i].X) || !approx(got[i].Y, tt.want[i].Y) {
				t.Errorf("Cut(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
				break
			}
		}
	}
}

func TestSmoothResampleLength(t *testing.T) {
	stair := pad.Stroke{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 1}, {X: 2, Y: 2}}
	sm := Smooth([]pad.Stroke{stair}, 2)[0]
	if sm[0] != stair[0] || sm[4] != stair[4] {
		t.Error("Smooth moved the ends of an open stroke")
	}
	if Length([]pad.Stroke{sm}) >= Length([]pad.Stroke{stair}) {
		t.Error("Smooth did not shorten a staircase")
	}
	ring := pad.Stroke{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}, {X: 0, Y: 1}, {X: 0, Y: 0}}
	sr := Smooth([]pad.Stroke{ring}, 3)[0]
	if sr[0] != sr[len(sr)-1] {
		t.Error("Smooth opened a closed stroke")
	}
	if sr[0] == ring[0] {
		t.Error("Smooth left the start of a closed stroke where it was (it is a point like any other)")
	}
	rs := Resample([]pad.Stroke{straight(0, 0, 1, 0, 3)}, 0.1)[0]
	if len(rs) != 11 {
		t.Errorf("resampled every 0.1: %d points, want 11", len(rs))
	}
	for i := 1; i < len(rs); i++ {
		if d := dist(rs[i-1], rs[i]); !approx(d, 0.1) {
			t.Errorf("step %d is %v", i, d)
		}
	}
}

// tracedTwo is a small 2 traced and smoothed as the writer draws it.
func tracedTwo(t *testing.T) []pad.Stroke {
	t.Helper()
	ink, w, h := grid(
		"..####..",
		".#....#.",
		"......#.",
		".....#..",
		"....#...",
		"...#....",
		"..######",
	)
	strokes, err := Trace(ink, w, h)
	if err != nil {
		t.Fatal(err)
	}
	return Smooth(Fit(strokes, 0.7, 0.5, 0.5), SmoothPasses)
}

// TestVariants: each variant draws, deterministically for a seed, inside
// the pad.
func TestVariants(t *testing.T) {
	strokes := tracedTwo(t)
	r := pad.Rect{X: 8, Y: 8, W: 251, H: 251}
	seen := map[string]bool{}
	for _, v := range Variants() {
		if seen[v.Name] || v.Name == "" {
			t.Errorf("variant name %q empty or repeated", v.Name)
		}
		seen[v.Name] = true
		a, err := v.Pointer(r, strokes, Writer{}, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		b, _ := v.Pointer(r, strokes, Writer{}, rand.New(rand.NewPCG(1, 1)))
		if len(a) == 0 || len(a) != len(b) {
			t.Fatalf("%s: %d and %d strokes", v.Name, len(a), len(b))
		}
		var p pad.Pad
		if err := Play(&p, r, a); err != nil {
			t.Errorf("%s: %v", v.Name, err)
		}
	}
}
