//go:build !js

package e2e

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/sparsey-web/sparsey/engine"
)

// viewState is sparsey.state() with the teaching views' fields.
type viewState struct {
	State
	View string `json:"view"`

	CSAMac       *int    `json:"csaMac"`
	CSAActive    bool    `json:"csaActive"`
	CSACM        int     `json:"csaCM"`
	CSAK         int     `json:"csaK"`
	CSAG         float64 `json:"csaG"`
	CSARealG     float64 `json:"csaRealG"`
	CSAEta       float64 `json:"csaEta"`
	CSAOverride  bool    `json:"csaOverride"`
	CSAMaxV      int     `json:"csaMaxV"`
	CSADrawn     int     `json:"csaDrawn"`
	CSAVMax      float64 `json:"csaVMax"`
	CSARhoMax    float64 `json:"csaRhoMax"`
	CSARhoMin    float64 `json:"csaRhoMin"`
	CSARhoAtMaxV float64 `json:"csaRhoAtMaxV"`
	CSALearnable int     `json:"csaLearnable"`
	CSAWalk      bool    `json:"csaWalk"`
	CSAWalkStep  int     `json:"csaWalkStep"`
	CSALevel     int     `json:"csaLevel"`
	CSAGrid      int     `json:"csaGrid"`
	CSAMap       []struct {
		Level int `json:"level"`
		Grid  int `json:"grid"`
		X     int `json:"x"`
		Y     int `json:"y"`
		Pitch int `json:"pitch"`
		Side  int `json:"side"`
		W     int `json:"w"`
	} `json:"csaMap"`

	MapPasses   int     `json:"mapPasses"`
	MapItems    int     `json:"mapItems"`
	MapShown    int     `json:"mapShown"`
	MapUpToDate bool    `json:"mapUpToDate"`
	MapWithin   float64 `json:"mapWithin"`
	MapBetween  float64 `json:"mapBetween"`
	MapCurve    []struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
		N int     `json:"n"`
	} `json:"mapCurve"`
	MapLevels []struct {
		Level   int     `json:"level"`
		Within  float64 `json:"within"`
		Between float64 `json:"between"`
		Nearest float64 `json:"nearest"`
	} `json:"mapLevels"`

	CapPoints   []capPoint `json:"capPoints"`
	CapTarget   int        `json:"capTarget"`
	CapEpisodic []struct {
		Items   int     `json:"items"`
		StoredG float64 `json:"storedG"`
		UnseenG float64 `json:"unseenG"`
		AUROC   float64 `json:"auroc"`
	} `json:"capEpisodic"`
	CapSaturation float64 `json:"capSaturation"`
	CapFrozen     int     `json:"capFrozen"`

	SeqLearned   int      `json:"seqLearned"`
	SeqFrames    int      `json:"seqFrames"`
	SeqReplay    int      `json:"seqReplay"`
	SeqVersion   float64  `json:"seqVersion"`
	SeqG         *float64 `json:"seqG"`
	SeqPrevG     *float64 `json:"seqPrevG"`
	SeqReplayInk *float64 `json:"seqReplayInk"`
}

// capPoint is one point of the capacity view's cost plot.
type capPoint struct {
	Items    int     `json:"items"`
	LearnMs  float64 `json:"learnMs"`
	RecallMs float64 `json:"recallMs"`
	NNMs     float64 `json:"nnMs"`
}

func (p *page) viewState() viewState {
	p.t.Helper()
	return eval[viewState](p, p.prefix+".sparsey.state()")
}

// frameRate runs f (which draws) and logs the page's redraws and the
// browser's animation frames per second meanwhile, as TestPagePerformance.
func frameRate(t *testing.T, p *page, view string, f func()) {
	t.Helper()
	eval[any](p, `window.__raf === undefined && (window.__raf = 0, (function f(){ window.__raf++; requestAnimationFrame(f); })()), null`)
	f0, r0 := p.state().Frames, eval[int](p, "window.__raf")
	w0 := time.Now()
	f()
	wall := time.Since(w0).Seconds()
	f1, r1 := p.state().Frames, eval[int](p, "window.__raf")
	t.Logf("view %s, while drawing (%.1f s, paced by ticks): %.1f redraws/s, %.1f animation frames/s",
		view, wall, float64(f1-f0)/wall, float64(r1-r0)/wall)
}

// click presses and releases the left button at (x, y), paced by ticks.
func (p *page) click(x, y float64) {
	p.t.Helper()
	for _, typ := range []input.DispatchMouseEventType{input.DispatchMouseEventTypeMousePressed, input.DispatchMouseEventTypeMouseReleased} {
		b := int64(1)
		if typ == input.DispatchMouseEventTypeMouseReleased {
			b = 0
		}
		if _, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: b, ClickCount: 1}); err != nil {
			p.t.Fatal(err)
		}
		p.waitTicks(2)
	}
}

// TestViewCSA: ?view=csa&level=1 shows V, μ and ρ of a CM of level 1's
// most familiar mac of a drawn digit (without a level the view chooses a
// mac: wasm/core TestCSAChoice); G set to 0 by the slider makes ρ uniform, G = 1 gives
// the max-V cell the mass; a click on the mini map picks another mac.
func TestViewCSA(t *testing.T) {
	const n = 3000
	p := newBrowser(t, "")
	p.open(800, 600, fmt.Sprintf("?view=csa&train=%d&level=1", n))
	p.waitFor(fmt.Sprintf(`s.phase === "ready" && s.trained >= %d && s.view === "csa"`, n), trainTimeout(n))
	if v := eval[bool](p, `!document.getElementById("view-box").hidden && document.getElementById("view-controls").dataset.view === "csa" &&
		!!document.getElementById("csa-g") && document.getElementById("view").value === "csa"`); !v {
		t.Error("the CSA controls are not shown, or the selector does not say csa")
	}
	frameRate(t, p, "csa", func() {
		p.clear()
		p.draw(false, zero())
		p.waitFor("s.csaVersion === s.padVersion && s.csaMac !== null", 20*time.Second)
	})
	s := p.viewState()
	if !s.CSAActive || s.CSAK != engine.MNISTConfig().Levels[0].Grids[0].K || s.CSAOverride {
		t.Fatalf("csa state: active %v K %d override %v", s.CSAActive, s.CSAK, s.CSAOverride)
	}
	t.Logf("mac %d cm %d: G %.3f η %.1f, max V %.3f (cell %d), drawn cell %d, ρ %.4f..%.4f",
		*s.CSAMac, s.CSACM, s.CSARealG, s.CSAEta, s.CSAVMax, s.CSAMaxV, s.CSADrawn, s.CSARhoMin, s.CSARhoMax)
	if s.CSARealG <= 0 || s.CSARealG > 1 || s.CSAEta < 1 {
		t.Errorf("G %v η %v", s.CSARealG, s.CSAEta)
	}
	screenshot(t, p, "view-csa.png")

	// The slider, as a visitor moves it: G = 0 → uniform ρ.
	setRange := func(g float64) {
		eval[any](p, fmt.Sprintf(`(() => { const e = document.getElementById("csa-g"); e.value = "%g"; e.dispatchEvent(new Event("input")); })(), null`, g))
		p.waitFor(fmt.Sprintf("s.csaOverride && Math.abs(s.csaG - %g) < 1e-9", g), 10*time.Second)
	}
	setRange(0)
	s = p.viewState()
	t.Logf("G set to 0: η %.2f, ρ %.4f..%.4f over %d learnable cells of %d", s.CSAEta, s.CSARhoMin, s.CSARhoMax, s.CSALearnable, s.CSAK)
	// ρ is uniform over the cells a learning draw may choose (level 1 has
	// per-cell critical periods: the CM's youngest and its unchosen cells,
	// zero on the others); a closed CM (none) keeps its max-V cell.
	switch n := s.CSALearnable; {
	case n < 0 || n > s.CSAK:
		t.Errorf("csaLearnable %d of K %d", n, s.CSAK)
	case n == 0 && (s.CSARhoMax != 1 || s.CSARhoAtMaxV != 1):
		t.Errorf("a closed CM at G = 0: ρ %v..%v, %v at the max-V cell; want 1 there", s.CSARhoMin, s.CSARhoMax, s.CSARhoAtMaxV)
	case n > 0 && (math.Abs(s.CSARhoMax-1/float64(n)) > 1e-6 || n < s.CSAK && s.CSARhoMin != 0 || n == s.CSAK && s.CSARhoMax-s.CSARhoMin > 1e-6):
		t.Errorf("at G = 0 ρ is not uniform over the %d learnable cells: %v..%v", n, s.CSARhoMin, s.CSARhoMax)
	}
	setRange(1)
	s = p.viewState()
	t.Logf("G set to 1: η %.1f, ρ %.4f..%.4f, ρ of the max-V cell %.4f (V %.3f)", s.CSAEta, s.CSARhoMin, s.CSARhoMax, s.CSARhoAtMaxV, s.CSAVMax)
	// When only some cells are learnable the max-V cell may not be one of
	// them (ρ is zero there): the mass check holds where every cell is.
	if s.CSALearnable == s.CSAK && (s.CSARhoAtMaxV != s.CSARhoMax || s.CSARhoMax <= 1.001/float64(s.CSAK) ||
		s.CSAVMax >= 0.95 && s.CSARhoMax < 5/float64(s.CSAK)) {
		t.Errorf("at G = 1 the max-V cell (V %.3f) does not take the mass: ρ %v of max %v", s.CSAVMax, s.CSARhoAtMaxV, s.CSARhoMax)
	}
	screenshot(t, p, "view-csa-g1.png")
	eval[any](p, "sparsey.csa({g: null}), null")
	p.waitFor("!s.csaOverride", 10*time.Second)

	// A click on the mini map picks a mac: one of level 1, then one of the
	// top level, where a new drawing has a low G and ρ is nearly uniform.
	if len(s.CSAMap) != 5 {
		t.Fatalf("mini map %+v", s.CSAMap)
	}
	m := s.CSAMap[0]
	want := 7*m.W + 7
	if *s.CSAMac == want {
		want++
	}
	p.click(float64(m.X+(want%m.W)*m.Pitch+m.Side/2), float64(m.Y+(want/m.W)*m.Pitch+m.Side/2))
	p.waitFor(fmt.Sprintf("s.csaMac === %d && s.csaLevel === 1", want), 10*time.Second)
	top := s.CSAMap[4]
	p.click(float64(top.X+top.Pitch+top.Side/2), float64(top.Y+top.Side/2))
	topK := engine.MNISTConfig().Levels[2].Grids[0].K
	p.waitFor(fmt.Sprintf("s.csaMac === 1 && s.csaLevel === 3 && s.csaK === %d && s.csaVersion === s.padVersion", topK), 10*time.Second)
	s = p.viewState()
	t.Logf("top-level mac 1 for the drawn 0: G %.3f η %.2f, ρ %.4f..%.4f (uniform: %.4f), max-V cell %d, drawn %d",
		s.CSARealG, s.CSAEta, s.CSARhoMin, s.CSARhoMax, 1/float64(topK), s.CSAMaxV, s.CSADrawn)
	if s.CSARealG >= 0.9 || s.CSARhoMax > 2.0/float64(topK) {
		t.Errorf("top level, a new drawing: G %.3f, ρ up to %.4f; want a low G and a nearly uniform ρ (a random draw)", s.CSARealG, s.CSARhoMax)
	}
	screenshot(t, p, "view-csa-top.png")
	eval[any](p, "sparsey.csa({level: 1, grid: 0, mac: -1}), null")
	p.waitFor("s.csaLevel === 1", 10*time.Second)

	// Walking the macs steps through the active macs, one CSA each.
	eval[any](p, `document.getElementById("csa-mac").value = "-1", document.getElementById("csa-mac").dispatchEvent(new Event("input")), document.getElementById("csa-walk").click(), null`)
	p.waitFor("s.csaWalk && s.csaWalkStep >= 2", 20*time.Second)
	if s := p.viewState(); s.CSAMac == nil || !s.CSAActive {
		t.Errorf("walking: mac %v active %v", s.CSAMac, s.CSAActive)
	}
}

// TestViewMap: ?view=map shows the code overlaps of 20 stored digits per
// class, updated while the page learns; codes of one class overlap more
// than codes of different classes, though learned without labels' help.
func TestViewMap(t *testing.T) {
	const n = 5000
	p := newBrowser(t, "")
	p.open(800, 600, fmt.Sprintf("?view=map&train=%d", n))
	p.waitFor(`s.mapShown >= 10`, trainTimeout(n))
	early := p.viewState()
	t.Logf("while learning (%d stored): pass %d over %d digits, within %.3f between %.3f", early.Items, early.MapPasses, early.MapShown, early.MapWithin, early.MapBetween)
	p.waitFor(fmt.Sprintf(`s.phase === "ready" && s.trained >= %d && s.mapUpToDate`, n), trainTimeout(n))
	s := p.viewState()
	t.Logf("after %d stored: %d passes, %d digits, within %.3f between %.3f, curve %+v", s.Items, s.MapPasses, s.MapShown, s.MapWithin, s.MapBetween, s.MapCurve)
	if s.MapShown != 200 || s.MapPasses < 2 {
		t.Errorf("map of %d digits after %d passes; want 200 and the map updated while learning", s.MapShown, s.MapPasses)
	}
	if !(s.MapWithin > s.MapBetween) || s.MapBetween <= 0 {
		t.Errorf("within-class overlap %.3f, between %.3f", s.MapWithin, s.MapBetween)
	}
	if len(s.MapCurve) < 2 || s.MapCurve[len(s.MapCurve)-1].Y <= s.MapCurve[0].Y {
		t.Errorf("similarity curve %+v does not rise", s.MapCurve)
	}
	// At the top level each stored digit has its own code: the nearest
	// other digit shares far less of it than at level 1.
	t.Logf("map levels %+v", s.MapLevels)
	if len(s.MapLevels) != 2 || s.MapLevels[0].Level != 3 || s.MapLevels[0].Nearest >= s.MapLevels[1].Nearest/2 {
		t.Errorf("top level vs level 1: %+v", s.MapLevels)
	}
	frameRate(t, p, "map", func() {
		for range 2 {
			p.clear()
			p.draw(false, zero())
			p.clear()
			p.draw(false, one())
		}
	})
	screenshot(t, p, "view-map.png")
}

// TestViewCapacity: ?view=capacity plots learn, recall and nearest-
// neighbour time per item against items stored: the linear scan grows with
// the items, Sparsey's recall does not.
func TestViewCapacity(t *testing.T) {
	const n = 10000
	p := newBrowser(t, "")
	p.open(800, 600, fmt.Sprintf("?view=capacity&train=%d", n))
	p.waitFor(fmt.Sprintf(`s.phase === "ready" && s.trained >= %d && s.capPoints.length > 0 && s.capPoints[s.capPoints.length-1].items >= %d`, n, n-costSlack), trainTimeout(n))
	s := p.viewState()
	pts := s.CapPoints
	first, last := capEnds(t, pts)
	var b strings.Builder
	for _, q := range pts {
		fmt.Fprintf(&b, "\n  %6d items: learn %.3f ms, recall %.3f ms, nearest neighbour %.3f ms", q.Items, q.LearnMs, q.RecallMs, q.NNMs)
	}
	t.Logf("cost per item (%d points; level 1 %.1f%% of U weights set, %d macs frozen):%s", len(pts), 100*s.CapSaturation, s.CapFrozen, b.String())
	t.Logf("medians of 3 points: at %d items learn %.3f recall %.3f NN %.4f ms; at %d items learn %.3f recall %.3f NN %.4f ms (NN ×%.1f, recall ×%.2f)",
		first.Items, first.LearnMs, first.RecallMs, first.NNMs, last.Items, last.LearnMs, last.RecallMs, last.NNMs, last.NNMs/first.NNMs, last.RecallMs/first.RecallMs)
	if first.Items > 2000 || last.Items < n-2*costSlack {
		t.Fatalf("points from %d to %d items", first.Items, last.Items)
	}
	if first.NNMs <= 0 || last.NNMs < 2*first.NNMs {
		t.Errorf("nearest-neighbour time %.4f ms at %d items, %.4f ms at %d: did not grow 2×", first.NNMs, first.Items, last.NNMs, last.Items)
	}
	if first.RecallMs <= 0 || last.RecallMs > 3*first.RecallMs+0.5 {
		t.Errorf("recall time %.4f ms at %d items, %.4f ms at %d", first.RecallMs, first.Items, last.RecallMs, last.Items)
	}
	if s.CapSaturation <= 0 || s.CapSaturation > 1 {
		t.Errorf("saturation %v", s.CapSaturation)
	}
	// The episodic curve, measured in the page: stored items stay more
	// familiar than unseen ones at the top level as the memory fills.
	var eb strings.Builder
	for _, e := range s.CapEpisodic {
		fmt.Fprintf(&eb, "\n  %6d items: stored G %.3f, unseen G %.3f, AUROC %.2f", e.Items, e.StoredG, e.UnseenG, e.AUROC)
	}
	t.Logf("episodic curve (%d points):%s", len(s.CapEpisodic), eb.String())
	if n := len(s.CapEpisodic); n < len(pts)/2 || s.CapEpisodic[n-1].StoredG <= s.CapEpisodic[n-1].UnseenG || s.CapEpisodic[n-1].AUROC < 0.8 {
		t.Errorf("episodic curve %+v", s.CapEpisodic)
	}
	frameRate(t, p, "capacity", func() {
		for range 2 {
			p.clear()
			p.draw(false, zero())
			p.clear()
			p.draw(false, one())
		}
	})
	screenshot(t, p, "view-capacity.png")
}

// costSlack allows for training digits without ink (not learned).
const costSlack = 500

// TestViewSequence: starting in the main view, the view selector opens the
// sequence view; a cross drawn stroke by stroke is learned as a sequence in
// one trial; drawn again in the same order it is familiar (G ≈ 1) and its
// first frames replay the rest; drawn in the other order it is less so.
func TestViewSequence(t *testing.T) {
	p := newBrowser(t, "")
	p.open(800, 600, "?train=0")
	p.waitFor(`s.phase === "ready"`, 60*time.Second)
	if s := p.viewState(); s.View != "" {
		t.Fatalf("view %q without ?view", s.View)
	}
	eval[any](p, `(() => { const e = document.getElementById("view"); e.value = "sequence"; e.dispatchEvent(new Event("change")); })(), null`)
	p.waitFor(`s.view === "sequence"`, 10*time.Second)
	if q := eval[string](p, "location.search"); !strings.Contains(q, "view=sequence") {
		t.Errorf("the address does not name the view: %q", q)
	}
	// A 7 in three strokes: the bar, the stem from the bar's end, the
	// crossbar. (Two strokes far apart, like a cross's, are one order as
	// much as the other for horizontal weights that reach only neighbours.)
	a, b, c := line(pt{0.25, 0.2}, pt{0.75, 0.2}, 6), line(pt{0.75, 0.2}, pt{0.4, 0.85}, 6), line(pt{0.35, 0.5}, pt{0.7, 0.5}, 4)
	drawSeq := func(strokes ...[]pt) viewState {
		p.clear()
		p.draw(false, strokes...)
		p.waitFor("s.seqVersion === s.padVersion && s.seqFrames > 0", 20*time.Second)
		return p.viewState()
	}
	var same, other viewState
	frameRate(t, p, "sequence", func() {
		drawSeq(a, b, c)
		eval[any](p, `document.getElementById("seq-learn").click(), null`)
		p.waitFor("s.seqLearned === 1", 10*time.Second)
		same = drawSeq(a, b, c)
		other = drawSeq(c, b, a)
	})
	if same.SeqG == nil || other.SeqG == nil {
		t.Fatalf("no familiarity: same %v other %v", same.SeqG, other.SeqG)
	}
	t.Logf("same stroke order: mean G %.3f, replay of %d frames (%.2f of their ink); other order: mean G %.3f (previous shown %v)",
		*same.SeqG, same.SeqReplay, deref(same.SeqReplayInk), *other.SeqG, deref(other.SeqPrevG))
	if *same.SeqG < 0.9 || *other.SeqG > *same.SeqG-0.05 {
		t.Errorf("order effect: same order G %.3f, other order %.3f", *same.SeqG, *other.SeqG)
	}
	if same.SeqReplay == 0 || same.SeqReplayInk == nil || *same.SeqReplayInk < 0.3 {
		t.Errorf("replay: %d frames, ink %v", same.SeqReplay, deref(same.SeqReplayInk))
	}
	if other.SeqPrevG == nil || math.Abs(*other.SeqPrevG-*same.SeqG) > 1e-9 {
		t.Errorf("previous G shown %v, want %.3f", deref(other.SeqPrevG), *same.SeqG)
	}
	screenshot(t, p, "view-sequence.png")

	// An empty pad shows the stored drawing and its replay.
	p.clear()
	p.waitFor("s.strokes === 0 && s.seqVersion === s.padVersion", 10*time.Second)
	if s := p.viewState(); s.SeqFrames != 8 || s.SeqReplay != 5 || s.SeqG == nil || *s.SeqG < 0.9 {
		t.Errorf("empty pad: %d frames, %d replayed, G %v; want the stored drawing", s.SeqFrames, s.SeqReplay, deref(s.SeqG))
	}
	screenshot(t, p, "view-sequence-stored.png")
}

// TestLoadedMemoryViews: a memory the page did not learn fills the map and
// capacity views: the learned memory the site serves, on a first visit,
// and the copy kept in browser storage, on a reload (after one more digit
// learned, so that the page keeps it). The map shows the first 20 stored
// digits of each class once their images arrive; the capacity view
// measures its curve on a copy that learns the memory's digits again.
func TestLoadedMemoryViews(t *testing.T) {
	p := newBrowser(t, "")
	for i, from := range []string{"served", "storage"} {
		p.open(800, 600, "?view=map")
		p.waitFor(fmt.Sprintf(`s.memory === %q && s.items >= 10000 && s.mapShown === 200 && s.mapUpToDate`, from), 90*time.Second)
		m := p.viewState()
		t.Logf("%s memory, %d items: map of %d digits, within %.3f between %.3f", from, m.Items, m.MapShown, m.MapWithin, m.MapBetween)
		if !(m.MapWithin > m.MapBetween) {
			t.Errorf("%s: within-class overlap %.3f, between %.3f", from, m.MapWithin, m.MapBetween)
		}
		eval[any](p, `sparsey.setView("capacity"), null`)
		p.waitFor(`s.view === "capacity" && s.capTarget >= 10000 && s.capPoints.length >= 2 && s.capSaturation > 0`, 90*time.Second)
		c := p.viewState()
		t.Logf("%s memory: capacity curve %d points so far (the copy learning towards %d), level 1 %.1f%% of U weights set", from, len(c.CapPoints), c.CapTarget, 100*c.CapSaturation)
		if i == 0 {
			eval[any](p, `sparsey.train(1), null`)
			p.waitFor(`s.phase === "ready" && s.saved >= 1`, 60*time.Second)
		}
	}
}

// capEnds returns the point-wise medians of the capacity view's three
// points from about 1k items on and of its last three (one point alone
// can be a pause of the shared machine).
func capEnds(t *testing.T, pts []capPoint) (first, last capPoint) {
	t.Helper()
	i1 := 0
	for i1 < len(pts)-1 && pts[i1].Items < 1000 {
		i1++
	}
	if len(pts)-i1 < 6 {
		t.Fatalf("%d points from 1k items on", len(pts)-i1)
	}
	med := func(ps []capPoint) capPoint {
		at := func(f func(q capPoint) float64) float64 {
			v := []float64{f(ps[0]), f(ps[1]), f(ps[2])}
			sort.Float64s(v)
			return v[1]
		}
		return capPoint{ps[1].Items, at(func(q capPoint) float64 { return q.LearnMs }),
			at(func(q capPoint) float64 { return q.RecallMs }), at(func(q capPoint) float64 { return q.NNMs })}
	}
	return med(pts[i1 : i1+3]), med(pts[len(pts)-3:])
}
