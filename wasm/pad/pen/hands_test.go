package pen

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

func rng(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 99)) }

func TestScatter(t *testing.T) {
	s := []pad.Stroke{straight(0.3, 0.2, 0.5, 0.8, 6), straight(0.4, 0.5, 0.6, 0.5, 2)}
	for _, side := range []float64{0.25, 0.5, 0.96} {
		var corners []Box
		for seed := range uint64(20) {
			got := Scatter(s, side, rng(seed))
			b := Bounds(got)
			if !approx(max(b.X1-b.X0, b.Y1-b.Y0), side) {
				t.Errorf("side %v: larger side %v", side, max(b.X1-b.X0, b.Y1-b.Y0))
			}
			if b.X0 < 0.02-1e-9 || b.Y0 < 0.02-1e-9 || b.X1 > 0.98+1e-9 || b.Y1 > 0.98+1e-9 {
				t.Errorf("side %v: bounds %+v leave the pad's margin", side, b)
			}
			if again := Bounds(Scatter(s, side, rng(seed))); again != b {
				t.Errorf("side %v seed %d: not deterministic", side, seed)
			}
			corners = append(corners, b)
		}
		// Off centre: small drawings land at many places, over most of the
		// room they have.
		if side < 0.9 {
			lo, hi := 1.0, 0.0
			for _, b := range corners {
				lo, hi = min(lo, b.Y0), max(hi, b.Y0)
			}
			if room := 0.96 - side; hi-lo < 0.5*room {
				t.Errorf("side %v: tops spread over %.3f of %.3f", side, hi-lo, room)
			}
		}
	}
}

func TestReverse(t *testing.T) {
	a, b := straight(0, 0, 1, 0, 3), straight(0, 1, 0, 2, 2)
	s := []pad.Stroke{a, b}
	ro := ReverseOrder(s)
	if len(ro) != 2 || !slices.Equal(ro[0], b) || !slices.Equal(ro[1], a) {
		t.Errorf("ReverseOrder = %v", ro)
	}
	rd := ReverseDirection(s)
	if len(rd) != 2 || rd[0][0] != a[3] || rd[0][3] != a[0] || rd[1][0] != b[2] || len(rd[1]) != 3 {
		t.Errorf("ReverseDirection = %v", rd)
	}
	if s[0][0] != (pad.Point{}) {
		t.Error("the input changed")
	}
}

func TestLifts(t *testing.T) {
	s := []pad.Stroke{straight(0.1, 0.5, 0.9, 0.5, 40), straight(0.5, 0.1, 0.5, 0.9, 40)}
	l0 := Length(s)
	for _, n := range []int{1, 3} {
		for seed := range uint64(30) {
			got := Lifts(s, n, rng(seed))
			if len(got) != len(s)+n {
				t.Fatalf("%d lifts: %d strokes, want %d", n, len(got), len(s)+n)
			}
			// Each lift leaves a gap of at most 0.02 or overlaps by at most
			// 0.04.
			// (The side offset, up to 0.015, fading over 0.08, can shorten or
			// lengthen the restarted part by up to its size.)
			if l := Length(got); l < l0-0.035*float64(n)-1e-9 || l > l0+0.055*float64(n)+1e-9 {
				t.Errorf("%d lifts, seed %d: length %.3f from %.3f", n, seed, l, l0)
			}
			for i := 1; i < len(got); i++ {
				if len(got[i]) < 2 {
					t.Errorf("%d lifts, seed %d: stroke %d has %d points", n, seed, i, len(got[i]))
				}
			}
		}
	}
}

// segAngle is the angle below the horizontal, in degrees, of the segment
// from a to b drawn rightwards (y down).
func segAngle(a, b pad.Point) float64 {
	return math.Atan2(a.Y-b.Y, b.X-a.X) * 180 / math.Pi
}

func TestFlagAndBase(t *testing.T) {
	one := []pad.Stroke{straight(0.5, 0.1, 0.45, 0.9, 20)} // a 1, traced from the top
	h := 0.8
	for seed := range uint64(30) {
		got := FlagAndBase(one, rng(seed))
		if len(got) != 2 {
			t.Fatalf("%d strokes, want the flag in the 1's stroke and a base", len(got))
		}
		st, base := got[0], got[1]
		top := one[0][0]
		// The flag runs up to the top, then the 1 goes on unchanged.
		k := slices.Index(st, top)
		if k <= 0 || !slices.Equal(st[k:], one[0]) {
			t.Fatalf("the stroke does not run through the flag into the 1: %v", st)
		}
		flag := st[0]
		if l := dist(flag, top); l < 0.2*h-1e-9 || l > 0.35*h+1e-9 {
			t.Errorf("flag %.3f long, want 20–35%% of %.1f", l, h)
		}
		if a := segAngle(flag, top); a < 20-1e-6 || a > 45+1e-6 || flag.X >= top.X {
			t.Errorf("flag from %v rises at %.1f°, want from the lower left at 20–45°", flag, a)
		}
		l, r := base[0], base[len(base)-1]
		if mid := lerp(l, r, 0.5); math.Abs(mid.X-0.45) > 1e-9 || math.Abs(mid.Y-0.9) > 1e-9 {
			t.Errorf("base centred at %v, want under the bottom (0.45, 0.9)", mid)
		}
		if bl := dist(l, r); bl < 0.4*h-1e-9 || bl > 0.7*h+1e-9 {
			t.Errorf("base %.3f long, want 40–70%% of the height", bl)
		}
		if a := math.Abs(segAngle(l, r)); a > 3+1e-6 {
			t.Errorf("base tilted %.1f°", a)
		}
	}
	// A 1 traced from the bottom gets the flag at its top all the same.
	up := ReverseDirection(one)
	got := FlagAndBase(up, rng(1))
	if got[0][len(got[0])-1] != one[0][len(one[0])-1] || got[0][0].Y <= one[0][0].Y {
		t.Errorf("reversed 1: the stroke starts at %v and ends at %v", got[0][0], got[0][len(got[0])-1])
	}
}

func TestCrossed7(t *testing.T) {
	seven := []pad.Stroke{append(straight(0.2, 0.1, 0.7, 0.1, 10), straight(0.7, 0.1, 0.4, 0.9, 20)[1:]...)}
	h := 0.8
	for seed := range uint64(30) {
		got := Crossed7(seven, rng(seed))
		if len(got) != 2 || !slices.Equal(got[0], seven[0]) {
			t.Fatalf("want the 7 unchanged and a bar: %v", got)
		}
		bar := got[1]
		l, r := bar[0], bar[len(bar)-1]
		mid := lerp(l, r, 0.5)
		if f := (mid.Y - 0.1) / h; f < 0.45-1e-9 || f > 0.6+1e-9 {
			t.Errorf("bar at %.2f of the height, want 0.45–0.6", f)
		}
		// It crosses the 7's stroke at its middle.
		want := 0.7 + (mid.Y-0.1)/h*(0.4-0.7)
		if math.Abs(mid.X-want) > 1e-9 {
			t.Errorf("bar centred at x %.4f, the stroke is at %.4f", mid.X, want)
		}
		if bl := dist(l, r); bl < 0.24*h-1e-9 || bl > 0.36*h+1e-9 || l.X > r.X {
			t.Errorf("bar %.3f long from %v to %v, want 24–36%% of the height, left to right", bl, l, r)
		}
	}
}

func TestOpen4(t *testing.T) {
	// A closed 4: a diagonal from the top of the vertical down to the bar,
	// the bar, and the vertical.
	closed := []pad.Stroke{
		append(straight(0.6, 0.1, 0.2, 0.6, 10), straight(0.2, 0.6, 0.8, 0.6, 10)[1:]...),
		straight(0.6, 0.1, 0.6, 0.9, 16),
	}
	for seed := range uint64(30) {
		got := Open4(closed, rng(seed))
		if len(got) != 2 {
			t.Fatalf("%d strokes, want an arm and a vertical", len(got))
		}
		arm, vert := got[0], got[1]
		b, nb := Bounds(closed), Bounds(got)
		if math.Abs(nb.Y0-b.Y0) > 1e-9 || math.Abs(nb.Y1-b.Y1) > 1e-9 || math.Abs(nb.X0-b.X0) > 1e-9 {
			t.Errorf("box %+v, want the traced one's top, bottom and left %+v", nb, b)
		}
		if v0, v1 := vert[0], vert[len(vert)-1]; !approx(v0.X, 0.6) || !approx(v1.X, 0.6) || !approx(v1.Y, 0.9) || v0.Y > 0.1+0.12*0.8+1e-9 {
			t.Errorf("vertical from %v to %v, want x 0.6 from near the top to the bottom", v0, v1)
		}
		// The bar is where the traced one was, and the arm's top stays
		// away from the vertical: open.
		if y := arm[len(arm)-1].Y; math.Abs(y-0.6) > 1e-9 {
			t.Errorf("bar at %.3f, want 0.6", y)
		}
		if top := arm[0]; 0.6-top.X < 0.6-(0.2+0.2*0.6)-1e-9 {
			t.Errorf("the arm starts at %v, too near the vertical: not open", top)
		}
		if end := arm[len(arm)-1]; end.X <= 0.6 {
			t.Errorf("the bar ends at %v, short of the vertical", end)
		}
	}
}

func TestStraightTail9(t *testing.T) {
	// A 9: a closed loop in the top half and a curved tail.
	var lp pad.Stroke
	for i := 0; i <= 30; i++ {
		a := 2 * math.Pi * float64(i) / 30
		lp = append(lp, pad.Point{X: 0.5 + 0.2*math.Cos(a), Y: 0.3 + 0.18*math.Sin(a)})
	}
	tail := pad.Stroke{{X: 0.7, Y: 0.3}, {X: 0.72, Y: 0.5}, {X: 0.65, Y: 0.7}, {X: 0.5, Y: 0.9}}
	nine := []pad.Stroke{lp, tail}
	for seed := range uint64(30) {
		got := StraightTail9(nine, rng(seed))
		if len(got) != 1 {
			t.Fatalf("%d strokes, want one", len(got))
		}
		st := got[0]
		b := Bounds(got)
		if math.Abs(b.Y0-0.12) > 0.01 || math.Abs(b.Y1-0.9) > 1e-9 {
			t.Errorf("box %+v, want the traced top and bottom (0.12, 0.9)", b)
		}
		// The loop closes (its end is its start) and the tail from there
		// to the bottom is straight.
		k := 40
		if dist(st[0], st[k]) > 1e-9 {
			t.Errorf("loop from %v ends at %v", st[0], st[k])
		}
		a, e := st[k], st[len(st)-1]
		for _, p := range st[k:] {
			cross := (e.X-a.X)*(p.Y-a.Y) - (e.Y-a.Y)*(p.X-a.X)
			if math.Abs(cross) > 1e-9 {
				t.Fatalf("tail point %v is off the line from %v to %v", p, a, e)
			}
		}
		if lean := (e.X - a.X) / (b.Y1 - b.Y0); lean < -0.15-1e-9 || lean > 0.05+1e-9 {
			t.Errorf("tail's foot %.3f of the height across", lean)
		}
		// The loop spans the traced loop's width.
		lb := Bounds([]pad.Stroke{st[:k+1]})
		if math.Abs(lb.X0-0.3) > 0.01 || math.Abs(lb.X1-0.72) > 0.03 {
			t.Errorf("loop box %+v, want about the traced one (0.3..0.7)", lb)
		}
	}
}

// TestClock: a pen drawing a straight line at constant speed reaches the
// page at the spacing its clock gives.
func TestClock(t *testing.T) {
	// Long enough for the writer to reach full speed; Ramp keeps it slow
	// only at the ends.
	s := []pad.Stroke{straight(0.05, 0.5, 0.95, 0.5, 90)}
	w := Writer{}
	mid := func(st pad.Stroke) []float64 {
		var d []float64
		for i := 1; i < len(st); i++ {
			if st[i-1].X > 0.2 && st[i].X < 0.8 {
				d = append(d, dist(st[i-1], st[i]))
			}
		}
		return d
	}
	stats := func(d []float64) (mean, sd float64) {
		for _, v := range d {
			mean += v
		}
		mean /= float64(len(d))
		for _, v := range d {
			sd += (v - mean) * (v - mean)
		}
		return mean, math.Sqrt(sd / float64(len(d)))
	}
	// The zero clock is Write's steady 60 Hz.
	a, err := w.WriteClock(s, Clock{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b := w.Write(s); !slices.Equal(a[0], b[0]) {
		t.Error("the zero clock differs from Write")
	}
	step := DefaultSpeed / DefaultRate
	tests := []struct {
		name             string
		c                Clock
		minMean, maxMean float64 // bounds of the mean spacing, in steps of Speed/60
		minSD, maxSD     float64 // bounds of its standard deviation, in steps
	}{
		// Without jitter every tick reads the pen where it was 1/60 s after
		// the last one (fast events change only which instant is read).
		{"60 Hz", Clock{EventRate: 60}, 0.999, 1.001, -1, 1e-6},
		{"120 Hz events, read at 60 Hz ticks", Clock{EventRate: 120}, 0.999, 1.001, -1, 1e-6},
		{"ticks at 120 Hz", Clock{EventRate: 120, TickRate: 120}, 0.4995, 0.5005, -1, 1e-6},
		// Events at 60 Hz with intervals of 0.5 to 1.5 ticks: a tick after a
		// late event reads nothing new (at most one in a row), so fewer
		// positions arrive, between one and two steps apart.
		{"60 Hz with jitter ±50%", Clock{EventRate: 60, Jitter: 0.5}, 1.001, 1.5, 0.1, 1},
		// At 90 Hz the longest interval (1.3/90 s) is shorter than a tick:
		// every tick reads a new event, one step apart on average, give or
		// take the jitter of the instant read.
		{"90 Hz with jitter ±30%", Clock{EventRate: 90, Jitter: 0.3}, 0.95, 1.05, 0.05, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := w.WriteClock(s, tt.c, rng(3))
			if err != nil {
				t.Fatal(err)
			}
			again, _ := w.WriteClock(s, tt.c, rng(3))
			if !slices.Equal(got[0], again[0]) {
				t.Error("not deterministic for a seed")
			}
			if got[0][0] != s[0][0] || got[0][len(got[0])-1] != s[0][len(s[0])-1] {
				t.Error("the stroke's ends are not reported")
			}
			m, sd := stats(mid(got[0]))
			if m < tt.minMean*step || m > tt.maxMean*step {
				t.Errorf("mean spacing %.5f, want %.5f to %.5f", m, tt.minMean*step, tt.maxMean*step)
			}
			if sd <= tt.minSD*step || sd >= tt.maxSD*step {
				t.Errorf("spacing spread %.5f, want in (%.5f, %.5f)", sd, tt.minSD*step, tt.maxSD*step)
			}
		})
	}
	// Stalled ticks: a tenth of them read nothing new.
	// Over 20 strokes (about 1,000 ticks) the fraction is 0.9 within four
	// standard deviations (0.0095 each).
	many := slices.Repeat(s, 20)
	count := func(ss []pad.Stroke) (n int) {
		for _, st := range ss {
			n += len(st) - 2 // the start and the end always arrive
		}
		return n
	}
	full, _ := w.WriteClock(many, Clock{}, nil)
	stalled, _ := w.WriteClock(many, Clock{Stall: 0.1}, rng(5))
	if f := float64(count(stalled)) / float64(count(full)); f < 0.86 || f > 0.94 {
		t.Errorf("with 10%% stalled ticks %.3f of the positions arrive", f)
	}
	if _, err := w.WriteClock(s, Clock{Jitter: 1.5}, rng(1)); err == nil {
		t.Error("jitter 1.5 accepted")
	}
	if _, err := w.WriteClock(s, Clock{Jitter: 0.5}, nil); err == nil {
		t.Error("jitter without a random source accepted")
	}
}

// TestFlick: the flicked last stroke is written Flick times as fast.
func TestFlick(t *testing.T) {
	s := []pad.Stroke{straight(0.05, 0.3, 0.95, 0.3, 90), straight(0.05, 0.6, 0.95, 0.6, 90)}
	r := pad.Rect{X: 0, Y: 0, W: 1000, H: 1000}
	v := Variant{Flick: 4}
	ptr, err := v.Pointer(r, s, Writer{Ramp: 0.001}, rng(1))
	if err != nil {
		t.Fatal(err)
	}
	max := func(st []Pos) float64 {
		m := 0.0
		for i := 1; i < len(st); i++ {
			m = math.Max(m, math.Hypot(float64(st[i].X-st[i-1].X), float64(st[i].Y-st[i-1].Y)))
		}
		return m
	}
	slow, fast := max(ptr[0]), max(ptr[1])
	if ratio := fast / slow; ratio < 3.8 || ratio > 4.2 {
		t.Errorf("the last stroke's steps are %.2f× the first's, want 4×", ratio)
	}
	if want := 1000 * DefaultSpeed / DefaultRate; math.Abs(slow-want) > 1 {
		t.Errorf("step %.1f px at the default speed, want %.1f", slow, want)
	}
}

// TestHands: every perturbation draws, deterministically for a seed,
// inside the pad, and only for the digits it applies to.
func TestHands(t *testing.T) {
	strokes := tracedTwo(t)
	r := pad.Rect{X: 8, Y: 8, W: 251, H: 251}
	seen := map[string]bool{}
	styles := 0
	for _, v := range Hands() {
		if seen[v.Name] || v.Name == "" {
			t.Errorf("name %q empty or repeated", v.Name)
		}
		seen[v.Name] = true
		if len(v.Classes) > 0 {
			styles++
			if v.AppliesTo(v.Classes[0]+1) || !v.AppliesTo(v.Classes[0]) {
				t.Errorf("%s applies to %v only", v.Name, v.Classes)
			}
		}
		a, err := v.Pointer(r, strokes, Writer{}, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		b, _ := v.Pointer(r, strokes, Writer{}, rand.New(rand.NewPCG(1, 1)))
		if len(a) == 0 || !slices.EqualFunc(a, b, slices.Equal) {
			t.Fatalf("%s: not deterministic (%d and %d strokes)", v.Name, len(a), len(b))
		}
		var p pad.Pad
		if err := Play(&p, r, a); err != nil {
			t.Errorf("%s: %v", v.Name, err)
		}
	}
	if styles != 4 {
		t.Errorf("%d styles, want 4", styles)
	}
}
