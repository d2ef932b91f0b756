package core

import (
	"fmt"
	"image"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

func (a *App) relayout(w, h int) {
	a.layout = viz.NewLayout(w, h, viz.Options{Embed: a.par.Embed, Levels: a.shapes, Thumbs: nThumbs})
	p := a.layout.Pad
	a.tracker.Rect = pad.Rect{X: float64(p.Min.X), Y: float64(p.Min.Y), W: float64(p.Dx()), H: float64(p.Dy())}
	if a.img == nil || a.img.Bounds().Dx() != w || a.img.Bounds().Dy() != h {
		a.img = image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	}
	a.dirty = true
}

// Layout is where everything is on the canvas (last Frame's size): the
// pad, the views, and the room for the HTML panel.
func (a *App) Layout() *viz.Layout { return &a.layout }

// Frame returns the canvas image, w×h CSS pixels, and whether it changed
// since the last call: the page redraws only then.
func (a *App) Frame(w, h int) (*image.RGBA, bool) {
	a.drawnSince = true
	if w != a.layout.W || h != a.layout.H || a.img == nil {
		a.relayout(w, h)
	}
	if !a.dirty || w <= 0 || h <= 0 {
		return a.img, false
	}
	a.dirty = false
	a.frames++
	a.buildScene()
	if a.v.name != "" && a.net != nil {
		viz.DrawView(a.img, &a.layout, &a.scene, &a.v.view)
	} else {
		viz.Draw(a.img, &a.layout, &a.scene)
	}
	return a.img, true
}

// buildScene fills the scene for Frame.
func (a *App) buildScene() {
	s := &a.scene
	s.PadHint = "draw a digit here"
	if a.fatal != nil {
		s.PadHint = "stopped: see the message"
	}
	if n := a.layout.Pad.Dx() * a.layout.Pad.Dy(); len(s.Pad) != n {
		s.Pad = make([]byte, n)
	}
	if a.pad.Empty() {
		s.Pad = s.Pad[:0]
	} else {
		a.pad.RenderInto(s.Pad, a.layout.Pad.Dx(), a.layout.Pad.Dy())
	}
	classes := 0
	if a.net != nil {
		classes = a.net.Config().Classes
	}
	if len(s.Names) != classes {
		s.Names = make([]string, classes)
	}
	for c := range s.Names {
		s.Names[c] = ""
		if c < mnist.Classes || a.mem.Names[c] != "" {
			s.Names[c] = a.name(c)
		}
	}
	tr := &a.trace
	s.Class, s.Scores, s.G, s.HasG = a.label, a.scores, a.g, a.hasRecall
	if a.pad.Empty() && len(a.showTrace.Levels) > 0 {
		// Nothing drawn: show what the memory is learning.
		tr = &a.showTrace
		in := a.showInput
		s.Input, s.Recon, s.Thumbs = &in, nil, nil
		s.Class, s.Scores, s.G, s.HasG = a.showTrace.Class, a.showTrace.Scores, a.showTrace.G, true
	}
	s.Grids = viz.Grids(tr)
	s.HasHover, s.Hover = a.hasHover, a.hover
	s.Frozen = s.Frozen[:0]
	for l := range a.shapes {
		var f []bool
		if a.hasHover && l == a.hover[0] && a.stats != nil {
			f = make([]bool, len(a.stats))
			for m, st := range a.stats {
				f[m] = st.Frozen
			}
		}
		s.Frozen = append(s.Frozen, f)
	}
}

// Hover tells the App where the pointer is (ok false: off the canvas, or
// busy drawing). It returns the description of the mac under the pointer
// ("" for none) and whether that changed.
func (a *App) Hover(x, y int, ok bool) (string, bool) {
	var l, m int
	if ok && a.net != nil && a.v.name == "" {
		l, m, ok = a.layout.MacAt(x, y)
	} else {
		ok = false
	}
	if ok == a.hasHover && (!ok || [2]int{l, m} == a.hover) {
		return "", false
	}
	a.hasHover, a.hover = ok, [2]int{l, m}
	a.dirty = true
	if !ok {
		return "", true
	}
	sh := a.shapes[l]
	a.stats = a.net.Stats(sh.Level, sh.Grid)
	st := a.stats[m]
	tr := &a.trace
	if a.pad.Empty() && len(a.showTrace.Levels) > 0 {
		tr = &a.showTrace
	}
	state := "no input yet"
	if grids := viz.Grids(tr); l < len(grids) && m < len(grids[l].G) {
		state = "silent (outside its π band)"
		if grids[l].Active[m] {
			state = fmt.Sprintf("G = %.2f", grids[l].G[m])
		}
	}
	frozen := ""
	if st.Frozen {
		frozen = ", frozen"
	}
	return fmt.Sprintf("Level %d %s, mac (%d, %d): %s; %d weights set, %.1f%% of U weights%s",
		sh.Level, sh.Name, m%sh.MacsW, m/sh.MacsW, state, st.WeightsSet, 100*st.Saturation, frozen), true
}
