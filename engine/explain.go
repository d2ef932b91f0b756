package engine

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// MacExplain is every intermediate value of the CSA for one mac on one
// input, for teaching: the raw sums, V, G, η, μ and ρ of each cell. Values
// are the same the network computes (V from its fixed-point path).
type MacExplain struct {
	MacID
	Q, K   int
	Active bool // inside the π band
	PiU    int  // active units in the U field (pixels or active macs)
	PiMin  int
	PiMax  int       // 0: no upper bound
	U      []int     // raw U sum per cell (Q×K, CM-major)
	V      []float64 // local match per cell
	G      float64   // familiarity: mean over CMs of the best V
	Eta    float64   // expansivity η(G)
	Mu     []float64 // relative win likelihood per cell
	Rho    []float64 // win probability per cell (sums to 1 in each CM)
	// Learnable marks, per cell, whether a learning draw may choose it:
	// with per-cell critical periods (GridConfig.CellPeriods) only a CM's
	// youngest cell and its cells never chosen may, and ρ is over them (a
	// CM with none has closed: it keeps its max-V cell, ρ = 1 there). Nil
	// when every cell may.
	Learnable  []bool
	Winners    []int   // the max-V cell of each CM (recognition's code)
	Center     float64 // sigmoid centre c of the mac
	gFloor     float64
	gamma, chi float64
	sig        []float64
	centerQ16  int32
	vQ16       []int32
}

// MacID names a mac: its level (1-based), the index of its grid in the
// level and its index in the grid (row-major), both from 0.
type MacID struct {
	Level, Grid, Mac int
}

// ErrExplain reports a level, grid or mac outside the network.
var ErrExplain = errors.New("engine: no such level, grid or mac")

// grid returns the grid holding id, or an error wrapping ErrExplain.
func (n *Network) gridOf(id MacID) (*grid, error) {
	if id.Level < 1 || id.Level > len(n.levels) || id.Grid < 0 || id.Grid >= len(n.levels[id.Level-1]) {
		return nil, fmt.Errorf("%w: %+v", ErrExplain, id)
	}
	g := n.levels[id.Level-1][id.Grid]
	if id.Mac < 0 || id.Mac >= len(g.macs) {
		return nil, fmt.Errorf("%w: %+v", ErrExplain, id)
	}
	return g, nil
}

// Explain recalls in (bottom-up, no learning, no sequence context) and
// returns the CSA's values for the mac id.
func (n *Network) Explain(in *SDR, id MacID) (MacExplain, error) {
	l, err := n.gridOf(id)
	if err != nil {
		return MacExplain{}, err
	}
	if err := n.checkInput(in, -1); err != nil {
		return MacExplain{}, err
	}
	copy(n.pix, in.words())
	n.noContext = true
	defer func() { n.noContext = false }()
	for _, g := range n.grids {
		if g.level > l.level {
			break
		}
		for mm := range g.macs {
			if g == l && mm == id.Mac {
				continue
			}
			g.active[mm] = n.step(g, mm, false)
		}
	}
	mc := &l.macs[id.Mac]
	cfg := l.cfg
	e := MacExplain{MacID: id, Q: l.q, K: l.k, PiMin: cfg.PiMin, PiMax: cfg.PiMax,
		Center: float64(mc.center) / vOne, gFloor: cfg.GFloor, gamma: cfg.Gamma, chi: cfg.Chi,
		sig: l.sig, centerQ16: mc.center}
	e.PiU = n.gatherU(l, mc)
	e.Active = e.PiU >= cfg.PiMin && (cfg.PiMax == 0 || e.PiU <= cfg.PiMax)
	uActive := n.uActive(l, mc)
	code := make([]uint16, l.q)
	if uActive > 0 {
		n.generalMax(l, mc, uActive, 0, 0, code)
	} else {
		clear(n.vals[:l.cells])
	}
	e.V = make([]float64, l.cells)
	e.vQ16 = append([]int32(nil), n.vals[:l.cells]...)
	sums := make([]int32, l.cells)
	if uActive > 0 {
		n.uSums(l, mc, sums)
	}
	e.U = make([]int, l.cells)
	for i := range e.U {
		e.U[i] = int(sums[i])
		e.V[i] = float64(e.vQ16[i]) / vOne
	}
	e.Winners = make([]int, l.q)
	for q, w := range code {
		e.Winners[q] = int(w)
	}
	if cfg.CellPeriods && !mc.frozen {
		e.Learnable = make([]bool, l.cells)
		for q := range l.q {
			for j := range l.k {
				i := q*l.k + j
				e.Learnable[i] = mc.virgins[q] > 0 && (mc.born[i] == 0 || j == int(mc.youngest[q]) && mc.born[i] != 0)
			}
		}
	}
	if !e.Active {
		e.G = 0
	} else {
		sum := 0.0
		for q := 0; q < l.q; q++ {
			sum += e.V[q*l.k+e.Winners[q]]
		}
		e.G = sum / float64(l.q)
	}
	return e.WithG(e.G), nil
}

// WithG returns the explanation with η, μ and ρ recomputed as if the
// familiarity were g (V unchanged): at low g the choice is nearly uniform,
// at high g the max-V cell wins.
func (e MacExplain) WithG(g float64) MacExplain {
	e.Eta = eta(g, e.gFloor, e.gamma, e.chi, e.K)
	e.Mu = make([]float64, len(e.vQ16))
	e.Rho = make([]float64, len(e.vQ16))
	for q := 0; q < e.Q; q++ {
		total := 0.0
		for j := 0; j < e.K; j++ {
			i := q*e.K + j
			e.Mu[i] = mu(e.Eta, e.sig[sigIndex(e.vQ16[i], e.centerQ16)])
			if e.Learnable == nil || e.Learnable[i] {
				total += e.Mu[i]
			}
		}
		if total == 0 { // a closed CM keeps its max-V cell
			e.Rho[q*e.K+e.Winners[q]] = 1
			continue
		}
		for j := 0; j < e.K; j++ {
			if i := q*e.K + j; e.Learnable == nil || e.Learnable[i] {
				e.Rho[i] = e.Mu[i] / total
			}
		}
	}
	return e
}

// Draw picks one winner per CM from ρ with rng, as a learning frame would.
func (e MacExplain) Draw(rng *rand.Rand) []int {
	out := make([]int, e.Q)
	for q := range out {
		x := rng.Float64()
		out[q] = e.K - 1
		for j := 0; j < e.K; j++ {
			x -= e.Rho[q*e.K+j]
			if x < 0 {
				out[q] = j
				break
			}
		}
	}
	return out
}
