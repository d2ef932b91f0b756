package core

import (
	"testing"
	"time"
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
// first recall) once a drawing was recalled, or after StreamDelay; one
// with digits left to learn starts it at Boot.
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
				if b.Recollection() == nil || !started() {
					t.Fatalf("after the first recall: recalled %v, stream started %v", b.Recollection() != nil, started())
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
