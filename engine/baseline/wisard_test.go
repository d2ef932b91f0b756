package baseline_test

import (
	"math/rand/v2"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/baseline"
)

// What an n-tuple memory promises whatever its mapping: every stored item
// has familiarity 1 however many were stored after it, an unseen input's
// familiarity is a count of tuples, and the tables stay at most half full.
func TestWiSARDStoredItemsAreFamiliar(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const bits, n = 300, 7
	w, err := baseline.NewWiSARD(bits, n, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := (bits + n - 1) / n; w.Tuples() != want {
		t.Fatalf("%d tuples, want %d", w.Tuples(), want)
	}
	var stored []*engine.SDR
	for range 2000 {
		x := engine.RandomSDR(rng, bits, 30)
		stored = append(stored, x)
		if err := w.Learn(x); err != nil {
			t.Fatal(err)
		}
	}
	for i, x := range stored {
		if f, _ := w.Familiarity(x); f != 1 {
			t.Fatalf("stored item %d: familiarity %v, want 1 whatever its age", i, f)
		}
	}
	// An unseen random input shares some tuples' patterns with the stored
	// ones, not all.
	sum := 0.0
	for range 200 {
		f, _ := w.Familiarity(engine.RandomSDR(rng, bits, 30))
		if k := f * float64(w.Tuples()); k != float64(int(k+0.5)) {
			t.Fatalf("familiarity %v is not a count of tuples", f)
		}
		sum += f
	}
	if m := sum / 200; m <= 0 || m >= 1 {
		t.Errorf("unseen inputs: mean familiarity %v, want strictly between 0 and 1", m)
	}
	// Memory grows with the addresses stored: at most half the slots used.
	if e, b := w.Entries(), w.Bytes(); e == 0 || b < 16*e {
		t.Errorf("%d addresses in %d bytes: a table more than half full", e, b)
	}
}

// The same seed gives the same mapping; a learned item is familiar to a
// memory that learned it and not, in general, to an empty one.
func TestWiSARDDeterministicAndEmpty(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	a, _ := baseline.NewWiSARD(100, 10, 3)
	b, _ := baseline.NewWiSARD(100, 10, 3)
	for range 50 {
		x := engine.RandomSDR(rng, 100, 20)
		a.Learn(x)
		b.Learn(x)
	}
	for range 50 {
		x := engine.RandomSDR(rng, 100, 20)
		fa, _ := a.Familiarity(x)
		fb, _ := b.Familiarity(x)
		if fa != fb {
			t.Fatalf("same seed, same items: %v vs %v", fa, fb)
		}
	}
	empty, _ := baseline.NewWiSARD(100, 10, 3)
	if f, _ := empty.Familiarity(engine.RandomSDR(rng, 100, 20)); f != 0 {
		t.Errorf("empty memory: familiarity %v", f)
	}
	if _, err := baseline.NewWiSARD(100, 64, 1); err == nil {
		t.Error("tuples of 64 bits accepted")
	}
	if err := a.Learn(engine.NewSDR(99)); err == nil {
		t.Error("input of the wrong size accepted")
	}
}
