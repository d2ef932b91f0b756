//go:build !js

package e2e

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// tapOn taps the element matched by a CSS selector at a fraction fx of
// its width (0.5: its centre).
func (p *page) tapOn(sel string, fx float64) {
	p.t.Helper()
	r := eval[*Rect](p, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return null;
		const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; })()`, sel))
	if r == nil || r.Width == 0 {
		p.t.Fatalf("no %s to tap", sel)
	}
	p.tap(r.X+fx*r.Width, r.Y+r.Height/2)
}

// key sends a key down and up to the focused element.
func (p *page) press(key, code string, vk int64) { p.key(key, code, vk, 0) }

// TestEmbedControls: every view embedded at 640×480 keeps its controls in
// a bar at the bottom, touch-sized, and each works with a finger: Clear,
// Undo and Copy link everywhere, and the view's own (the csa view's grid
// menu, mac picker, CM, G switch and slider, redraw and walk; the capacity
// view's re-run; the sequence view's learn).
func TestEmbedControls(t *testing.T) {
	p := newBrowser(t, "")
	for _, view := range []string{"", "csa", "map", "capacity", "sequence"} {
		t.Run("view="+view, func(t *testing.T) {
			p.t = t
			addr := "?embed=1&view=" + view
			if view == "csa" {
				addr += "&level=1" // level 1's most active mac, where the pickers below start
			}
			p.open(640, 480, addr)
			p.waitFor(`s.phase === "ready" && s.memory === "served"`, 60*time.Second)
			type ctl struct {
				ID            string
				Top, Bottom   float64
				Height, Width float64
			}
			ctls := eval[[]ctl](p, `Array.from(document.querySelectorAll("#bar button, #bar select, #bar input:not([type=checkbox]), #bar label.toggle"))
				.filter((e) => e.offsetParent !== null)
				.map((e) => { const r = e.getBoundingClientRect(); return {id: e.id || e.textContent, top: r.top, bottom: r.bottom, height: r.height, width: r.width}; })`)
			bar := eval[Rect](p, `(() => { const r = document.getElementById("bar").getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; })()`)
			t.Logf("bar %.0f px tall at y %.0f: %d controls", bar.Height, bar.Y, len(ctls))
			if bar.Y+bar.Height > 480.5 || bar.Height < 40 || bar.Height > 200 {
				t.Errorf("bar at %+v", bar)
			}
			for _, c := range ctls {
				if c.Height < 40-0.5 || c.Width < 40-0.5 || c.Top < bar.Y-0.5 || c.Bottom > 480.5 {
					t.Errorf("control %s: %.0f×%.0f at y %.0f..%.0f: not touch-sized or off the bar", c.ID, c.Width, c.Height, c.Top, c.Bottom)
				}
			}
			if r := p.padRect(); r.Y+r.Height > bar.Y {
				t.Errorf("the pad %+v runs under the bar at y %.0f", r, bar.Y)
			}
			// Clear, Undo.
			p.draw(true, cross()...)
			p.tapOn("#undo", 0.5)
			p.waitFor("s.strokes === 1 && s.recalledVersion === s.padVersion", 10*time.Second)
			p.tapOn("#clear", 0.5)
			p.waitFor("s.strokes === 0 && s.label === null", 10*time.Second)
			switch view {
			case "":
				p.draw(true, one())
				p.tapOn("#copy-link", 0.5)
				p.waitFor(`s.copied !== "" && s.copiedBy !== ""`, 10*time.Second)
				t.Logf("copied by %s: %s", p.state().CopiedBy, p.state().Copied)
			case "csa":
				p.draw(true, zero())
				p.waitFor("s.csaMac !== null && s.csaVersion === s.padVersion", 20*time.Second)
				p.tapOn("#csa-mac", 0.5) // the mac picker: −1 (the most active) → 1
				p.press("ArrowUp", "ArrowUp", 38)
				p.press("ArrowUp", "ArrowUp", 38)
				p.waitFor("s.csaMac === 1 && s.csaVersion === s.padVersion", 10*time.Second)
				p.tapOn("#csa-walk", 0.5)
				p.waitFor("s.csaWalk", 10*time.Second)
				p.tapOn("label.toggle", 0.5)
				p.waitFor("s.csaOverride", 10*time.Second)
				p.tapOn("#csa-g", 0.25)
				g := eval[float64](p, "sparsey.state().csaG")
				if math.Abs(g-0.25) > 0.15 { // the thumb's width shifts it
					t.Errorf("the slider tapped at a quarter: G %.2f", g)
				}
				p.tapOn("#csa-cm", 0.5) // CM 0 → 1 (level 1 of the default network has Q = 2)
				p.press("ArrowUp", "ArrowUp", 38)
				p.waitFor("s.csaCM === 1", 10*time.Second)
				p.tapOn("#csa-grid", 0.5)
				p.press("ArrowDown", "ArrowDown", 40)
				p.press("Enter", "Enter", 13)
				p.waitFor("s.csaGrid === 1 && s.csaLevel === 1", 10*time.Second)
				p.tapOn("#csa-redraw", 0.5)
				t.Logf("csa by touch: mac 1, walk, override, G %.2f, CM 1, level 1 grid 1", g)
			case "map":
				p.waitFor("s.mapShown > 0", 60*time.Second)
			case "capacity":
				p.waitFor("s.capLearned >= 2000", 120*time.Second)
				p.tapOn("#cap-rerun", 0.5)
				p.waitFor("s.capLearned < 2000 && s.capPoints.length === 0 || s.capLearned < 1000", 10*time.Second)
			case "sequence":
				p.draw(true, one())
				p.tapOn("#seq-learn", 0.5)
				p.waitFor("s.seqLearned === 1", 10*time.Second)
			}
			screenshot(t, p, fmt.Sprintf("embed-controls-%s.png", map[string]string{"": "main"}[view]+view))
		})
	}
}
