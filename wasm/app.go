//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"image"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/store"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

const (
	maxClasses  = 32                     // 10 digits and up to 22 taught symbols
	padRes      = pad.InputSide          // the pad's input image (pad.InputImage) is 28×28
	busyBudget  = 6 * time.Millisecond   // work per tick for training and testing while the visitor draws
	idleBudget  = 30 * time.Millisecond  // … otherwise (ticks slow down; nobody is drawing)
	busyLinger  = time.Second            // how long after the last stroke the busy budget holds
	nThumbs     = 6                      // nearest stored items shown
	symbolMatch = 0.5                    // see recall: nearest taught code override
	showEvery   = 250 * time.Millisecond // refresh of the training view
)

// prep is the preprocessing of every input, MNIST or drawn: the options the
// "mnist" preset was tuned with (centred, size-normalised, thinned). The
// bitmap is then encoded for the network's input grid by mnist.Encode:
// together exactly mnist.Input, the one path for MNIST and drawn digits.
var prep = mnist.DefaultOptions

// app is the page's state. Every method that touches it runs with mu held:
// Ebiten's Update and Draw, the JS API callbacks and the fetch goroutines
// all lock it.
type app struct {
	mu  sync.Mutex
	par params

	net    *engine.Network
	mem    *store.Memory
	shapes []viz.Shape
	top    int         // top level, 1-based
	grid   engine.Grid // the network's input grid

	pad     pad.Pad
	tracker pad.Tracker

	train, test *stream
	booted      bool // browser storage was read (restored or not)

	// jobs
	trainTarget int // learn training records until mem.NextTrain reaches it
	jobStart    int
	testN       int // digits of the current test (0: none running)
	testDone    int
	testRight   int
	testAcc     float64 // −1 until a test finished
	saveWanted  bool    // save to browser storage when idle

	// recall
	recalledVer uint64
	drawnSince  bool // a frame was drawn since the last recall
	lastRecall  time.Time
	label       int
	labelName   string
	scores      []float64
	g           float64
	hasRecall   bool
	recallMs    []float64 // recent recall durations
	trace       engine.Trace

	// display
	scene      viz.Scene
	layout     viz.Layout
	img        *image.RGBA
	dirty      bool
	lastShow   time.Time
	showTrace  engine.Trace // last learned item's trace (while training)
	showInput  mnist.Bitmap
	hover      [2]int
	hasHover   bool
	stats      []engine.MacStats // of the hovered level
	statsLevel int

	// buffers
	grey, imgBuf, codeBuf []byte

	ticks        int
	lastPadVer   uint64    // pad version seen by update
	lastDraw     time.Time // when the visitor last drew (busy budget)
	firstFrameMs float64
	fatal        error  // phase "error"
	notice       string // last non-fatal error (e.g. a corrupt file)
	status       string
	saved        int // saves to browser storage completed
	forgotten    int // deletions from browser storage completed
	frames       int // frames redrawn

	v views // the teaching views (views.go)
}

func newApp(p params) *app {
	a := &app{par: p, label: -1, testAcc: -1, dirty: true, firstFrameMs: -1}
	a.tracker.Pad = &a.pad
	a.train = newStream("train")
	a.test = newStream("test")
	cfg, err := p.config()
	if err == nil {
		var n *engine.Network
		if n, err = engine.New(cfg); err == nil {
			err = a.setNetwork(n, nil)
		}
	}
	if err != nil {
		a.fatal = fmt.Errorf("cannot build the network: %w", err)
	}
	if a.mem == nil { // keep every method safe when the network failed
		a.mem = store.New(1, 1)
	}
	return a
}

// setNetwork installs n with its memory (a new, empty one when m is nil).
func (a *app) setNetwork(n *engine.Network, m *store.Memory) error {
	cfg := n.Config()
	if cfg.Classes < 10 || (cfg.Input != mnist.PlainGrid && cfg.Input != mnist.PyramidGrid && cfg.Input != mnist.EdgeGrid) {
		return fmt.Errorf("network of %d classes on a %d×%d input: not an MNIST network", cfg.Classes, cfg.Input.W, cfg.Input.H)
	}
	var shapes []viz.Shape
	for _, l := range cfg.Levels {
		shapes = append(shapes, viz.Shape{MacsW: l.Macs.W, MacsH: l.Macs.H, Q: l.Q, K: l.K})
	}
	top := cfg.Levels[len(cfg.Levels)-1]
	if top.K > 254 {
		return fmt.Errorf("top level K = %d: codes need K ≤ 254", top.K)
	}
	codeLen := top.Macs.N() * top.Q
	if m == nil {
		m = store.New(codeLen, store.WindowFor(codeLen))
	} else if m.CodeLen != codeLen {
		return fmt.Errorf("memory file codes of %d bytes, the network's are %d", m.CodeLen, codeLen)
	}
	for _, it := range m.Items {
		if it.Label >= cfg.Classes {
			return fmt.Errorf("item label %d, network of %d classes", it.Label, cfg.Classes)
		}
	}
	a.net, a.mem, a.shapes, a.top, a.grid = n, m, shapes, len(cfg.Levels), cfg.Input
	a.stats = nil
	a.hasHover = false
	a.relayout(a.layout.W, a.layout.H)
	a.recalledVer = a.pad.Version() - 1 // recall again
	a.hasRecall = false
	a.showTrace = engine.Trace{}
	a.dirty = true
	return nil
}

func (a *app) relayout(w, h int) {
	a.layout = viz.NewLayout(w, h, viz.Options{Embed: a.par.embed, Levels: a.shapes, Thumbs: nThumbs})
	a.tracker.Rect = pad.Rect{X: float64(a.layout.Pad.Min.X), Y: float64(a.layout.Pad.Min.Y),
		W: float64(a.layout.Pad.Dx()), H: float64(a.layout.Pad.Dy())}
	if a.img == nil || a.img.Bounds().Dx() != w || a.img.Bounds().Dy() != h {
		a.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	a.dirty = true
	a.placePanel()
}

// name returns the display name of a label.
func (a *app) name(label int) string {
	if label < 0 {
		return ""
	}
	if label < mnist.Classes {
		return strconv.Itoa(label)
	}
	if n := a.mem.Names[label]; n != "" {
		return n
	}
	return "#" + strconv.Itoa(label)
}

// phase is the page's phase for state().
func (a *app) phase() string {
	switch {
	case a.fatal != nil:
		return "error"
	case !a.booted:
		return "loading"
	case a.training():
		if a.train.records() == 0 && a.mem.NextTrain == a.jobStart {
			return "loading"
		}
		return "training"
	}
	return "ready"
}

func (a *app) training() bool {
	if a.mem.NextTrain >= a.trainTarget {
		return false
	}
	if a.train.failed() != nil {
		return false
	}
	if h, ok := a.train.header(); ok && a.mem.NextTrain >= h.Count {
		return false
	}
	return true
}

// progress is the 0..1 progress of the current job.
func (a *app) progress() float64 {
	switch {
	case a.testN > 0:
		return float64(a.testDone) / float64(a.testN)
	case !a.booted:
		return 0
	case a.training():
		total := a.trainTarget - a.jobStart
		if h, ok := a.train.header(); ok {
			total = min(a.trainTarget, h.Count) - a.jobStart
		}
		if total <= 0 {
			return 1
		}
		return float64(a.mem.NextTrain-a.jobStart) / float64(total)
	}
	return 1
}

// update runs one tick of work: input, training or testing slices, recall.
func (a *app) update() {
	a.ticks++
	a.tracker.Update()
	if a.fatal != nil || !a.booted {
		return
	}
	start := time.Now()
	if a.tracker.Active() || a.pad.Version() != a.lastPadVer {
		a.lastPadVer, a.lastDraw = a.pad.Version(), start
	}
	budget := idleBudget
	if start.Sub(a.lastDraw) < busyLinger {
		budget = busyBudget
	}
	if a.testN > 0 {
		a.testSlice(start, budget)
	} else if a.training() {
		a.trainSlice(start, budget)
	}
	if a.trainTarget > 0 && !a.training() && a.testN == 0 && a.saveWanted {
		a.saveWanted = false
		a.saveToStorage()
	}
	// Recall when the drawing changed, at most once per drawn frame, and
	// now and then while training so the answer follows what is stored.
	if a.drawnSince && (a.pad.Version() != a.recalledVer ||
		(a.training() && !a.pad.Empty() && time.Since(a.lastRecall) > time.Second)) {
		a.recall()
	}
	if a.pad.Empty() && a.training() && time.Since(a.lastShow) > showEvery && len(a.showTrace.Levels) > 0 {
		a.lastShow = time.Now()
		a.dirty = true
	}
}

func (a *app) trainSlice(start time.Time, budget time.Duration) {
	n := 0
	for a.training() && time.Since(start) < budget {
		i := a.mem.NextTrain
		img, label, ok := a.train.image(i, a.imgBuf[:0])
		if !ok {
			break // waiting for data
		}
		a.imgBuf = img
		w, h := a.train.size()
		bm, err := mnist.Preprocess(img, w, h, prep)
		a.mem.NextTrain++
		if err != nil {
			continue // no ink: nothing to learn
		}
		tr, err := a.learnBitmap(bm, label, i)
		if err != nil {
			a.fatal = err
			return
		}
		a.showTrace, a.showInput = tr, bm
		n++
	}
	if n > 0 {
		a.saveWanted = true
	}
}

// learnBitmap learns bm with label as item record (−1: taught).
func (a *app) learnBitmap(bm mnist.Bitmap, label, record int) (engine.Trace, error) {
	in, err := mnist.Encode(bm, a.grid)
	if err != nil {
		return engine.Trace{}, err
	}
	t0 := time.Now()
	tr, err := a.net.Learn(in, label)
	if err != nil {
		return tr, fmt.Errorf("learn: %w", err)
	}
	a.v.learned(bm, time.Since(t0))
	a.codeBuf = store.PackCode(a.codeBuf[:0], &tr.Levels[a.top-1], store.Silent)
	it := store.Item{Label: label, Record: record}
	if record < 0 {
		it.Image = bm
	}
	a.mem.Add(it, a.codeBuf)
	return tr, nil
}

// bitmapPart returns the 28×28 full-resolution part (the first rows) of a
// reconstruction of the input grid g, which every input grid of engine/mnist
// starts with; nil for another grid.
func bitmapPart(rec []uint8, g engine.Grid) []uint8 {
	if len(rec) != g.N() || g.W != mnist.Side || g.H < mnist.Side {
		return nil
	}
	return append([]uint8(nil), rec[:mnist.Pixels]...)
}

func (a *app) testSlice(start time.Time, budget time.Duration) {
	for a.testDone < a.testN && time.Since(start) < budget {
		img, label, ok := a.test.image(a.testDone, a.imgBuf[:0])
		if !ok {
			if h, hok := a.test.header(); (hok && a.testDone >= h.Count) || a.test.failed() != nil {
				a.testN = a.testDone // no more test data
			}
			break
		}
		a.imgBuf = img
		w, h := a.test.size()
		a.testDone++
		bm, err := mnist.Preprocess(img, w, h, prep)
		if err != nil {
			continue
		}
		in, err := mnist.Encode(bm, a.grid)
		if err != nil {
			continue
		}
		tr, err := a.net.Recall(in)
		if err == nil && tr.Class == label {
			a.testRight++
		}
	}
	if a.testDone >= a.testN {
		if a.testN > 0 {
			a.testAcc = float64(a.testRight) / float64(a.testN)
		}
		a.status = fmt.Sprintf("Test: %d of %d digits right (%.1f%%).", a.testRight, a.testN, 100*a.testAcc)
		a.testN = 0
	}
}

// recall recalls the current drawing and updates the scene.
func (a *app) recall() {
	t0 := time.Now()
	a.recalledVer = a.pad.Version()
	a.drawnSince = false
	a.lastRecall = t0
	a.dirty = true
	a.hasRecall = false
	a.label, a.labelName, a.g = -1, "", 0
	a.scores = a.scores[:0]
	a.scene.Input, a.scene.Recon, a.scene.Thumbs = nil, nil, nil
	if a.pad.Empty() {
		a.trace = engine.Trace{}
		a.emitRecall()
		return
	}
	if len(a.grey) != padRes*padRes {
		a.grey = make([]byte, padRes*padRes)
	}
	a.pad.InputImage(a.grey)
	bm, err := mnist.Preprocess(a.grey, padRes, padRes, prep)
	if err != nil {
		a.trace = engine.Trace{}
		a.emitRecall()
		return
	}
	in, err := mnist.Encode(bm, a.grid)
	if err != nil {
		a.notice = err.Error()
		return
	}
	tr, err := a.net.Recall(in)
	if err != nil {
		a.notice = err.Error()
		return
	}
	a.trace = tr
	a.hasRecall = true
	input := bm
	a.scene.Input = &input
	if rec, err := a.net.Reconstruct(&tr, 1); err == nil { // level 1 sees the full resolution
		a.scene.Recon = bitmapPart(rec, a.grid)
	}
	a.label, a.g = tr.Class, tr.G
	a.scores = append(a.scores, tr.Scores...)

	// Nearest stored codes. A symbol taught once has a single item, so the
	// naive-Bayes readout's class prior weighs against it; when the nearest
	// stored code is a taught symbol's and shares at least half of the CMs,
	// that symbol is the answer.
	a.codeBuf = store.PackCode(a.codeBuf[:0], &tr.Levels[a.top-1], store.QuerySilent)
	active := store.ActiveCMs(a.codeBuf)
	hits := a.mem.Nearest(a.codeBuf, nThumbs)
	for i, h := range hits {
		it := &a.mem.Items[h.Item]
		var bm mnist.Bitmap
		if it.Taught() {
			bm = it.Image
		} else if img, _, ok := a.train.image(it.Record, a.imgBuf[:0]); ok {
			a.imgBuf = img
			w, hh := a.train.size()
			bm, _ = mnist.Preprocess(img, w, hh, prep)
		}
		frac := float64(h.Agree) / float64(max(active, 1))
		a.scene.Thumbs = append(a.scene.Thumbs, viz.Thumb{Image: bm, Name: a.name(it.Label), Overlap: frac})
		if i == 0 && it.Taught() && frac >= symbolMatch && a.label != it.Label {
			a.label = it.Label
		}
	}
	a.labelName = a.name(a.label)
	a.recallMs = append(a.recallMs, float64(time.Since(t0).Microseconds())/1000)
	if len(a.recallMs) > 500 {
		a.recallMs = append(a.recallMs[:0], a.recallMs[250:]...)
	}
	a.emitRecall()
}

// learnDrawing stores the drawing as label (a digit, a known name or a new
// name) in one trial.
func (a *app) learnDrawing(label string) (int, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		return -1, errors.New("give a digit or a name to learn the drawing as")
	}
	if len([]rune(label)) > 16 || len(label) > store.MaxNameLen {
		return -1, errors.New("names are at most 16 characters")
	}
	id := -1
	if d, err := strconv.Atoi(label); err == nil && d >= 0 && d < mnist.Classes && len(label) == 1 {
		id = d
	} else {
		for k, v := range a.mem.Names {
			if strings.EqualFold(v, label) {
				id = k
			}
		}
		if id < 0 {
			for k := mnist.Classes; k < a.net.Config().Classes; k++ {
				if a.mem.Names[k] == "" {
					id = k
					break
				}
			}
			if id < 0 {
				return -1, fmt.Errorf("no room for a new symbol: %d names taught already", len(a.mem.Names))
			}
		}
	}
	if a.pad.Empty() {
		return -1, errors.New("draw something first")
	}
	if len(a.grey) != padRes*padRes {
		a.grey = make([]byte, padRes*padRes)
	}
	a.pad.InputImage(a.grey)
	bm, err := mnist.Preprocess(a.grey, padRes, padRes, prep)
	if err != nil {
		return -1, fmt.Errorf("nothing to learn: %w", err)
	}
	if id >= mnist.Classes {
		a.mem.Names[id] = label
	}
	if _, err := a.learnBitmap(bm, id, -1); err != nil {
		return -1, err
	}
	a.status = fmt.Sprintf("Learned the drawing as %q in one trial.", a.name(id))
	a.recalledVer = a.pad.Version() - 1 // recall it now
	a.drawnSince = true
	a.saveToStorage()
	a.updateDatalist()
	return id, nil
}

// startTrain learns n more training digits.
func (a *app) startTrain(n int) {
	if n <= 0 {
		return
	}
	if !a.training() {
		a.jobStart = a.mem.NextTrain
		a.trainTarget = a.mem.NextTrain
	}
	a.trainTarget += n
	a.train.start()
}

// startTest measures accuracy on the first n test digits.
func (a *app) startTest(n int) {
	if n <= 0 {
		return
	}
	a.testN, a.testDone, a.testRight, a.testAcc = n, 0, 0, -1
	a.test.start()
}

func (a *app) medianRecallMs() float64 {
	if len(a.recallMs) == 0 {
		return -1
	}
	s := append([]float64(nil), a.recallMs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// buildScene fills the scene for Draw.
func (a *app) buildScene() {
	s := &a.scene
	s.PadHint = "draw a digit here"
	if len(s.Pad) != a.layout.Pad.Dx()*a.layout.Pad.Dy() {
		s.Pad = make([]byte, a.layout.Pad.Dx()*a.layout.Pad.Dy())
	}
	if a.pad.Empty() {
		s.Pad = s.Pad[:0]
	} else {
		a.pad.RenderInto(s.Pad, a.layout.Pad.Dx(), a.layout.Pad.Dy())
	}
	if s.Names == nil || len(s.Names) != a.net.Config().Classes {
		s.Names = make([]string, a.net.Config().Classes)
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
	s.Levels = tr.Levels
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

// hoverAt updates the hovered mac from a CSS pixel position.
func (a *app) hoverAt(x, y int, ok bool) {
	var l, m int
	if ok {
		l, m, ok = a.layout.MacAt(x, y)
	}
	if ok == a.hasHover && (!ok || [2]int{l, m} == a.hover) {
		return
	}
	a.hasHover, a.hover = ok, [2]int{l, m}
	a.dirty = true
	if !ok {
		a.showTooltip("", 0, 0)
		return
	}
	a.stats = a.net.Stats(l + 1)
	a.statsLevel = l
	st := a.stats[m]
	var g float64
	active := false
	tr := &a.trace
	if a.pad.Empty() && len(a.showTrace.Levels) > 0 {
		tr = &a.showTrace
	}
	if l < len(tr.Levels) && m < len(tr.Levels[l].G) {
		g, active = tr.Levels[l].G[m], tr.Levels[l].Active[m]
	}
	sh := a.shapes[l]
	state := "silent (outside its π band)"
	if active {
		state = fmt.Sprintf("G = %.2f", g)
	}
	if len(tr.Levels) == 0 {
		state = "no input yet"
	}
	frozen := ""
	if st.Frozen {
		frozen = ", frozen"
	}
	text := fmt.Sprintf("Level %d, mac (%d, %d): %s; %d weights set, %.1f%% of U weights%s",
		l+1, m%sh.MacsW, m/sh.MacsW, state, st.WeightsSet, 100*st.Saturation, frozen)
	a.showTooltip(text, x, y)
}
