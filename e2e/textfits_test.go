package e2e

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

var screensDir = flag.String("screens", "", "TestTextFits writes screenshots of the views into this directory (docs/screens)")

// minFont is the smallest text the page may show, in CSS pixels.
const minFont = 11

// canvasText is one text the canvas drew (sparsey.texts()): its box in
// CSS pixels of the canvas and its font size.
type canvasText struct {
	Text    string  `json:"text"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	W       float64 `json:"w"`
	H       float64 `json:"h"`
	Size    float64 `json:"size"`
	Clipped bool    `json:"clipped"`
}

// htmlText is a visible element of the HTML panel or bar with text of
// its own: its computed font size, and why it does not fit ("" if it
// does).
type htmlText struct {
	Text  string  `json:"text"`
	Size  float64 `json:"size"`
	Fault string  `json:"fault"`
}

// htmlTexts checks every visible element with text of its own: the boxes
// of its text (a Range's client rects) inside the viewport horizontally,
// inside the viewport vertically or inside a scrolling ancestor's scroll
// area, and inside every ancestor that clips (overflow other than
// visible). Elements made for screen readers only (.sr-only, #bar-recall)
// are skipped: they are meant to be clipped.
const htmlTexts = `(() => {
  const vw = innerWidth, vh = innerHeight, out = [];
  const roots = [document.getElementById("panel"), document.getElementById("bar"), document.getElementById("terms")];
  for (const root of roots) {
    if (!root) continue;
    for (const e of [root, ...root.querySelectorAll("*")]) {
      if (e.closest(".sr-only, #bar-recall")) continue;
      const own = [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim() !== "");
      if (own.length === 0 && !(e.matches("button, select, input") && (e.value || e.textContent).trim())) continue;
      const r = document.createRange();
      const rects = [];
      if (own.length) { for (const n of own) { r.selectNodeContents(n); rects.push(...r.getClientRects()); } }
      else rects.push(...e.getClientRects());
      if (rects.length === 0) continue; // not shown
      const cs = getComputedStyle(e);
      if (cs.visibility === "hidden") continue;
      const text = (own.map(n => n.textContent).join(" ") || e.value || e.textContent).trim().slice(0, 60);
      let fault = "";
      for (const t of rects) {
        if (t.width === 0 && t.height === 0) continue;
        if (t.left < -0.5 || t.right > vw + 0.5) fault = "off screen horizontally";
        // Up the ancestors: the box must be inside every one that clips;
        // past one that scrolls vertically, what must fit is the
        // scroller's box (the text may be below its fold).
        let b = t, scrolled = false;
        for (let a = e.parentElement; a; a = a.parentElement) {
          const ac = getComputedStyle(a);
          if (ac.overflowX === "visible" && ac.overflowY === "visible") continue;
          const ar = a.getBoundingClientRect();
          const scrolls = ac.overflowY === "auto" || ac.overflowY === "scroll";
          if (b.left < ar.left - 0.5 || b.right > ar.right + 0.5) fault = "clipped by " + (a.id || a.tagName);
          if (!scrolls && (b.top < ar.top - 0.5 || b.bottom > ar.bottom + 0.5)) fault = "clipped by " + (a.id || a.tagName);
          if (scrolls) { b = ar; scrolled = true; }
        }
        if (b.top < -0.5 || b.bottom > vh + 0.5) fault = scrolled ? "its scrolling panel is off screen" : "off screen vertically";
      }
      out.push({text, size: parseFloat(cs.fontSize), fault});
    }
  }
  return out;
})()`

// TestTextFits loads the page, on its own and embedded, and shows the
// main view and every teaching view at 375×667, 768×1024, 1280×720 and
// 1920×1080 with a digit drawn: every text the canvas draws
// (sparsey.texts()) is at least minFont CSS pixels, not cut, inside the
// canvas and the viewport and off the HTML panel and bar; every text of
// the HTML panel and bar (and of the list of terms) is at least minFont
// CSS pixels and not clipped or off screen (a scrolling panel may hold it
// below its fold); the list of terms opens with Enter on its button (the
// panel's, or the embedded bar's "?"), fits, and shuts with Escape. With
// -screens it writes screenshots: each view at 375×667 and 1280×720
// (embedded at 375×667, the main view at both), and the main view at every
// size (docs/screens).
func TestTextFits(t *testing.T) {
	p := newBrowser(t, "")
	views := []string{"", "csa", "map", "capacity", "sequence"}
	for _, embed := range []bool{false, true} {
		q := "?train=300"
		if embed {
			q += "&embed=1"
		}
		p.open(800, 600, q)
		p.waitFor(`s.phase === "ready"`, trainTimeout(300))
		for _, sz := range [][2]int64{{375, 667}, {768, 1024}, {1280, 720}, {1920, 1080}} {
			p.do(chromedp.EmulateViewport(sz[0], sz[1]))
			p.waitTicks(4)
			p.drawAll(digitShapes()[3]...)
			for _, view := range views {
				name := view
				if name == "" {
					name = "main"
				}
				name += fmt.Sprintf("-%dx%d", sz[0], sz[1])
				if embed {
					name += "-embed"
				}
				eval[any](p, fmt.Sprintf(`sparsey.setView(%q), null`, view))
				if view == "map" {
					// The map draws once it has compared its sample's codes.
					p.waitFor(`s.mapUpToDate`, 60*time.Second)
				}
				p.waitTicks(6)
				canvas := eval[box](p, `(() => { const r = document.querySelector("canvas").getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; })()`)
				panel := eval[box](p, `(() => { const e = document.getElementById("panel"); if (e.hidden || getComputedStyle(e).display === "none") return {x: 0, y: 0, width: 0, height: 0};
					const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; })()`)
				bar := eval[box](p, `(() => { const e = document.getElementById("bar"); if (e.hidden || getComputedStyle(e).display === "none") return {x: 0, y: 0, width: 0, height: 0};
					const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; })()`)
				over := func(a, b box) bool {
					return a.Width > 0 && b.Width > 0 && a.X < b.X+b.Width && b.X < a.X+a.Width && a.Y < b.Y+b.Height && b.Y < a.Y+a.Height
				}
				texts := eval[[]canvasText](p, `sparsey.texts()`)
				if len(texts) == 0 {
					t.Errorf("%s: the canvas drew no text", name)
				}
				for _, x := range texts {
					b := box{X: canvas.X + x.X, Y: canvas.Y + x.Y, Width: x.W, Height: x.H}
					switch {
					case x.Size < minFont:
						t.Errorf("%s: canvas text %q at %.0f,%.0f: font %.0f px < %d", name, x.Text, b.X, b.Y, x.Size, minFont)
					case x.Clipped:
						t.Errorf("%s: canvas text %q at %.0f,%.0f is cut", name, x.Text, b.X, b.Y)
					case b.X < 0 || b.Y < 0 || b.X+b.Width > float64(sz[0]) || b.Y+b.Height > float64(sz[1]):
						t.Errorf("%s: canvas text %q at %+v is off screen", name, x.Text, b)
					case over(b, panel) || over(b, bar):
						t.Errorf("%s: canvas text %q at %+v is under the panel %+v or the bar %+v", name, x.Text, b, panel, bar)
					}
				}
				html := eval[[]htmlText](p, htmlTexts)
				for _, x := range html {
					if x.Size < minFont || x.Fault != "" {
						t.Errorf("%s: HTML text %q: font %.1f px, %s", name, x.Text, x.Size, x.Fault)
					}
				}
				t.Logf("%s: %d canvas texts, %d HTML texts", name, len(texts), len(html))
				// docs/screens: each view at 375×667 and 1280×720 (embedded:
				// at 375×667, the main view at both); the main view at
				// every size.
				shot := sz[0] == 375 || sz[0] == 1280 && (!embed || view == "") || view == "" && !embed
				if *screensDir != "" && shot {
					img := screenshot(t, p, name+".png")
					b := encodePNG(t, img)
					if err := os.WriteFile(filepath.Join(*screensDir, name+".png"), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			// The list of terms, opened from the keyboard (Enter on its
			// button) and shut with Escape, fits too.
			opener := "terms-open"
			if embed {
				opener = "terms-open-bar"
			}
			eval[any](p, fmt.Sprintf(`document.getElementById(%q).focus(), null`, opener))
			// Enter as a typed key (keyDown with its text "\r"), which
			// activates a focused button.
			p.do(chromedp.KeyEvent(kb.Enter))
			p.waitTicks(2)
			name := fmt.Sprintf("terms-%dx%d", sz[0], sz[1])
			if embed {
				name += "-embed"
			}
			if !eval[bool](p, `document.getElementById("terms").open`) {
				t.Errorf("%s: Enter on #%s did not open the list of terms", name, opener)
			}
			n := 0
			for _, x := range eval[[]htmlText](p, htmlTexts) {
				if x.Size < minFont || x.Fault != "" {
					t.Errorf("%s: HTML text %q: font %.1f px, %s", name, x.Text, x.Size, x.Fault)
				}
				n++
			}
			t.Logf("%s: %d HTML texts with the list of terms open", name, n)
			p.keys(1, "Escape")
			if eval[bool](p, `document.getElementById("terms").open`) || eval[string](p, `document.activeElement.id`) != opener {
				t.Errorf("%s: Escape did not shut the list of terms and give the focus back to #%s", name, opener)
				eval[any](p, `document.getElementById("terms").close(), null`)
			}
		}
		eval[any](p, `sparsey.setView(""), null`)
	}
}
