package core

import (
	"fmt"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/teach"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// The teaching views (?view=csa|map|capacity|sequence): each replaces the
// stored-item thumbnails and the SDR grids of the main view with its own
// drawing (viz.DrawView) and adds its fields to State. Their data are
// wasm/teach's types; here is only when each is updated, and with what.

// ViewNames are the teaching views.
var ViewNames = []string{"csa", "map", "capacity", "sequence"}

// ValidView returns v if it names a teaching view, else "".
func ValidView(v string) string {
	for _, n := range ViewNames {
		if v == n {
			return v
		}
	}
	return ""
}

const (
	viewBudget  = 4 * time.Millisecond   // view work per tick (map recalls, …)
	viewRefresh = 250 * time.Millisecond // least time between two refreshes of a view's data while learning
	walkStep    = 400 * time.Millisecond // per mac when walking the macs
)

// views holds the teaching views.
type views struct {
	name string
	view viz.View // what DrawView draws

	csa       teach.CSA
	csaKey    csaKey
	csaAt     time.Time
	csaLayout viz.CSALayout
	csaState  teach.CSAState

	smap teach.Map
	cap  teach.Capacity
	seq  teach.Sequence
}

// csaKey is what the CSA view shows: when it is unchanged, nothing is
// recomputed.
type csaKey struct {
	src      uint64 // pad version, or items stored when showing the last learned digit
	empty    bool
	level    int
	grid     int
	mac, cm  int
	override bool
	g        float64
	seed     uint64
}

func (v *views) init(p Params) {
	v.name = p.View
	v.csa = teach.NewCSA()
	v.csa.Level, v.csa.Grid, v.csa.Mac, v.csa.CM = p.Level, p.Grid, p.Mac, p.CM
	if p.HasG {
		v.csa.Override, v.csa.G = true, p.G
	}
	v.seq.Seed = p.Seed
}

// networkChanged forgets what depended on the stored items' order.
func (v *views) networkChanged() {
	v.smap.Reset()
	v.csaKey = csaKey{}
}

// View is the teaching view shown ("" for the main view).
func (a *App) View() string { return a.v.name }

// SetView shows a teaching view ("" or an unknown name: the main view). It
// reports whether the view changed.
func (a *App) SetView(name string) bool {
	name = ValidView(name)
	if name == a.v.name {
		return false
	}
	a.v.name = name
	a.par.View = name
	a.v.csaKey = csaKey{}
	a.v.smap.Restart()
	a.v.view = nil
	a.v.seq.Refresh()
	a.hoverFocus = focus{}
	a.dirty = true
	return true
}

// CSA is the csa view's settings, which the page's controls change.
func (a *App) CSA() *teach.CSA { return &a.v.csa }

// StartWalk walks the csa view through the active macs, one every 400 ms.
func (a *App) StartWalk() bool { return a.v.csa.StartWalk(a.now()) }

// LearnSequence stores the drawing as a sequence of frames in one trial
// (the sequence view's memory).
func (a *App) LearnSequence() error {
	if err := a.v.seq.Learn(a.pad.Strokes()); err != nil {
		return err
	}
	a.status = fmt.Sprintf("Learned the drawing as a sequence of %d frames in one trial (%d stored).",
		len(a.v.seq.View().Frames), a.v.seq.Learned())
	return nil
}

// updateView does the current view's work for one tick.
func (a *App) updateView() {
	switch a.v.name {
	case "csa":
		a.updateCSA()
	case "map":
		if a.v.smap.Update(a.net, mapItems{a}, a.now, viewBudget, 4*viewRefresh) {
			a.dirty = true
		}
		if mv := a.v.smap.View(); mv != nil {
			a.v.view = mv
		}
	case "capacity":
		if a.v.cap.Unseen == nil {
			a.v.cap.Unseen = a.unseen
			startStream(a.test)
		}
		if a.v.cap.Update(a.net, a.enc.Bitmap, a.now, 2*viewRefresh) {
			a.dirty = true
		}
		a.v.view = a.v.cap.View()
		// (Set every tick: after a switch of views the data may be unchanged.)
	case "sequence":
		if !a.tracker.Active() && a.v.seq.Update(a.pad.Strokes(), a.pad.Version()) {
			a.v.view = a.v.seq.View()
			a.dirty = true
		}
	}
}

func (a *App) updateCSA() {
	v := &a.v
	now := a.now()
	v.csa.Step(now, walkStep)
	key := csaKey{level: v.csa.Level, grid: v.csa.Grid, mac: v.csa.Mac, cm: v.csa.CM, override: v.csa.Override, g: v.csa.G, seed: v.csa.Seed}
	var in *engine.SDR
	if !a.pad.Empty() {
		key.src = a.pad.Version()
		if key == v.csaKey || a.tracker.Active() && now.Sub(v.csaAt) < viewRefresh {
			return
		}
		if _, sdr, err := a.enc.Pad(&a.pad); err == nil {
			in = sdr
		}
	} else {
		key.empty = true
		key.src = uint64(len(a.mem.Items))
		if key == v.csaKey || a.training() && now.Sub(v.csaAt) < viewRefresh {
			return
		}
		if a.showInput.Count() > 0 {
			if sdr, err := a.enc.Bitmap(a.showInput); err == nil {
				in = sdr
			}
		}
	}
	v.csaKey, v.csaAt = key, now
	a.dirty = true
	cv, st := v.csa.Show(a.net, in)
	v.view = &cv
	v.csaLayout = viz.NewCSALayout(a.layout.ViewArea(), a.shapes)
	st.Version = float64(a.pad.Version())
	if st.Mac != nil {
		for _, b := range v.csaLayout.Map {
			st.Map = append(st.Map, teach.CSAMap{Level: b.Level, Grid: b.Grid, X: b.Rect.Min.X, Y: b.Rect.Min.Y,
				Pitch: b.Pitch, Side: b.Side, W: b.MacsW, H: b.MacsH})
		}
	}
	v.csaState = st
}

// unseen is the i-th input never stored, for the episodic curve: a test
// digit, or, until the test data has arrived, a training digit not learned
// yet.
func (a *App) unseen(i int) (*engine.SDR, bool) {
	src, j := a.test, i
	if i >= a.test.Len() {
		src, j = a.train, a.mem.NextTrain+i
		if j >= a.train.Len() || a.training() {
			return nil, false
		}
	}
	_, in, err := a.enc.Image(src.Image(j), src.Width(), src.Height())
	return in, err == nil
}

// mapItems are the stored items for the map view.
type mapItems struct{ a *App }

func (m mapItems) Len() int        { return len(m.a.mem.Items) }
func (m mapItems) Label(i int) int { return m.a.mem.Items[i].Label }

func (m mapItems) Input(i int) (mnist.Bitmap, *engine.SDR, bool) {
	bm, ok := m.a.itemBitmap(&m.a.mem.Items[i])
	if !ok {
		return bm, nil, false
	}
	in, err := m.a.enc.Bitmap(bm)
	return bm, in, err == nil
}
