package core

import (
	"image"
	"strings"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/recall"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

func (a *App) relayout(w, h int) {
	a.layout = viz.NewLayout(w, h, viz.Options{Embed: a.par.Embed, Levels: a.shapes, Thumbs: nThumbs, Bar: a.bar})
	p := a.layout.Pad
	a.tracker.Rect = pad.Rect{X: float64(p.Min.X), Y: float64(p.Min.Y), W: float64(p.Dx()), H: float64(p.Dy())}
	if a.img == nil || a.img.Bounds().Dx() != w || a.img.Bounds().Dy() != h {
		a.img = image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	}
	a.dirty = true
}

// SetBar keeps the bottom h CSS pixels of an embedded page's canvas free
// for its bar of controls (the page measures it).
func (a *App) SetBar(h int) {
	if h = max(h, 0); h != a.bar {
		a.bar = h
		a.relayout(a.layout.W, a.layout.H)
	}
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
		viz.DrawView(a.img, &a.layout, &a.scene, a.v.drawn)
	} else {
		viz.Draw(a.img, &a.layout, &a.scene)
	}
	a.drawPen(a.img)
	return a.img, true
}

// buildScene fills the scene for Frame.
func (a *App) buildScene() {
	s := &a.scene
	s.PadHint = "draw a digit here"
	switch {
	case a.fatal != nil:
		s.PadHint = "stopped: see the message"
	case a.Phase() == "loading":
		s.PadHint = "draw a digit (loading the memory)"
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
	s.Readout = strings.ReplaceAll(a.Readout(), "-", " ")
	s.Rec = a.rec
	if a.pad.Empty() && len(a.showTrace.Levels) > 0 {
		// Nothing drawn: show what the memory is learning (without a
		// familiarity: there is no drawing to be familiar).
		s.Rec = a.learningRec()
	}
	f, _ := a.focused()
	a.buildFocus(f, &s.Focus)
}

// learningRec is the item last learned as a Recollection (Learning), for
// the canvas while the pad is empty.
func (a *App) learningRec() *recall.Recollection {
	tr := &a.showTrace
	r := &a.learnRec
	r.Learning, r.Input, r.Trace, r.UnitsW = true, a.showInput, *tr, a.enc.Grid().W
	r.Scores = append(r.Scores[:0], tr.Scores...)
	r.Verdict = recall.Verdict{Class: tr.Class, RunnerUp: -1}
	r.Units = r.Units[:0]
	if sdr, err := a.enc.Bitmap(a.showInput); err == nil {
		r.Units = unitsOf(sdr, r.Units)
	}
	return r
}
