package teach

import (
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// Capacity is the "capacity" view: per mac the fraction of U weights set
// and the frozen macs; and, every Bucket items learned, the learn time per
// item, the recall time per item and the time of a nearest-neighbour scan
// over the stored bitmaps (NNStore), whose cost grows with the items while
// Sparsey's does not. Learned must see every item learned.
type Capacity struct {
	// Bucket is the number of items per point of the cost plot (default 500).
	Bucket int
	// Probe is the least time each cost measurement repeats for (default
	// 3 ms: the browser's clock is coarse).
	Probe time.Duration

	nn         NNStore
	learnMs    float64 // learn time summed since the last point
	learnN     int
	points     []viz.CostPoint
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

// View is what to draw.
func (c *Capacity) View() *viz.CapacityView { return &c.view }

// State is the view's state.
func (c *Capacity) State() CapacityState {
	st := CapacityState{Points: make([]CostPoint, 0, len(c.view.Points))}
	for _, p := range c.view.Points {
		st.Points = append(st.Points, CostPoint{Items: p.Items, LearnMs: p.LearnMs, RecallMs: p.RecallMs, NNMs: p.NNMs})
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
