package pen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// TestNonDigits: every kind draws, deterministically for a seed and
// differently for another, on the pad at the size it says; the letters
// are the fifteen the benchmark names.
func TestNonDigits(t *testing.T) {
	kinds := NonDigits()
	var ls string
	seen := map[string]bool{}
	r := pad.Rect{X: 8, Y: 8, W: 251, H: 251}
	for _, k := range kinds {
		if seen[k.Name] {
			t.Errorf("%q twice", k.Name)
		}
		seen[k.Name] = true
		if l, ok := strings.CutPrefix(k.Name, "letter "); ok {
			ls += l
		}
		for seed := range uint64(20) {
			a := k.Draw(rand.New(rand.NewPCG(seed, 5)))
			b := k.Draw(rand.New(rand.NewPCG(seed, 5)))
			c := k.Draw(rand.New(rand.NewPCG(seed+100, 5)))
			if len(a) == 0 || !slices.EqualFunc(a, b, slices.Equal) {
				t.Fatalf("%s seed %d: not deterministic", k.Name, seed)
			}
			if slices.EqualFunc(a, c, slices.Equal) {
				t.Errorf("%s: seeds %d and %d draw the same", k.Name, seed, seed+100)
			}
			bx := Bounds(a)
			if side := max(bx.X1-bx.X0, bx.Y1-bx.Y0); side < 0.55-1e-9 || side > 0.85+1e-9 {
				t.Errorf("%s seed %d: %.3f of the pad, want 0.55–0.85", k.Name, seed, side)
			}
			if bx.X0 < 0.02-1e-9 || bx.Y0 < 0.02-1e-9 || bx.X1 > 0.98+1e-9 || bx.Y1 > 0.98+1e-9 {
				t.Errorf("%s seed %d: bounds %+v off the pad's margin", k.Name, seed, bx)
			}
			ptr, err := Pointer(r, Writer{}.Write(a))
			if err != nil {
				t.Fatal(err)
			}
			var pd pad.Pad
			if err := Play(&pd, r, ptr); err != nil || pd.Len() != len(a) {
				t.Errorf("%s: played %d of %d strokes (%v)", k.Name, pd.Len(), len(a), err)
			}
		}
	}
	if ls != "ACEFHKMNPRUVWXY" {
		t.Errorf("letters %q", ls)
	}
	for _, want := range []string{"square", "triangle", "star", "spiral", "# grid", "arrow", "zigzag", "scribble"} {
		if !seen[want] {
			t.Errorf("no %s", want)
		}
	}
}

// TestDrawUnitVaries: a letter's width varies by ±15% and its slant by up
// to ±12° around the template, and no stroke is lost.
func TestDrawUnitVaries(t *testing.T) {
	h := letters[4] // H: two verticals and a bar
	if h.name != "H" {
		t.Fatal(h.name)
	}
	lo, hi := 10.0, 0.0
	for seed := range uint64(200) {
		s := drawUnit(h.u, rand.New(rand.NewPCG(seed, 1)))
		if len(s) != 3 {
			t.Fatalf("%d strokes", len(s))
		}
		b := Bounds(s)
		a := (b.X1 - b.X0) / (b.Y1 - b.Y0)
		lo, hi = min(lo, a), max(hi, a)
	}
	// Template 0.8 wide: 0.68–0.92 before slant and corner jitter (±4%
	// of the height on each side), which widen it by up to
	// 2·tan 12° + 0.08.
	if lo < 0.68-0.08 || hi > 0.92+2*0.2126+0.08 || hi-lo < 0.15 {
		t.Errorf("H aspect from %.3f to %.3f", lo, hi)
	}
}
