package teach

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// CSA is the "csa" view: the Code Selection Algorithm of one CM of one
// mac of any level for an input, step by step (engine.Network.Explain): the
// local matches V, the relative likelihoods μ and the win probabilities ρ
// of the CM's cells, the mac's familiarity G and expansivity η, the max-V
// cell and a cell drawn from ρ. Its exported fields are the visitor's
// settings; Walk steps through the active macs one at a time.
type CSA struct {
	// Level (1-based; out of range: 1) and Grid (in the level; out of
	// range: 0) choose the grid of the mac shown.
	Level, Grid int
	// Mac is the mac shown; out of range (−1) means the grid's most active
	// mac: the one with the most active inputs in its field (pixels at
	// level 1, macs above), then the highest G.
	Mac int
	// CM is the CM shown (clamped to the mac's CMs).
	CM int
	// Override replaces the mac's own G by G for η, μ and ρ.
	Override bool
	G        float64
	// Seed seeds the draw from ρ (with the mac's index); change it to draw
	// again.
	Seed uint64
	// Auto lets the view choose Level, Grid and Mac at each Show (choose);
	// a choice of them by the visitor, the address or a host clears it.
	Auto bool

	walk    []int // the macs to walk through
	walkIdx int
	walkAt  time.Time
	active  []bool // the grid's active macs for the input last shown
}

// CSAState is the view's part of the page's state() (see web/README.md).
type CSAState struct {
	Level     int     `json:"csaLevel"` // the level of the mac shown (1-based)
	Grid      int     `json:"csaGrid"`  // its grid in the level
	Mac       *int    `json:"csaMac"`   // the mac shown; null without input
	Active    bool    `json:"csaActive"`
	CM        int     `json:"csaCM"`
	K         int     `json:"csaK"`
	G         float64 `json:"csaG"`     // the G used (the override when set)
	RealG     float64 `json:"csaRealG"` // the mac's own G
	Eta       float64 `json:"csaEta"`
	Override  bool    `json:"csaOverride"`
	MaxV      int     `json:"csaMaxV"`
	Drawn     int     `json:"csaDrawn"`
	VMax      float64 `json:"csaVMax"`
	RhoMax    float64 `json:"csaRhoMax"`
	RhoMin    float64 `json:"csaRhoMin"`
	RhoAtMaxV float64 `json:"csaRhoAtMaxV"`
	// Learnable is the number of the CM's cells a learning draw may
	// choose: K, or with per-cell critical periods (the default network's
	// levels below the top) the CM's youngest cell and its cells never
	// chosen; ρ is zero on the others. 0: the CM has closed.
	Learnable int  `json:"csaLearnable"`
	Walk      bool `json:"csaWalk"`
	WalkStep  int  `json:"csaWalkStep"`
	// Version and Map are the page's: the version of the drawing shown and
	// where the mini map of every grid's macs is on the canvas.
	Version float64  `json:"csaVersion"`
	Map     []CSAMap `json:"csaMap,omitempty"`
}

// CSAMap places one grid of the view's mini map of macs, in CSS pixels:
// mac m is the square of side Side at (X + (m%W)·Pitch, Y + (m/W)·Pitch).
type CSAMap struct {
	Level int `json:"level"`
	Grid  int `json:"grid"`
	X     int `json:"x"`
	Y     int `json:"y"`
	Pitch int `json:"pitch"`
	Side  int `json:"side"`
	W     int `json:"w"` // macs per row
	H     int `json:"h"` // rows
}

// NewCSA returns the view's default settings: the mac Show chooses
// (Auto), CM 0, no override (G
// 0.5 when one is set).
func NewCSA() CSA { return CSA{Level: 1, Mac: -1, G: 0.5, Auto: true} }

// gOne is the G the view takes for 1 (the familiar code wins outright).
const gOne = 0.999

// grid is the index in shapes of the chosen grid (the first one if the
// choice is out of range).
func (c *CSA) grid(shapes []viz.Shape) int {
	for i, s := range shapes {
		if s.Level == c.Level && s.Grid == c.Grid {
			return i
		}
	}
	return 0
}

// Show explains the input in (nil: nothing to show) on net and returns
// what to draw and the state.
func (c *CSA) Show(net *engine.Network, in *engine.SDR) (viz.CSAView, CSAState) {
	st := CSAState{Override: c.Override, G: c.G, Walk: len(c.walk) > 0, WalkStep: c.walkIdx}
	cfg := net.Config()
	shapes := viz.GridShapes(cfg)
	gi := c.grid(shapes)
	cv := viz.CSAView{Shapes: shapes, Grid: gi, Mac: -1, CM: c.CM}
	st.Level, st.Grid = shapes[gi].Level, shapes[gi].Grid
	if in == nil {
		cv.Note = "draw a digit on the pad"
		return cv, st
	}
	tr, err := net.Recall(in)
	if err != nil {
		cv.Note = err.Error()
		return cv, st
	}
	grids := viz.Grids(&tr)
	for _, g := range grids {
		cv.Active, cv.G = append(cv.Active, g.Active), append(cv.G, g.G)
	}
	why := ""
	if c.Auto {
		// The mac of the whole hierarchy whose CSA shows the draw at
		// work: an active mac whose G is strictly between its grid's G⁻
		// (at or below it η = 1 and ρ is even: a new code) and 1 (the
		// familiar code wins outright). Of those, the one whose draw in
		// its first CM is closest to a coin toss between the familiar
		// cell and the others: ρ of its max-V cell closest to 1/2 (G
		// alone does not tell: ρ also depends on how the V compare to
		// the mac's sigmoid centre); ties: the lowest level, grid, mac.
		// With none, level 1's first grid and its most active mac. (Not
		// the CM shown: picking a CM does not move the mac.)
		gi, c.Mac = 0, -1
		best := 1.0
		why = "no mac's g is between its threshold and 1, so level 1's most active mac: "
		for i, g := range grids {
			f := cfg.Levels[shapes[i].Level-1].Grids[shapes[i].Grid].GFloor
			for m, act := range g.Active {
				if act && g.G[m] > f && g.G[m] < gOne {
					e, err := net.Explain(in, engine.MacID{Level: shapes[i].Level, Grid: shapes[i].Grid, Mac: m})
					if err != nil {
						continue
					}
					if d := math.Abs(e.Rho[e.Winners[0]] - 0.5); d < best {
						best, gi, c.Mac = d, i, m
						why = "chosen: "
					}
				}
			}
		}
		c.Level, c.Grid, cv.Grid = shapes[gi].Level, shapes[gi].Grid, gi
	}
	sh := shapes[gi]
	st.Level, st.Grid = sh.Level, sh.Grid
	lt := grids[gi]
	c.active = lt.Active
	mac := c.Mac
	id := func(m int) engine.MacID { return engine.MacID{Level: sh.Level, Grid: sh.Grid, Mac: m} }
	var ex engine.MacExplain
	if mac < 0 || mac >= len(lt.Active) {
		mac = -1
		for m, act := range lt.Active {
			if !act {
				continue
			}
			e, err := net.Explain(in, id(m))
			if err != nil {
				continue
			}
			if mac < 0 || e.PiU > ex.PiU || e.PiU == ex.PiU && e.G > ex.G {
				mac, ex = m, e
			}
		}
		if mac < 0 {
			cv.Note = "no mac of this grid is active"
			return cv, st
		}
	} else if ex, err = net.Explain(in, id(mac)); err != nil {
		cv.Note = err.Error()
		return cv, st
	}
	cv.Mac = mac
	st.Mac = &mac
	if !ex.Active {
		cv.Note = fmt.Sprintf("mac %d is silent: %d active inputs, band %d..%d", mac, ex.PiU, ex.PiMin, ex.PiMax)
		return cv, st
	}
	cv.RealG = ex.G
	if c.Override {
		ex = ex.WithG(c.G)
	}
	cm := min(max(c.CM, 0), ex.Q-1)
	k := ex.K
	cv.CM = cm
	cv.V, cv.Mu, cv.Rho = ex.V[cm*k:(cm+1)*k], ex.Mu[cm*k:(cm+1)*k], ex.Rho[cm*k:(cm+1)*k]
	cv.MacG, cv.Eta, cv.Override = ex.G, ex.Eta, c.Override
	if c.Override {
		cv.MacG = c.G
	}
	cv.MaxV = ex.Winners[cm]
	cv.Why = csaWhy(cv.MacG, ex.Eta, c.Override)
	if why != "" && !c.Override {
		cv.Why = why + cv.Why
	}
	rng := rand.New(rand.NewPCG(c.Seed, uint64(gi)<<32|uint64(mac)))
	cv.Drawn = ex.Draw(rng)[cm]
	rmin, rmax, vmax := 1.0, 0.0, 0.0
	for i := range k {
		rmin, rmax, vmax = min(rmin, cv.Rho[i]), max(rmax, cv.Rho[i]), max(vmax, cv.V[i])
	}
	st.Active, st.CM, st.K, st.G, st.RealG, st.Eta = true, cm, k, cv.MacG, cv.RealG, ex.Eta
	st.MaxV, st.Drawn, st.VMax, st.RhoMax, st.RhoMin, st.RhoAtMaxV = cv.MaxV, cv.Drawn, vmax, rmax, rmin, cv.Rho[cv.MaxV]
	st.Learnable = k
	if ex.Learnable != nil {
		st.Learnable = 0
		for _, ok := range ex.Learnable[cm*k : (cm+1)*k] {
			if ok {
				st.Learnable++
			}
		}
	}
	return cv, st
}

// StartWalk starts walking through the active macs of the input last
// shown, from the first; false if none is active.
func (c *CSA) StartWalk(now time.Time) bool {
	c.walk = c.walk[:0]
	for m, act := range c.active {
		if act {
			c.walk = append(c.walk, m)
		}
	}
	if len(c.walk) == 0 {
		c.walk = nil
		return false
	}
	c.walkIdx, c.walkAt, c.Mac, c.Auto = 0, now, c.walk[0], false
	return true
}

// Walking reports whether a walk is under way.
func (c *CSA) Walking() bool { return len(c.walk) > 0 }

// Step moves a walk to the next active mac once step has passed since the
// last move, and after the last one back to the most active mac. It
// reports whether Mac changed.
func (c *CSA) Step(now time.Time, step time.Duration) bool {
	if len(c.walk) == 0 || now.Sub(c.walkAt) < step {
		return false
	}
	c.walkIdx++
	c.walkAt = now
	if c.walkIdx >= len(c.walk) {
		c.walk, c.Mac = nil, -1
	} else {
		c.Mac = c.walk[c.walkIdx]
	}
	return true
}

// csaWhy says what the mac's G (and the η it gives) makes of the CSA's
// draw.
func csaWhy(g, eta float64, override bool) string {
	src := "its g"
	if override {
		src = "the g set"
	}
	switch {
	case g >= gOne:
		return src + " is 1: the max-v cell all but surely wins (the familiar code) - pick a mac of another level, or set g, to see the draw at work"
	case eta <= 1.0001:
		return src + " is below the threshold: eta 1, rho even over the cells (a new code) - pick a mac of another level, or set g, to see the draw at work"
	}
	return src + " is between the threshold and 1: eta makes rho favour the high-v cells"
}
