package core

import (
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// TestBootPauses: Boot decodes the memory it restores in pieces, calling
// Options.Pause between them; meanwhile the App is as before Boot (a tick
// learns and recalls nothing, a second Boot is ignored), and after it the
// memory is the one decoded.
func TestBootPauses(t *testing.T) {
	a := trained(t, "train=300", digits(t, 300, 5), nil, newClock(time.Millisecond), nil)
	saved, err := a.Save()
	if err != nil {
		t.Fatal(err)
	}
	for _, how := range []string{"served", "storage"} {
		t.Run(how, func(t *testing.T) {
			var b *App
			pauses, during := 0, map[string]int{}
			pause := func() {
				pauses++
				b.Tick()
				b.Boot(nil, nil) // ignored while Boot decodes
				st := b.State()
				during[st.Phase+"/"+st.Memory]++
			}
			b = New(Options{Query: "train=300", Now: newClock(time.Millisecond).now, Pause: pause})
			if how == "served" {
				b.Serve(saved, nil)
				b.Boot(nil, nil)
			} else {
				b.Boot(saved, nil)
			}
			if pauses < len(b.Net().Config().Levels) {
				t.Errorf("%d pauses", pauses)
			}
			for k := range during {
				if k != "loading/new" {
					t.Errorf("during the decoding the App was %s (%v)", k, during)
				}
			}
			if st := b.State(); st.Memory != how || st.Items != len(a.Memory().Items) || st.Phase != "ready" {
				t.Errorf("after Boot: memory %q, %d items, phase %s", st.Memory, st.Items, st.Phase)
			}
		})
	}
}

// TestStreamAfterFirstRecall: a restored memory with nothing left to learn
// starts the training digits' stream (their decoding competes with the
// first recall) streamAfterRecall after a drawing was recalled, or after
// StreamDelay; one with digits left to learn starts it at Boot.
func TestStreamAfterFirstRecall(t *testing.T) {
	a := trained(t, "train=300", digits(t, 300, 5), nil, newClock(time.Millisecond), nil)
	saved, err := a.Save()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query string
		draw        bool
		atBoot      bool
	}{
		{"drawn", "train=300", true, false},
		{"nobody draws", "train=300", false, false},
		{"digits left to learn", "train=400", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dl := NewDownload(func() {})
			started := func() bool { dl.mu.Lock(); defer dl.mu.Unlock(); return dl.started }
			c := newClock(time.Millisecond)
			b := New(Options{Query: tt.query, Train: dl, Now: c.now})
			b.Serve(saved, nil)
			b.Boot(nil, nil)
			if st := b.State(); st.Memory != "served" {
				t.Fatalf("memory %q: %s", st.Memory, st.Status)
			}
			if got := started(); got != tt.atBoot {
				t.Fatalf("stream started at Boot: %v, want %v", got, tt.atBoot)
			}
			if tt.atBoot {
				return
			}
			if tt.draw {
				draw(t, b, line(0.5, 0.1, 0.5, 0.9))
				if b.Recollection() == nil || started() {
					t.Fatalf("at the first recall: recalled %v, stream started %v (it waits %v)", b.Recollection() != nil, started(), streamAfterRecall)
				}
				at := b.lastRecall
				for !started() && c.now().Sub(at) < StreamDelay {
					b.Tick()
				}
				// The clock steps a millisecond per reading.
				if waited := c.now().Sub(at); !started() || waited < streamAfterRecall || waited >= StreamDelay {
					t.Errorf("stream started %v after %v", started(), waited)
				}
				return
			}
			ticks := 0
			for ; !started() && ticks < 100000; ticks++ {
				b.Tick()
			}
			// The clock steps 1 ms per reading: StreamDelay is some
			// thousands of readings, never one tick.
			if !started() || ticks < 2 {
				t.Errorf("stream started %v after %d ticks", started(), ticks)
			}
		})
	}
}

// TestRecallPace: while the pen draws, the drawing is recalled at most once
// per recallPace × the last recall's own time (a slow machine follows the
// pointer); when the pen lifts it is recalled at once. A fast recall
// still recalls at every drawn frame.
func TestRecallPace(t *testing.T) {
	a := trained(t, "train=100", digits(t, 100, 3), nil, newClock(time.Millisecond), nil)
	a.Frame(800, 600)
	r := a.Layout().Pad
	at := func(x, y float64) pad.Point {
		return pad.Point{X: float64(r.Min.X) + x*float64(r.Dx()), Y: float64(r.Min.Y) + y*float64(r.Dy())}
	}
	tests := []struct {
		name      string
		cost      time.Duration
		wantMost  int // recalls while the pen draws, at most
		wantLeast int
	}{
		{"slow recall: none while drawing", time.Hour, 0, 0},
		{"fast recall: every drawn frame", 0, 12, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.Clear()
			a.Frame(800, 600)
			a.Tick()
			src := &source{}
			for i := range 12 {
				src.pts = append(src.pts, at(0.5, 0.1+0.06*float64(i)))
			}
			if !a.Tracker().Start(src) {
				t.Fatal("the stroke did not start")
			}
			recalls := 0
			for a.Tracker().Active() {
				a.lastRecallCost = tt.cost
				before := a.recalledVer
				a.Frame(800, 600)
				a.Tick()
				if a.Tracker().Active() && a.recalledVer != before {
					recalls++
				}
			}
			if recalls > tt.wantMost || recalls < tt.wantLeast {
				t.Errorf("%d recalls while drawing, want %d–%d", recalls, tt.wantLeast, tt.wantMost)
			}
			a.lastRecallCost = tt.cost
			a.Frame(800, 600)
			a.Tick()
			if st := a.State(); st.RecalledVersion != st.PadVersion || st.Label == nil {
				t.Errorf("the drawing was not recalled when the pen lifted: %+v", st)
			}
		})
	}
}
