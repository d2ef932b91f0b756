package core

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/wasm/teach"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// The "csa" view: the Code Selection Algorithm of one CM of one mac of any
// level for the drawing (or the digit being learned), step by step
// (teach.CSA), with a G override and a walk through the active macs.

var csaSpec = ViewSpec{
	Name:  "csa",
	Title: "CSA step by step",
	Doc:   "the CSA of one CM of one mac of any level for the drawing: V, μ, ρ, G, η, the max-V cell and a cell drawn from ρ; a slider sets G",
	Settings: []Setting{
		{Param: "level", Doc: "the mac's level, from 1; with no level, grid or mac the view chooses the mac (below)", Using: "level 1",
			// Always but for the choice of teach.CSA.Auto that found no
			// mac (its level 1, mac −1): a link without level opens that
			// choice again.
			Get: func(a *App) string {
				if s := &csaOf(a).set; !s.Auto || s.Mac >= 0 {
					return strconv.Itoa(s.Level)
				}
				return ""
			},
			Set: func(a *App, v string) error { return csaOf(a).setLevel(v) }},
		{Param: "grid", Doc: "the mac's grid in its level, from 0", Using: "grid 0",
			Get: func(a *App) string { return intParam(csaOf(a).set.Grid, 0) },
			Set: func(a *App, v string) error { return csaOf(a).setGrid(v) }},
		{Param: "mac", Doc: "the mac's index in its grid; -1: the grid's most active mac", Using: "the grid's most active mac (-1)",
			Get: func(a *App) string { return intParam(csaOf(a).set.Mac, -1) },
			Set: func(a *App, v string) error { return csaOf(a).setMac(v) }},
		{Param: "cm", Doc: "the CM shown, from 0", Using: "CM 0",
			Get: func(a *App) string { return intParam(csaOf(a).set.CM, 0) },
			Set: func(a *App, v string) error { return csaOf(a).setCM(v) }},
		{Param: "g", Doc: "a familiarity G from 0 to 1 that replaces the mac's own for η, μ and ρ", Using: "the mac's own G",
			Get: func(a *App) string {
				if c := csaOf(a); c.set.Override {
					return strconv.FormatFloat(c.set.G, 'f', -1, 64)
				}
				return ""
			},
			Set: func(a *App, v string) error { return csaOf(a).setG(v) }},
	},
	Controls: []Control{
		{ID: "csa-grid", Kind: Select, Label: "Grid", Help: "the grid of the mac shown",
			Options: func(a *App) []Option {
				var out []Option
				for _, g := range a.GridNames() {
					out = append(out, Option{g[0], g[1]})
				}
				return out
			},
			Get: func(a *App) string { c := csaOf(a); return fmt.Sprintf("%d/%d", c.set.Level, c.set.Grid) },
			Set: func(a *App, v string) error {
				l, g, ok := strings.Cut(v, "/")
				if !ok {
					return errors.New("level/grid, e.g. 1/0")
				}
				c := csaOf(a)
				old := c.set
				if err := c.setLevel(l); err != nil {
					return err
				}
				if err := c.setGrid(g); err != nil {
					c.set = old
					return err
				}
				c.set.Mac = -1
				return nil
			}},
		{ID: "csa-mac", Kind: Number, Label: "Mac", Help: "the mac shown (−1: the grid's mac with the most active inputs); or tap a mac in the small map", Min: -1, Max: 4095, Step: 1,
			Get: func(a *App) string { return strconv.Itoa(csaOf(a).set.Mac) },
			Set: func(a *App, v string) error { return csaOf(a).setMac(v) }},
		{ID: "csa-cm", Kind: Number, Label: "CM", Help: "the competitive module shown", Min: 0, Max: 255, Step: 1,
			Get: func(a *App) string { return strconv.Itoa(csaOf(a).set.CM) },
			Set: func(a *App, v string) error { return csaOf(a).setCM(v) }},
		{ID: "csa-override", Kind: Toggle, Label: "Set G", Help: "use the slider's G instead of the mac's own",
			Get: func(a *App) string { return boolText(csaOf(a).set.Override) },
			Set: func(a *App, v string) error { csaOf(a).set.Override = v == "1" || v == "true"; return nil }},
		{ID: "csa-g", Kind: Range, Label: "G", Help: "familiarity G used for η, μ and ρ", Min: 0, Max: 1, Step: 0.01,
			Get: func(a *App) string { return strconv.FormatFloat(csaOf(a).set.G, 'f', -1, 64) },
			Set: func(a *App, v string) error { return csaOf(a).setG(v) }},
		{ID: "csa-redraw", Kind: Button, Label: "Draw again", Help: "draw a winner from ρ again",
			Do: func(a *App) error { csaOf(a).set.Seed++; return nil }},
		{ID: "csa-walk", Kind: Button, Label: "Walk the macs", Help: "show the CSA of every active mac in turn, as a learning step draws their codes",
			Do: func(a *App) error {
				if !a.StartWalk() {
					return fmt.Errorf("no active mac to walk through: draw a digit")
				}
				return nil
			}},
	},
	New: func(a *App) View { return &csaView{a: a, set: teach.NewCSA()} },
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return ""
}

// csaView is the csa view of an App.
type csaView struct {
	a      *App
	set    teach.CSA
	key    csaKey
	at     time.Time
	layout viz.CSALayout
	state  teach.CSAState
	drawn  *viz.CSAView
}

// csaKey is what the CSA view shows: when it is unchanged, nothing is
// recomputed.
type csaKey struct {
	src      uint64 // pad version, or items stored when showing the last learned digit
	items    int    // items stored
	empty    bool
	level    int
	grid     int
	mac, cm  int
	override bool
	g        float64
	seed     uint64
}

// csaOf is the App's csa view.
func csaOf(a *App) *csaView { return a.view("csa").(*csaView) }

// intParam is v for the address, "" when it is the default.
func intParam(v, def int) string {
	if v == def {
		return ""
	}
	return strconv.Itoa(v)
}

// wholeAtLeast parses a whole number ≥ lo.
func wholeAtLeast(s string, lo int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo {
		return 0, fmt.Errorf("a whole number ≥ %d", lo)
	}
	return n, nil
}

// setLevel shows a mac of another level: its grid stays if the level has
// it (else grid 0), its most active mac, the CM within the mac's.
func (c *csaView) setLevel(s string) error {
	c.set.Auto = false
	n, err := wholeAtLeast(s, 1)
	if err != nil {
		return err
	}
	levels, _, _, _ := c.a.macBounds(1, 0)
	if n > levels {
		return fmt.Errorf("a level from 1 to %d", levels)
	}
	if n != c.set.Level {
		c.set.Level, c.set.Mac = n, -1
		if _, grids, _, _ := c.a.macBounds(n, 0); c.set.Grid >= grids {
			c.set.Grid = 0
		}
		c.clampCM()
	}
	return nil
}

// setGrid shows a mac of another grid of the level: its most active.
func (c *csaView) setGrid(s string) error {
	c.set.Auto = false
	n, err := wholeAtLeast(s, 0)
	if err != nil {
		return err
	}
	_, grids, _, _ := c.a.macBounds(c.set.Level, 0)
	if n >= grids {
		return fmt.Errorf("a grid of level %d, from 0 to %d", c.set.Level, grids-1)
	}
	if n != c.set.Grid {
		c.set.Grid, c.set.Mac = n, -1
		c.clampCM()
	}
	return nil
}

func (c *csaView) setMac(s string) error {
	c.set.Auto = false
	n, err := wholeAtLeast(s, -1)
	if err != nil {
		return err
	}
	_, _, macs, _ := c.a.macBounds(c.set.Level, c.set.Grid)
	if n >= macs {
		return fmt.Errorf("a mac of that grid, from -1 to %d", macs-1)
	}
	c.set.Mac = n
	return nil
}

func (c *csaView) setCM(s string) error {
	n, err := wholeAtLeast(s, 0)
	if err != nil {
		return err
	}
	_, _, _, q := c.a.macBounds(c.set.Level, c.set.Grid)
	if n >= q {
		return fmt.Errorf("a CM of that grid's macs, from 0 to %d", q-1)
	}
	c.set.CM = n
	return nil
}

// clampCM keeps the CM within the grid's macs' CMs.
func (c *csaView) clampCM() {
	_, _, _, q := c.a.macBounds(c.set.Level, c.set.Grid)
	c.set.CM = max(0, min(c.set.CM, q-1))
}

func (c *csaView) setG(s string) error {
	if s == "" || s == "null" {
		c.set.Override = false
		return nil
	}
	g, err := strconv.ParseFloat(s, 64)
	if err != nil || !(g >= 0 && g <= 1) {
		return errors.New("a number from 0 to 1")
	}
	c.set.Override, c.set.G = true, g
	return nil
}

func (c *csaView) Shown() { c.key = csaKey{} }

func (c *csaView) Reset() { c.key = csaKey{} }

func (c *csaView) Drawing() viz.View {
	if c.drawn == nil {
		return nil
	}
	return c.drawn
}

func (c *csaView) State() any { return c.state }

// Update recomputes the CSA when what it shows changed (at most every
// viewRefresh while the pen is down or the page learns).
func (c *csaView) Update(time.Duration) bool {
	a := c.a
	now := a.now()
	if a.net == nil {
		return false
	}
	c.set.Step(now, walkStep)
	s := &c.set
	key := csaKey{level: s.Level, grid: s.Grid, mac: s.Mac, cm: s.CM, override: s.Override, g: s.G, seed: s.Seed, items: len(a.mem.Items)}
	var in *engine.SDR
	if !a.pad.Empty() {
		key.src = a.pad.Version()
		if key == c.key || (a.tracker.Active() || a.training()) && now.Sub(c.at) < viewRefresh {
			return false
		}
		if _, sdr, err := a.enc.Pad(&a.pad); err == nil {
			in = sdr
		}
	} else {
		key.empty = true
		key.src = uint64(len(a.mem.Items))
		if key == c.key || a.training() && now.Sub(c.at) < viewRefresh {
			return false
		}
		if a.showInput.Count() > 0 {
			if sdr, err := a.enc.Bitmap(a.showInput); err == nil {
				in = sdr
			}
		}
	}
	c.key, c.at = key, now
	cv, st := c.set.Show(a.net, in)
	c.key.level, c.key.grid, c.key.mac = s.Level, s.Grid, s.Mac // the mac chosen (teach.CSA.Auto)
	if in == nil && a.Phase() == "loading" {
		cv.Note = "loading the memory…"
	}
	c.drawn = &cv
	c.layout = viz.NewCSALayout(a.layout.ViewArea(), a.shapes)
	st.Version = float64(a.pad.Version())
	if st.Mac != nil {
		for _, b := range c.layout.Map {
			st.Map = append(st.Map, teach.CSAMap{Level: b.Level, Grid: b.Grid, X: b.Rect.Min.X, Y: b.Rect.Min.Y,
				Pitch: b.Pitch, Side: b.Side, W: b.MacsW, H: b.MacsH})
		}
	}
	c.state = st
	return true
}

// Click picks the mac under (x, y) in the small hierarchy.
func (c *csaView) Click(x, y int) bool {
	gi, m, ok := c.layout.MacAt(x, y)
	if !ok || gi >= len(c.a.shapes) {
		return false
	}
	sh := c.a.shapes[gi]
	c.set.Level, c.set.Grid, c.set.Mac, c.set.Auto = sh.Level, sh.Grid, m, false
	return true
}

// CSA is the csa view's settings, which the page's controls change.
func (a *App) CSA() *teach.CSA { return &csaOf(a).set }

// StartWalk walks the csa view through the active macs, one every 400 ms.
func (a *App) StartWalk() bool { return csaOf(a).set.StartWalk(a.now()) }
