package pen

import (
	"errors"
	"math"
	"testing"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

func straight(x0, y0, x1, y1 float64, n int) pad.Stroke {
	var s pad.Stroke
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		s = append(s, pad.Point{X: x0 + f*(x1-x0), Y: y0 + f*(y1-y0)})
	}
	return s
}

func TestWrite(t *testing.T) {
	corner := append(straight(0.2, 0.2, 0.8, 0.2, 20), straight(0.8, 0.2, 0.8, 0.8, 20)[1:]...)
	tests := []struct {
		name     string
		w        Writer
		s        pad.Stroke
		min, max float64 // duration bounds in seconds
	}{
		{"line at the default speed", Writer{}, straight(0.2, 0.5, 0.8, 0.5, 30), 0.6 / DefaultSpeed, 0.6/DefaultSpeed + 2*DefaultRamp/(minSpeed*DefaultSpeed)},
		{"line, twice as fast", Writer{Speed: 2 * DefaultSpeed, Gain: 2 * DefaultGain}, straight(0.2, 0.5, 0.8, 0.5, 30), 0.3 / DefaultSpeed, 0.3/DefaultSpeed + DefaultRamp/(minSpeed*DefaultSpeed)},
		{"corner: slower than its length at full speed", Writer{}, corner, 1.2 / DefaultSpeed, 1.2 / (minSpeed * DefaultSpeed)},
		{"slow rate", Writer{Rate: 10}, straight(0.2, 0.5, 0.8, 0.5, 30), 0.6 / DefaultSpeed, 0.6/DefaultSpeed + 2*DefaultRamp/(minSpeed*DefaultSpeed)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.w.Duration([]pad.Stroke{tt.s})
			if d < tt.min || d > tt.max {
				t.Errorf("duration %.3f s, want %.3f..%.3f", d, tt.min, tt.max)
			}
			out := tt.w.Write([]pad.Stroke{tt.s})
			if len(out) != 1 {
				t.Fatalf("%d strokes", len(out))
			}
			got := out[0]
			rate := tt.w.withDefaults().Rate
			// Start, one position per 1/rate before the end, end.
			if want := int(math.Ceil(d*rate)) + 1; len(got) < want-1 || len(got) > want+1 {
				t.Errorf("%d positions for %.3f s at %v/s, want about %d", len(got), d, rate, want)
			}
			if got[0] != tt.s[0] || got[len(got)-1] != tt.s[len(tt.s)-1] {
				t.Errorf("positions run from %v to %v, want the stroke's ends %v, %v", got[0], got[len(got)-1], tt.s[0], tt.s[len(tt.s)-1])
			}
			top := tt.w.withDefaults().Speed / rate
			for i := 1; i < len(got); i++ {
				if d := dist(got[i-1], got[i]); d > top*1.001 {
					t.Errorf("step %d is %.4f, more than the top speed allows (%.4f)", i, d, top)
				}
			}
		})
	}
}

// TestWriteSlowsInCorners: the pen moves less per tick near a corner than
// on the straight parts (the two-thirds power law), and speeds up from
// rest.
func TestWriteSlowsInCorners(t *testing.T) {
	s := append(straight(0.1, 0.2, 0.9, 0.2, 40), straight(0.9, 0.2, 0.1, 0.25, 40)[1:]...) // a hairpin at (0.9, 0.2)
	out := Writer{}.Write([]pad.Stroke{s})[0]
	minAt, maxStep := -1, 0.0
	for i := 1; i < len(out); i++ {
		maxStep = max(maxStep, dist(out[i-1], out[i]))
		if minAt < 0 || dist(out[i], pad.Point{X: 0.9, Y: 0.2}) < dist(out[minAt], pad.Point{X: 0.9, Y: 0.2}) {
			minAt = i
		}
	}
	step := dist(out[minAt-1], out[minAt])
	if step > maxStep/2 {
		t.Errorf("step at the corner %.4f, largest step %.4f: the pen does not slow down", step, maxStep)
	}
	if first := dist(out[0], out[1]); first > maxStep/2 {
		t.Errorf("first step %.4f, largest %.4f: the pen does not start from rest", first, maxStep)
	}
}

func TestWriteDot(t *testing.T) {
	out := Writer{}.Write([]pad.Stroke{{{X: 0.5, Y: 0.5}}, {}})
	if len(out) != 1 || len(out[0]) != 1 || out[0][0] != (pad.Point{X: 0.5, Y: 0.5}) {
		t.Errorf("a dot is written as %v", out)
	}
	if d := (Writer{}).Duration([]pad.Stroke{{{X: 0.5, Y: 0.5}}}); d != 0 {
		t.Errorf("a dot takes %v s", d)
	}
}

func TestPointer(t *testing.T) {
	r := pad.Rect{X: 10, Y: 20, W: 100, H: 100}
	tests := []struct {
		name    string
		strokes []pad.Stroke
		want    [][]Pos
	}{
		{"rounded to whole pixels", []pad.Stroke{{{X: 0.5, Y: 0.5}, {X: 0.514, Y: 0.506}}}, [][]Pos{{{60, 70}, {61, 71}}}},
		{"repeats dropped", []pad.Stroke{{{X: 0.5, Y: 0.5}, {X: 0.501, Y: 0.5}, {X: 0.52, Y: 0.5}}}, [][]Pos{{{60, 70}, {62, 70}}}},
		{"kept inside the pad", []pad.Stroke{{{X: -0.2, Y: 1.3}, {X: 1, Y: 0}}}, [][]Pos{{{10, 119}, {109, 20}}}},
		{"empty strokes dropped", []pad.Stroke{{}, {{X: 0, Y: 0}}}, [][]Pos{{{10, 20}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Pointer(r, tt.strokes)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if len(got[i]) != len(tt.want[i]) {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
				for j := range got[i] {
					if got[i][j] != tt.want[i][j] {
						t.Errorf("got %v, want %v", got, tt.want)
					}
				}
			}
		})
	}
	for _, bad := range []pad.Rect{{}, {W: 0.5, H: 10}, {W: math.NaN(), H: 10}} {
		if _, err := Pointer(bad, nil); !errors.Is(err, ErrRect) {
			t.Errorf("Pointer(%v): error %v, want ErrRect", bad, err)
		}
	}
}

// TestPlay: the pad gets what the page's tracker makes of the same
// pointer positions.
func TestPlay(t *testing.T) {
	r := pad.Rect{X: 8, Y: 8, W: 200, H: 200}
	ptr := [][]Pos{{{58, 58}, {60, 60}, {100, 60}}, {{108, 108}}}
	var p pad.Pad
	if err := Play(&p, r, ptr); err != nil {
		t.Fatal(err)
	}
	if p.Drawing() {
		t.Error("a stroke is still in progress")
	}
	got := p.Strokes()
	if len(got) != 2 || len(got[0]) != 3 || len(got[1]) != 1 {
		t.Fatalf("strokes %v", got)
	}
	for i, s := range ptr {
		for j, q := range s {
			if want := r.ToPad(float64(q.X), float64(q.Y)); got[i][j] != want {
				t.Errorf("stroke %d point %d = %v, want %v", i, j, got[i][j], want)
			}
		}
	}
	// A press outside the pad starts nothing: an error.
	if err := Play(&p, r, [][]Pos{{{2, 2}, {50, 50}}}); err == nil {
		t.Error("no error for a stroke starting outside the pad")
	}
}

// TestDrawRendersTheStrokes: a line drawn through Draw gives ink along it
// in the pad's input image.
func TestDrawRendersTheStrokes(t *testing.T) {
	var p pad.Pad
	r := pad.Rect{X: 0, Y: 0, W: 251, H: 251}
	if err := (Writer{}).Draw(&p, r, []pad.Stroke{straight(0.5, 0.15, 0.5, 0.85, 10)}); err != nil {
		t.Fatal(err)
	}
	img := p.InputImage(nil)
	ink := 0
	for y := range pad.InputSide {
		for x := range pad.InputSide {
			if img[y*pad.InputSide+x] >= 128 {
				ink++
				if x < 12 || x > 15 {
					t.Errorf("ink at (%d, %d), off the vertical line", x, y)
				}
			}
		}
	}
	if ink < 18 {
		t.Errorf("%d ink pixels for a line 20 pixels long", ink)
	}
}
