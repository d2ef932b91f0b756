//go:build js && wasm

package main

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"syscall/js"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/teach"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// The teaching views (?view=csa|map|capacity|sequence): each replaces the
// stored-item thumbnails and the SDR grids of the main view with its own
// drawing (viz.DrawView) and adds its numbers to state().

const (
	viewBudget  = 4 * time.Millisecond   // view work per tick (map recalls, …)
	viewRefresh = 250 * time.Millisecond // least time between two refreshes of a view's data while learning
	mapPerClass = 20                     // stored digits per class in the semantic map
	costBucket  = 500                    // items per point of the cost plot
	seqFrames   = 8                      // frames per drawing in the sequence view
	seqGiven    = 3                      // frames given to the replay
	walkStep    = 400 * time.Millisecond // per mac when walking the macs
)

var viewNames = []string{"csa", "map", "capacity", "sequence"}

func validView(v string) string {
	for _, n := range viewNames {
		if v == n {
			return v
		}
	}
	return ""
}

// views is the state of the teaching views.
type views struct {
	view viz.View

	// csa
	csaMac, csaCM int // csaMac −1: the most active mac
	csaOverride   bool
	csaG          float64
	csaSeed       uint64
	csaKey        csaKey
	csaAt         time.Time
	csaLayout     viz.CSALayout
	csaState      map[string]any
	csaActive     []bool // level 1's active macs for the input shown
	// Walking the macs: csaMac steps through the active macs, one every
	// walkStep, showing each one's CSA (the code a learning frame would
	// draw), then returns to the default.
	walk    []int
	walkIdx int
	walkAt  time.Time

	// map
	mapSample  []teach.MapItem
	mapItems   []int // indices into mem.Items of the sample
	mapCache   map[int]mapEntry
	mapNext    int // next sample item to recall; len: computing rows
	mapRow     int
	mapM       []float64
	mapAtItems int // items stored when the pass started
	mapAt      time.Time
	mapPasses  int
	mapBusy    bool
	mapShown   *viz.MapView

	// capacity
	nn         teach.NNStore
	learnMs    float64 // learn time summed since the last point
	learnN     int
	points     []viz.CostPoint
	nextBucket int // items stored at the next point
	statsAt    time.Time
	statsItems int
	capView    viz.CapacityView

	// sequence
	seq     *teach.Seq
	seqVer  uint64 // pad version shown
	seqLast uint64 // seq.Learned when shown
	seqView viz.SeqView
	seqErr  string
	// seqStored are the frames of the last drawing learned, shown (with
	// their replay) while the pad is empty.
	seqStored      []mnist.Bitmap
	seqShowsStored bool
}

type csaKey struct {
	src      uint64 // pad version, or items stored when showing the last learned digit
	empty    bool
	mac, cm  int
	override bool
	g        float64
	seed     uint64
}

type mapEntry struct {
	bm mnist.Bitmap
	in *engine.SDR
}

// learned records the cost of one learning step (every learned item).
func (v *views) learned(bm mnist.Bitmap, d time.Duration) {
	v.nn.Add(bm)
	v.learnMs += float64(d.Microseconds()) / 1000
	v.learnN++
}

// setView switches the view (also from the HTML selector) and updates the
// URL so a reload keeps it.
func (a *app) setView(name string) {
	name = validView(name)
	if name == a.par.view {
		return
	}
	a.par.view = name
	a.v.csaKey = csaKey{}
	a.v.seqVer = 0
	a.v.mapPasses, a.v.mapBusy, a.v.mapShown = 0, false, nil
	a.v.mapAt = time.Time{}
	a.dirty = true
	a.hasHover = false
	a.showTooltip("", 0, 0)
	a.showViewControls()
	loc := window.Get("location")
	q, _ := url.ParseQuery(trimQ(loc.Get("search").String()))
	if name == "" {
		q.Del("view")
	} else {
		q.Set("view", name)
	}
	u := loc.Get("pathname").String()
	if s := q.Encode(); s != "" {
		u += "?" + s
	}
	window.Get("history").Call("replaceState", js.Null(), "", u)
}

func (a *app) showViewControls() {
	doc.Get("body").Get("dataset").Set("view", a.par.view)
	if sel := byID("view"); sel.Truthy() {
		sel.Set("value", a.par.view)
	}
	for _, n := range viewNames {
		if e := byID(n + "-controls"); e.Truthy() {
			e.Set("hidden", n != a.par.view)
		}
	}
}

// updateView does the current view's work for one tick.
func (a *app) updateView() {
	if a.fatal != nil || !a.booted || a.net == nil {
		return
	}
	switch a.par.view {
	case "csa":
		a.updateCSA()
	case "map":
		a.updateMap()
	case "capacity":
		a.updateCapacity()
	case "sequence":
		a.updateSeq()
	}
}

// viewClick handles a press at (x, y) outside the pad.
func (a *app) viewClick(x, y int) {
	if a.par.view != "csa" {
		return
	}
	if m, ok := a.v.csaLayout.MacAt(x, y); ok {
		a.v.csaMac = m
		setValue("csa-mac", fmt.Sprint(m))
	}
}

// padBitmap is the preprocessed drawing.
func (a *app) padBitmap() (mnist.Bitmap, bool) {
	if a.pad.Empty() {
		return mnist.Bitmap{}, false
	}
	if len(a.grey) != padRes*padRes {
		a.grey = make([]byte, padRes*padRes)
	}
	a.pad.InputImage(a.grey)
	bm, err := mnist.Preprocess(a.grey, padRes, padRes, prep)
	return bm, err == nil
}

// ---- CSA step by step ----

func (a *app) updateCSA() {
	v := &a.v
	if len(v.walk) > 0 && time.Since(v.walkAt) >= walkStep {
		v.walkIdx++
		v.walkAt = time.Now()
		if v.walkIdx >= len(v.walk) {
			v.walk, v.csaMac = nil, -1
		} else {
			v.csaMac = v.walk[v.walkIdx]
		}
		setValue("csa-mac", fmt.Sprint(v.csaMac))
	}
	key := csaKey{mac: v.csaMac, cm: v.csaCM, override: v.csaOverride, g: v.csaG, seed: v.csaSeed}
	var bm mnist.Bitmap
	ok := false
	if !a.pad.Empty() {
		key.src = a.pad.Version()
		if key == v.csaKey || a.tracker.Active() && time.Since(v.csaAt) < viewRefresh {
			return
		}
		bm, ok = a.padBitmap()
	} else {
		key.empty = true
		key.src = uint64(len(a.mem.Items))
		if key == v.csaKey || a.training() && time.Since(v.csaAt) < viewRefresh {
			return
		}
		bm, ok = a.showInput, a.showInput.Count() > 0
	}
	v.csaKey, v.csaAt = key, time.Now()
	a.dirty = true
	sh := a.shapes[0]
	cv := &viz.CSAView{Shape: sh, Mac: -1, CM: v.csaCM}
	v.view = viz.View{CSA: cv}
	v.csaLayout = viz.NewCSALayout(a.layout.ViewArea(), sh)
	v.csaState = map[string]any{"csaMac": nil}
	if !ok {
		cv.Note = "draw a digit on the pad"
		return
	}
	in, err := mnist.Encode(bm, a.grid)
	if err != nil {
		cv.Note = err.Error()
		return
	}
	tr, err := a.net.Recall(in)
	if err != nil {
		cv.Note = err.Error()
		return
	}
	lt := tr.Levels[0]
	cv.Active, cv.G = lt.Active, lt.G
	v.csaActive = lt.Active
	mac := v.csaMac
	var ex engine.MacExplain
	if mac < 0 || mac >= len(lt.Active) {
		// The most active mac: most active pixels in its field (PiU), then
		// the highest G.
		mac = -1
		for m, act := range lt.Active {
			if !act {
				continue
			}
			e, err := a.net.Explain(in, 1, m)
			if err != nil {
				continue
			}
			if mac < 0 || e.PiU > ex.PiU || e.PiU == ex.PiU && e.G > ex.G {
				mac, ex = m, e
			}
		}
		if mac < 0 {
			cv.Note = "no mac is active"
			return
		}
	} else if ex, err = a.net.Explain(in, 1, mac); err != nil {
		cv.Note = err.Error()
		return
	}
	cv.Mac = mac
	if !ex.Active {
		cv.Note = fmt.Sprintf("mac %d is silent: %d active pixels, band %d..%d", mac, ex.PiU, ex.PiMin, ex.PiMax)
		v.csaState = map[string]any{"csaMac": mac, "csaActive": false}
		a.csaMapState()
		return
	}
	cv.RealG = ex.G
	if v.csaOverride {
		ex = ex.WithG(v.csaG)
	}
	cm := min(max(v.csaCM, 0), ex.Q-1)
	k := ex.K
	cv.CM = cm
	cv.V, cv.Mu, cv.Rho = ex.V[cm*k:(cm+1)*k], ex.Mu[cm*k:(cm+1)*k], ex.Rho[cm*k:(cm+1)*k]
	cv.MacG, cv.Eta, cv.Override = ex.G, ex.Eta, v.csaOverride
	if v.csaOverride {
		cv.MacG = v.csaG
	}
	cv.MaxV = ex.Winners[cm]
	rng := rand.New(rand.NewPCG(v.csaSeed, uint64(mac)))
	cv.Drawn = ex.Draw(rng)[cm]
	rmin, rmax, vmax := 1.0, 0.0, 0.0
	for i := range k {
		rmin, rmax, vmax = min(rmin, cv.Rho[i]), max(rmax, cv.Rho[i]), max(vmax, cv.V[i])
	}
	v.csaState = map[string]any{
		"csaMac": mac, "csaActive": true, "csaCM": cm, "csaK": k, "csaG": cv.MacG, "csaRealG": ex.G,
		"csaEta": ex.Eta, "csaOverride": v.csaOverride, "csaMaxV": cv.MaxV, "csaDrawn": cv.Drawn,
		"csaVMax": vmax, "csaRhoMax": rmax, "csaRhoMin": rmin, "csaRhoAtMaxV": cv.Rho[cv.MaxV],
		"csaVersion": float64(a.pad.Version()), "csaWalk": len(v.walk) > 0, "csaWalkStep": v.walkIdx,
	}
	a.csaMapState()
}

// startWalk starts walking the active macs of the input shown.
func (a *app) startWalk() {
	v := &a.v
	v.walk = v.walk[:0]
	for m, act := range v.csaActive {
		if act {
			v.walk = append(v.walk, m)
		}
	}
	if len(v.walk) == 0 {
		v.walk = nil
		return
	}
	v.walkIdx, v.walkAt, v.csaMac = 0, time.Now(), v.walk[0]
	setValue("csa-mac", fmt.Sprint(v.csaMac))
}

// csaMapState adds where the mini map of macs is (for tests and scripts
// that click a mac).
func (a *app) csaMapState() {
	b := a.v.csaLayout.Macs
	a.v.csaState["csaMap"] = map[string]any{"x": b.Grid.Min.X, "y": b.Grid.Min.Y, "cell": b.Cell, "w": b.MacsW}
}

// ---- semantic map ----

func (a *app) updateMap() {
	v := &a.v
	if !v.mapBusy {
		changed := len(a.mem.Items) != v.mapAtItems || v.mapPasses == 0
		if !changed || time.Since(v.mapAt) < 4*viewRefresh {
			return
		}
		a.startMapPass()
		if len(v.mapSample) == 0 {
			v.mapAt = time.Now()
			v.mapAtItems = len(a.mem.Items)
			if v.mapShown == nil {
				v.mapShown = &viz.MapView{Note: "no stored digits yet"}
				v.view = viz.View{Map: v.mapShown}
				a.dirty = true
			}
			return
		}
		v.mapBusy = true
	}
	start := time.Now()
	n := len(v.mapSample)
	for v.mapNext < n && time.Since(start) < viewBudget {
		it := &v.mapSample[v.mapNext]
		e := v.mapCache[v.mapItems[v.mapNext]]
		tr, err := a.net.Recall(e.in)
		if err == nil {
			it.Trace = tr
		}
		v.mapNext++
	}
	for v.mapNext == n && v.mapRow < n && time.Since(start) < viewBudget {
		i := v.mapRow
		v.mapM[i*n+i] = 1
		for j := i + 1; j < n; j++ {
			agree, total := v.mapSample[i].Trace.Overlap(&v.mapSample[j].Trace, 1)
			f := 0.0
			if total > 0 {
				f = float64(agree) / float64(total)
			}
			v.mapM[i*n+j], v.mapM[j*n+i] = f, f
		}
		v.mapRow++
	}
	if v.mapRow < n {
		return
	}
	v.mapBusy = false
	v.mapPasses++
	mv := &viz.MapView{M: v.mapM}
	for _, it := range v.mapSample {
		mv.Classes = append(mv.Classes, it.Class)
	}
	mv.Within, mv.Between = teach.WithinBetween(v.mapSample, v.mapM)
	mv.Curve = teach.Curve(v.mapSample, v.mapM, 10)
	v.mapShown = mv
	v.view = viz.View{Map: mv}
	a.dirty = true
}

// startMapPass picks the sample (the first mapPerClass stored digits of
// each class, in class order) and starts recalling it.
func (a *app) startMapPass() {
	v := &a.v
	v.mapAt = time.Now()
	v.mapAtItems = len(a.mem.Items)
	if v.mapCache == nil {
		v.mapCache = map[int]mapEntry{}
	}
	var per [mnist.Classes][]int
	full := 0
	for i := range a.mem.Items {
		it := &a.mem.Items[i]
		if it.Label < 0 || it.Label >= mnist.Classes || len(per[it.Label]) >= mapPerClass {
			continue
		}
		if _, ok := v.mapCache[i]; !ok {
			var bm mnist.Bitmap
			if it.Taught() {
				bm = it.Image
			} else {
				img, _, ok := a.train.image(it.Record, a.imgBuf[:0])
				if !ok {
					continue
				}
				a.imgBuf = img
				w, h := a.train.size()
				var err error
				if bm, err = mnist.Preprocess(img, w, h, prep); err != nil {
					continue
				}
			}
			in, err := mnist.Encode(bm, a.grid)
			if err != nil {
				continue
			}
			v.mapCache[i] = mapEntry{bm: bm, in: in}
		}
		per[it.Label] = append(per[it.Label], i)
		if len(per[it.Label]) == mapPerClass {
			full++
			if full == mnist.Classes {
				break
			}
		}
	}
	v.mapSample, v.mapItems = v.mapSample[:0], v.mapItems[:0]
	for c := range per {
		for _, i := range per[c] {
			v.mapSample = append(v.mapSample, teach.MapItem{Class: c, Input: v.mapCache[i].bm})
			v.mapItems = append(v.mapItems, i)
		}
	}
	n := len(v.mapSample)
	v.mapNext, v.mapRow = 0, 0
	v.mapM = make([]float64, n*n)
}

// ---- capacity and cost ----

func (a *app) updateCapacity() {
	v := &a.v
	changed := false
	if v.nextBucket == 0 {
		v.nextBucket = (v.nn.Len()/costBucket + 1) * costBucket
	}
	if v.nn.Len() >= v.nextBucket && v.learnN > 0 {
		p := viz.CostPoint{Items: v.nn.Len(), LearnMs: v.learnMs / float64(v.learnN)}
		v.learnMs, v.learnN = 0, 0
		p.RecallMs, p.NNMs = a.measureCost()
		v.points = append(v.points, p)
		v.nextBucket = (v.nn.Len()/costBucket + 1) * costBucket
		changed = true
	}
	if (len(a.mem.Items) != v.statsItems || v.capView.Levels == nil) && time.Since(v.statsAt) >= 2*viewRefresh {
		v.statsAt, v.statsItems = time.Now(), len(a.mem.Items)
		cv := viz.CapacityView{Levels: a.shapes}
		for l := range a.shapes {
			st := a.net.Stats(l + 1)
			sat := make([]float64, len(st))
			fr := make([]bool, len(st))
			for m, s := range st {
				sat[m], fr[m] = s.Saturation, s.Frozen
			}
			cv.Sat = append(cv.Sat, sat)
			cv.Frozen = append(cv.Frozen, fr)
		}
		v.capView = cv
		changed = true
	}
	if changed {
		v.capView.Points = v.capView.Points[:0]
		v.capView.Points = append(v.capView.Points, v.points...)
		if v.nn.Len() == 0 {
			v.capView.Note = "learn digits to see the costs"
		}
		v.view = viz.View{Cap: &v.capView}
		a.dirty = true
	}
}

// measureCost times recall (Network.Recall) and a nearest-neighbour scan
// over the stored bitmaps, per query, on the last stored items as probes;
// each is repeated until 3 ms have passed (the browser clock is coarse).
func (a *app) measureCost() (recallMs, nnMs float64) {
	n := a.v.nn.Len()
	var ins []*engine.SDR
	var bms []mnist.Bitmap
	for i := max(0, n-16); i < n; i++ {
		bm := a.v.nn.At(i)
		in, err := mnist.Encode(bm, a.grid)
		if err != nil {
			continue
		}
		ins, bms = append(ins, in), append(bms, bm)
	}
	if len(ins) == 0 {
		return 0, 0
	}
	const least = 3 * time.Millisecond
	t0, k := time.Now(), 0
	for time.Since(t0) < least || k < len(ins) {
		a.net.Recall(ins[k%len(ins)])
		k++
	}
	recallMs = float64(time.Since(t0).Microseconds()) / 1000 / float64(k)
	t0, k = time.Now(), 0
	for time.Since(t0) < least || k < 2 {
		a.v.nn.Nearest(bms[k%len(bms)])
		k++
	}
	nnMs = float64(time.Since(t0).Microseconds()) / 1000 / float64(k)
	return recallMs, nnMs
}

// ---- sequences ----

func (a *app) seqNet() *teach.Seq {
	if a.v.seq == nil {
		s, err := teach.NewSeq(a.par.seed)
		if err != nil {
			a.v.seqErr = err.Error()
			return nil
		}
		a.v.seq = s
	}
	return a.v.seq
}

func (a *app) updateSeq() {
	v := &a.v
	s := a.seqNet()
	if s == nil || a.tracker.Active() {
		return
	}
	if a.pad.Version() == v.seqVer && s.Learned() == int(v.seqLast) && v.view.Seq != nil {
		return
	}
	v.seqVer, v.seqLast = a.pad.Version(), uint64(s.Learned())
	a.dirty = true
	sv := &v.seqView
	v.view = viz.View{Seq: sv}
	if sv.HasG && a.pad.Empty() && !v.seqShowsStored {
		sv.PrevG, sv.HasPrev = sv.MeanG, true
	}
	v.seqShowsStored = a.pad.Empty()
	sv.Frames, sv.FrameG, sv.HasG, sv.Replay, sv.Given = nil, nil, false, nil, seqGiven
	sv.Learned = s.Learned()
	sv.Note = ""
	switch {
	case a.pad.Empty() && v.seqStored == nil:
		sv.Note = fmt.Sprintf("%d sequences stored. draw a digit, then learn it as a sequence", s.Learned())
		return
	case a.pad.Empty():
		// Nothing drawn: replay the last stored drawing from its first frames.
		sv.Note = fmt.Sprintf("%d sequences stored, the last one:", s.Learned())
		sv.Frames = v.seqStored
	default:
		sv.Frames = teach.Frames(a.pad.Strokes(), seqFrames)
	}
	if s.Learned() == 0 {
		sv.Note = "nothing stored yet: learn this drawing as a sequence"
		return
	}
	gs, mean, err := s.Familiarity(sv.Frames)
	if err != nil {
		v.seqErr = err.Error()
		return
	}
	sv.FrameG, sv.MeanG, sv.HasG = gs, mean, true
	if rep, err := s.Replay(sv.Frames, seqGiven, len(sv.Frames)-seqGiven); err == nil {
		sv.Replay = rep
	}
}

// learnSequence stores the drawing as a sequence in one trial.
func (a *app) learnSequence() error {
	if a.pad.Empty() {
		return fmt.Errorf("draw something first")
	}
	s := a.seqNet()
	if s == nil {
		return fmt.Errorf("no sequence memory: %s", a.v.seqErr)
	}
	fr := teach.Frames(a.pad.Strokes(), seqFrames)
	if err := s.Learn(fr); err != nil {
		return err
	}
	a.v.seqStored = fr
	a.v.seqView.HasG = false // the same drawing again is no other order
	a.status = fmt.Sprintf("Learned the drawing as a sequence of %d frames in one trial (%d stored).", seqFrames, s.Learned())
	return nil
}

// ---- state, API, DOM ----

func (a *app) viewState() map[string]any {
	v := &a.v
	st := map[string]any{"view": a.par.view}
	switch a.par.view {
	case "csa":
		for k, x := range v.csaState {
			st[k] = x
		}
	case "map":
		st["mapPasses"] = v.mapPasses
		st["mapItems"] = len(v.mapSample)
		st["mapUpToDate"] = v.mapPasses > 0 && !v.mapBusy && v.mapAtItems == len(a.mem.Items)
		if m := v.mapShown; m != nil && len(m.Classes) > 0 {
			st["mapShown"] = len(m.Classes)
			st["mapWithin"], st["mapBetween"] = m.Within, m.Between
			curve := make([]any, len(m.Curve))
			for i, c := range m.Curve {
				curve[i] = map[string]any{"x": c.X, "y": c.Y, "n": c.N}
			}
			st["mapCurve"] = curve
		}
	case "capacity":
		pts := make([]any, 0, len(v.capView.Points))
		for _, p := range v.capView.Points {
			pts = append(pts, map[string]any{"items": p.Items, "learnMs": p.LearnMs, "recallMs": p.RecallMs, "nnMs": p.NNMs})
		}
		st["capPoints"] = pts
		sum, frozen, n := 0.0, 0, 0
		if len(v.capView.Sat) > 0 {
			for m, s := range v.capView.Sat[0] {
				sum += s
				n++
				if v.capView.Frozen[0][m] {
					frozen++
				}
			}
		}
		if n > 0 {
			st["capSaturation"], st["capFrozen"] = sum/float64(n), frozen
		}
	case "sequence":
		sv := &v.seqView
		st["seqLearned"], st["seqFrames"], st["seqReplay"] = sv.Learned, len(sv.Frames), len(sv.Replay)
		st["seqVersion"] = float64(v.seqVer)
		st["seqG"], st["seqPrevG"] = nil, nil
		if sv.HasG {
			st["seqG"] = sv.MeanG
			ink := 0.0
			for i, r := range sv.Replay {
				ink += teach.InkOverlap(r, sv.Frames[sv.Given+i])
			}
			if len(sv.Replay) > 0 {
				st["seqReplayInk"] = ink / float64(len(sv.Replay))
			}
		}
		if sv.HasPrev {
			st["seqPrevG"] = sv.PrevG
		}
		if v.seqErr != "" {
			st["seqError"] = v.seqErr
		}
	}
	return st
}

func (a *app) exposeViewAPI() {
	s := window.Get("sparsey")
	s.Set("setView", a.guard(func(args []js.Value) any {
		if len(args) > 0 {
			a.setView(jsString(args[0]))
		}
		return a.par.view
	}))
	// csa({mac, cm, g}): mac −1 is the default; g null ends the override.
	s.Set("csa", a.guard(func(args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeObject {
			return nil
		}
		o := args[0]
		if m := o.Get("mac"); m.Type() == js.TypeNumber {
			a.v.csaMac = m.Int()
		}
		if c := o.Get("cm"); c.Type() == js.TypeNumber {
			a.v.csaCM = c.Int()
		}
		if g := o.Get("g"); g.Type() == js.TypeNumber {
			a.v.csaOverride, a.v.csaG = true, min(max(g.Float(), 0), 1)
		} else if g.Type() == js.TypeNull {
			a.v.csaOverride = false
		}
		if o.Get("redraw").Truthy() {
			a.v.csaSeed++
		}
		if o.Get("walk").Truthy() {
			a.startWalk()
		}
		a.syncCSAControls()
		return nil
	}))
	s.Set("learnSequence", a.guard(func([]js.Value) any {
		if err := a.learnSequence(); err != nil {
			a.notice = err.Error()
			return map[string]any{"ok": false, "error": err.Error()}
		}
		a.notice = ""
		return map[string]any{"ok": true}
	}))
}

func setValue(id, v string) {
	if e := byID(id); e.Truthy() {
		e.Set("value", v)
	}
}

func (a *app) syncCSAControls() {
	setValue("csa-mac", fmt.Sprint(a.v.csaMac))
	setValue("csa-cm", fmt.Sprint(a.v.csaCM))
	if e := byID("csa-override"); e.Truthy() {
		e.Set("checked", a.v.csaOverride)
	}
	setValue("csa-g", fmt.Sprint(a.v.csaG))
	setText("csa-g-text", fmt.Sprintf("%.2f", a.v.csaG))
}

func (a *app) bindViewDOM() {
	a.v.csaMac, a.v.csaG = -1, 0.5
	// ?view=csa&mac=M&cm=Q&g=G choose the mac, the CM and a G override
	// (for embedding, where the panel is hidden).
	q, _ := url.ParseQuery(trimQ(window.Get("location").Get("search").String()))
	if n, err := strconv.Atoi(q.Get("mac")); err == nil {
		a.v.csaMac = n
	}
	if n, err := strconv.Atoi(q.Get("cm")); err == nil && n >= 0 {
		a.v.csaCM = n
	}
	if g, err := strconv.ParseFloat(q.Get("g"), 64); err == nil && g >= 0 && g <= 1 {
		a.v.csaOverride, a.v.csaG = true, g
	}
	on := func(id, event string, f func(el js.Value)) {
		el := byID(id)
		if !el.Truthy() {
			return
		}
		el.Call("addEventListener", event, a.guard(func([]js.Value) any { f(el); return nil }))
	}
	num := func(el js.Value) float64 { return el.Get("valueAsNumber").Float() }
	on("view", "change", func(el js.Value) { a.setView(el.Get("value").String()) })
	on("csa-mac", "input", func(el js.Value) {
		if n := num(el); n == n {
			a.v.csaMac = int(n)
		}
	})
	on("csa-cm", "input", func(el js.Value) {
		if n := num(el); n == n {
			a.v.csaCM = int(n)
		}
	})
	on("csa-override", "change", func(el js.Value) { a.v.csaOverride = el.Get("checked").Bool() })
	on("csa-g", "input", func(el js.Value) {
		a.v.csaG, a.v.csaOverride = num(el), true
		a.syncCSAControls()
	})
	on("csa-redraw", "click", func(js.Value) { a.v.csaSeed++ })
	on("csa-walk", "click", func(js.Value) { a.startWalk() })
	on("seq-learn", "click", func(js.Value) {
		if err := a.learnSequence(); err != nil {
			a.notice = err.Error()
		} else {
			a.notice = ""
		}
	})
	a.syncCSAControls()
	a.showViewControls()
}
