package teach

import (
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

func line(a, b pad.Point, n int) pad.Stroke {
	var s pad.Stroke
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		s = append(s, pad.Point{X: a.X + f*(b.X-a.X), Y: a.Y + f*(b.Y-a.Y)})
	}
	return s
}

func seven() []pad.Stroke {
	return []pad.Stroke{
		line(pad.Point{X: 0.25, Y: 0.2}, pad.Point{X: 0.75, Y: 0.2}, 8),
		line(pad.Point{X: 0.75, Y: 0.2}, pad.Point{X: 0.4, Y: 0.85}, 8),
		line(pad.Point{X: 0.35, Y: 0.5}, pad.Point{X: 0.7, Y: 0.5}, 5),
	}
}

func reversed(s []pad.Stroke) []pad.Stroke {
	out := make([]pad.Stroke, len(s))
	for i := range s {
		out[len(s)-1-i] = s[i]
	}
	return out
}

func TestFrames(t *testing.T) {
	fr := Frames(seven(), 8)
	if len(fr) != 8 {
		t.Fatalf("%d frames", len(fr))
	}
	var union mnist.Bitmap
	for i, f := range fr {
		if f.Count() == 0 {
			t.Errorf("frame %d is empty", i)
		}
		for _, j := range f.Indices() {
			union.Set(j%mnist.Side, j/mnist.Side, true)
		}
	}
	if fr[0] == fr[7] {
		t.Error("the first and last frames are equal")
	}
	// The frames together cover the whole drawing.
	whole := Frames(seven(), 1)[0]
	if d := whole.Hamming(union); d > whole.Count()/10 {
		t.Errorf("the union of the frames differs from the drawing in %d of %d pixels", d, whole.Count())
	}
	if r := Frames(reversed(seven()), 8); r[0] == fr[0] {
		t.Error("another stroke order must give other frames")
	}
}

// TestSeqOrder: a drawing learned as a sequence is familiar (G ≈ 1) in its
// order and less familiar in another order; its first frames replay the rest.
func TestSeqOrder(t *testing.T) {
	s, err := NewSeq(1)
	if err != nil {
		t.Fatal(err)
	}
	fr := Frames(seven(), 8)
	if err := s.Learn(fr); err != nil {
		t.Fatal(err)
	}
	// A second, different drawing stored too.
	if err := s.Learn(Frames([]pad.Stroke{line(pad.Point{X: 0.5, Y: 0.1}, pad.Point{X: 0.5, Y: 0.9}, 8)}, 8)); err != nil {
		t.Fatal(err)
	}
	gs, same, err := s.Familiarity(fr)
	if err != nil {
		t.Fatal(err)
	}
	_, other, err := s.Familiarity(Frames(reversed(seven()), 8))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("same order: mean G %.3f %v; other order: mean G %.3f", same, gs, other)
	if same < 0.95 || other >= same-0.05 {
		t.Errorf("same order G %.3f, other order %.3f", same, other)
	}
	rep, err := s.Replay(fr, 3, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rep {
		t.Logf("replayed frame %d: %.2f of the stored frame's ink", i+4, InkOverlap(r, fr[3+i]))
	}
	if len(rep) != 5 || InkOverlap(rep[len(rep)-1], fr[7]) < 0.5 {
		t.Errorf("replay: %d frames", len(rep))
	}
}
