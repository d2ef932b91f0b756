package core

import (
	"image"
	"math"
	"strings"
	"testing"
	"time"
)

// press presses keys on the canvas for the keyboard's pen, with a tick
// and a frame after each, as the page does; it fails the test when a key
// is not used.
func press(t *testing.T, a *App, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if !a.PenKey(k, false) {
			t.Fatalf("key %q not used by the pen (state %+v)", k, a.State().Pen)
		}
		a.Frame(800, 600)
		a.Tick()
	}
}

func repeat(key string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = key
	}
	return out
}

func TestPenKeys(t *testing.T) {
	a := trained(t, "train=300", digits(t, 300, 11), nil, newClock(time.Millisecond), nil)
	a.Frame(800, 600)
	if a.PenKey("ArrowUp", false) {
		t.Error("an arrow moved the pen before it was out (the arrows then move the pinned mac)")
	}
	if a.State().Pen != nil {
		t.Fatal("state().pen before the pen is out")
	}
	// A "1": up from the centre, pen down, straight down, pen up.
	press(t, a, " ") // out, lifted
	st := a.State()
	if st.Pen == nil || st.Pen.Down || st.Pen.X != 0.5 || st.Pen.Y != 0.5 {
		t.Fatalf("pen after Space: %+v", st.Pen)
	}
	strokesBefore := st.Strokes
	press(t, a, repeat("ArrowUp", 7)...)
	press(t, a, "Enter")
	if p := a.State().Pen; !p.Down || math.Abs(p.Y-(0.5-7*PenStep)) > 1e-9 {
		t.Fatalf("pen after 7 × up and Enter: %+v", p)
	}
	press(t, a, repeat("ArrowDown", 14)...)
	press(t, a, " ")
	st = a.State()
	if st.Strokes != strokesBefore+1 {
		t.Fatalf("strokes: %d, want %d", st.Strokes, strokesBefore+1)
	}
	if st.Label == nil || st.RecalledVersion != st.PadVersion {
		t.Fatalf("the keyboard's drawing is not recalled: label %v, versions %v/%v", st.Label, st.RecalledVersion, st.PadVersion)
	}
	strokes := a.pad.Strokes()
	last := strokes[len(strokes)-1]
	top, bottom := last[0], last[len(last)-1]
	if math.Abs(top.X-0.5) > 0.01 || math.Abs(bottom.X-0.5) > 0.01 || bottom.Y-top.Y < 13*PenStep {
		t.Errorf("the stroke runs from %v to %v, want a vertical line of 14 steps", top, bottom)
	}
	// Clamped to the pad; Shift moves a quarter step.
	press(t, a, repeat("ArrowLeft", 40)...)
	if p := a.State().Pen; p.X != 0 {
		t.Errorf("pen left of the pad: %+v", p)
	}
	if !a.PenKey("ArrowRight", true) || math.Abs(a.State().Pen.X-PenStep/4) > 1e-9 {
		t.Errorf("Shift+right: %+v", a.State().Pen)
	}
	// The ring is drawn where the pen is.
	a.Frame(800, 600)
	img, _ := a.Frame(800, 600)
	pd := a.Layout().Pad
	cx, cy := pd.Min.X+int(a.pen.x*float64(pd.Dx())), pd.Min.Y+int(a.pen.y*float64(pd.Dy()))
	found := false
	for y := cy - 20; y <= cy+20 && !found; y++ {
		for x := cx - 20; x <= cx+20; x++ {
			if (image.Point{x, y}).In(pd) && img.RGBAAt(x, y) == penRing {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("no pen ring on the canvas near the pen")
	}
	// Escape puts it away; the next Escape is the page's (not the pen's).
	press(t, a, "Escape")
	if a.State().Pen != nil || a.PenKey("Escape", false) || a.PenKey("ArrowDown", false) {
		t.Error("Escape does not put the pen away")
	}
	// Clear lifts a pen that is down: the next Space puts it down again.
	press(t, a, " ", " ", "ArrowRight")
	a.Clear()
	if a.State().Pen.Down {
		t.Error("the pen is still down after Clear")
	}
	press(t, a, " ", "ArrowRight", " ")
	if a.State().Strokes != 1 {
		t.Errorf("after Clear and a new stroke: %d strokes", a.State().Strokes)
	}
	// Teaching views have no pad to draw on.
	a.SetView("csa")
	if a.PenKey(" ", false) {
		t.Error("the pen in the CSA view")
	}
}

func TestAnnouncement(t *testing.T) {
	a := trained(t, "train=300", digits(t, 300, 12), nil, newClock(time.Millisecond), nil)
	if s := a.Announcement(); s != "" {
		t.Errorf("before any drawing: %q", s)
	}
	draw(t, a, shapes[7]...)
	st := a.State()
	s := a.Announcement()
	if st.Label == nil || !strings.HasPrefix(s, st.LabelName+", ") && !strings.HasPrefix(s, "not sure: "+st.LabelName+", ") ||
		!strings.HasSuffix(s, ", "+st.FamiliarityWords+".") || !strings.Contains(s, "%") {
		t.Errorf("announcement %q for label %q, words %q", s, st.LabelName, st.FamiliarityWords)
	}
	// Silent while a stroke is drawn.
	press(t, a, " ", " ", "ArrowRight")
	if s := a.Announcement(); s != "" {
		t.Errorf("while the pen is down: %q", s)
	}
	press(t, a, " ")
	if a.Announcement() == "" {
		t.Error("nothing announced after the stroke")
	}
}

// TestReducedMotion: while the memory learns with nothing drawn, the
// canvas shows each digit learned (a new frame every showEvery); with
// less motion it shows none until the job ends, then the last.
func TestReducedMotion(t *testing.T) {
	for _, reduced := range []bool{false, true} {
		c := newClock(20 * time.Millisecond) // a few digits per tick
		a := New(Options{Query: "train=400", Train: digits(t, 400, 13), Now: c.now})
		a.SetReducedMotion(reduced)
		a.Boot(nil, nil)
		a.Frame(800, 600)
		during, ticks, after := 0, 0, false
		for a.Phase() != "ready" {
			if ticks++; ticks > 100000 {
				t.Fatal("training does not end")
			}
			a.Tick()
			_, changed := a.Frame(800, 600)
			if changed && a.training() {
				during++
			}
			after = changed && !a.training()
		}
		if !a.State().ReducedMotion == reduced {
			t.Errorf("state().reducedMotion = %v", !reduced)
		}
		t.Logf("reduced motion %v: %d frames while learning over %d ticks; a frame at the end: %v", reduced, during, ticks, after)
		switch {
		case !reduced && during < 4:
			t.Errorf("without reduced motion only %d frames while learning: the test shows nothing", during)
		case reduced && during > 1:
			// One: the first frame after Boot. The progress is HTML.
			t.Errorf("with reduced motion, %d frames while learning", during)
		case !after:
			t.Error("no frame when the learning ended")
		}
	}
}
