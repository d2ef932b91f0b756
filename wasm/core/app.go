package core

import (
	"errors"
	"fmt"
	"image"
	"strconv"
	"strings"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/recall"
	"github.com/sparsey-web/sparsey/wasm/store"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// Work per tick (Tick) for training and testing: BusyBudget while the
// visitor draws and for BusyLinger after, so drawing stays smooth;
// IdleBudget otherwise, so that learning is fast when nobody draws.
const (
	BusyBudget = 6 * time.Millisecond
	IdleBudget = 30 * time.Millisecond
	BusyLinger = time.Second
)

const (
	nThumbs     = 6                      // nearest stored items shown
	symbolMatch = 0.5                    // see recall: nearest taught code override
	showEvery   = 250 * time.Millisecond // refresh of the training view
	recallEvery = time.Second            // recall of the drawing while training
	reconEvery  = 300 * time.Millisecond // reconstruction from the top level while the pen is down
)

// Options are what New needs.
type Options struct {
	// Query is the address's query: the scene (ParseParams).
	Query string
	// Train and Test are the training and test digits. Streams are started
	// when needed: Train at Boot (or, when the restored memory has nothing
	// left to learn, once the first recall is shown), Test by the first
	// Test job.
	Train, Test Source
	// Sink receives events; nil ignores them.
	Sink Sink
	// Now is the clock for the time budgets and the timings shown; nil
	// means time.Now.
	Now func() time.Time
	// Pause, when not nil, is called by Boot between pieces of decoding
	// the memories it restores (tens of megabytes: most of a second in a
	// browser); the page lets its event loop run there (its ticks, the
	// visitor's drawing, the API), so it must allow calls into the App.
	// The App stays as before Boot until the decoding ends.
	Pause func()
}

// App is the page's logic: the network and the memory of stored items and
// taught symbols, the drawing pad, training and testing jobs done in time
// slices, recall of the drawing, teaching, saving and loading, the
// teaching views, and what the canvas shows. It is not safe for concurrent
// use: the page calls it with one lock held.
type App struct {
	par         Params
	train, test Source
	sink        Sink
	now         func() time.Time

	net    *engine.Network // nil after a fatal error at New
	enc    *Encoder
	mem    *store.Memory
	shapes []viz.Shape

	pad     pad.Pad
	tracker pad.Tracker
	booted  bool // Boot was called
	booting bool // Boot is decoding the memories (it pauses meanwhile)
	pause   func()

	// jobs
	trainTarget int // learn training records until mem.NextTrain reaches it
	jobStart    int
	testN       int // digits of the current test (0: none running)
	testDone    int
	testRight   int
	testAcc     float64 // −1 until a test finished
	saveWanted  bool    // tell the sink when the training job ends

	// recall
	recalledVer    uint64
	drawnSince     bool // a frame was drawn since the last recall
	lastRecall     time.Time
	rec            *recall.Recollection // the last recall of the drawing; nil for none
	recallMs       []float64            // recent recall durations
	lastRecallCost time.Duration        // the last recall's own time
	codeBuf        []byte
	readout        engine.Readout
	padMap         padMap // the drawing's fit into the input
	// The reconstruction from the top level waits until the pen is up
	// (reconstruct).
	reconPending bool
	lastRecon    time.Time

	// display
	scene     viz.Scene
	layout    viz.Layout
	bar       int // SetBar
	img       *image.RGBA
	dirty     bool
	lastShow  time.Time
	showTrace engine.Trace // the last learned item's trace (while training; reused)
	testTrace engine.Trace // the test job's recall (reused)
	showInput mnist.Bitmap
	learnRec  recall.Recollection // showTrace as the canvas shows it
	// The keyboard's pen, the screen readers' words, less motion
	// (keypen.go).
	pen              keyPen
	annKey           announceKey
	annText          string
	reducedMotion    bool
	trainingLastTick bool
	// The receptive field pointed at (focus.go).
	hoverFocus, pinFocus focus
	focusKey             focusTextKey // FocusText's cache
	focusText            string
	quiet                bool             // no pixel under the pointer since the last stroke …
	quietAt              image.Point      // … ended here
	macMasks             [][]mnist.Bitmap // per grid, per mac: the pixels it sees

	// The link (Link): the scene's parameters as the address gave them,
	// and the drawing's text for its version.
	sceneQuery    map[string][]string
	linkVer       uint64
	linkOK        bool
	linkText      string
	ticks, frames int
	lastPadVer    uint64
	lastDraw      time.Time // when the visitor last drew (busy budget)
	fatal         error     // phase "error"
	memSource     string    // State.Memory
	served        []byte    // the site's learned memory (Serve), until Boot
	streamAt      time.Time // the training digits' stream waits until then (zero: not waiting)
	loadText      string    // what is loading (SetLoading), until Boot
	loadFrac      float64
	notice        string // the last non-fatal error
	addrErr       string // the parts of the address the page cannot use
	fp            string // the network's fingerprint (engine.Config.Fingerprint)
	status        string

	v views
}

// New returns the page's App for the scene of o.Query. It never fails: an
// address the page cannot use, or a network that cannot be built, puts the
// App in phase "error" with a message for the visitor (State.Error).
func New(o Options) *App {
	a := &App{train: o.Train, test: o.Test, sink: o.Sink, now: o.Now, pause: o.Pause,
		testAcc: -1, dirty: true, readout: engine.ReadoutSoftmax, memSource: "new"}
	if a.sink == nil {
		a.sink = NopSink{}
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.train == nil {
		a.train = empty{}
	}
	if a.test == nil {
		a.test = empty{}
	}
	a.tracker.Pad = &a.pad
	a.pad.Grid = pad.LinkGrid // a drawing's link gives back the same drawing
	// A part of the address the page cannot use is described (AddressError)
	// and replaced by its default: the page carries on.
	p, err := ParseParams(o.Query)
	var problems []string
	if pe := (*ParamsError)(nil); errors.As(err, &pe) {
		problems = pe.Problems
	}
	cfg, dropped, err := configFor(&p)
	problems = append(problems, dropped...)
	if err == nil {
		var n *engine.Network
		if n, err = newNetwork(cfg); err == nil {
			err = a.setNetwork(n, nil)
		}
	}
	a.par = p
	a.v.name = a.par.View
	if r, ok := Readouts[a.par.Readout]; ok {
		a.readout = r
	}
	if err == nil {
		// The views' settings and the drawing, checked against the network.
		problems = append(problems, a.applySettings(p.Settings)...)
	}
	a.sceneQuery = a.par.sceneQuery()
	if len(problems) > 0 {
		a.addrErr = "This address has parts the page cannot use; it carries on with their defaults: " + strings.Join(problems, "; ") + "."
	}
	if err != nil {
		a.fatal = fmt.Errorf("cannot build the network: %w", err)
		a.net, a.shapes = nil, nil
		a.mem = store.New(1, 1) // keeps State and Names working
	}
	return a
}

// newNetwork builds the page's network (a variable so that a test can make
// it fail).
var newNetwork = engine.New

// AddressError describes the parts of the address the page could not use
// and what it uses instead ("" for none). It stays until the page is
// reloaded; State.Error shows it while there is no other message.
func (a *App) AddressError() string { return a.addrErr }

// StorageKey names the scene's memory in browser storage: the scene's
// parameters that choose the network, and the network's fingerprint, so
// that a memory is only ever restored into the network that learned it.
func (a *App) StorageKey() string {
	return a.par.StorageKey() + "/" + a.fp
}

// Params is the scene.
func (a *App) Params() Params { return a.par }

// Net is the network (nil after a fatal error at New).
func (a *App) Net() *engine.Network { return a.net }

// Memory is the memory of stored items and taught names. Callers must not
// modify it.
func (a *App) Memory() *store.Memory { return a.mem }

// Pad is the drawing. Callers change it through Clear, Undo and the
// Tracker.
func (a *App) Pad() *pad.Pad { return &a.pad }

// setNetwork installs n with its memory (a new, empty one when m is nil).
// On error nothing changed.
func (a *App) setNetwork(n *engine.Network, m *store.Memory) error {
	cfg := n.Config()
	if cfg.Classes < mnist.Classes {
		return fmt.Errorf("a network of %d classes cannot hold the ten digits", cfg.Classes)
	}
	enc, err := NewEncoder(cfg.Input)
	if err != nil {
		return err
	}
	cms := 0
	for _, g := range cfg.Levels[len(cfg.Levels)-1].Grids {
		cms += g.Macs.N() * g.Q
	}
	codeLen := store.CodeLen(cms)
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
	a.net, a.enc, a.mem, a.shapes = n, enc, m, viz.GridShapes(cfg)
	a.fp = cfg.Fingerprint()
	a.hoverFocus, a.pinFocus, a.macMasks = focus{}, focus{}, nil
	a.relayout(a.layout.W, a.layout.H)
	a.recalledVer = a.pad.Version() - 1 // recall again
	a.drawnSince = true
	a.rec = nil
	a.showTrace = engine.Trace{}
	a.v.networkChanged()
	return nil
}

// Serve hands the App the learned memory the site serves (a memory file
// of the scene's network, learned natively on the page's first digits by
// tools/mkmemory), before Boot, which restores it when browser storage has
// no memory of the scene. err is why it could not be fetched (the page
// then learns live).
func (a *App) Serve(b []byte, err error) {
	if err != nil {
		a.status = "No learned memory to start from (" + err.Error() + "); learning here."
		return
	}
	a.served = b
}

// SetLoading reports what the page is loading before Boot (the memory
// file, browser storage) and how far it is, 0..1.
func (a *App) SetLoading(text string, frac float64) {
	if !a.booted && (text != a.loadText || frac != a.loadFrac) {
		a.loadText, a.loadFrac = text, min(max(frac, 0), 1)
		a.dirty = true
	}
}

// Boot ends loading: stored is the memory kept in browser storage (nil:
// none) or err why storage could not be read. A stored memory is restored
// (a corrupt one, or one of another network, is reported and ignored);
// without one the served memory (Serve) is, when it fits the scene (its
// network, and no more digits than the scene learns). Then training
// starts towards the scene's number of digits.
func (a *App) Boot(stored []byte, err error) {
	if a.booted || a.booting {
		return
	}
	// The memories are decoded first, changing nothing in the App: the
	// decoding pauses (Options.Pause), and meanwhile Tick waits as before
	// Boot while the page answers the visitor.
	served := a.served
	var st, sv decoded
	if a.net != nil {
		a.booting = true
		if err == nil && stored != nil {
			st = a.readMemory(stored, a.pause)
		}
		if served != nil && (err != nil || stored == nil || st.err != nil) {
			sv = a.readMemory(served, a.pause)
		}
		a.booting = false
	}
	a.booted = true
	a.dirty = true
	a.served = nil
	if a.net == nil {
		return
	}
	switch {
	case err != nil:
		a.status = "Browser storage is not available: " + err.Error()
	case stored != nil:
		if err := a.install(st); err != nil {
			a.notice = fmt.Sprintf("The memory kept in this browser could not be restored (%v); starting afresh.", err)
		} else {
			a.memSource = "storage"
			a.status = fmt.Sprintf("Restored from browser storage: %d items, %d taught symbols.", len(a.mem.Items), len(a.mem.Names))
			a.sink.NamesChanged()
			served = nil
		}
	}
	if served != nil {
		if sv.n == nil && sv.err == nil {
			sv = a.readMemory(served, nil) // the stored memory decoded, then refused
		}
		if err := a.restoreServed(sv); err != nil {
			a.status = fmt.Sprintf("The served memory was not used (%v); learning here.", err)
		} else {
			a.memSource = "served"
			a.status = fmt.Sprintf("Started from a memory that learned the first %d training digits in one trial each; %s",
				a.mem.NextTrain, learnMore(a.par.Train-a.mem.NextTrain))
		}
	}
	a.jobStart = a.mem.NextTrain
	a.trainTarget = max(a.trainTarget, a.par.Train)
	if a.training() {
		startStream(a.train)
	} else {
		// Nothing to learn: the training digits (for the stored items'
		// pictures) wait until the first recall is shown, so that their
		// decoding does not delay it.
		a.streamAt = a.now().Add(StreamDelay)
	}
}

// recallPace: while the pen draws, a recall starts no sooner than this
// many times the last recall's own time after the last one began, so that
// recalling takes at most a third of a slow machine's time and the page
// follows the pointer (on a fast one it still recalls at every frame);
// when the pen lifts, the drawing is recalled at once.
const recallPace = 3

// StreamDelay is how long after Boot the training digits wait for the
// first recall when the restored memory has nothing left to learn.
const StreamDelay = 2 * time.Second

// streamAfterRecall is how long the training digits wait after the last
// recall of a drawing, the pen up, when Boot deferred them.
const streamAfterRecall = 500 * time.Millisecond

// streamWhenIdle starts the training digits' stream that Boot deferred:
// streamAfterRecall after a drawing was last recalled, the pen up (the
// answer shown first), when StreamDelay has passed, or when a job needs
// them.
func (a *App) streamWhenIdle() {
	if a.streamAt.IsZero() {
		return
	}
	if a.rec != nil && !a.tracker.Active() && a.now().Sub(a.lastRecall) >= streamAfterRecall ||
		!a.now().Before(a.streamAt) || a.trainTarget > a.mem.NextTrain {
		a.streamAt = time.Time{}
		startStream(a.train)
	}
}

func learnMore(n int) string {
	if n <= 0 {
		return "\"Watch it learn\" learns them again, live."
	}
	return fmt.Sprintf("learning %d more here.", n)
}

// Fail stops the page with a fatal error (phase "error").
func (a *App) Fail(err error) {
	if a.fatal == nil && err != nil {
		a.fatal = err
		a.dirty = true
	}
}

// SetNotice shows a non-fatal error ("" clears it).
func (a *App) SetNotice(msg string) { a.notice = msg }

// SetStatus sets the status line.
func (a *App) SetStatus(msg string) { a.status = msg }

// Tracker follows the pointer that draws: the page Starts it with a
// pad.Source when a press lands on the pad; Tick updates it.
func (a *App) Tracker() *pad.Tracker { return &a.tracker }

// Clear empties the pad.
func (a *App) Clear() {
	a.pen.down = false
	a.tracker.Cancel()
	a.pad.Clear()
	a.dirty = true
}

// Undo removes the last stroke.
func (a *App) Undo() {
	a.pen.down = false
	a.tracker.Cancel()
	a.pad.Undo()
	a.dirty = true
}

// Tick does one tick of work: the pointer, a slice of the training or
// testing job (BusyBudget or IdleBudget), a recall when the drawing
// changed, and the teaching view's work.
func (a *App) Tick() {
	a.ticks++
	a.tracker.Update()
	if a.fatal != nil || !a.booted {
		return
	}
	start := a.now()
	if a.tracker.Active() || a.pad.Version() != a.lastPadVer {
		a.lastPadVer, a.lastDraw = a.pad.Version(), start
	}
	budget := IdleBudget
	if start.Sub(a.lastDraw) < BusyLinger {
		budget = BusyBudget
	}
	if a.testN > 0 {
		a.testSlice(start, budget)
	} else if a.training() {
		a.trainSlice(start, budget)
	}
	if a.saveWanted && !a.training() && a.testN == 0 {
		a.saveWanted = false
		a.sink.MemoryChanged()
		a.recalledVer = a.pad.Version() - 1 // the answer of the memory as it is now
	}
	// Recall when the drawing changed, at most once per drawn frame (and,
	// while the pen draws, at most once per recallPace of the last
	// recall's own time), and now and then while training so the answer
	// follows what is stored.
	changed := a.pad.Version() != a.recalledVer &&
		(!a.tracker.Active() || a.now().Sub(a.lastRecall) >= recallPace*a.lastRecallCost)
	if a.drawnSince && (changed ||
		a.training() && !a.pad.Empty() && a.now().Sub(a.lastRecall) > recallEvery) {
		a.recall()
	}
	if a.reconPending && (!a.tracker.Active() || a.now().Sub(a.lastRecon) > reconEvery) {
		a.reconstruct()
	}
	training := a.training()
	if a.pad.Empty() && training && !a.reducedMotion && len(a.showTrace.Levels) > 0 && a.now().Sub(a.lastShow) > showEvery {
		a.lastShow = a.now()
		a.dirty = true
	}
	if a.trainingLastTick && !training {
		a.dirty = true // the last digit learned, also with less motion
	}
	a.trainingLastTick = training
	a.updateView()
	a.streamWhenIdle()
}

// Train learns n more training digits (a job that Tick does in slices).
func (a *App) Train(n int) {
	if n <= 0 || a.net == nil {
		return
	}
	if !a.training() {
		a.jobStart = a.mem.NextTrain
		a.trainTarget = a.mem.NextTrain
	}
	a.trainTarget += n
	a.streamAt = time.Time{}
	startStream(a.train)
}

// Test measures the accuracy of recall on the first n test digits (a job
// that Tick does in slices; State.TestAccuracy has the result).
func (a *App) Test(n int) {
	if n <= 0 || a.net == nil {
		return
	}
	a.testN, a.testDone, a.testRight, a.testAcc = n, 0, 0, -1
	startStream(a.test)
}

// training reports whether the training job has digits left to learn.
func (a *App) training() bool {
	return a.mem.NextTrain < a.trainTarget && !ended(a.train, a.mem.NextTrain) && !a.mem.Full()
}

func (a *App) trainSlice(start time.Time, budget time.Duration) {
	w, h := a.train.Width(), a.train.Height()
	last := min(a.trainTarget, a.train.Len())
	n := 0
	for a.mem.NextTrain < last && a.now().Sub(start) < budget {
		i := a.mem.NextTrain
		bm, in, err := a.enc.Image(a.train.Image(i), w, h)
		a.mem.NextTrain++
		if err != nil {
			continue // no ink: nothing to learn
		}
		if err := a.learnInto(bm, in, a.train.Label(i), i, &a.showTrace); err != nil {
			a.Fail(err)
			return
		}
		a.showInput = bm
		n++
	}
	if n > 0 {
		a.saveWanted = true
	}
}

// learn learns one item, record i of the training data or, for record −1,
// a taught drawing.
func (a *App) learn(bm mnist.Bitmap, in *engine.SDR, label, record int) (engine.Trace, error) {
	var tr engine.Trace
	err := a.learnInto(bm, in, label, record, &tr)
	return tr, err
}

// learnInto is learn writing the trace into tr (reused: no allocation per
// item while training).
func (a *App) learnInto(bm mnist.Bitmap, in *engine.SDR, label, record int, tr *engine.Trace) error {
	if err := a.net.LearnInto(in, label, tr); err != nil {
		return fmt.Errorf("learn: %w", err)
	}
	a.codeBuf = store.PackCode(a.codeBuf[:0], &tr.Levels[len(tr.Levels)-1], store.Silent)
	if a.mem.Full() {
		return fmt.Errorf("the memory is full: it holds %d items, the most it can", len(a.mem.Items))
	}
	it := store.Item{Label: label, Record: record}
	if record < 0 {
		it.Image = &bm
	}
	a.mem.Add(it, a.codeBuf)
	return nil
}

func (a *App) testSlice(start time.Time, budget time.Duration) {
	w, h := a.test.Width(), a.test.Height()
	avail := a.test.Len()
	for a.testDone < a.testN && a.now().Sub(start) < budget {
		if a.testDone >= avail {
			if ended(a.test, a.testDone) {
				a.testN = a.testDone // no more test data
			}
			break
		}
		i := a.testDone
		a.testDone++
		_, in, err := a.enc.Image(a.test.Image(i), w, h)
		if err != nil {
			continue // no ink: counts as wrong
		}
		if err := a.net.RecallInto(in, &a.testTrace); err == nil && a.testTrace.Class == a.test.Label(i) {
			a.testRight++
		}
	}
	if a.testDone < a.testN {
		return
	}
	if a.testN > 0 {
		a.testAcc = float64(a.testRight) / float64(a.testN)
		a.status = fmt.Sprintf("Test: %d of %d digits right (%.1f%%).", a.testRight, a.testN, 100*a.testAcc)
	} else {
		a.status = "Test: no test digits available."
	}
	a.testN = 0
}

// Phase is the page's phase: "loading", "training", "ready" or "error".
func (a *App) Phase() string {
	switch {
	case a.fatal != nil:
		return "error"
	case !a.booted:
		return "loading"
	case a.training():
		if a.train.Len() == 0 && a.mem.NextTrain == a.jobStart {
			return "loading"
		}
		return "training"
	}
	return "ready"
}

// Progress is the progress of the current job, 0..1.
func (a *App) Progress() float64 {
	switch {
	case a.testN > 0:
		return float64(a.testDone) / float64(a.testN)
	case a.fatal != nil:
		return 0
	case !a.booted:
		return a.loadFrac
	case a.training():
		end := a.trainTarget
		if n, ok := total(a.train); ok {
			end = min(end, n)
		}
		if end <= a.jobStart {
			return 1
		}
		return float64(a.mem.NextTrain-a.jobStart) / float64(end-a.jobStart)
	}
	return 1
}

// JobText describes the current job for the page's progress bar.
func (a *App) JobText() string {
	switch {
	case a.fatal != nil:
		return "Stopped by an error."
	case !a.booted && a.loadText != "":
		return a.loadText
	case !a.booted:
		return "Reading the memory kept in this browser…"
	case a.testN > 0:
		return fmt.Sprintf("Testing: %d of %d digits", a.testDone, a.testN)
	case a.training():
		s := fmt.Sprintf("Learning: %d of %d digits stored", a.mem.NextTrain, a.trainTarget)
		if a.train.Len() <= a.mem.NextTrain {
			s += " (waiting for data)"
		}
		return s
	}
	return fmt.Sprintf("Ready: %d items stored (%d training digits).", len(a.mem.Items), a.mem.NextTrain)
}

// name returns the display name of a label.
func (a *App) name(label int) string {
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

// errStopped is returned by calls that need the network after a fatal
// error.
var errStopped = errors.New("the page has stopped")

func (a *App) stopped() error {
	if a.fatal != nil {
		return fmt.Errorf("%w: %v", errStopped, a.fatal)
	}
	return errStopped
}

// empty is a Source without images.
type empty struct{}

func (empty) Len() int         { return 0 }
func (empty) Width() int       { return 0 }
func (empty) Height() int      { return 0 }
func (empty) Image(int) []byte { return nil }
func (empty) Label(int) int    { return 0 }

func startStream(s Source) {
	if st, ok := s.(Stream); ok {
		st.Start()
	}
}

// total is the number of images s will have, if known.
func total(s Source) (int, bool) {
	if st, ok := s.(Stream); ok {
		return st.Total()
	}
	return s.Len(), true
}

// ended reports that image i of s has not arrived and never will.
func ended(s Source, i int) bool {
	if i < s.Len() {
		return false
	}
	st, ok := s.(Stream)
	if !ok {
		return true
	}
	if st.Err() != nil {
		return true
	}
	n, known := st.Total()
	return known && i >= n
}
