package core

import (
	"fmt"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/wasm/teach"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// The "capacity" view: how full each mac's weights are, what learning,
// recall and a nearest-neighbour scan cost per item as items are stored,
// and the episodic curve (teach.Capacity). The curve is measured here, in
// the page, on a copy of the network that learns the page's training
// digits from scratch in the background (the same network and digits give
// the same weights, so its end is the page's memory): so a memory that
// was loaded rather than learned in this page (served, restored from
// browser storage, a file) shows its curve too, and "Re-run" measures it
// again.

var capacitySpec = ViewSpec{
	Name:  "capacity",
	Title: "Capacity and cost",
	Doc:   "per mac the fraction of U weights set and frozen macs; learn, recall and linear-scan nearest-neighbour time per item every 500 items, beside the episodic curve (the top level's G of stored and of unseen digits, and their AUROC), measured on a copy that learns the page's digits from scratch",
	Controls: []Control{
		{ID: "cap-rerun", Kind: Button, Label: "Re-run the curve",
			Help: "learn the page's digits again from scratch on a copy of the network, measuring the costs and the episodic curve as it fills",
			Do:   func(a *App) error { a.view("capacity").(*capacityView).restart(); return nil }},
	},
	New: func(a *App) View { return &capacityView{a: a, cap: teach.Capacity{Bucket: capBucket}} },
}

// capBucket is the number of items between two points of the curve.
const capBucket = 500

type capacityView struct {
	a       *App
	cap     teach.Capacity
	net     *engine.Network // the copy that learns from scratch
	learned int             // training records it has gone through
	err     string
	view    viz.CapacityView
}

// CapacityRun is the view's measurement in state(): the training records
// the copy has learned of those the page's memory holds.
type CapacityRun struct {
	Learned int `json:"capLearned"`
	Target  int `json:"capTarget"`
}

type capacityState struct {
	teach.CapacityState
	CapacityRun
}

func (v *capacityView) Reset()   { v.restart() }
func (v *capacityView) Shown()   {}
func (v *capacityView) restart() { v.net, v.learned, v.err = nil, 0, ""; v.cap.Reset() }

func (v *capacityView) State() any {
	return capacityState{v.cap.State(), CapacityRun{Learned: v.learned, Target: v.a.mem.NextTrain}}
}

func (v *capacityView) Drawing() viz.View { return &v.view }

// Update learns the next training digits on the copy within budget, then
// lets teach.Capacity measure.
func (v *capacityView) Update(budget time.Duration) bool {
	a := v.a
	if a.net == nil || v.err != "" {
		return false
	}
	if v.net == nil {
		net, err := engine.New(a.net.Config())
		if err != nil {
			v.err = err.Error()
			v.view.Note = "cannot measure: " + v.err
			return true
		}
		v.net = net
		if v.cap.Unseen == nil {
			v.cap.Unseen = a.unseen
			startStream(a.test)
		}
	}
	start := a.now()
	target := min(a.mem.NextTrain, a.train.Len())
	w, h := a.train.Width(), a.train.Height()
	for v.learned < target && a.now().Sub(start) < budget {
		i := v.learned
		v.learned++
		bm, in, err := a.enc.Image(a.train.Image(i), w, h)
		if err != nil {
			continue // no ink: the page did not learn it either
		}
		t0 := a.now()
		if _, err := v.net.Learn(in, a.train.Label(i)); err != nil {
			v.err = err.Error()
			return true
		}
		v.cap.Learned(bm, a.now().Sub(t0))
		if v.cap.Len()%capBucket == 0 {
			break // a point is due: measure it at these items
		}
	}
	changed := v.cap.Update(v.net, a.enc.Bitmap, a.now, 2*viewRefresh)
	run := ""
	switch {
	case a.Phase() == "loading":
		run = "loading the memory"
	case v.learned < a.mem.NextTrain:
		run = fmt.Sprintf("measuring, %d of %d learned", v.learned, a.mem.NextTrain)
	}
	if changed || run != v.view.Run {
		v.view = *v.cap.View()
		v.view.Run = run
		changed = true
	}
	return changed
}

// unseen is the i-th input never stored, for the episodic curve: a test
// digit, or, until the test data has arrived, a training digit not learned
// yet.
func (a *App) unseen(i int) (*engine.SDR, bool) {
	src, j := a.test, i
	if i >= a.test.Len() {
		src, j = a.train, a.mem.NextTrain+i
		if j >= a.train.Len() || a.training() {
			return nil, false
		}
	}
	_, in, err := a.enc.Image(src.Image(j), src.Width(), src.Height())
	return in, err == nil
}
