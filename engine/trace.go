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

// Trace is what one frame did: the codes and familiarity of every mac and
// the class scores of the readout. It owns its slices.
type Trace struct {
	// Levels holds one entry per internal level, bottom first.
	Levels []LevelTrace
	// G is the familiarity of the top level: the mean G of its active macs
	// (0 when none is active).
	G float64
	// Class is the readout's best class, −1 when no readout mac is active,
	// nothing labelled has been learned, or the frame was a learning frame
	// (Learn and learning Steps do not score, to keep learning fast).
	Class int
	// Scores are the readout's per-class scores, normalised to sum to 1
	// (all zero when Class is −1; nil on learning frames).
	Scores []float64
}

// LevelTrace is one level's state after a frame.
type LevelTrace struct {
	Macs   Grid
	Q, K   int
	Active []bool    // per mac: inside its π band this frame
	G      []float64 // per mac familiarity (0 when silent)
	Frozen []bool    // per mac: critical period over (learning stopped)
	Codes  []uint16  // macs × Q winners; meaningful where Active
}

// Code returns mac m's code (nil when the mac was silent).
func (lt *LevelTrace) Code(m int) Code {
	if !lt.Active[m] {
		return nil
	}
	return Code(lt.Codes[m*lt.Q : (m+1)*lt.Q])
}

// ActiveCount is the number of active macs.
func (lt *LevelTrace) ActiveCount() int {
	c := 0
	for _, a := range lt.Active {
		if a {
			c++
		}
	}
	return c
}

// Overlap counts the CMs, over the macs active in both traces at the given
// level (1-based), whose winners agree; total is the number of CMs compared.
func (t *Trace) Overlap(o *Trace, level int) (agree, total int) {
	a, b := &t.Levels[level-1], &o.Levels[level-1]
	for m := range a.Active {
		if !a.Active[m] || !b.Active[m] {
			continue
		}
		agree += a.Code(m).Overlap(b.Code(m))
		total += a.Q
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
		a, b := &t.Levels[i], &o.Levels[i]
		for m := range a.Active {
			if a.Active[m] != b.Active[m] {
				return false
			}
			if a.Active[m] && a.Code(m).Overlap(b.Code(m)) != a.Q {
				return false
			}
		}
	}
	return true
}

func (n *Network) trace() Trace {
	tr := Trace{Class: -1, Levels: make([]LevelTrace, len(n.levels))}
	// One backing array per type for all levels: fewer, larger allocations.
	macs, codes := 0, 0
	for _, l := range n.levels {
		macs += len(l.macs)
		codes += len(l.code)
	}
	flags, gs, cs := make([]bool, 2*macs), make([]float64, macs), make([]uint16, codes)
	for i, l := range n.levels {
		nm := len(l.macs)
		lt := LevelTrace{
			Macs: l.cfg.Macs, Q: l.q, K: l.k,
			Active: flags[:nm:nm],
			Frozen: flags[nm : 2*nm : 2*nm],
			G:      gs[:nm:nm],
			Codes:  cs[:len(l.code):len(l.code)],
		}
		flags, gs, cs = flags[2*nm:], gs[nm:], cs[len(l.code):]
		copy(lt.Active, l.active)
		copy(lt.G, l.g)
		copy(lt.Codes, l.code)
		for m := range l.macs {
			lt.Frozen[m] = l.macs[m].frozen // (step zeroes G of silent macs)
		}
		tr.Levels[i] = lt
	}
	top := &tr.Levels[len(tr.Levels)-1]
	sum, cnt := 0.0, 0
	for m, a := range top.Active {
		if a {
			sum += top.G[m]
			cnt++
		}
	}
	if cnt > 0 {
		tr.G = sum / float64(cnt)
	}
	return tr
}
