package teach

import (
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// Capacity is the "capacity" view: per mac the fraction of U weights set
// and the frozen macs; every Bucket items learned, the learn time per item,
// the recall time per item and the time of a nearest-neighbour scan over
// the stored bitmaps (NNStore), whose cost grows with the items while
// Sparsey's does not; and, at the same points, the episodic curve: the top
// level's mean familiarity G of Sample stored items (spread over all
// stored so far, the oldest included) and of Sample items never stored
// (Unseen), with the AUROC of G telling them apart. As the memory fills,
// its binary weights saturate and the two come closer: that is its
// capacity. Learned must see every item learned.
type Capacity struct {
	// Bucket is the number of items per point of the cost plot (default 500).
	Bucket int
	// Probe is the least time each cost measurement repeats for (default
	// 3 ms: the browser's clock is coarse).
	Probe time.Duration
	// Unseen returns the i-th input never stored, if there is one (the
	// test digits); nil: no episodic curve.
	Unseen func(i int) (*engine.SDR, bool)
	// Sample is the number of stored and of unseen items per point of the
	// episodic curve (default 40).
	Sample int

	nn         NNStore
	learnMs    float64 // learn time summed since the last point
	learnN     int
	points     []viz.CostPoint
	epi        []viz.EpiPoint
	next       int // items stored at the next point
	statsAt    time.Time
	statsItems int
	view       viz.CapacityView
	has        bool // view has stats
}

// CapacityState is the view's part of the page's state() (see
// web/README.md).
type CapacityState struct {
	Points     []CostPoint `json:"capPoints"`
	Episodic   []EpiPoint  `json:"capEpisodic"`
	Saturation *float64    `json:"capSaturation,omitempty"` // mean over level 1's macs
	Frozen     *int        `json:"capFrozen,omitempty"`     // level 1's frozen macs
}

// CostPoint is one point of the cost plot in CapacityState.
type CostPoint struct {
	Items    int     `json:"items"`
	LearnMs  float64 `json:"learnMs"`
	RecallMs float64 `json:"recallMs"`
	NNMs     float64 `json:"nnMs"`
}

// EpiPoint is one point of the episodic curve in CapacityState.
type EpiPoint struct {
	Items   int     `json:"items"`
	StoredG float64 `json:"storedG"` // mean top-level G of stored items
	UnseenG float64 `json:"unseenG"` // … of items never stored
	AUROC   float64 `json:"auroc"`   // of G separating them (0.5: chance)
}

// Reset forgets every measurement, keeping the settings (Bucket, Probe,
// Unseen, Sample).
func (c *Capacity) Reset() {
	*c = Capacity{Bucket: c.Bucket, Probe: c.Probe, Unseen: c.Unseen, Sample: c.Sample}
}

// Learned records one learned item: its preprocessed bitmap and how long
// learning it took.
func (c *Capacity) Learned(bm mnist.Bitmap, d time.Duration) {
	c.nn.Add(bm)
	c.learnMs += float64(d.Microseconds()) / 1000
	c.learnN++
}

// Len is the number of items recorded by Learned.
func (c *Capacity) Len() int { return c.nn.Len() }

// Update adds a cost point when a bucket is full (measuring recall on net
// with inputs made by encode) and refreshes the weight statistics when
// items were learned and statsEvery passed. It reports whether View
// changed.
func (c *Capacity) Update(net *engine.Network, encode func(mnist.Bitmap) (*engine.SDR, error), now func() time.Time, statsEvery time.Duration) bool {
	bucket := c.Bucket
	if bucket <= 0 {
		bucket = 500
	}
	changed := false
	if c.next == 0 {
		c.next = (c.nn.Len()/bucket + 1) * bucket
	}
	if c.nn.Len() >= c.next && c.learnN > 0 {
		p := viz.CostPoint{Items: c.nn.Len(), LearnMs: c.learnMs / float64(c.learnN)}
		c.learnMs, c.learnN = 0, 0
		p.RecallMs, p.NNMs = c.measure(net, encode, now)
		c.points = append(c.points, p)
		if e, ok := c.episodic(net, encode); ok {
			c.epi = append(c.epi, e)
		}
		c.next = (c.nn.Len()/bucket + 1) * bucket
		changed = true
	}
	t := now()
	if (net.Items() != c.statsItems || !c.has) && t.Sub(c.statsAt) >= statsEvery {
		c.statsAt, c.statsItems, c.has = t, net.Items(), true
		shapes := viz.GridShapes(net.Config())
		cv := viz.CapacityView{Levels: shapes}
		for _, sh := range shapes {
			st := net.Stats(sh.Level, sh.Grid)
			sat := make([]float64, len(st))
			fr := make([]bool, len(st))
			for m, s := range st {
				sat[m], fr[m] = s.Saturation, s.Frozen
			}
			cv.Sat = append(cv.Sat, sat)
			cv.Frozen = append(cv.Frozen, fr)
		}
		c.view = cv
		changed = true
	}
	if changed {
		c.view.Points = append(c.view.Points[:0], c.points...)
		c.view.Epi = append(c.view.Epi[:0], c.epi...)
		c.view.Note = ""
		if c.nn.Len() == 0 {
			c.view.Note = "learn digits to see the costs"
		}
	}
	return changed
}

// measure times recall (Network.Recall) and a nearest-neighbour scan over
// the stored bitmaps, per query, on the last stored items as probes; each
// is repeated until Probe has passed.
func (c *Capacity) measure(net *engine.Network, encode func(mnist.Bitmap) (*engine.SDR, error), now func() time.Time) (recallMs, nnMs float64) {
	least := c.Probe
	if least <= 0 {
		least = 3 * time.Millisecond
	}
	n := c.nn.Len()
	var ins []*engine.SDR
	var bms []mnist.Bitmap
	for i := max(0, n-16); i < n; i++ {
		bm := c.nn.At(i)
		in, err := encode(bm)
		if err != nil {
			continue
		}
		ins, bms = append(ins, in), append(bms, bm)
	}
	if len(ins) == 0 {
		return 0, 0
	}
	t0, k := now(), 0
	for now().Sub(t0) < least || k < len(ins) {
		net.Recall(ins[k%len(ins)])
		k++
	}
	recallMs = float64(now().Sub(t0).Microseconds()) / 1000 / float64(k)
	t0, k = now(), 0
	for now().Sub(t0) < least || k < 2 {
		c.nn.Nearest(bms[k%len(bms)])
		k++
	}
	nnMs = float64(now().Sub(t0).Microseconds()) / 1000 / float64(k)
	return recallMs, nnMs
}

// episodic measures a point of the episodic curve: the top level's G of
// Sample stored items, evenly spread over all stored, and of the first
// Sample unseen items.
func (c *Capacity) episodic(net *engine.Network, encode func(mnist.Bitmap) (*engine.SDR, error)) (viz.EpiPoint, bool) {
	if c.Unseen == nil {
		return viz.EpiPoint{}, false
	}
	k := c.Sample
	if k <= 0 {
		k = 40
	}
	n := c.nn.Len()
	var stored, unseen []float64
	for j := range min(k, n) {
		i := (2*j + 1) * n / (2 * min(k, n))
		if in, err := encode(c.nn.At(i)); err == nil {
			if tr, err := net.Recall(in); err == nil {
				stored = append(stored, tr.G)
			}
		}
	}
	for i := range k {
		in, ok := c.Unseen(i)
		if !ok {
			break
		}
		if tr, err := net.Recall(in); err == nil {
			unseen = append(unseen, tr.G)
		}
	}
	if len(stored) == 0 || len(unseen) == 0 {
		return viz.EpiPoint{}, false
	}
	return viz.EpiPoint{Items: n, StoredG: mean(stored), UnseenG: mean(unseen), AUROC: AUROC(stored, unseen)}, true
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(max(len(v), 1))
}

// AUROC is the probability that a random pos outscores a random neg (ties
// count one half): 1 when every pos is above every neg, 0.5 for chance.
func AUROC(pos, neg []float64) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return 0
	}
	s := 0.0
	for _, p := range pos {
		for _, q := range neg {
			switch {
			case p > q:
				s++
			case p == q:
				s += 0.5
			}
		}
	}
	return s / float64(len(pos)*len(neg))
}

// View is what to draw.
func (c *Capacity) View() *viz.CapacityView { return &c.view }

// State is the view's state.
func (c *Capacity) State() CapacityState {
	st := CapacityState{Points: make([]CostPoint, 0, len(c.view.Points)), Episodic: make([]EpiPoint, 0, len(c.view.Epi))}
	for _, p := range c.view.Points {
		st.Points = append(st.Points, CostPoint{Items: p.Items, LearnMs: p.LearnMs, RecallMs: p.RecallMs, NNMs: p.NNMs})
	}
	for _, e := range c.view.Epi {
		st.Episodic = append(st.Episodic, EpiPoint{Items: e.Items, StoredG: e.StoredG, UnseenG: e.UnseenG, AUROC: e.AUROC})
	}
	if len(c.view.Sat) > 0 && len(c.view.Sat[0]) > 0 {
		sum, frozen := 0.0, 0
		for m, s := range c.view.Sat[0] {
			sum += s
			if c.view.Frozen[0][m] {
				frozen++
			}
		}
		mean := sum / float64(len(c.view.Sat[0]))
		st.Saturation, st.Frozen = &mean, &frozen
	}
	return st
}
