package core

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/teach"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// TestViewCSA: the csa view at level=1 explains the drawing's most active
// mac of level 1; G set to 0 makes ρ uniform; a click on the mini map
// picks a mac; a walk steps through the active macs. (Without a level the
// view chooses the mac itself: TestCSAChoice.)
func TestViewCSA(t *testing.T) {
	c := newClock(time.Millisecond)
	a := trained(t, "train=100&view=csa&level=1", digits(t, 100, 17), nil, c, nil)
	a.Frame(800, 600)
	a.Tick()
	st := a.State()
	if cs, ok := st.ViewState.(teach.CSAState); !ok || cs.Mac == nil {
		t.Fatalf("empty pad: the last learned digit is not shown: %+v", st.ViewState)
	}
	draw(t, a, shapes[2]...)
	a.Tick()
	cs := viewState[teach.CSAState](a)
	l1 := engine.MNISTConfig().Levels[0].Grids[0]
	if cs.Mac == nil || !cs.Active || cs.K != l1.K || cs.Override || cs.Version != a.State().PadVersion || cs.Map == nil {
		t.Fatalf("csa state %+v", cs)
	}
	if cs.RealG <= 0 || cs.RealG > 1 || cs.Eta < 1 || cs.RhoAtMaxV > cs.RhoMax || cs.RhoMin > cs.RhoMax {
		t.Errorf("G %v η %v ρ %v..%v (max-V %v)", cs.RealG, cs.Eta, cs.RhoMin, cs.RhoMax, cs.RhoAtMaxV)
	}
	a.CSA().Override, a.CSA().G = true, 0
	a.Tick()
	cs = viewState[teach.CSAState](a)
	// ρ uniform over the cells a learning draw may choose (on level 1,
	// with its per-cell critical periods, the CM's youngest and its unchosen
	// cells; zero on the others).
	if !cs.Override || cs.G != 0 || cs.Learnable < 1 || cs.Learnable > cs.K || math.Abs(cs.RhoMax-1/float64(cs.Learnable)) > 1e-9 ||
		cs.RhoMin != 0 && cs.Learnable < cs.K {
		t.Errorf("G set to 0: override %v G %v ρ %v..%v over %d cells", cs.Override, cs.G, cs.RhoMin, cs.RhoMax, cs.Learnable)
	}
	a.CSA().Override = false
	// A click on mac 5 of level 1's first grid in the mini map, then on
	// mac 2 of the top grid.
	a.Tick()
	ms := viewState[teach.CSAState](a).Map
	if len(ms) != len(a.shapes) {
		t.Fatalf("mini map %+v", ms)
	}
	m := ms[0]
	a.Click(m.X+5*m.Pitch+m.Side/2, m.Y+m.Side/2)
	a.Tick()
	if got := viewState[teach.CSAState](a); got.Mac == nil || *got.Mac != 5 || got.Level != 1 {
		t.Errorf("after a click on mac 5: mac %v level %d", got.Mac, got.Level)
	}
	m = ms[len(ms)-1]
	a.Click(m.X+2%m.W*m.Pitch+m.Side/2, m.Y+2/m.W*m.Pitch+m.Side/2)
	a.Tick()
	cs = viewState[teach.CSAState](a)
	if top := engine.MNISTConfig().Levels[2].Grids[0]; cs.Mac == nil || *cs.Mac != 2 || cs.Level != 3 || cs.K != top.K {
		t.Errorf("after a click on top mac 2: %+v", cs)
	}
	a.CSA().Level, a.CSA().Grid = 1, 0
	// Walking the macs: one step every 400 ms (the fake clock advances 1 ms
	// a reading), then back to the most active mac.
	a.CSA().Mac = -1
	a.Tick()
	if !a.StartWalk() {
		t.Fatal("no active mac to walk")
	}
	first := *a.CSA()
	seen := map[int]bool{}
	for i := 0; a.CSA().Walking(); i++ {
		if i > 100000 {
			t.Fatal("the walk does not end")
		}
		a.Tick()
		if a.CSA().Walking() {
			seen[a.CSA().Mac] = true
		}
	}
	if len(seen) < 2 || a.CSA().Mac != -1 || first.Mac < 0 {
		t.Errorf("walk saw %d macs, ends at %d", len(seen), a.CSA().Mac)
	}
	// Clicks elsewhere, and in other views, do nothing.
	a.Click(0, 0)
	if a.CSA().Mac != -1 {
		t.Error("a click off the map picked a mac")
	}
}

// TestViewMap: the map view recalls 20 stored digits per class and shows
// their code overlaps, again when more are stored.
func TestViewMap(t *testing.T) {
	c := newClock(100 * time.Microsecond)
	data := digits(t, 600, 18)
	a := New(Options{Query: "train=500&view=map", Train: data, Now: c.now})
	a.Boot(nil, nil)
	var early *int
	for i := 0; a.Phase() != "ready" || !viewState[teach.MapState](a).UpToDate; i++ {
		if i > 100000 {
			t.Fatal("the map never catches up")
		}
		a.Tick()
		if ms := viewState[teach.MapState](a); early == nil && ms.Shown > 0 {
			n := ms.Shown
			early = &n
		}
	}
	ms := viewState[teach.MapState](a)
	if early == nil || ms.Passes < 2 || ms.Shown != 200 || ms.Items != 200 {
		t.Fatalf("map: shown early %v, %d passes, %d shown of %d", early, ms.Passes, ms.Shown, ms.Items)
	}
	if *ms.Within <= *ms.Between || len(ms.Curve) < 2 {
		t.Errorf("within %v between %v curve %v", *ms.Within, *ms.Between, ms.Curve)
	}
	if a.v.drawn == nil {
		t.Error("no map to draw")
	}
}

// TestViewCapacity: every 500 items a point of learn, recall and
// nearest-neighbour time per item; the weights' saturation.
func TestViewCapacity(t *testing.T) {
	c := newClock(time.Millisecond) // a tick learns a few digits: the view sees every bucket
	a := trained(t, "train=1100&view=capacity", digits(t, 1100, 19), nil, c, nil)
	cs := measured(t, a)
	if cs.Target != 1100 || len(cs.Points) != 2 || cs.Points[0].Items != 500 || cs.Points[1].Items != 1000 {
		t.Fatalf("points %+v", cs.Points)
	}
	for _, p := range cs.Points {
		if p.LearnMs <= 0 || p.RecallMs <= 0 || p.NNMs <= 0 {
			t.Errorf("point %+v", p)
		}
	}
	if cs.Saturation == nil || *cs.Saturation <= 0 || *cs.Saturation > 1 || cs.Frozen == nil {
		t.Errorf("saturation %v frozen %v", cs.Saturation, cs.Frozen)
	}
}

// TestViewSequence: a drawing learned as a sequence is familiar in its
// stroke order, less so in another; its first frames replay the rest.
func TestViewSequence(t *testing.T) {
	a := trained(t, "train=0&view=sequence", digits(t, 1, 20), nil, newClock(time.Millisecond), nil)
	if err := a.LearnSequence(); err == nil {
		t.Error("learned an empty drawing as a sequence")
	}
	seven := []pad.Stroke{line(0.25, 0.2, 0.75, 0.2), line(0.75, 0.2, 0.4, 0.85), line(0.35, 0.5, 0.7, 0.5)}
	draw(t, a, seven...)
	a.Tick()
	if err := a.LearnSequence(); err != nil {
		t.Fatal(err)
	}
	a.Tick()
	same := viewState[teach.SequenceState](a)
	a.Clear()
	draw(t, a, seven[2], seven[1], seven[0])
	a.Tick()
	other := viewState[teach.SequenceState](a)
	if same.Learned != 1 || same.G == nil || other.G == nil || *same.G < 0.9 || *other.G > *same.G-0.05 {
		t.Fatalf("same order %+v, other order %+v", same, other)
	}
	if same.Replay == 0 || same.ReplayInk == nil || *same.ReplayInk < 0.3 {
		t.Errorf("replay %d frames, ink %v", same.Replay, same.ReplayInk)
	}
	a.Clear()
	a.Tick()
	if st := viewState[teach.SequenceState](a); st.Frames != 8 || st.Replay != 5 || st.PrevG == nil {
		t.Errorf("empty pad: %+v, want the stored drawing", st)
	}
}

// TestViewSwitch: switching views shows each view's data at once, also a
// view shown before whose data did not change since.
func TestViewSwitch(t *testing.T) {
	a := trained(t, "train=600&view=capacity", digits(t, 600, 21), nil, newClock(time.Millisecond), nil)
	measured(t, a)
	if a.v.drawn == nil || len(a.v.drawn.(*viz.CapacityView).Points) != 1 {
		t.Fatalf("capacity view %+v", a.v.drawn)
	}
	for _, v := range []string{"map", "csa", "sequence", "capacity"} {
		a.SetView(v)
		a.Tick()
		for i := 0; v == "map" && a.v.drawn == nil && i < 2000; i++ {
			a.Tick() // the first pass takes a few ticks
		}
		got := a.v.drawn
		_, isMap := got.(*viz.MapView)
		_, isCSA := got.(*viz.CSAView)
		_, isSeq := got.(*viz.SeqView)
		cv, isCap := got.(*viz.CapacityView)
		if ok := map[string]bool{"map": isMap, "csa": isCSA, "sequence": isSeq,
			"capacity": isCap && len(cv.Points) == 1}[v]; !ok {
			t.Errorf("after switching to %s: %+v", v, got)
		}
		if _, changed := a.Frame(800, 600); !changed {
			t.Errorf("no frame after switching to %s", v)
		}
	}
}

// viewState is the shown view's fields of state().
func viewState[T any](a *App) T {
	v, _ := a.State().ViewState.(T)
	return v
}

// measured ticks until the capacity view has measured the memory's curve.
func measured(t *testing.T, a *App) capacityState {
	t.Helper()
	for i := 0; ; i++ {
		a.Tick()
		if cs := viewState[capacityState](a); cs.Learned >= cs.Target && cs.Target > 0 {
			a.Tick()
			return viewState[capacityState](a)
		}
		if i > 100000 {
			t.Fatal("the capacity view never measures the curve")
		}
	}
}

// TestViewsOfALoadedMemory: a memory that was not learned in this page
// (restored from storage, served) fills the map and capacity views too:
// the map from the stored items' images once the training data arrives,
// the capacity curve from a copy that learns the same digits.
func TestViewsOfALoadedMemory(t *testing.T) {
	// The memory learns the digits as the page gets them, through the sample
	// format (binarised: deskewing grey and binarised digits gives other
	// bitmaps), so that the copy learning the downloaded digits learns the
	// same ones. The last 100 are never stored: the episodic curve's unseen
	// digits.
	var enc bytes.Buffer
	if err := mnist.EncodeSample(&enc, digits(t, 1200, 41)); err != nil {
		t.Fatal(err)
	}
	data, err := mnist.DecodeSample(&enc)
	if err != nil {
		t.Fatal(err)
	}
	a := trained(t, "train=1100", data, nil, newClock(time.Millisecond), nil)
	saved, err := a.Save()
	if err != nil {
		t.Fatal(err)
	}
	for _, how := range []string{"storage", "served"} {
		t.Run(how, func(t *testing.T) {
			dl := NewDownload(nil)
			b := New(Options{Query: "train=1100&view=map", Train: dl, Now: newClock(time.Millisecond).now})
			if how == "served" {
				b.Serve(saved, nil)
				b.Boot(nil, nil)
			} else {
				b.Boot(saved, nil)
			}
			if st := b.State(); st.Memory != how || st.Items != len(a.Memory().Items) || st.Phase != "ready" {
				t.Fatalf("memory %q, %d items, phase %s", st.Memory, st.Items, st.Phase)
			}
			b.Frame(800, 600)
			for range 10 {
				b.Tick()
			}
			if ms := viewState[teach.MapState](b); ms.Shown != 0 {
				t.Fatalf("a map before the images arrived: %+v", ms)
			}
			if n := b.v.drawn.(*viz.MapView).Note; !strings.Contains(n, "waiting for their images") {
				t.Errorf("map note %q", n)
			}
			// The training data arrives.
			var buf bytes.Buffer
			if err := mnist.EncodeSample(&buf, data); err != nil {
				t.Fatal(err)
			}
			dl.Write(buf.Bytes())
			dl.Close(nil)
			for i := 0; viewState[teach.MapState](b).Shown == 0; i++ {
				if i > 10000 {
					t.Fatal("no map of the loaded memory")
				}
				b.Tick()
			}
			if ms := viewState[teach.MapState](b); ms.Shown != 200 || *ms.Within <= *ms.Between {
				t.Errorf("map %+v", ms)
			}
			b.SetView("capacity")
			cs := measured(t, b)
			if cs.Target != 1100 || len(cs.Points) != 2 || len(cs.Episodic) == 0 || cs.Saturation == nil {
				t.Errorf("capacity of the loaded memory: %+v", cs)
			}
			// The copy is the memory: the same weights set.
			if b.Net().Stats(1, 0)[40] != b.view("capacity").(*capacityView).net.Stats(1, 0)[40] {
				t.Error("the copy learned other weights than the memory's")
			}
		})
	}
}
