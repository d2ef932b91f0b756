package engine

import (
	"math/bits"
	"slices"
)

// step runs the CSA on mac m of level l for the current frame and learns
// when asked. It reports whether the mac is active.
func (n *Network) step(l *grid, m int, learn bool) bool {
	mc := &l.macs[m]
	piU := n.gatherU(l, mc)
	cfg := &l.cfg
	var uActive, hNorm, dNorm int
	if n.predicting && l.level == 0 {
		// Replay: no input, so U is omitted and the mac runs on its H and
		// D context alone (the π gate's exception for recall).
		clear(n.uIn)
		n.act = n.act[:0]
		hNorm, dNorm = n.gatherH(l, mc), n.gatherD(l, mc)
		if hNorm == 0 && dNorm == 0 {
			l.g[m] = 0
			return false
		}
	} else {
		if piU < cfg.PiMin || (cfg.PiMax > 0 && piU > cfg.PiMax) {
			l.g[m] = 0
			return false
		}
		uActive = n.uActive(l, mc)
		hNorm = n.gatherH(l, mc)
		dNorm = n.gatherD(l, mc)
	}

	if learn && !mc.frozen && cfg.CloseAfter > 0 && n.items >= cfg.CloseAfter {
		mc.frozen = true // the grid's critical period is over
	}
	q := l.q
	code := l.code[m*q : (m+1)*q]
	drawing := learn && !mc.frozen || learn && cfg.FrozenLearnCode == FrozenDraw
	// The max-V choice gives the code, each CM's best V (n.cmMax) and G;
	// the V of every cell (n.vals) is needed only by a draw with η > 1 and
	// by the centre's ratchet, and is filled then (haveVals).
	var sumMax int64
	haveVals := false
	switch {
	case l.cols && hNorm == 0 && dNorm == 0 && l.powU == nil:
		sumMax = n.colsMax(l, mc, uActive, code)
	case !l.cols && mc.uW == 1 && hNorm == 0 && dNorm == 0 && l.powU == nil:
		if mc.frozen && !drawing && q <= memoQ && l.k <= 256 {
			sumMax = n.memoMax(l, mc, uActive, code)
		} else {
			sumMax = n.fastMax(l, mc, uActive, code)
		}
	default:
		sumMax = n.generalMax(l, mc, uActive, hNorm, dNorm, code)
		haveVals = true
	}
	g := float64(sumMax) / float64(int64(q)*vOne)
	l.g[m] = g

	if !drawing {
		return true
	}
	vals := n.vals[:l.cells]
	needVals := func() {
		if !haveVals {
			n.fillVals(l, mc, uActive, vals)
			haveVals = true
		}
	}
	e := eta(g, cfg.GFloor, cfg.Gamma, cfg.Chi, l.k)
	n.seedDraws(l, m)
	if mc.frozen {
		if cfg.FrozenLearnCode == FrozenDraw {
			needVals()
			n.draw(l, mc, vals, code, e, mc.center)
		}
		return true
	}
	clear(n.cmShut[:q])
	if g < cfg.MaxVAtG {
		if e > 1 {
			needVals()
		}
		n.draw(l, mc, vals, code, e, mc.center)
	}
	if cfg.CenterMax > cfg.Center {
		needVals()
	}
	n.learnMac(l, mc, code, vals)
	return true
}

// fillVals writes V of every cell of the mac into vals, for the fast paths
// (U alone, exponent 1), from the U sums gathered for the current frame.
func (n *Network) fillVals(l *grid, mc *mac, uActive int, vals []int32) {
	uTab := n.normTable(uActive)
	if l.cols {
		np := bits.Len(uint(len(n.act)))
		counts(n.planes[:np*mc.uW], np, mc.uW, vals)
	} else {
		in0 := n.uIn[0]
		for i, w := range mc.wU[:l.cells] {
			vals[i] = int32(popcount(w & in0))
		}
	}
	for i, u := range vals {
		vals[i] = uTab[u]
	}
}

// draw replaces code (which holds the max-V cells) with winners drawn from ρ
// in each CM (Steps 5–8), except in CMs whose max-V cell matches fully.
//
// e is the expansivity η(G) and center the mac's sigmoid centre; vals (V
// of every cell) is read only when η > 1; the full-match test reads each
// CM's best V from n.cmMax. With CellPeriods the draw is over the cells
// that still learn: the CM's youngest cell and the cells never chosen.
func (n *Network) draw(l *grid, mc *mac, vals []int32, code []uint16, e float64, center int32) {
	cfg := &l.cfg
	q, k := l.q, l.k
	var muBuf [maxK]float64
	var candBuf [maxK]uint16
	for c := 0; c < q; c++ {
		if !cfg.DrawFullMatch && n.cmMax[c] == vOne {
			continue // a fully matching cell keeps its CM (code holds max V)
		}
		if cfg.CellPeriods && !mc.frozen {
			if mc.virgins[c] == 0 {
				// Every cell of the CM has been chosen: its critical period
				// is over, it keeps the max-V cell and learns nothing.
				n.cmShut[c] = true
				continue
			}
			cand := candBuf[:0]
			for j, b := range mc.born[c*k : (c+1)*k] {
				if b == 0 {
					cand = append(cand, uint16(j))
				}
			}
			if mc.born[c*k+int(mc.youngest[c])] != 0 {
				cand = append(cand, mc.youngest[c])
			}
			if e == 1 {
				code[c] = cand[n.draws.IntN(len(cand))]
				continue
			}
			total := 0.0
			for x, j := range cand {
				mv := mu(e, l.sig[sigIndex(vals[c*k+int(j)], center)])
				muBuf[x] = mv
				total += mv
			}
			code[c] = cand[pick(muBuf[:len(cand)], n.draws.Float64()*total)]
			continue
		}
		if e == 1 {
			code[c] = uint16(n.draws.IntN(k))
			continue
		}
		total := 0.0
		for j := 0; j < k; j++ {
			s := l.sig[sigIndex(vals[c*k+j], center)]
			mv := mu(e, s)
			muBuf[j] = mv
			total += mv
		}
		code[c] = uint16(pick(muBuf[:k], n.draws.Float64()*total))
	}
}

// pick returns the index at which the running sum of weights passes x
// (the last index if rounding leaves x unspent).
func pick(weights []float64, x float64) int {
	for j, w := range weights {
		x -= w
		if x < 0 {
			return j
		}
	}
	return len(weights) - 1
}

// seedDraws starts the random stream of mac m of grid l for this learning
// frame. Each mac draws from its own stream, keyed by the network's seed,
// the mac and the frame (the number of items learned so far), so a change
// in one mac or grid never shifts the draws of another, and no stream
// state needs saving.
func (n *Network) seedDraws(l *grid, m int) {
	key := uint64(l.level)<<56 ^ uint64(l.idx)<<48 ^ uint64(m)<<32 ^ uint64(uint32(n.items))
	n.drawPCG.Seed(splitmix(n.cfg.Seed^0x9e3779b97f4a7c15), splitmix(key))
}

// splitmix is SplitMix64's output function: a bijective mix of x.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// learnMac sets the weights from the active afferents to the winners
// (Step 9), updates bundle and mac freezing and ratchets the centre.
func (n *Network) learnMac(l *grid, mc *mac, code []uint16, vals []int32) {
	cfg := &l.cfg
	k := l.k
	bundleLimit := int(cfg.FreezeBundle * float64(l.cells))
	if l.cols {
		n.learnCols(l, mc, code, bundleLimit, cfg.FreezeBundle < 1)
	}
	for c, w := range code {
		i := c*k + int(w)
		if n.cmShut[c] {
			continue
		}
		if mc.born[i] == 0 {
			mc.born[i] = uint32(n.items) + 1
			mc.tie[i] = l.tieKey(mc, i)
			mc.virgins[c]--
			mc.youngest[c] = w
		}
		if !l.cols {
			n.learnRows(l, mc, i, bundleLimit, cfg.FreezeBundle < 1)
		}
		if mc.hW > 0 {
			row := mc.wH[i*mc.hW : (i+1)*mc.hW]
			for wi, in := range n.hIn[:mc.hW] {
				row[wi] |= in
			}
			if mc.hSelf >= 0 {
				// No H weights from the mac's own CM c onto its cells.
				from := mc.hSelf*l.cells + c*k
				clearRange(row, from, from+k)
			}
		}
		if mc.dW > 0 {
			row := mc.wD[i*mc.dW : (i+1)*mc.dW]
			for wi, in := range n.dIn[:mc.dW] {
				row[wi] |= in
			}
		}
	}
	if float64(mc.setU) >= cfg.FreezeMac*float64(l.cells*mc.nU) {
		mc.frozen = true
	}
	if cfg.CellPeriods && !slices.ContainsFunc(mc.virgins, func(v uint16) bool { return v > 0 }) {
		mc.frozen = true // every CM's cells have all been chosen
	}
	// Centre ratchet (SparseyCore's dynamic inflection).
	if cfg.CenterMax > cfg.Center {
		var sum int64
		for _, v := range vals[:l.cells] {
			sum += int64(v)
		}
		mean := int32(sum / int64(l.cells))
		if mean > fixed(cfg.RatchetV) && mean > mc.maxMeanV {
			mc.maxMeanV = mean
			step := (fixed(cfg.CenterMax) - fixed(cfg.Center)) / 100
			mc.center = min(mc.center+max(step, 1), fixed(cfg.CenterMax))
		}
	}
}

// gatherU gathers the mac's active U afferents, into n.uIn (level 1: the
// field's pixels as bits) or n.act (higher levels: the indices of the
// active source cells), and returns π_U in the grid's units (pixels at
// level 1, active source macs above).
func (n *Network) gatherU(l *grid, mc *mac) int {
	if l.cols {
		n.act = n.act[:0]
		pi := 0
		for _, s := range mc.src {
			if !s.g.active[s.mac] {
				continue
			}
			pi++
			code := s.g.code[int(s.mac)*s.g.q : int(s.mac+1)*s.g.q]
			for c, w := range code {
				n.act = append(n.act, s.base+int32(c*s.g.k)+int32(w))
			}
		}
		return pi
	}
	in := n.uIn[:mc.uW]
	clear(in)
	// Copy the field run by run: each run is a row of input bits, moved up
	// to 64 at a time.
	j, pi := 0, 0
	for _, r := range mc.runs {
		w := int(r.w)
		bits := extractBits(n.pix, int(r.start), w)
		if bits != 0 {
			pi += popcount(bits)
			in[j>>6] |= bits << uint(j&63)
			if off := j & 63; off != 0 && off+w > 64 {
				in[j>>6+1] |= bits >> uint(64-off)
			}
		}
		j += w
	}
	return pi
}

// uActive is the number of active U afferent units gathered for mac mc.
func (n *Network) uActive(l *grid, mc *mac) int {
	if l.cols {
		return len(n.act)
	}
	return popcountWords(n.uIn[:mc.uW])
}

// setCodes sets, for each same-grid mac srcs[j] that is active in the
// given state, the bits of its code (one cell per CM) in block j of in,
// blocks being q·k bits long; it returns the number of active sources.
func setCodes(in []uint64, srcs []int32, active []bool, code []uint16, q, k int) int {
	n := 0
	for j, s := range srcs {
		if !active[s] {
			continue
		}
		n++
		base := j * q * k
		for c := 0; c < q; c++ {
			b := base + c*k + int(code[int(s)*q+c])
			in[b>>6] |= 1 << uint(b&63)
		}
	}
	return n
}

// gatherH fills n.hIn with the previous frame's codes of the H field and
// returns the normaliser: the active H afferents a cell can receive (the
// mac's own CM excluded), 0 when there are none.
func (n *Network) gatherH(l *grid, mc *mac) int {
	if mc.hW == 0 || n.noContext {
		return 0
	}
	in := n.hIn[:mc.hW]
	clear(in)
	norm := setCodes(in, mc.hSrc, l.prevActive, l.prevCode, l.q, l.k) * l.q
	if mc.hSelf >= 0 && l.prevActive[mc.hSrc[mc.hSelf]] {
		norm-- // the mac's own CM sends nothing to its cells
	}
	return norm
}

// gatherD fills n.dIn with the previous frame's codes of the macs of the
// level above that read this mac, and returns the normaliser: their active
// cells (0 when none).
func (n *Network) gatherD(l *grid, mc *mac) int {
	if mc.dW == 0 || n.noContext {
		return 0
	}
	in := n.dIn[:mc.dW]
	clear(in)
	norm := 0
	for _, s := range mc.dSrc {
		if !s.g.prevActive[s.mac] {
			continue
		}
		norm += s.g.q
		for c, w := range s.g.prevCode[int(s.mac)*s.g.q : int(s.mac+1)*s.g.q] {
			b := int(s.base) + c*s.g.k + int(w)
			in[b>>6] |= 1 << uint(b&63)
		}
	}
	return norm
}

// normTable returns, for u ∈ [0, active], round(u/active) in Q16; built in
// the network's scratch and valid until the next call.
func (n *Network) normTable(active int) []int32 {
	if cap(n.normTab) < active+1 {
		n.normTab = make([]int32, active+1)
	}
	t := n.normTab[:active+1]
	for u := range t {
		t[u] = ratioQ16(u, active)
	}
	return t
}

// ratioQ16 is a/b in Q16, rounded (b > 0).
func ratioQ16(a, b int) int32 { return int32((int64(a)<<vShift + int64(b)/2) / int64(b)) }

func popcountWords(w []uint64) int {
	c := 0
	for _, x := range w {
		c += popcount(x)
	}
	return c
}

// clearRange clears bits [from, to) of w.
func clearRange(w []uint64, from, to int) {
	for b := from; b < to; b++ {
		w[b>>6] &^= 1 << uint(b&63)
	}
}

// generalMax computes V for every cell into n.vals (any field sizes, H, D,
// exponents), picks the max-V cell of each CM into code and returns Σ max V.
func (n *Network) generalMax(l *grid, mc *mac, uActive, hNorm, dNorm int, code []uint16) int64 {
	cells := l.cells
	vals := n.vals[:cells]
	if uActive > 0 {
		uTab := n.normTable(uActive)
		n.uSums(l, mc, vals)
		for i, u := range vals {
			vals[i] = applyPow(uTab[u], l.powU)
		}
	} else {
		for i := range vals {
			vals[i] = vOne // no U input: the factor is omitted
		}
	}
	if hNorm > 0 {
		for i := 0; i < cells; i++ {
			h := andCount(mc.wH[i*mc.hW:(i+1)*mc.hW], n.hIn[:mc.hW])
			hv := applyPow(ratioQ16(h, hNorm), l.powH)
			vals[i] = int32((int64(vals[i]) * int64(hv)) >> vShift)
		}
	}
	if dNorm > 0 {
		for i := 0; i < cells; i++ {
			d := andCount(mc.wD[i*mc.dW:(i+1)*mc.dW], n.dIn[:mc.dW])
			dv := applyPow(ratioQ16(d, dNorm), l.powD)
			vals[i] = int32((int64(vals[i]) * int64(dv)) >> vShift)
		}
	}
	var sumMax int64
	k := l.k
	for c := range code {
		bestKey := uint64(0)
		for j := 0; j < k; j++ {
			i := c*k + j
			bestKey = max(bestKey, uint64(vals[i])<<keyShift|mc.tie[i])
		}
		code[c] = uint16(bestKey & cellMask)
		n.cmMax[c] = int32(bestKey >> keyShift)
		sumMax += int64(bestKey >> keyShift)
	}
	return sumMax
}

// fastMax is generalMax for the common case of one word of U inputs per
// cell and U alone: it ranks cells by the raw sum u (V = u/π_U is monotone
// in u); n.vals is left for fillVals.
func (n *Network) fastMax(l *grid, mc *mac, uActive int, code []uint16) int64 {
	in0 := n.uIn[0]
	k := l.k
	var sumMax int64
	for c := range code {
		base := c * k
		w := mc.wU[base : base+k]
		tie := mc.tie[base : base+k]
		tie = tie[:len(w)] // one bounds check for the loop
		// Two running maxima halve the loop's dependency chain.
		b0, b1 := uint64(0), uint64(0)
		j := 0
		for ; j+1 < len(w); j += 2 {
			b0 = max(b0, uint64(popcount(w[j]&in0))<<keyShift|tie[j])
			b1 = max(b1, uint64(popcount(w[j+1]&in0))<<keyShift|tie[j+1])
		}
		if j < len(w) {
			b0 = max(b0, uint64(popcount(w[j]&in0))<<keyShift|tie[j])
		}
		bestKey := max(b0, b1)
		code[c] = uint16(bestKey & cellMask)
		v := ratioQ16(int(bestKey>>keyShift), uActive)
		n.cmMax[c] = v
		sumMax += int64(v)
	}
	return sumMax
}

// A cell's key in the max-V choice is V (or the raw U sum) << keyShift |
// tieKey, the tie key in bits cellBits..keyShift−1 and the cell's index in
// its CM in the low cellBits bits, so that the largest key names the
// winner and the loop needs no branch. The tie key ranks cells of equal V
// by the grid's TieBreak rule (see TieRule).
const (
	cellBits = 10 // K ≤ 1024
	cellMask = 1<<cellBits - 1
	keyShift = cellBits + 32
)

func (l *grid) tieKey(mc *mac, cell int) uint64 {
	var t uint64
	switch l.cfg.TieBreak {
	case TieFewestWeights:
		t = uint64(0xffff-min(mc.rowSet[cell], 0xffff))<<16 | uint64(l.prio[cell])
	case TieOldest:
		if b := mc.born[cell]; b > 0 {
			t = uint64(^uint32(0) - b) // won first, ranks first
		}
	case TieRank:
		t = uint64(l.prio[cell])
	}
	return t<<cellBits | uint64(cell%l.k)
}

// resetTies recomputes a mac's tie keys.
func (l *grid) resetTies(mc *mac) {
	for i := range mc.tie {
		mc.tie[i] = l.tieKey(mc, i)
	}
}

// extractBits returns bits [start, start+w) of words (w ≤ 64) as the low
// bits of a word.
func extractBits(words []uint64, start, w int) uint64 {
	i, off := start>>6, uint(start&63)
	v := words[i] >> off
	if off != 0 && int(off)+w > 64 && i+1 < len(words) {
		v |= words[i+1] << (64 - off)
	}
	if w < 64 {
		v &= 1<<uint(w) - 1
	}
	return v
}
