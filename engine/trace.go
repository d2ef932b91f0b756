package engine

// Code is a mac's code: Code[q] is the winning cell of CM q.
type Code []uint16

// Overlap is the number of CMs whose winners agree (the codes' intersection).
func (c Code) Overlap(d Code) int {
	n := 0
	for i := range min(len(c), len(d)) {
		if c[i] == d[i] {
			n++
		}
	}
	return n
}

// Trace is what one frame did: the codes and familiarity of every mac of
// every level and the class scores of the readout. It owns its slices.
type Trace struct {
	// Levels holds one entry per level of the hierarchy, bottom first.
	Levels []LevelTrace
	// G is the familiarity of the top level (Levels[len−1].G): the mean G
	// of its active macs, 0 when none is active. Near 1 for a stored item,
	// lower for an unseen one, lowest for inputs unlike anything stored.
	G float64
	// Class is the readout's best class, −1 when no readout mac is active,
	// nothing labelled has been learned, or the frame was a learning frame
	// (Learn and learning Steps do not score, to keep learning fast).
	Class int
	// Scores are the readout's calibrated per-class scores (probabilities
	// summing to 1; all zero when Class is −1; nil on learning frames).
	Scores []float64
}

// LevelTrace is one level's state after a frame.
type LevelTrace struct {
	// G is the level's familiarity: the mean G of the active macs of all
	// its grids (0 when none is active).
	G float64
	// Grids holds the state of each of the level's grids.
	Grids []GridTrace
}

// GridTrace is one grid's state after a frame.
type GridTrace struct {
	Name   string
	Macs   Grid
	Q, K   int
	Active []bool    // per mac: inside its π band this frame
	G      []float64 // per mac familiarity (0 when silent)
	Frozen []bool    // per mac: critical period over (learning stopped)
	Codes  []uint16  // macs × Q winners; meaningful where Active
}

// Code returns mac m's code (nil when the mac was silent).
func (gt *GridTrace) Code(m int) Code {
	if !gt.Active[m] {
		return nil
	}
	return Code(gt.Codes[m*gt.Q : (m+1)*gt.Q])
}

// ActiveCount is the number of active macs.
func (gt *GridTrace) ActiveCount() int {
	c := 0
	for _, a := range gt.Active {
		if a {
			c++
		}
	}
	return c
}

// ActiveCount is the number of active macs of the level's grids.
func (lt *LevelTrace) ActiveCount() int {
	c := 0
	for i := range lt.Grids {
		c += lt.Grids[i].ActiveCount()
	}
	return c
}

// Overlap counts the CMs, over the macs active in both traces at the given
// level (1-based), whose winners agree; total is the number of CMs compared.
func (t *Trace) Overlap(o *Trace, level int) (agree, total int) {
	for gi := range t.Levels[level-1].Grids {
		a, b := &t.Levels[level-1].Grids[gi], &o.Levels[level-1].Grids[gi]
		for m := range a.Active {
			if !a.Active[m] || !b.Active[m] {
				continue
			}
			agree += a.Code(m).Overlap(b.Code(m))
			total += a.Q
		}
	}
	return agree, total
}

// SameCodes reports whether both traces have the same active macs and codes
// at every level.
func (t *Trace) SameCodes(o *Trace) bool {
	if len(t.Levels) != len(o.Levels) {
		return false
	}
	for i := range t.Levels {
		if len(t.Levels[i].Grids) != len(o.Levels[i].Grids) {
			return false
		}
		for gi := range t.Levels[i].Grids {
			a, b := &t.Levels[i].Grids[gi], &o.Levels[i].Grids[gi]
			for m := range a.Active {
				if a.Active[m] != b.Active[m] {
					return false
				}
				if a.Active[m] && a.Code(m).Overlap(b.Code(m)) != a.Q {
					return false
				}
			}
		}
	}
	return true
}

// traceInto writes the current frame's state into tr, reusing its slices
// when every level and grid has the shape of this network's.
func (n *Network) traceInto(tr *Trace) {
	if !n.fits(tr) {
		*tr = n.newTrace()
	}
	for li, lv := range n.levels {
		lt := &tr.Levels[li]
		sum, cnt := 0.0, 0
		for gi, g := range lv {
			gt := &lt.Grids[gi]
			copy(gt.Active, g.active)
			copy(gt.G, g.g)
			copy(gt.Codes, g.code)
			for m := range g.macs {
				gt.Frozen[m] = g.macs[m].frozen // (step zeroes G of silent macs)
				if g.active[m] {
					sum += g.g[m]
					cnt++
				}
			}
		}
		lt.G = 0
		if cnt > 0 {
			lt.G = sum / float64(cnt)
		}
	}
	tr.G = tr.Levels[len(tr.Levels)-1].G
}

// fits reports whether tr's slices have this network's shape.
func (n *Network) fits(tr *Trace) bool {
	if len(tr.Levels) != len(n.levels) {
		return false
	}
	for li, lv := range n.levels {
		if len(tr.Levels[li].Grids) != len(lv) {
			return false
		}
		for gi, g := range lv {
			gt := &tr.Levels[li].Grids[gi]
			if len(gt.Active) != len(g.macs) || len(gt.G) != len(g.macs) || len(gt.Frozen) != len(g.macs) ||
				len(gt.Codes) != len(g.code) || gt.Q != g.q || gt.K != g.k {
				return false
			}
		}
	}
	return true
}

// newTrace allocates a trace of this network's shape: one backing array
// per type for all grids.
func (n *Network) newTrace() Trace {
	tr := Trace{Class: -1, Levels: make([]LevelTrace, len(n.levels))}
	macs, codes := 0, 0
	for _, g := range n.grids {
		macs += len(g.macs)
		codes += len(g.code)
	}
	flags, gs, cs := make([]bool, 2*macs), make([]float64, macs), make([]uint16, codes)
	gridTraces := make([]GridTrace, len(n.grids))
	k := 0
	for li, lv := range n.levels {
		lt := &tr.Levels[li]
		lt.Grids = gridTraces[k : k+len(lv) : k+len(lv)]
		k += len(lv)
		for gi, g := range lv {
			nm := len(g.macs)
			lt.Grids[gi] = GridTrace{
				Name: g.cfg.Name, Macs: g.cfg.Macs, Q: g.q, K: g.k,
				Active: flags[:nm:nm],
				Frozen: flags[nm : 2*nm : 2*nm],
				G:      gs[:nm:nm],
				Codes:  cs[:len(g.code):len(g.code)],
			}
			flags, gs, cs = flags[2*nm:], gs[nm:], cs[len(g.code):]
		}
	}
	return tr
}
