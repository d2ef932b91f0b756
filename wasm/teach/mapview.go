package teach

import (
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// MapItems are the stored items the semantic map samples from, by index
// in storage order.
type MapItems interface {
	Len() int
	// Label is item i's class (a digit 0..9; other labels are skipped).
	Label(i int) int
	// Input is item i's preprocessed image and network input, if they are
	// available (a training digit whose data has not arrived is not).
	Input(i int) (mnist.Bitmap, *engine.SDR, bool)
}

// Map is the "map" view: the code overlaps of the first PerClass stored
// digits of each class, recalled again whenever more items are stored, at
// the top level (episodic memory: each item its own code, so that items
// share next to nothing, whatever their class) and at level 1 (semantic
// memory: digits of a class share more of their codes than digits of
// different classes), and code overlap against input overlap at both. Its
// work is done in slices (Update) so that learning goes on meanwhile.
type Map struct {
	// PerClass is the number of stored digits per class in the sample
	// (default 20).
	PerClass int

	sample  []MapItem
	keys    []int // item index of each sample item
	cache   map[int]mapEntry
	next    int         // next sample item to recall
	row     int         // next row of the overlap matrices
	levels  []int       // the levels compared: the top, then 1
	m       [][]float64 // per level
	atItems int         // items stored when the pass started
	at      time.Time
	passes  int
	busy    bool
	shown   *viz.MapView
}

type mapEntry struct {
	bm mnist.Bitmap
	in *engine.SDR
}

// MapState is the view's part of the page's state() (see web/README.md).
type MapState struct {
	Passes   int  `json:"mapPasses"`   // passes completed
	Items    int  `json:"mapItems"`    // items in the current sample
	UpToDate bool `json:"mapUpToDate"` // the last pass saw every item stored now
	// The map shown, when there is one: Within, Between and Curve are level
	// 1's; Levels has every level compared (the top level first).
	Shown   int          `json:"mapShown,omitempty"`
	Within  *float64     `json:"mapWithin,omitempty"`
	Between *float64     `json:"mapBetween,omitempty"`
	Curve   []CurvePoint `json:"mapCurve,omitempty"`
	Levels  []MapLevel   `json:"mapLevels,omitempty"`
}

// MapLevel is one level's map in MapState.
type MapLevel struct {
	Level   int     `json:"level"`
	Within  float64 `json:"within"`  // mean overlap of two digits of one class
	Between float64 `json:"between"` // … of two digits of different classes
	// Nearest is the mean, over the digits, of the largest overlap with
	// another digit: how close the nearest other episode's code is.
	Nearest float64      `json:"nearest"`
	Curve   []CurvePoint `json:"curve"`
}

// CurvePoint is one bin of the similarity curve in MapState.
type CurvePoint struct {
	X float64 `json:"x"` // mean input overlap
	Y float64 `json:"y"` // mean code overlap
	N int     `json:"n"` // pairs
}

// Reset forgets the sample and the map (after the memory was replaced).
func (m *Map) Reset() { *m = Map{PerClass: m.PerClass} }

// Restart makes the next Update start a new pass at once.
func (m *Map) Restart() { m.passes, m.busy, m.shown, m.at = 0, false, nil, time.Time{} }

// Update does the map's work until budget has passed (by now): when the
// stored items changed and at least refresh passed since the last pass
// began, a new pass picks the sample and recalls it on net, then fills the
// overlap matrix. It reports whether View changed.
func (m *Map) Update(net *engine.Network, items MapItems, now func() time.Time, budget, refresh time.Duration) bool {
	start := now()
	if !m.busy {
		if items.Len() == m.atItems && m.passes > 0 || start.Sub(m.at) < refresh {
			return false
		}
		m.levels = []int{net.Levels()}
		if net.Levels() > 1 {
			m.levels = append(m.levels, 1)
		}
		m.start(items, start)
		if len(m.sample) == 0 {
			if m.shown == nil {
				m.shown = &viz.MapView{Note: "no stored digits yet"}
				return true
			}
			return false
		}
		m.busy = true
	}
	n := len(m.sample)
	for m.next < n && now().Sub(start) < budget {
		if tr, err := net.Recall(m.cache[m.keys[m.next]].in); err == nil {
			m.sample[m.next].Trace = tr
		}
		m.next++
	}
	for m.next == n && m.row < n && now().Sub(start) < budget {
		i := m.row
		for li, level := range m.levels {
			mm := m.m[li]
			mm[i*n+i] = 1
			for j := i + 1; j < n; j++ {
				agree, total := m.sample[i].Trace.Overlap(&m.sample[j].Trace, level)
				f := 0.0
				if total > 0 {
					f = float64(agree) / float64(total)
				}
				mm[i*n+j], mm[j*n+i] = f, f
			}
		}
		m.row++
	}
	if m.row < n {
		return false
	}
	m.busy = false
	m.passes++
	mv := &viz.MapView{}
	for _, it := range m.sample {
		mv.Classes = append(mv.Classes, it.Class)
	}
	for li, level := range m.levels {
		ml := viz.MapLevel{Level: level, Name: "level 1", M: m.m[li]}
		if li == 0 && level > 1 {
			ml.Name = "top level"
		}
		ml.Within, ml.Between = WithinBetween(m.sample, ml.M)
		ml.Curve = Curve(m.sample, ml.M, 10)
		mv.Levels = append(mv.Levels, ml)
	}
	m.shown = mv
	return true
}

// start picks the sample: the first PerClass stored digits of each class,
// in class order.
func (m *Map) start(items MapItems, now time.Time) {
	per := m.PerClass
	if per <= 0 {
		per = 20
	}
	m.at, m.atItems = now, items.Len()
	if m.cache == nil {
		m.cache = map[int]mapEntry{}
	}
	var byClass [mnist.Classes][]int
	full := 0
	for i := range items.Len() {
		c := items.Label(i)
		if c < 0 || c >= mnist.Classes || len(byClass[c]) >= per {
			continue
		}
		if _, ok := m.cache[i]; !ok {
			bm, in, ok := items.Input(i)
			if !ok {
				continue
			}
			m.cache[i] = mapEntry{bm: bm, in: in}
		}
		byClass[c] = append(byClass[c], i)
		if len(byClass[c]) == per {
			if full++; full == mnist.Classes {
				break
			}
		}
	}
	m.sample, m.keys = m.sample[:0], m.keys[:0]
	for c := range byClass {
		for _, i := range byClass[c] {
			m.sample = append(m.sample, MapItem{Class: c, Input: m.cache[i].bm})
			m.keys = append(m.keys, i)
		}
	}
	n := len(m.sample)
	m.next, m.row = 0, 0
	m.m = m.m[:0]
	for range m.levels {
		m.m = append(m.m, make([]float64, n*n))
	}
}

// View is the map to draw, nil before the first pass.
func (m *Map) View() *viz.MapView { return m.shown }

// State is the view's state; items is the number of items stored now.
func (m *Map) State(items int) MapState {
	st := MapState{Passes: m.passes, Items: len(m.sample), UpToDate: m.passes > 0 && !m.busy && m.atItems == items}
	if v := m.shown; v != nil && len(v.Classes) > 0 {
		st.Shown = len(v.Classes)
		for _, ml := range v.Levels {
			l := MapLevel{Level: ml.Level, Within: ml.Within, Between: ml.Between, Nearest: NearestOther(ml.M, len(v.Classes)),
				Curve: make([]CurvePoint, len(ml.Curve))}
			for i, c := range ml.Curve {
				l.Curve[i] = CurvePoint{X: c.X, Y: c.Y, N: c.N}
			}
			st.Levels = append(st.Levels, l)
			if ml.Level == 1 {
				w, b := ml.Within, ml.Between
				st.Within, st.Between, st.Curve = &w, &b, l.Curve
			}
		}
	}
	return st
}

// NearestOther is the mean over the n items of an overlap matrix of each
// item's largest overlap with another item.
func NearestOther(m []float64, n int) float64 {
	if n < 2 || len(m) != n*n {
		return 0
	}
	sum := 0.0
	for i := range n {
		best := 0.0
		for j := range n {
			if j != i {
				best = max(best, m[i*n+j])
			}
		}
		sum += best
	}
	return sum / float64(n)
}
