package core

import (
	"fmt"
	"image"
	"math"
	"strings"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// The receptive fields the visitor points at. Pointing at a mac of the
// hierarchy (or tapping it, which pins it, or moving a pinned mac with the
// keys) shows the macs of the levels below that it reads, directly or
// through the levels between, and the part of the input, and of the pad,
// that it sees in the end (engine.Network.Field and Pixels). Pointing at a
// pixel of the pad, of the input view or of the input row shows the macs
// that read it, up the hierarchy.

// focusKind is what a focus points at.
type focusKind int

const (
	focusNone focusKind = iota
	focusMac
	focusPixel
)

// focus is a pointed mac (grid: index into the App's shapes) or a pixel
// of the 28×28 input.
type focus struct {
	kind      focusKind
	grid, mac int
	px, py    int
}

// FocusState is state().focus: the receptive field pointed at (see
// web/README.md).
type FocusState struct {
	Kind   string `json:"kind"`   // "mac" or "pixel"
	Pinned bool   `json:"pinned"` // chosen by a tap, a click or the keys (else the pointer is on it)
	// The mac (kind "mac"): its level (1-based), grid (in the level, from
	// 0), index in the grid and the grid's name.
	Level int    `json:"level"`
	Grid  int    `json:"grid"`
	Mac   int    `json:"mac"`
	Name  string `json:"name"`
	// The pixel of the 28×28 input (kind "pixel").
	Pixel *Point `json:"pixel,omitempty"`
	// Fields are the grids with macs in the focus, each with its macs: for
	// a mac, every grid below it (the macs it reads, directly or not); for
	// a pixel, every grid (the macs that read it).
	Fields []FocusGrid `json:"fields"`
	// Pixels is the number of the input's 28×28 pixels in the focus,
	// InputBox their bounding box in input pixels, PadBox that box on the
	// pad in CSS pixels (null when the pad has no room for it).
	Pixels   int  `json:"pixels"`
	InputBox *Box `json:"inputBox"`
	PadBox   *Box `json:"padBox"`
}

// FocusGrid is one grid's macs in a focus.
type FocusGrid struct {
	Level int    `json:"level"`
	Grid  int    `json:"grid"`
	Name  string `json:"name"`
	Macs  []int  `json:"macs"`
}

// Point is a pixel.
type Point struct {
	X int `json:"x"`
	Y int `json:"y"`
}

// Box is a rectangle.
type Box struct {
	X      int `json:"x"`
	Y      int `json:"y"`
	Width  int `json:"width"`
	Height int `json:"height"`
}

func boxOf(r image.Rectangle) *Box {
	if r.Empty() {
		return nil
	}
	return &Box{X: r.Min.X, Y: r.Min.Y, Width: r.Dx(), Height: r.Dy()}
}

// gridIndex returns the index in a.shapes of grid gi of level (1-based),
// −1 if none.
func (a *App) gridIndex(level, gi int) int {
	for i, s := range a.shapes {
		if s.Level == level && s.Grid == gi {
			return i
		}
	}
	return -1
}

// macID is the engine's name of mac m of a.shapes[grid].
func (a *App) macID(grid, m int) engine.MacID {
	s := a.shapes[grid]
	return engine.MacID{Level: s.Level, Grid: s.Grid, Mac: m}
}

// unitRect is the block of 28×28 input pixels that unit u of the input
// grid g stands for: the pixel itself in the first 28 rows of every grid of
// engine/mnist, the pooled pixel of an orientation map or a coarser copy
// (mnist.EdgeGrid, mnist.PyramidGrid).
func unitRect(g engine.Grid, u int) image.Rectangle {
	if g.W <= 0 || u < 0 || u >= g.N() {
		return image.Rectangle{}
	}
	x, y := u%g.W, u/g.W
	block := func(px, py, n int) image.Rectangle {
		return image.Rect(px*n, py*n, px*n+n, py*n+n).Intersect(image.Rect(0, 0, mnist.Side, mnist.Side))
	}
	switch {
	case y < mnist.Side && x < mnist.Side:
		return image.Rect(x, y, x+1, y+1)
	case g == mnist.EdgeGrid && y < 2*mnist.Side:
		return block(x/2, (y-mnist.Side)/2, 2)
	case g == mnist.EdgeGrid:
		return block(x/2, (y-2*mnist.Side)/2, 4)
	case g == mnist.PyramidGrid && x < mnist.Side/2:
		return block(x, y-mnist.Side, 2)
	case g == mnist.PyramidGrid:
		return block(x-mnist.Side/2, y-mnist.Side, 4)
	}
	return image.Rectangle{}
}

// seen returns the input units mac id sees in the end and the 28×28 pixels
// they stand for.
func (a *App) seen(id engine.MacID) ([]bool, mnist.Bitmap) {
	var px mnist.Bitmap
	g := a.net.Config().Input
	units := make([]bool, g.N())
	idx, err := a.net.Pixels(id)
	if err != nil {
		return units, px
	}
	for _, u := range idx {
		units[u] = true
		r := unitRect(g, u)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				px.Set(x, y, true)
			}
		}
	}
	return units, px
}

// masks returns, per grid, per mac, the 28×28 pixels the mac sees in the
// end (computed once per network).
func (a *App) masks() [][]mnist.Bitmap {
	if a.macMasks == nil {
		for gi, s := range a.shapes {
			m := make([]mnist.Bitmap, s.MacsW*s.MacsH)
			for i := range m {
				_, m[i] = a.seen(a.macID(gi, i))
			}
			a.macMasks = append(a.macMasks, m)
		}
	}
	return a.macMasks
}

// focused is the focus shown: the one under the pointer, else the pinned
// one.
func (a *App) focused() (focus, bool) {
	if a.hoverFocus.kind != focusNone {
		return a.hoverFocus, false
	}
	return a.pinFocus, a.pinFocus.kind != focusNone
}

// buildFocus fills the scene's focus for f.
func (a *App) buildFocus(f focus, sf *viz.Focus) {
	*sf = viz.Focus{Grid: -1}
	if f.kind == focusNone || a.net == nil || a.v.name != "" {
		return
	}
	sf.On = true
	g := a.net.Config().Input
	switch f.kind {
	case focusMac:
		sf.Grid, sf.Mac = f.grid, f.mac
		sf.In = make([][]bool, len(a.shapes))
		top := a.shapes[f.grid]
		for gi, s := range a.shapes {
			if s.Level < top.Level {
				sf.In[gi] = make([]bool, s.MacsW*s.MacsH)
			}
		}
		sf.In[f.grid] = make([]bool, top.MacsW*top.MacsH)
		sf.In[f.grid][f.mac] = true
		frontier := []engine.MacID{a.macID(f.grid, f.mac)}
		for len(frontier) > 0 {
			var next []engine.MacID
			for _, id := range frontier {
				field, err := a.net.Field(id)
				if err != nil {
					continue
				}
				for _, low := range field {
					gi := a.gridIndex(low.Level, low.Grid)
					if gi < 0 || sf.In[gi][low.Mac] {
						continue
					}
					sf.In[gi][low.Mac] = true
					next = append(next, low)
				}
			}
			frontier = next
		}
		sf.Units, sf.Pixels = a.seen(a.macID(f.grid, f.mac))
	case focusPixel:
		sf.In = make([][]bool, len(a.shapes))
		for gi, ms := range a.masks() {
			sf.In[gi] = make([]bool, len(ms))
			for m := range ms {
				sf.In[gi][m] = ms[m].At(f.px, f.py)
			}
		}
		sf.Units = make([]bool, g.N())
		for u := range sf.Units {
			sf.Units[u] = image.Pt(f.px, f.py).In(unitRect(g, u))
		}
		sf.Pixels.Set(f.px, f.py, true)
	}
	sf.PadBox = a.padBox(pixelBounds(sf.Pixels))
}

// pixelBounds is the bounding box of a bitmap's pixels.
func pixelBounds(b mnist.Bitmap) image.Rectangle {
	var r image.Rectangle
	for _, i := range b.Indices() {
		r = r.Union(image.Rect(i%mnist.Side, i/mnist.Side, i%mnist.Side+1, i/mnist.Side+1))
	}
	return r
}

// padBox maps a box of input pixels onto the pad (canvas pixels), clipped
// to the pad.
func (a *App) padBox(r image.Rectangle) image.Rectangle {
	p := a.layout.Pad
	if r.Empty() || p.Empty() {
		return image.Rectangle{}
	}
	m := a.padMap
	if a.pad.Empty() {
		m = padMap{}
	}
	// The box's corners on the pad (a slant correction shears the box: take
	// the bounding box of all four).
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range [][2]int{{r.Min.X, r.Min.Y}, {r.Max.X, r.Min.Y}, {r.Min.X, r.Max.Y}, {r.Max.X, r.Max.Y}} {
		q := m.toPad(float64(c[0]), float64(c[1]))
		x0, y0, x1, y1 = min(x0, q.X), min(y0, q.Y), max(x1, q.X), max(y1, q.Y)
	}
	w, h := float64(p.Dx()), float64(p.Dy())
	return image.Rect(p.Min.X+int(x0*w), p.Min.Y+int(y0*h), p.Min.X+int(x1*w+0.999), p.Min.Y+int(y1*h+0.999)).Intersect(p)
}

// pixelAt is the input pixel under the canvas point (x, y): on the pad
// (through the drawing's fit into the input), the input view or the
// input row.
func (a *App) pixelAt(x, y int) (int, int, bool) {
	if p := a.layout.Pad; image.Pt(x, y).In(p) {
		m := a.padMap
		if a.pad.Empty() {
			m = padMap{}
		}
		fx, fy := m.toInput(pad.Point{X: (float64(x-p.Min.X) + 0.5) / float64(p.Dx()), Y: (float64(y-p.Min.Y) + 0.5) / float64(p.Dy())})
		if fx < 0 || fy < 0 || fx >= mnist.Side || fy >= mnist.Side {
			return 0, 0, false
		}
		return int(fx), int(fy), true
	}
	g := a.net.Config().Input
	if u, ok := a.layout.InputAt(x, y, g.W); ok {
		r := unitRect(g, u)
		if !r.Empty() {
			return r.Min.X, r.Min.Y, true
		}
	}
	return 0, 0, false
}

// focusAt is the focus under the canvas point (x, y).
func (a *App) focusAt(x, y int) focus {
	if gi, m, ok := a.layout.MacAt(x, y); ok {
		return focus{kind: focusMac, grid: gi, mac: m}
	}
	if px, py, ok := a.pixelAt(x, y); ok {
		return focus{kind: focusPixel, px: px, py: py}
	}
	return focus{}
}

// Hover tells the App where the pointer is (ok false: off the canvas, or
// busy drawing). It returns the description of what is under the pointer
// (a mac, or a pixel of the input; "" for none) and whether that changed.
//
// Right after a stroke the pointer is still on the pad: the pixel under it
// is not pointed at until the pointer moves. A pixel is described in the
// panel (FocusText), not beside the pointer, so that the text does not
// hide the drawing: Hover returns "" for it.
func (a *App) Hover(x, y int, ok bool) (string, bool) {
	f := focus{}
	if a.tracker.Active() {
		a.quiet, a.quietAt = true, image.Pt(x, y)
	} else if a.quiet && image.Pt(x, y) != a.quietAt {
		a.quiet = false
	}
	if ok && a.net != nil && a.v.name == "" {
		f = a.focusAt(x, y)
		if f.kind == focusPixel && a.quiet {
			f = focus{}
		}
	}
	if f == a.hoverFocus {
		return "", false
	}
	a.hoverFocus = f
	a.dirty = true
	if f.kind == focusPixel {
		return "", true
	}
	return a.describe(f), true
}

// Click handles a press at (x, y) outside the pad: a view that handles
// presses (Clicker, e.g. the csa view's small map of macs) gets it; in the
// main view a mac is pinned (a second
// click unpins it), and a click elsewhere unpins.
func (a *App) Click(x, y int) {
	if c, ok := a.current().(Clicker); ok {
		if c.Click(x, y) {
			a.dirty = true
		}
		return
	}
	switch a.v.name {
	case "":
		if a.net == nil {
			return
		}
		f := a.focusAt(x, y)
		if f.kind == focusMac && f == a.pinFocus {
			f = focus{}
		}
		a.pinFocus = f
		a.dirty = true
	}
}

// PinMac pins the focus on mac m of grid gi of level (1-based); ok false
// (or an unknown mac) unpins. It reports whether the mac exists.
func (a *App) PinMac(level, gi, m int, ok bool) bool {
	a.dirty = true
	if !ok || a.net == nil {
		a.pinFocus = focus{}
		return !ok
	}
	i := a.gridIndex(level, gi)
	if i < 0 || m < 0 || m >= a.shapes[i].MacsW*a.shapes[i].MacsH {
		a.pinFocus = focus{}
		return false
	}
	a.pinFocus = focus{kind: focusMac, grid: i, mac: m}
	return true
}

// MacRect is where mac m of grid gi of level is on the canvas (empty when
// it is not shown).
func (a *App) MacRect(level, gi, m int) image.Rectangle {
	i := a.gridIndex(level, gi)
	if i < 0 || i >= len(a.layout.Grids) || a.v.name != "" || m < 0 || m >= a.shapes[i].MacsW*a.shapes[i].MacsH {
		return image.Rectangle{}
	}
	return a.layout.Grids[i].MacRect(m)
}

// FocusKey moves the pinned mac with a key: the arrows within its grid,
// PageUp and PageDown to the grid above or below (at the same place);
// Escape unpins. With nothing pinned, any of them but Escape pins the
// first mac of the top grid. It reports whether the key was used.
func (a *App) FocusKey(key string) bool {
	if a.net == nil || a.v.name != "" || len(a.shapes) == 0 {
		return false
	}
	f := a.pinFocus
	if key == "Escape" {
		if f.kind == focusNone {
			return false
		}
		a.pinFocus = focus{}
		a.dirty = true
		return true
	}
	switch key {
	case "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown":
	default:
		return false
	}
	if f.kind != focusMac {
		a.pinFocus = focus{kind: focusMac, grid: len(a.shapes) - 1}
		a.dirty = true
		return true
	}
	s := a.shapes[f.grid]
	x, y := f.mac%s.MacsW, f.mac/s.MacsW
	switch key {
	case "ArrowLeft":
		x = max(x-1, 0)
	case "ArrowRight":
		x = min(x+1, s.MacsW-1)
	case "ArrowUp":
		y = max(y-1, 0)
	case "ArrowDown":
		y = min(y+1, s.MacsH-1)
	case "PageUp", "PageDown":
		to := f.grid + 1
		if key == "PageDown" {
			to = f.grid - 1
		}
		if to < 0 || to >= len(a.shapes) {
			return true
		}
		t := a.shapes[to]
		// The same place in the other grid.
		x = min((2*x+1)*t.MacsW/(2*s.MacsW), t.MacsW-1)
		y = min((2*y+1)*t.MacsH/(2*s.MacsH), t.MacsH-1)
		f.grid, s = to, t
	}
	f.mac = y*s.MacsW + x
	a.pinFocus = f
	a.dirty = true
	return true
}

// FocusText describes the receptive field shown ("" for none), for the
// page's panel. The page asks every tick: the text is made again only when
// the focus or what it describes changed.
func (a *App) FocusText() string {
	f, pinned := a.focused()
	if f.kind == focusNone || a.net == nil || a.v.name != "" {
		return ""
	}
	key := focusTextKey{f: f, pinned: pinned, recalled: a.recalledVer, items: len(a.mem.Items), empty: a.pad.Empty()}
	if key != a.focusKey || a.focusText == "" {
		a.focusKey, a.focusText = key, a.describe(f)
		if pinned {
			a.focusText = "Pinned: " + a.focusText
		}
	}
	return a.focusText
}

// focusTextKey is what FocusText's text depends on.
type focusTextKey struct {
	f        focus
	pinned   bool
	recalled uint64
	items    int
	empty    bool
}

// GridNames lists every grid for the csa view's control: "level/grid" and
// its title ("Level 1 skeleton", …, "Top level").
func (a *App) GridNames() [][2]string {
	var out [][2]string
	for gi, s := range a.shapes {
		out = append(out, [2]string{fmt.Sprintf("%d/%d", s.Level, s.Grid), a.gridTitle(gi)})
	}
	return out
}

// describe is the text for a focus: a mac's state and weights, or which
// macs read a pixel.
func (a *App) describe(f focus) string {
	tr := &engine.Trace{}
	if a.rec != nil {
		tr = &a.rec.Trace
	}
	if a.pad.Empty() && len(a.showTrace.Levels) > 0 {
		tr = &a.showTrace
	}
	switch f.kind {
	case focusMac:
		sh := a.shapes[f.grid]
		st := a.net.Stats(sh.Level, sh.Grid)
		state := "no input yet"
		if grids := viz.Grids(tr); f.grid < len(grids) && f.mac < len(grids[f.grid].G) {
			state = "silent (outside its π band)"
			if grids[f.grid].Active[f.mac] {
				state = fmt.Sprintf("G = %.2f", grids[f.grid].G[f.mac])
			}
		}
		var sf viz.Focus
		a.buildFocus(f, &sf)
		reads := fmt.Sprintf("sees %d of the 28×28 pixels", sf.Pixels.Count())
		if field, err := a.net.Field(a.macID(f.grid, f.mac)); err == nil && len(field) > 0 {
			reads = fmt.Sprintf("reads %d macs of level %d, %s", len(field), sh.Level-1, reads)
		}
		extra := ""
		if f.mac < len(st) {
			extra = fmt.Sprintf("; %.1f%% of its U weights set", 100*st[f.mac].Saturation)
			if st[f.mac].Frozen {
				extra += ", frozen"
			}
		}
		return fmt.Sprintf("%s, mac (%d, %d): %s; %s%s", a.gridTitle(f.grid), f.mac%sh.MacsW, f.mac/sh.MacsW, state, reads, extra)
	case focusPixel:
		var parts []string
		for gi, ms := range a.masks() {
			n := 0
			for _, m := range ms {
				if m.At(f.px, f.py) {
					n++
				}
			}
			if n > 0 {
				parts = append(parts, fmt.Sprintf("%d of %s", n, a.gridTitle(gi)))
			}
		}
		return fmt.Sprintf("Input pixel (%d, %d) is read by %s.", f.px, f.py, strings.Join(parts, ", "))
	}
	return ""
}

// gridTitle names a grid: "Level 1 skeleton", "Level 2", "Top level".
func (a *App) gridTitle(gi int) string {
	s := a.shapes[gi]
	levels := a.shapes[len(a.shapes)-1].Level // the shapes' own, so no network is needed
	t := fmt.Sprintf("Level %d", s.Level)
	if s.Level == levels && levels > 1 {
		t = "Top level"
	}
	if s.Name != "" && !strings.EqualFold(s.Name, fmt.Sprintf("level %d", s.Level)) && s.Name != "top" {
		t += " " + s.Name
	}
	return t
}

// focusState is state().focus.
func (a *App) focusState() *FocusState {
	f, pinned := a.focused()
	if f.kind == focusNone || a.net == nil || a.v.name != "" {
		return nil
	}
	var sf viz.Focus
	a.buildFocus(f, &sf)
	st := &FocusState{Pinned: pinned, Fields: []FocusGrid{}, Pixels: sf.Pixels.Count()}
	if f.kind == focusMac {
		s := a.shapes[f.grid]
		st.Kind, st.Level, st.Grid, st.Mac, st.Name = "mac", s.Level, s.Grid, f.mac, s.Name
	} else {
		st.Kind, st.Pixel = "pixel", &Point{X: f.px, Y: f.py}
	}
	for gi, in := range sf.In {
		if in == nil || f.kind == focusMac && gi == f.grid {
			continue
		}
		fg := FocusGrid{Level: a.shapes[gi].Level, Grid: a.shapes[gi].Grid, Name: a.shapes[gi].Name, Macs: []int{}}
		for m, ok := range in {
			if ok {
				fg.Macs = append(fg.Macs, m)
			}
		}
		if len(fg.Macs) > 0 || f.kind == focusMac {
			st.Fields = append(st.Fields, fg)
		}
	}
	st.InputBox = boxOf(pixelBounds(sf.Pixels))
	st.PadBox = boxOf(sf.PadBox)
	return st
}
