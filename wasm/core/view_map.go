package core

import (
	"fmt"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/teach"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// The "map" view: the code overlaps of the first 20 stored digits of each
// class (teach.Map), recalled again as the page learns, at the top level
// (episodic: each digit its own code) and at level 1 (semantic: a class
// shares its codes).

var mapSpec = ViewSpec{
	Name:  "map",
	Title: "Semantic map",
	Doc:   "code overlap of the first 20 stored digits of each class at the top level (each digit its own code) and at level 1 (a class shares its codes), and code overlap against input overlap at both",
	New:   func(a *App) View { return &mapView{a: a} },
}

type mapView struct {
	a     *App
	m     teach.Map
	drawn *viz.MapView
}

func (v *mapView) Shown()     { v.m.Restart() }
func (v *mapView) Reset()     { v.m.Reset(); v.drawn = nil }
func (v *mapView) State() any { return v.m.State(len(v.a.mem.Items)) }

func (v *mapView) Drawing() viz.View {
	if v.drawn == nil {
		return nil
	}
	return v.drawn
}

func (v *mapView) Update(budget time.Duration) bool {
	a := v.a
	if a.net == nil {
		return false
	}
	changed := v.m.Update(a.net, mapItems{a}, a.now, budget, 4*viewRefresh)
	mv := v.m.View()
	if mv != nil && len(mv.Classes) == 0 {
		// No sample yet: say why (the memory or its digits' images are on
		// their way).
		note := "no stored digits yet"
		switch {
		case a.Phase() == "loading":
			note = "loading the memory…"
		case len(a.mem.Items) > 0 && a.train.Len() == 0:
			note = fmt.Sprintf("%d digits stored; waiting for their images", len(a.mem.Items))
		}
		if mv.Note != note {
			mv.Note, changed = note, true
		}
	}
	if mv != v.drawn {
		v.drawn, changed = mv, true
	}
	return changed
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
