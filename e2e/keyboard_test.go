//go:build !js

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// focusables lists the controls a keyboard reaches in a container, in
// document order (the tab order: no control of the page has a positive
// tabindex), each as its id or tag and text.
const focusables = `((sel) => Array.from(document.querySelectorAll(sel + " :is(a[href], button, input, select, textarea, [tabindex])"))
	.filter((e) => !e.disabled && e.tabIndex >= 0 && e.type !== "hidden" && e.getClientRects().length > 0)
	.map((e) => e.id || e.tagName + ":" + e.textContent.trim()))`

// active names the focused element as focusables does.
const active = `(() => { const e = document.activeElement; return !e ? "" : e.tagName === "CANVAS" ? "CANVAS" : e.id || e.tagName + ":" + e.textContent.trim(); })()`

func (p *page) tab(shift bool) string {
	p.t.Helper()
	mods := int64(0)
	if shift {
		mods = modShift
	}
	p.key("Tab", "Tab", 9, mods)
	return eval[string](p, active)
}

// keys of the keyboard's pen: key, code, virtual key code.
var penKeys = map[string][3]any{
	" ":          {" ", "Space", int64(32)},
	"Enter":      {"Enter", "Enter", int64(13)},
	"ArrowUp":    {"ArrowUp", "ArrowUp", int64(38)},
	"ArrowDown":  {"ArrowDown", "ArrowDown", int64(40)},
	"ArrowLeft":  {"ArrowLeft", "ArrowLeft", int64(37)},
	"ArrowRight": {"ArrowRight", "ArrowRight", int64(39)},
	"Escape":     {"Escape", "Escape", int64(27)},
}

// keys presses keys on the focused element, n times each, paced by the
// page's ticks (p.key).
func (p *page) keys(n int, names ...string) {
	p.t.Helper()
	for range n {
		for _, name := range names {
			k, ok := penKeys[name]
			if !ok {
				p.t.Fatalf("no key %q", name)
			}
			p.key(k[0].(string), k[1].(string), k[2].(int64), 0)
		}
	}
}

// drawOneByKeys draws a "1" with the keyboard's pen: out (lifted) at the
// centre, up 7 steps, down 14 steps with the pen down, lifted.
func (p *page) drawOneByKeys() {
	p.t.Helper()
	p.keys(1, " ")
	p.keys(7, "ArrowUp")
	p.keys(1, "Enter")
	p.keys(14, "ArrowDown")
	p.keys(1, " ")
}

// TestKeyboard: from load, Tab leaves the canvas and reaches every
// control of the panel in order (and Shift+Tab comes back); the canvas is
// an application with a label; a "1" drawn with the keys alone is
// recalled as 1 and announced by the live region, in the page and
// embedded (where the panel is hidden and Tab goes to the bar).
func TestKeyboard(t *testing.T) {
	p := newBrowser(t, "")
	for _, mode := range []struct{ name, query, container string }{
		{"page", "", "#panel"},
		{"embed", "?embed=1", "#bar"},
	} {
		t.Run(mode.name, func(t *testing.T) {
			p.t = t
			p.open(1280, 720, mode.query)
			p.waitFor(`s.phase === "ready" && s.memory === "served"`, 60*time.Second)
			p.waitTicks(2)
			if a := eval[string](p, active); a != "CANVAS" {
				t.Fatalf("focus on load: %s, want the canvas", a)
			}
			type attrs struct{ Role, Label, Tabindex, Described string }
			at := eval[attrs](p, `(() => { const c = document.querySelector("canvas"), d = document.getElementById(c.getAttribute("aria-describedby"));
				return {role: c.getAttribute("role"), label: c.getAttribute("aria-label"), tabindex: c.getAttribute("tabindex"), described: d ? d.textContent : ""}; })()`)
			t.Logf("canvas: role %q, tabindex %q, label %q", at.Role, at.Tabindex, at.Label)
			if at.Role != "application" || !strings.Contains(at.Label, "Draw and recall") || at.Tabindex != "0" || !strings.Contains(at.Described, "Space") {
				t.Errorf("canvas attributes %+v", at)
			}

			want := eval[[]string](p, fmt.Sprintf("%s(%q)", focusables, mode.container))
			if len(want) < 3 {
				t.Fatalf("controls found in %s: %q", mode.container, want)
			}
			var got []string
			for range want {
				got = append(got, p.tab(false))
			}
			t.Logf("Tab from load: %q", got)
			if !slices.Equal(got, want) {
				t.Errorf("Tab reached %q\nwant the controls in order %q", got, want)
			}
			for range len(want) - 1 {
				p.tab(true)
			}
			if a := p.tab(true); a != "CANVAS" {
				t.Errorf("Shift+Tab back from the first control: %s, want the canvas", a)
			}

			// A "1" drawn with the keys alone.
			p.drawOneByKeys()
			p.waitFor(`s.strokes === 1 && s.label !== null && s.recalledVersion === s.padVersion && s.pen && !s.pen.down`, 20*time.Second)
			p.waitTicks(4)
			s := p.state()
			ann := eval[string](p, `document.getElementById("announce").textContent`)
			t.Logf("drawn by keys: label %s (%.2f), familiarity %.2f; announced %q", s.LabelName, s.Scores[*s.Label], s.Familiarity, ann)
			if s.LabelName != "1" {
				t.Errorf("a vertical line drawn by keys recalled as %q, want 1", s.LabelName)
			}
			if !strings.HasPrefix(ann, s.LabelName+", ") && !strings.HasPrefix(ann, "not sure: "+s.LabelName+", ") || !strings.Contains(ann, "%") {
				t.Errorf("announcement %q does not say the recall (%s)", ann, s.LabelName)
			}
			live := eval[string](p, `(() => { const e = document.getElementById("announce"); return e.getAttribute("aria-live") + "/" + (e.closest("[hidden]") ? "hidden" : "shown"); })()`)
			if live != "polite/shown" {
				t.Errorf("#announce: %s", live)
			}
			p.keys(1, "Escape", "Escape")
			p.waitFor(`s.strokes === 0 && s.pen === null`, 10*time.Second)
		})
	}
}

// TestReducedMotion: with prefers-reduced-motion: reduce the page stops
// showing each digit as it learns; without it, it shows them.
func TestReducedMotion(t *testing.T) {
	frames := map[bool]int{}
	for _, reduce := range []bool{false, true} {
		p := newBrowser(t, "")
		p.t = t
		feature := "no-preference"
		if reduce {
			feature = "reduce"
		}
		if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: feature}}}); err != nil {
			t.Fatal(err)
		}
		p.open(800, 600, "?train=60000")
		p.waitFor(`s.phase === "ready" || s.job === "train" && s.trained > 50`, 60*time.Second)
		if s := eval[bool](p, "sparsey.state().reducedMotion"); s != reduce {
			t.Fatalf("prefers-reduced-motion %s: state().reducedMotion %v", feature, s)
		}
		if eval[string](p, "sparsey.state().job") != "train" {
			t.Fatalf("%s: not learning (state %+v)", feature, p.state())
		}
		f0 := eval[int](p, "sparsey.state().frames")
		p.waitTicks(120)
		stillTraining := eval[string](p, "sparsey.state().job") == "train"
		frames[reduce] = eval[int](p, "sparsey.state().frames") - f0
		t.Logf("prefers-reduced-motion %s: %d frames in 120 ticks of learning (still learning: %v)", feature, frames[reduce], stillTraining)
		if !stillTraining {
			t.Fatalf("%s: the learning ended within the measure; learn more digits", feature)
		}
		p.close()
	}
	// 120 ticks are about 2 s: a digit shown every 250 ms is about 8.
	if frames[false] < 4 {
		t.Errorf("without reduced motion only %d frames while learning: the test shows nothing", frames[false])
	}
	if frames[true] > 0 {
		t.Errorf("with reduced motion, %d frames while learning with nothing drawn", frames[true])
	}
}
