//go:build !js

package e2e

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/sparsey-web/sparsey/engine"
)

// The lesson (web/lesson/index.html, served at /lesson/): seven steps,
// each a section.step with a heading, the live view it needs in an iframe
// (a title, loading="lazy"), a caption and a "Try this" task.

// lessonSteps are the lesson's steps in order: the section's id and the
// embed's address relative to the lesson (the iframe's src attribute).
var lessonSteps = []struct{ id, src string }{
	{"code", "../?embed=1"},
	{"mac", "../?embed=1&view=csa&level=1"},
	{"one-trial", "../?embed=1&view=sequence"},
	{"csa", "../?embed=1&view=csa&level=3"},
	{"two-memories", "../?embed=1&view=map"},
	{"capacity", "../?embed=1&view=capacity"},
	{"hierarchy", "../?embed=1"},
}

// lessonSection is what a section of the lesson holds, read from its DOM.
type lessonSection struct {
	ID       string   `json:"id"`
	Heading  string   `json:"heading"`
	Src      string   `json:"src"`
	Title    string   `json:"title"`
	Loading  string   `json:"loading"`
	Caption  string   `json:"caption"`
	Try      string   `json:"try"`
	Text     string   `json:"text"`
	Hidden   []string `json:"hidden"` // texts of the section that are not visible
	Embeds   int      `json:"embeds"`
	Captions int      `json:"captions"`
}

// lessonSectionsJS reads every section of the lesson (the steps and the
// papers' section) and which of its texts are not visible.
const lessonSectionsJS = `Array.from(document.querySelectorAll("main section")).map((s) => {
  const f = s.querySelector("figure.live iframe"), c = s.querySelector("figure.live figcaption"), h = s.querySelector("h2"), t = s.querySelector(".try");
  const visible = (e) => { const cs = getComputedStyle(e); const r = e.getBoundingClientRect();
    return cs.display !== "none" && cs.visibility !== "hidden" && parseFloat(cs.opacity) > 0 && r.width > 0 && r.height > 0; };
  return {id: s.id, heading: h ? h.textContent.trim() : "", src: f ? f.getAttribute("src") : "", title: f ? f.title : "",
    loading: f ? f.getAttribute("loading") || "" : "", caption: c ? c.textContent.trim() : "", try: t ? t.textContent.trim() : "",
    text: s.innerText, embeds: s.querySelectorAll("iframe").length, captions: s.querySelectorAll("figcaption").length,
    hidden: Array.from(s.querySelectorAll("h2, p, li, figcaption")).filter((e) => !visible(e)).map((e) => e.textContent.trim().slice(0, 60))};
})`

// openLessonNoScript opens the lesson at url with JavaScript disabled in
// the page and its frames (so no embed runs: the lesson as it reads before
// any wasm), at the given viewport.
func openLessonNoScript(t *testing.T, addr string, w, h int64) *page {
	t.Helper()
	p := newBrowser(t, "")
	if _, err := chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.EmulateViewport(w, h), chromedp.Navigate(addr))
	p.waitDoc()
	return p
}

// waitDoc waits until the document (the lesson) is parsed to its footer.
func (p *page) waitDoc() {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](`document.readyState !== "loading" && !!document.querySelector("footer")`,
		chromedp.WithPollingTimeout(30*time.Second), chromedp.WithPollingInterval(25*time.Millisecond))); err != nil {
		p.t.Fatalf("the lesson did not load: %v", err)
	}
}

// checkSteps checks the steps read from the lesson against lessonSteps.
func checkSteps(t *testing.T, got []lessonSection) {
	t.Helper()
	var steps []lessonSection
	for _, s := range got {
		if s.Embeds > 0 {
			steps = append(steps, s)
		}
	}
	if len(steps) != len(lessonSteps) {
		t.Fatalf("%d sections with a live view, want %d: %+v", len(steps), len(lessonSteps), steps)
	}
	for i, s := range steps {
		want := lessonSteps[i]
		switch {
		case s.ID != want.id || s.Src != want.src:
			t.Errorf("step %d: section %q embeds %q; want %q embedding %q", i+1, s.ID, s.Src, want.id, want.src)
		case !strings.HasPrefix(s.Heading, fmt.Sprintf("%d. ", i+1)) || len(s.Heading) < 10:
			t.Errorf("step %s: heading %q", s.ID, s.Heading)
		case len(s.Title) < 10:
			t.Errorf("step %s: the iframe's title %q does not say what it shows", s.ID, s.Title)
		case s.Loading != "lazy":
			t.Errorf("step %s: the iframe loads %q; want lazy (the lesson's first paint must not wait for the embeds)", s.ID, s.Loading)
		case s.Embeds != 1 || len(s.Caption) < 40:
			t.Errorf("step %s: %d embeds, caption %q", s.ID, s.Embeds, s.Caption)
		case !strings.HasPrefix(s.Try, "Try this:") || len(s.Try) < 60:
			t.Errorf("step %s: no \"Try this\" task: %q", s.ID, s.Try)
		}
	}
}

// TestLessonServed: the deployed site (mkdist's folder, the project's
// server) serves the lesson at /lesson/ (and /lesson redirects there),
// with its stylesheet under its hashed name; every step has a heading, an
// iframe with a title, a caption and a "Try this" task; the papers are
// cited by DOI; the main page links to the lesson.
func TestLessonServed(t *testing.T) {
	site := deployed(t)
	get := func(path string, follow bool) (*http.Response, string) {
		t.Helper()
		c := &http.Client{}
		if !follow {
			c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		}
		resp, err := c.Get(site + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(b)
	}
	resp, body := get("/lesson/", true)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "<h1>How Sparsey remembers</h1>") {
		t.Fatalf("GET /lesson/: %s %s, %d bytes", resp.Status, resp.Header.Get("Content-Type"), len(body))
	}
	t.Logf("GET /lesson/: %s, %s, Cache-Control %q, %d bytes", resp.Status, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"), len(body))
	if r, _ := get("/lesson", false); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/lesson/" {
		t.Errorf("GET /lesson: %s to %q; want a redirect to /lesson/", r.Status, r.Header.Get("Location"))
	}
	css := regexp.MustCompile(`href="(lesson\.[0-9a-f]{12}\.css)"`).FindStringSubmatch(body)
	if css == nil {
		t.Fatalf("the lesson does not link its stylesheet by its hashed name:\n%s", body[:min(len(body), 800)])
	}
	if r, _ := get("/lesson/"+css[1], true); r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Errorf("GET /lesson/%s: %s %s", css[1], r.Status, r.Header.Get("Content-Type"))
	}
	for _, doi := range []string{"https://doi.org/10.3389/fncom.2014.00160", "https://doi.org/10.3389/fnana.2010.00017"} {
		if !strings.Contains(body, `href="`+doi+`"`) {
			t.Errorf("the lesson does not cite %s", doi)
		}
	}
	if _, main := get("/", true); !strings.Contains(main, `<a href="lesson/">`) {
		t.Error("the main page does not link to the lesson")
	}

	p := openLessonNoScript(t, site+"/lesson/", 1280, 720)
	checkSteps(t, eval[[]lessonSection](p, lessonSectionsJS))
	// The stylesheet applies (a rule of lesson.css), and no embed loaded
	// yet for the steps far below the first screen.
	if bg := eval[string](p, `getComputedStyle(document.querySelector(".try")).borderLeftStyle`); bg != "solid" {
		t.Errorf("lesson.css not applied: .try border %q", bg)
	}
}

// TestLessonReads: with JavaScript disabled (no wasm runs), every section
// of the lesson has its text, and every heading, paragraph, list item and
// caption is visible; printed, the iframes are hidden and their captions
// and links show.
func TestLessonReads(t *testing.T) {
	p := openLessonNoScript(t, serverURL+"/lesson/", 800, 600)
	got := eval[[]lessonSection](p, lessonSectionsJS)
	checkSteps(t, got)
	for _, s := range got {
		words := len(strings.Fields(s.Text))
		t.Logf("section %s: %d words", s.ID, words)
		if words < 80 {
			t.Errorf("section %s has %d words without script; want its text (80 or more)", s.ID, words)
		}
		if len(s.Hidden) > 0 {
			t.Errorf("section %s: not visible without script: %q", s.ID, s.Hidden)
		}
	}
	if n := eval[int](p, `document.querySelectorAll("svg[role=img] title").length`); n < 1 {
		t.Error("no figure drawn inline with a text alternative")
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed := eval[struct {
		Frames   int `json:"frames"`
		Captions int `json:"captions"`
		Links    int `json:"links"`
	}](p, `({frames: Array.from(document.querySelectorAll("iframe")).filter((f) => getComputedStyle(f).display !== "none").length,
		captions: Array.from(document.querySelectorAll("figure.live figcaption")).filter((c) => c.getBoundingClientRect().height > 0).length,
		links: Array.from(document.querySelectorAll("figure.live figcaption a")).filter((a) => a.getBoundingClientRect().height > 0 && getComputedStyle(a, "::after").content.includes("(")).length})`)
	t.Logf("printed: %d iframes shown, %d captions, %d links with their address", printed.Frames, printed.Captions, printed.Links)
	if printed.Frames != 0 || printed.Captions != len(lessonSteps) || printed.Links != len(lessonSteps) {
		t.Errorf("printed: %+v; want no iframe, every caption and its link", printed)
	}
}

// TestLessonSizes: at a phone's, a tablet's, a laptop's and a desktop's
// viewport, no visible text of the lesson is set below 11 CSS pixels (an
// inline figure's text counted at its drawn scale), and nothing is wider
// than the viewport: the page does not scroll sideways. (The embeds' own
// canvas text is the main page's test.)
func TestLessonSizes(t *testing.T) {
	p := openLessonNoScript(t, serverURL+"/lesson/", 800, 600)
	for _, vp := range [][2]int64{{375, 667}, {768, 1024}, {1280, 720}, {1920, 1080}} {
		p.do(chromedp.EmulateViewport(vp[0], vp[1]))
		time.Sleep(100 * time.Millisecond)
		r := eval[struct {
			Texts    int      `json:"texts"`
			Smallest float64  `json:"smallest"`
			Small    []string `json:"small"`
			Wide     []string `json:"wide"`
			Scroll   float64  `json:"scroll"`
			Inner    float64  `json:"inner"`
		}](p, `(() => {
  const small = [], wide = []; let texts = 0, smallest = 1e9;
  const iw = innerWidth;
  for (const e of document.querySelectorAll("body *")) {
    const cs = getComputedStyle(e), rect = e.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0 || cs.visibility === "hidden") continue;
    if (rect.left < -0.5 || rect.right > iw + 0.5) wide.push(e.tagName + (e.id ? "#" + e.id : "") + " " + rect.left.toFixed(0) + ".." + rect.right.toFixed(0));
    const own = Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim() !== "");
    if (!own) continue;
    let size = parseFloat(cs.fontSize);
    if (e instanceof SVGElement && e.getScreenCTM) size *= e.getScreenCTM().a;
    texts++; smallest = Math.min(smallest, size);
    if (size < 11) small.push(e.tagName + " " + size.toFixed(1) + "px: " + e.textContent.trim().slice(0, 40));
  }
  return {texts, smallest, small, wide, scroll: document.scrollingElement.scrollWidth, inner: iw};
})()`)
		t.Logf("%d×%d: %d text elements, the smallest %.1f px; scroll width %.0f of %.0f", vp[0], vp[1], r.Texts, r.Smallest, r.Scroll, r.Inner)
		if r.Texts < 50 {
			t.Errorf("%d×%d: only %d text elements found", vp[0], vp[1], r.Texts)
		}
		if len(r.Small) > 0 {
			t.Errorf("%d×%d: text under 11 px: %q", vp[0], vp[1], r.Small)
		}
		if len(r.Wide) > 0 || r.Scroll > r.Inner {
			t.Errorf("%d×%d: scroll width %.0f > %.0f, or elements past the viewport: %q", vp[0], vp[1], r.Scroll, r.Inner, r.Wide)
		}
	}
}

// stepFrame scrolls step i's iframe into view (a lazy iframe then loads)
// and returns a view of the page that evaluates in its frame, with the
// frame's content offset on the page. The
// embed is the one frame with its src's address (step 1's frame is
// unloaded before step 7, which embeds the same address).
func (p *page) stepFrame(i int) (*page, float64, float64) {
	p.t.Helper()
	sel := fmt.Sprintf("#%s iframe", lessonSteps[i].id)
	eval[any](p, fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "start"}), null`, sel))
	want := strings.TrimPrefix(lessonSteps[i].src, "..")
	deadline := time.Now().Add(60 * time.Second)
	var seen []string
	for time.Now().Before(deadline) {
		tree, err := chromedp.Call(p.ctx, cdppage.GetFrameTree, cdp.Empty{})
		if err != nil || tree.FrameTree == nil {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		seen = seen[:0]
		var match []*cdp.Frame
		for _, c := range tree.FrameTree.ChildFrames {
			if c.Frame == nil {
				continue
			}
			seen = append(seen, c.Frame.URL)
			if sameEmbed(c.Frame.URL, want) {
				match = append(match, c.Frame)
			}
		}
		if len(match) == 1 {
			p.mu.Lock()
			id, ok := p.contexts[match[0].ID]
			p.mu.Unlock()
			if ok {
				q := &page{t: p.t, ctx: p.ctx, prefix: "window", frame: id, contexts: p.contexts}
				r := eval[Rect](p, fmt.Sprintf(`(() => { const f = document.querySelector(%q), r = f.getBoundingClientRect();
					return {x: r.left + f.clientLeft, y: r.top + f.clientTop, width: f.clientWidth, height: f.clientHeight}; })()`, sel))
				return q, r.X, r.Y
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.t.Logf("frames: %q", seen)
	p.t.Fatalf("step %s: its embed %s did not load", lessonSteps[i].id, want)
	return nil, 0, 0
}

// sameEmbed reports whether a frame's address is the embed src (a path
// and query from the top): the same path, and every parameter of src with
// its value (the page writes its settings into its address as they
// change, in another order).
func sameEmbed(frameURL, src string) bool {
	u, err := url.Parse(frameURL)
	w, err2 := url.Parse(src)
	if err != nil || err2 != nil || u.Path != w.Path {
		return false
	}
	got, want := u.Query(), w.Query()
	for _, k := range []string{"view", "level"} {
		if got.Get(k) != want.Get(k) {
			return false // the main view's address has no view, level 1's csa view no level
		}
	}
	for k, v := range want {
		if got.Get(k) != v[0] {
			return false
		}
	}
	return true
}

// command runs a host command in the embed (sparsey.command, as a
// lesson's postMessage would) and fails on a refusal.
func (p *page) command(cmd string) {
	p.t.Helper()
	r := eval[reply](p, p.prefix+`.sparsey.command(Object.assign({type: "sparsey"}, `+cmd+`))`)
	if !r.OK {
		p.t.Fatalf("command %s: %s", cmd, r.Error)
	}
}

// strokesJS is strokes as the draw command's [[[x, y], …], …].
func strokesJS(strokes ...[]pt) string {
	var b strings.Builder
	b.WriteString("[")
	for i, s := range strokes {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("[")
		for j, q := range s {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "[%g,%g]", q.X, q.Y)
		}
		b.WriteString("]")
	}
	b.WriteString("]")
	return b.String()
}

// TestLessonPage: each step's live view, inside the lesson, does what the
// step's text and its "Try this" say. The test drives each embed in its
// iframe (through sparsey.command, the host commands a lesson sends by
// postMessage; the first step with real mouse strokes into the frame).
//
// The embeds of one origin share the memory kept in the browser
// (IndexedDB; its key holds the seed, q and k, which the lesson's
// addresses leave alone): what one step teaches, an embed loaded later
// restores. So the test runs in a fresh browser profile, in the lesson's
// order, and each task stays true with a shared memory: only step 3
// teaches (a 7 as a sequence of strokes), and no other step draws a 7;
// step 4's scribble is taught nowhere. To spare the 2-core machine, each
// embed is unloaded (its src set to about:blank) once its step is
// checked; a visitor's browser keeps them.
func TestLessonPage(t *testing.T) {
	p := newBrowser(t, "")
	p.do(chromedp.EmulateViewport(1000, 800), chromedp.Navigate(serverURL+"/lesson/"))
	p.waitDoc()
	if n := eval[int](p, `document.querySelectorAll("iframe").length`); n != len(lessonSteps) {
		t.Fatalf("%d iframes, want %d", n, len(lessonSteps))
	}
	cfg := engine.MNISTConfig()
	unload := func(i int) {
		eval[any](p, fmt.Sprintf(`document.querySelector("#%s iframe").src = "about:blank", null`, lessonSteps[i].id))
	}
	recalled := `s.recalledVersion === s.padVersion && s.strokes > 0 && s.label !== null`
	ready := func(q *page) {
		q.waitFor(`s.phase === "ready" && s.padRect !== null`, 120*time.Second)
	}

	t.Run("code", func(t *testing.T) {
		p.t = t
		q, ox, oy := p.stepFrame(0)
		ready(q)
		r := q.padRect()
		q.stroke(r, ox, oy, false, one())
		q.waitFor(recalled, 30*time.Second)
		s1 := q.state()
		levels := eval[[]float64](q, "sparsey.state().levelFamiliarity")
		q.command(`{cmd: "clear"}`)
		q.command(fmt.Sprintf(`{cmd: "draw", strokes: %s}`, strokesJS(zero())))
		q.waitFor(recalled, 30*time.Second)
		s0 := q.state()
		t.Logf("a 1 drawn with the mouse in the lesson: %s, G per level %.3f; a 0: %s", label(s1), levels, label(s0))
		if s1.LabelName != "1" || s0.LabelName != "0" || len(levels) != len(cfg.Levels) {
			t.Errorf("the 1 recalled as %s, the 0 as %s, %d levels of G (want %d)", label(s1), label(s0), len(levels), len(cfg.Levels))
		}
		unload(0)
	})

	t.Run("mac", func(t *testing.T) {
		p.t = t
		q, _, _ := p.stepFrame(1)
		ready(q)
		// The text: a mac of level 1 has 2 CMs of 128 cells.
		if g := cfg.Levels[0].Grids[0]; g.Q != 2 || g.K != 128 {
			t.Errorf("level 1 has Q %d, K %d; the lesson says 2 CMs of 128 cells", g.Q, g.K)
		}
		q.command(fmt.Sprintf(`{cmd: "draw", strokes: %s}`, strokesJS(zero())))
		q.waitFor("s.csaVersion === s.padVersion && s.csaMac !== null", 30*time.Second)
		s := eval[viewState](q, "sparsey.state()")
		if s.CSALevel != 1 || s.CSAK != cfg.Levels[0].Grids[0].K || s.CSACM != 0 || !s.CSAActive || s.CSAMaxV < 0 || s.CSAMaxV >= s.CSAK {
			t.Errorf("csa view: level %d, K %d, CM %d, active %v, max-V cell %d", s.CSALevel, s.CSAK, s.CSACM, s.CSAActive, s.CSAMaxV)
		}
		q.command(`{cmd: "control", control: "csa-cm", value: "1"}`)
		q.waitFor("s.csaCM === 1 && s.csaVersion === s.padVersion", 10*time.Second)
		s1 := eval[viewState](q, "sparsey.state()")
		t.Logf("mac %d of level 1: CM 0 max V %.3f (cell %d); CM 1 max V %.3f (cell %d); K %d", *s.CSAMac, s.CSAVMax, s.CSAMaxV, s1.CSAVMax, s1.CSAMaxV, s1.CSAK)
		if s1.CSAK != s.CSAK || s1.CSAMac == nil || *s1.CSAMac != *s.CSAMac {
			t.Errorf("CM 1: K %d, mac %v; want the same mac's other CM", s1.CSAK, s1.CSAMac)
		}
		unload(1)
	})

	t.Run("one-trial", func(t *testing.T) {
		p.t = t
		q, _, _ := p.stepFrame(2)
		ready(q)
		// The 7 of TestViewSequence: the bar, the stem, the crossbar.
		a, b, c := line(pt{0.25, 0.2}, pt{0.75, 0.2}, 6), line(pt{0.75, 0.2}, pt{0.4, 0.85}, 6), line(pt{0.35, 0.5}, pt{0.7, 0.5}, 4)
		drawSeq := func(strokes ...[]pt) viewState {
			q.command(`{cmd: "clear"}`)
			q.command(fmt.Sprintf(`{cmd: "draw", strokes: %s}`, strokesJS(strokes...)))
			q.waitFor("s.seqVersion === s.padVersion && s.seqFrames > 0", 30*time.Second)
			return eval[viewState](q, "sparsey.state()")
		}
		before := drawSeq(a, b, c)
		q.command(`{cmd: "control", control: "seq-learn"}`)
		q.waitFor("s.seqLearned === 1", 10*time.Second)
		same := drawSeq(a, b, c)
		other := drawSeq(c, b, a)
		if same.SeqG == nil || other.SeqG == nil {
			t.Fatalf("no familiarity: same %v, other %v", same.SeqG, other.SeqG)
		}
		t.Logf("before learning: %d frames, G %v (none before a sequence is stored); learned once, the same order: G %.3f, %d frames replayed; the reverse order: G %.3f",
			before.SeqFrames, before.SeqG, *same.SeqG, same.SeqReplay, *other.SeqG)
		if *same.SeqG < 0.9 || same.SeqReplay == 0 || *other.SeqG > *same.SeqG-0.05 {
			t.Errorf("after one trial: same order G %.3f (want near 1), %d frames replayed (want some), reverse order G %.3f (want less familiar)",
				*same.SeqG, same.SeqReplay, *other.SeqG)
		}
		unload(2)
	})

	t.Run("csa", func(t *testing.T) {
		p.t = t
		q, _, _ := p.stepFrame(3)
		ready(q)
		// A scribble: a zigzag that is no digit and that no step teaches.
		zig := []pt{{0.15, 0.3}, {0.3, 0.7}, {0.45, 0.25}, {0.55, 0.75}, {0.7, 0.2}, {0.85, 0.65}}
		q.command(fmt.Sprintf(`{cmd: "draw", strokes: %s}`, strokesJS(zig)))
		top := len(cfg.Levels)
		topK := cfg.Levels[top-1].Grids[0].K
		q.waitFor(fmt.Sprintf("s.csaVersion === s.padVersion && s.csaMac !== null && s.csaLevel === %d", top), 30*time.Second)
		s := eval[viewState](q, "sparsey.state()")
		t.Logf("a scribble, top mac %d CM %d: G %.3f, ρ %.5f..%.5f (uniform %.5f) over %d learnable cells of %d", *s.CSAMac, s.CSACM, s.CSARealG, s.CSARhoMin, s.CSARhoMax, 1/float64(topK), s.CSALearnable, s.CSAK)
		// "between 0 and 1, well below 1; ρ flat": the draw would be
		// random (at most twice the uniform chance for any cell).
		if s.CSAK != topK || s.CSARealG <= 0 || s.CSARealG >= 0.9 || s.CSARhoMax > 2/float64(topK) {
			t.Errorf("top level, a new scribble: K %d, G %.3f, ρ up to %.5f; want 0 < G < 0.9 and a nearly uniform ρ", s.CSAK, s.CSARealG, s.CSARhoMax)
		}
		// A plain 1, one straight stroke like the many learned: its old
		// code comes back (G 1, ρ on the cell whose V is 1).
		q.command(`{cmd: "clear"}`)
		q.command(fmt.Sprintf(`{cmd: "draw", strokes: %s}`, strokesJS(one())))
		q.waitFor(fmt.Sprintf("s.csaVersion === s.padVersion && s.csaMac !== null && s.csaLevel === %d", top), 30*time.Second)
		s = eval[viewState](q, "sparsey.state()")
		t.Logf("a plain 1, top mac %d CM %d: G %.3f, max V %.3f (cell %d), its ρ %.4f, ρ max %.4f", *s.CSAMac, s.CSACM, s.CSARealG, s.CSAVMax, s.CSAMaxV, s.CSARhoAtMaxV, s.CSARhoMax)
		// "Tens of times likelier than in the flat case": at least 20 ×
		// 1/K (a few cells may match fully and share the chance).
		if s.CSARealG < 0.99 || s.CSAVMax < 0.99 || s.CSARhoAtMaxV != s.CSARhoMax || s.CSARhoMax < 20/float64(topK) {
			t.Errorf("a familiar 1: G %.3f, max V %.3f, ρ %.4f there (max %.4f, uniform %.4f); want G 1 and ρ piled on the best-matching cells", s.CSARealG, s.CSAVMax, s.CSARhoAtMaxV, s.CSARhoMax, 1/float64(topK))
		}
		// The slider: G set to 0 makes ρ flat whatever V.
		q.command(`{cmd: "setG", g: 0}`)
		q.waitFor("s.csaOverride && s.csaG === 0", 10*time.Second)
		s = eval[viewState](q, "sparsey.state()")
		t.Logf("G set to 0: ρ %.5f..%.5f over %d learnable cells", s.CSARhoMin, s.CSARhoMax, s.CSALearnable)
		if n := s.CSALearnable; n > 0 && math.Abs(s.CSARhoMax-1/float64(n)) > 1e-6 {
			t.Errorf("at G = 0 ρ is not flat over the %d learnable cells: %.5f..%.5f", n, s.CSARhoMin, s.CSARhoMax)
		}
		unload(3)
	})

	t.Run("two-memories", func(t *testing.T) {
		p.t = t
		q, _, _ := p.stepFrame(4)
		q.waitFor(`s.items >= 10000 && s.mapShown === 200 && s.mapUpToDate`, 120*time.Second)
		s := eval[viewState](q, "sparsey.state()")
		t.Logf("memory %s, %d items; map levels %+v", s.Memory, s.Items, s.MapLevels)
		if len(s.MapLevels) != 2 || s.MapLevels[0].Level != len(cfg.Levels) || s.MapLevels[1].Level != 1 {
			t.Fatalf("map levels %+v; want the top level and level 1", s.MapLevels)
		}
		topL, l1 := s.MapLevels[0], s.MapLevels[1]
		if !(l1.Within > l1.Between) {
			t.Errorf("level 1: within-class overlap %.3f, between %.3f; the text says a class shares codes", l1.Within, l1.Between)
		}
		if topL.Nearest >= l1.Nearest/2 {
			t.Errorf("the nearest other digit shares %.3f of a top code against %.3f at level 1; the text says each digit has a code of its own at the top", topL.Nearest, l1.Nearest)
		}
		unload(4)
	})

	t.Run("capacity", func(t *testing.T) {
		p.t = t
		q, _, _ := p.stepFrame(5)
		q.waitFor(fmt.Sprintf(`s.capTarget >= 10000 && s.capPoints.length > 0 && s.capPoints[s.capPoints.length-1].items >= %d`, 10000-costSlack), 5*time.Minute)
		s := eval[viewState](q, "sparsey.state()")
		pts := s.CapPoints
		first, last := capEnds(t, pts) // medians, as TestViewCapacity
		t.Logf("%d points; at %d items: recall %.3f ms, nearest neighbour %.4f ms; at %d: recall %.3f ms, nearest neighbour %.4f ms; level 1 %.1f%% of weights set; episodic %+v",
			len(pts), first.Items, first.RecallMs, first.NNMs, last.Items, last.RecallMs, last.NNMs, 100*s.CapSaturation, s.CapEpisodic)
		// The text's three claims, with TestViewCapacity's limits.
		if first.NNMs <= 0 || last.NNMs < 2*first.NNMs {
			t.Errorf("nearest-neighbour time %.4f ms at %d items, %.4f ms at %d: it does not climb", first.NNMs, first.Items, last.NNMs, last.Items)
		}
		if first.RecallMs <= 0 || last.RecallMs > 3*first.RecallMs+0.5 {
			t.Errorf("recall time %.3f ms at %d items, %.3f ms at %d: not flat", first.RecallMs, first.Items, last.RecallMs, last.Items)
		}
		if n := len(s.CapEpisodic); n < 2 || s.CapEpisodic[n-1].StoredG <= s.CapEpisodic[n-1].UnseenG || s.CapEpisodic[n-1].UnseenG <= s.CapEpisodic[0].UnseenG {
			t.Errorf("episodic curve %+v: stored digits do not keep a higher G, or unseen digits' G does not creep up", s.CapEpisodic)
		}
		unload(5)
	})

	t.Run("hierarchy", func(t *testing.T) {
		p.t = t
		q, ox, oy := p.stepFrame(6)
		ready(q)
		q.command(fmt.Sprintf(`{cmd: "draw", strokes: %s}`, strokesJS(zero())))
		q.waitFor(recalled, 30*time.Second)
		type focus struct {
			Kind   string `json:"kind"`
			Level  int    `json:"level"`
			Pixels int    `json:"pixels"`
			Fields []struct {
				Level int   `json:"level"`
				Macs  []int `json:"macs"`
			} `json:"fields"`
		}
		point := func(level, mac int) focus {
			r := eval[*Rect](q, fmt.Sprintf("sparsey.macRect(%d, 0, %d)", level, mac))
			if r == nil {
				t.Fatalf("mac %d of level %d is not shown", mac, level)
			}
			if _, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
				Type: input.DispatchMouseEventTypeMouseMoved, X: ox + r.X + r.Width/2, Y: oy + r.Y + r.Height/2}); err != nil {
				t.Fatal(err)
			}
			q.waitFor(fmt.Sprintf(`s.focus && s.focus.kind === "mac" && s.focus.level === %d && s.focus.mac === %d`, level, mac), 10*time.Second)
			return eval[focus](q, "sparsey.state().focus")
		}
		g := cfg.Levels[0].Grids[0].Macs
		low := point(1, g.H/2*g.W+g.W/2)
		high := point(len(cfg.Levels), 0)
		t.Logf("pointing at a mac of level 1: %d input pixels; at a top mac: %d input pixels, fields %+v", low.Pixels, high.Pixels, high.Fields)
		below := map[int]int{}
		for _, f := range high.Fields {
			below[f.Level] += len(f.Macs)
		}
		if low.Pixels <= 0 || high.Pixels < 4*low.Pixels || below[1] < 2 || below[2] < 2 {
			t.Errorf("a top mac sees %d pixels through %d level-2 and %d level-1 macs, a level-1 mac %d; the text says it reads many macs and sees much more",
				high.Pixels, below[2], below[1], low.Pixels)
		}
		unload(6)
	})
}
