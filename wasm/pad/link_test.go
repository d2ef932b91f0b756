package pad

import (
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomDrawing draws n strokes of random walks on a pad with the link's
// grid.
func randomDrawing(rng *rand.Rand, n int) []Stroke {
	p := Pad{Grid: LinkGrid}
	for range n {
		x, y := rng.Float64(), rng.Float64()
		p.Begin(Point{x, y})
		for range rng.IntN(80) {
			x, y = x+0.05*(rng.Float64()-0.5), y+0.05*(rng.Float64()-0.5)
			p.Extend(Point{x, y})
		}
		p.End()
	}
	return p.Strokes()
}

// TestLinkRoundTrip: a drawing on the link's grid comes back exactly, and
// a drawing of a few strokes is short enough for an address.
func TestLinkRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 3, 10, MaxLinkStrokes} {
		d := randomDrawing(rng, n)
		text := EncodeStrokes(d)
		got, err := DecodeStrokes(text)
		if err != nil {
			t.Fatalf("%d strokes: %v", n, err)
		}
		if !slices.EqualFunc(got, d, func(a, b Stroke) bool { return slices.Equal(a, b) }) {
			t.Fatalf("%d strokes: the drawing changed", n)
		}
		pts := 0
		for _, s := range d {
			pts += len(s)
		}
		t.Logf("%d strokes, %d points: %d characters (%.1f per point)", n, pts, len(text), float64(len(text))/float64(pts))
		if len(text) > 4*pts+8 {
			t.Errorf("%d points take %d characters", pts, len(text))
		}
	}
	if EncodeStrokes(nil) != "" {
		t.Error("an empty drawing has a link")
	}
	// Off the grid: rounded to it.
	got, err := DecodeStrokes(EncodeStrokes([]Stroke{{{0.123456, 0.5}}}))
	if err != nil || len(got) != 1 || got[0][0].X != 506.0/LinkGrid {
		t.Errorf("rounding: %v %v", got, err)
	}
}

// TestLinkLimits: a drawing beyond the limits is cut to them, and the
// decoder refuses what breaks them.
func TestLinkLimits(t *testing.T) {
	long := make(Stroke, MaxLinkPoints+10)
	for i := range long {
		long[i] = Point{float64(i%100) / 100, 0.5}
	}
	var many []Stroke
	for range 5 {
		many = append(many, long)
	}
	got, err := DecodeStrokes(EncodeStrokes(many))
	total := 0
	for _, s := range got {
		total += len(s)
	}
	if err != nil || total != MaxLinkTotal || len(got[0]) != MaxLinkPoints {
		t.Errorf("cut drawing: %d points in %d strokes, %v", total, len(got), err)
	}
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"version 2", []byte{2, 1, 1, 0, 0}},
		{"no strokes", []byte{1, 0}},
		{"too many strokes", []byte{1, 65}},
		{"strokes beyond the bytes", []byte{1, 60, 1, 0, 0}},
		{"points beyond the bytes", []byte{1, 1, 0xff, 0x1f, 0, 0}},
		{"zero points", []byte{1, 1, 0, 0, 0}},
		{"off the pad", []byte{1, 1, 2, 0, 0, 1, 0}},
		{"x beyond the grid", []byte{1, 1, 1, 0xff, 0x7f, 0}},
		{"trailing bytes", []byte{1, 1, 1, 0, 0, 9}},
		{"truncated", []byte{1, 1, 2, 0, 0, 2}},
	} {
		if _, err := DecodeStrokes(base64.RawURLEncoding.EncodeToString(tc.b)); !errors.Is(err, ErrLink) {
			t.Errorf("%s: %v, want ErrLink", tc.name, err)
		}
	}
	if _, err := DecodeStrokes("!!"); !errors.Is(err, ErrLink) {
		t.Errorf("not base64: %v", err)
	}
}

// FuzzDecodeStrokes: the decoder never panics, allocates no more points
// than the text can hold, and what it accepts encodes back to itself.
func FuzzDecodeStrokes(f *testing.F) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 5} {
		f.Add(EncodeStrokes(randomDrawing(rng, n)))
	}
	f.Add("AQEBAAA")
	f.Fuzz(func(t *testing.T, text string) {
		got, err := DecodeStrokes(text)
		if err != nil {
			if !errors.Is(err, ErrLink) {
				t.Fatalf("error %v does not wrap ErrLink", err)
			}
			return
		}
		pts := 0
		for _, s := range got {
			pts += cap(s)
		}
		if pts > len(text) {
			t.Fatalf("%d points from %d characters", pts, len(text))
		}
		again, err := DecodeStrokes(EncodeStrokes(got))
		if err != nil || !slices.EqualFunc(again, got, func(a, b Stroke) bool { return slices.Equal(a, b) }) {
			t.Fatalf("re-encoding changed the drawing: %v", err)
		}
	})
}
