package core

import (
	"fmt"
	"image"
	"strings"

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
		viz.DrawView(a.img, &a.layout, &a.scene, a.v.view)
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
	s.LevelG, s.LevelLow = a.levelG, a.low
	s.Words, s.Tone = a.words, tone(a.words)
	s.SeenAt = SeenBefore
	s.Readout = strings.ReplaceAll(a.Readout(), "-", " ")
	if g := a.enc; g != nil {
		s.InputW = g.Grid().W
	}
	s.Nearest, s.NearestText = nil, [2]string{}
	if n := a.nearest; n != nil && a.hasRecall {
		th := n.thumb
		s.Nearest = &th
		s.NearestText = a.nearestText(n)
	}
	if a.pad.Empty() && len(a.showTrace.Levels) > 0 {
		// Nothing drawn: show what the memory is learning.
		tr = &a.showTrace
		in := a.showInput
		s.Input, s.Recon, s.Thumbs, s.Nearest = &in, nil, nil, nil
		s.Units = nil
		if sdr, err := a.enc.Bitmap(in); err == nil {
			s.Units = unitsOf(sdr, s.Units)
		}
		s.Class, s.Scores, s.G, s.HasG = a.showTrace.Class, a.showTrace.Scores, a.showTrace.G, true
		s.LevelG = s.LevelG[:0:0]
		for i := range a.showTrace.Levels {
			s.LevelG = append(s.LevelG, a.showTrace.Levels[i].G)
		}
		s.Words, s.LevelLow = "", nil
		s.Tone = viz.ToneNone
	}
	s.Grids = viz.Grids(tr)
	f, _ := a.focused()
	a.buildFocus(f, &s.Focus)
}

// tone is the colour of the familiarity words.
func tone(words string) viz.Tone {
	switch words {
	case WordsSeen:
		return viz.ToneSeen
	case WordsKnown:
		return viz.ToneKnown
	case WordsNew:
		return viz.ToneNew
	}
	return viz.ToneNone
}

// nearestText is the two lines under the nearest stored item: its label
// and how many of the top level's CMs agree, and when it was learned.
func (a *App) nearestText(n *nearest) [2]string {
	it := &a.mem.Items[n.item]
	first := fmt.Sprintf("%s, %d%% of cms", a.name(it.Label), int(100*n.agree+0.5))
	when := fmt.Sprintf("item %d of %d", n.item+1, len(a.mem.Items))
	if it.Taught() {
		when = "taught: " + when
	}
	return [2]string{first, when}
}
