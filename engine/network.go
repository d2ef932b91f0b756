package engine

import (
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// Network is a Sparsey hierarchy: an input grid and levels of mac grids.
// It is not safe for concurrent use.
type Network struct {
	cfg    Config    // with defaults filled in
	levels [][]*grid // levels[l][g]: grid g of level l+1
	grids  []*grid   // every grid, level by level from the bottom
	rng    *rand.Rand
	pcg    *rand.PCG
	// draws is the CSA's random stream, reseeded per mac and frame
	// (seedDraws) from drawPCG.
	draws   *rand.Rand
	drawPCG *rand.PCG
	items   int // learning frames with at least one active mac
	read    *readout

	// scratch, reused across frames
	uIn, hIn, dIn []uint64
	act           []int32  // active U afferents of a code-reading mac
	planes        []uint64 // bit-sliced U sums of a code-reading mac
	normTab       []int32  // u → u/π_U in Q16 for the current mac (normTable)
	vals          []int32
	cmMax         []int32  // each CM's best V (Q16) of the current mac
	added         []int32  // learnCols: weights added per winner
	cmShut        []bool   // per CM of the current mac: closed (CellPeriods), learns nothing
	pix           []uint64 // level-0 input words
	cur           codes    // n.current as a func value, made once
	noContext     bool     // ignore H and D (Recall)
	predicting    bool     // Predict: level-1 macs run on H and D alone
}

// grid is one grid of identical macs of a level.
type grid struct {
	cfg   GridConfig
	level int // 0-based level
	idx   int // index in its level
	q, k  int
	cells int
	// cols: U weights are stored per afferent unit (a row of the mac's
	// cells), as suits grids that read codes: a frame has a few hundred
	// active afferents out of thousands. Level-1 grids store them per cell
	// (a row over the field's pixels: one or two words).
	cols bool
	macs []mac
	sig  []float64
	powU []int32
	powH []int32
	powD []int32
	prio []uint16 // fixed tie-break rank per cell (seeded)
	segs [][]wordMask

	// frame state: current and previous
	active, prevActive []bool
	code, prevCode     []uint16 // macs × Q
	g                  []float64
}

// wordMask selects bits of one word of a cell row.
type wordMask struct {
	word int
	mask uint64
}

// srcMac is a mac of another grid feeding a mac: its grid, its index, and
// the first bit of its cells in the afferent block.
type srcMac struct {
	g    *grid
	mac  int32
	base int32
}

// mac is one macrocolumn. Level-1 macs store U weights per target cell, as
// bit rows over the field's pixels, so a cell's input sum is a popcount of
// its row ANDed with the active pixels; higher macs store them per afferent
// cell, as bit rows over the mac's cells, summed with bit-sliced counters.
// H and D weights are rows per target cell.
type mac struct {
	pix   []int32  // level 1: the field's pixel indices, in bit order
	runs  []run    // level 1: pix as runs of consecutive pixels (≤ 64 each)
	src   []srcMac // higher levels: the source macs of the U field
	nU    int      // U afferent units (bits)
	hSrc  []int32  // same-grid mac indices (self included)
	hSelf int      // position of the mac itself in hSrc, −1 if absent
	dSrc  []srcMac // macs of the level above whose U field holds this mac

	uW, hW, dW int // words per row: U (per cell, or per unit when cols), H, D
	wU, wH, wD []uint64

	rowSet       []uint32 // per cell: U weights set onto it
	born         []uint32 // per cell: 1 + the frame (items learned) when it first won; 0 never
	virgins      []uint16 // per CM: cells never chosen (derived from born)
	youngest     []uint16 // per CM: the cell chosen first most recently (derived from born)
	tie          []uint64 // per cell: tie-break key (derived from rowSet)
	bundle       []uint16 // per U unit: cells with a set weight from it
	bundleFrozen []uint64 // per U unit: frozen bundle bit
	setU         int
	frozen       bool
	center       int32 // sigmoid centre c (Q16)
	maxMeanV     int32 // best mean V seen (ratchet)
	memo         []memoEntry
}

// New builds a network with all weights zero. It validates cfg and does not
// retain or mutate the caller's slices.
func New(cfg Config) (*Network, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d := cfg.Defaults()
	n := &Network{cfg: d}
	n.pcg = rand.NewPCG(d.Seed, d.Seed^0x9e3779b97f4a7c15)
	n.rng = rand.New(n.pcg)
	n.drawPCG = rand.NewPCG(0, 0)
	n.draws = rand.New(n.drawPCG)
	prioRNG := rand.New(rand.NewPCG(d.Seed^0x5bd1e995, 0x2545f4914f6cdd1d))
	for li, lv := range d.Levels {
		var gs []*grid
		for gi, gc := range lv.Grids {
			g := n.newGrid(li, gi, gc, prioRNG)
			gs = append(gs, g)
			n.grids = append(n.grids, g)
		}
		n.levels = append(n.levels, gs)
	}
	// D sources: the macs above whose U field contains the mac.
	for li, gs := range n.levels {
		if li+1 >= len(n.levels) {
			break
		}
		for _, up := range n.levels[li+1] {
			for um := range up.macs {
				for _, s := range up.macs[um].src {
					if !s.g.cfg.TopDown {
						continue
					}
					mc := &s.g.macs[s.mac]
					mc.dSrc = append(mc.dSrc, srcMac{g: up, mac: int32(um)})
				}
			}
		}
		for _, g := range gs {
			for m := range g.macs {
				mc := &g.macs[m]
				bits := 0
				for i := range mc.dSrc {
					mc.dSrc[i].base = int32(bits)
					bits += mc.dSrc[i].g.cells
				}
				mc.dW = wordsFor(bits)
				mc.wD = make([]uint64, g.cells*mc.dW)
			}
		}
	}
	n.read = newReadout(d, n.levels)
	n.cur = n.current
	n.pix = make([]uint64, wordsFor(d.Input.N()))
	n.allocScratch()
	return n, nil
}

// newGrid builds grid gi of level li with its macs' fields.
func (n *Network) newGrid(li, gi int, gc GridConfig, prioRNG *rand.Rand) *grid {
	g := &grid{cfg: gc, level: li, idx: gi, q: gc.Q, k: gc.K, cells: gc.Q * gc.K, cols: li > 0}
	nm := gc.Macs.N()
	g.macs = make([]mac, nm)
	g.active, g.prevActive = make([]bool, nm), make([]bool, nm)
	g.code, g.prevCode = make([]uint16, nm*gc.Q), make([]uint16, nm*gc.Q)
	g.g = make([]float64, nm)
	g.sig = sigTable(gc.Lambda)
	g.powU, g.powH, g.powD = powTable(gc.ExpU), powTable(gc.ExpH), powTable(gc.ExpD)
	g.prio = make([]uint16, g.cells)
	for c := range g.prio {
		g.prio[c] = uint16(prioRNG.Uint32())
	}
	g.segs = cmSegments(gc.Q, gc.K)
	for m := range g.macs {
		mx, my := m%gc.Macs.W, m/gc.Macs.W
		mc := &g.macs[m]
		for _, f := range gc.Fields {
			src, _, _ := n.cfg.sourceGrid(li, f.Source)
			reg := f.Region
			if reg == (Rect{}) {
				reg = Rect{0, 0, src.W, src.H}
			}
			x0 := reg.X + spread(mx, gc.Macs.W, f.RF.W, reg.W)
			y0 := reg.Y + spread(my, gc.Macs.H, f.RF.H, reg.H)
			for y := y0; y < y0+f.RF.H; y++ {
				for x := x0; x < x0+f.RF.W; x++ {
					if li == 0 {
						mc.pix = append(mc.pix, int32(y*src.W+x))
						continue
					}
					sg := n.levels[li-1][f.Source]
					mc.src = append(mc.src, srcMac{g: sg, mac: int32(y*src.W + x), base: int32(mc.nU)})
					mc.nU += sg.cells
				}
			}
		}
		if li == 0 {
			mc.nU = len(mc.pix)
			mc.runs = runsOf(mc.pix)
		}
		mc.hSelf = -1
		if r := gc.HRadius; r >= 0 {
			for y := my - r; y <= my+r; y++ {
				for x := mx - r; x <= mx+r; x++ {
					if x < 0 || y < 0 || x >= gc.Macs.W || y >= gc.Macs.H {
						continue
					}
					if x == mx && y == my {
						mc.hSelf = len(mc.hSrc)
					}
					mc.hSrc = append(mc.hSrc, int32(y*gc.Macs.W+x))
				}
			}
		}
		if g.cols {
			mc.uW = wordsFor(g.cells)
			mc.wU = make([]uint64, mc.nU*mc.uW)
		} else {
			mc.uW = wordsFor(mc.nU)
			mc.wU = make([]uint64, g.cells*mc.uW)
		}
		mc.hW = wordsFor(len(mc.hSrc) * g.cells)
		mc.wH = make([]uint64, g.cells*mc.hW)
		mc.bundle = make([]uint16, mc.nU)
		mc.rowSet = make([]uint32, g.cells)
		mc.born = make([]uint32, g.cells)
		mc.virgins = make([]uint16, gc.Q)
		mc.youngest = make([]uint16, gc.Q)
		mc.deriveBorn(gc.K)
		mc.tie = make([]uint64, g.cells)
		mc.bundleFrozen = make([]uint64, wordsFor(mc.nU))
		mc.center = fixed(gc.Center)
		g.resetTies(mc)
	}
	return g
}

// deriveBorn recomputes, from the cells' birth marks, each CM's number of
// cells never chosen and its youngest cell (the one chosen first last).
func (mc *mac) deriveBorn(k int) {
	for c := range mc.virgins {
		v, y, yb := 0, 0, uint32(0)
		for j, b := range mc.born[c*k : (c+1)*k] {
			if b == 0 {
				v++
			} else if b > yb {
				y, yb = j, b
			}
		}
		mc.virgins[c], mc.youngest[c] = uint16(v), uint16(y)
	}
}

// cmSegments lists, for each of q CMs of k cells, the words and bit masks
// of its cells in a row of q·k bits.
func cmSegments(q, k int) [][]wordMask {
	out := make([][]wordMask, q)
	for c := range q {
		for b := c * k; b < (c+1)*k; {
			w := b >> 6
			end := min((c+1)*k, (w+1)*64)
			mask := ^uint64(0) >> uint(64-(end-b)) << uint(b&63)
			out[c] = append(out[c], wordMask{w, mask})
			b = end
		}
	}
	return out
}

func (n *Network) allocScratch() {
	maxU, maxH, maxD, maxCells, maxAct, maxPlanes := 0, 0, 0, 0, 0, 0
	for _, g := range n.grids {
		maxCells = max(maxCells, g.cells)
		for m := range g.macs {
			mc := &g.macs[m]
			maxH, maxD = max(maxH, mc.hW), max(maxD, mc.dW)
			if g.cols {
				act := 0
				for _, s := range mc.src {
					act += s.g.q
				}
				maxAct = max(maxAct, act)
				maxPlanes = max(maxPlanes, bits.Len(uint(act))*mc.uW)
			} else {
				maxU = max(maxU, mc.uW)
			}
		}
	}
	n.uIn, n.hIn, n.dIn = make([]uint64, maxU), make([]uint64, maxH), make([]uint64, maxD)
	n.act = make([]int32, 0, maxAct)
	n.planes = make([]uint64, maxPlanes)
	n.vals = make([]int32, maxCells)
	n.cmMax = make([]int32, maxQ)
	n.added = make([]int32, maxQ)
	n.cmShut = make([]bool, maxQ)
}

// run is a run of w consecutive input units from start.
type run struct{ start, w int32 }

// runsOf splits a list of unit indices into runs of consecutive indices, at
// most 64 long.
func runsOf(src []int32) []run {
	var out []run
	for _, s := range src {
		if k := len(out) - 1; k >= 0 && out[k].start+out[k].w == s && out[k].w < 64 {
			out[k].w++
			continue
		}
		out = append(out, run{s, 1})
	}
	return out
}

// spread places field i of count over a line of size total: fields of
// width w spread evenly from 0 to total−w.
func spread(i, count, w, total int) int {
	if count == 1 {
		return (total - w) / 2
	}
	return (i*(total-w) + (count-1)/2) / (count - 1)
}

// Config returns the network's configuration with defaults filled in.
func (n *Network) Config() Config {
	c := n.cfg
	c.Levels = make([]LevelConfig, len(n.cfg.Levels))
	for i, lv := range n.cfg.Levels {
		c.Levels[i].Grids = make([]GridConfig, len(lv.Grids))
		for j, g := range lv.Grids {
			g.Fields = append([]Field(nil), g.Fields...)
			c.Levels[i].Grids[j] = g
		}
	}
	c.ReadoutLevels = append([]int(nil), n.cfg.ReadoutLevels...)
	return c
}

// InputLen is the length of the input SDRs the network takes.
func (n *Network) InputLen() int { return n.cfg.Input.N() }

// Items is the number of learning frames stored so far.
func (n *Network) Items() int { return n.items }

// Errors of Learn, Recall and Step.
var (
	ErrInputSize = errors.New("engine: input SDR has the wrong length")
	ErrLabel     = errors.New("engine: label outside the readout's classes")
)

// Learn stores in as a one-frame episode in a single trial (the sequence
// context is reset before and after) and, when label ≥ 0, associates its
// codes with the label in the readout. label < 0 learns unsupervised.
func (n *Network) Learn(in *SDR, label int) (Trace, error) {
	var tr Trace
	err := n.LearnInto(in, label, &tr)
	return tr, err
}

// LearnInto is Learn writing the trace into tr, whose slices are reused
// when they fit this network (a trace of an earlier call): a loop over
// many items allocates nothing per item.
func (n *Network) LearnInto(in *SDR, label int, tr *Trace) error {
	if err := n.checkInput(in, label); err != nil {
		return err
	}
	n.Reset()
	n.frame1(in, true, label, tr)
	n.Reset()
	return nil
}

// Recall finds the codes of in as a one-frame episode, without changing any
// weight or the sequence context: max V per CM, ties broken by a fixed
// seeded rank of the cells.
func (n *Network) Recall(in *SDR) (Trace, error) {
	var tr Trace
	err := n.RecallInto(in, &tr)
	return tr, err
}

// RecallInto is Recall writing the trace into tr, whose slices are reused
// when they fit this network (a trace of an earlier call): a loop over
// many queries allocates nothing per query.
func (n *Network) RecallInto(in *SDR, tr *Trace) error {
	if err := n.checkInput(in, -1); err != nil {
		return err
	}
	n.frameNoContext(in, tr)
	return nil
}

// Step runs one frame of the current sequence: H and D inputs come from the
// previous frame's codes. With learn it stores the frame (U, H and D weights)
// and, when label ≥ 0, trains the readout; otherwise it recognises. Call
// Reset between sequences.
func (n *Network) Step(in *SDR, learn bool, label int) (Trace, error) {
	if err := n.checkInput(in, label); err != nil {
		return Trace{}, err
	}
	var tr Trace
	n.frame1(in, learn, label, &tr)
	return tr, nil
}

// Reset ends the current sequence: the next frame has no H or D input.
func (n *Network) Reset() {
	n.clearContext()
}

func (n *Network) checkInput(in *SDR, label int) error {
	if in == nil || in.Len() != n.cfg.Input.N() {
		got := -1
		if in != nil {
			got = in.Len()
		}
		return fmt.Errorf("%w: %d, want %d (%dx%d)", ErrInputSize, got, n.cfg.Input.N(), n.cfg.Input.W, n.cfg.Input.H)
	}
	if label >= n.cfg.Classes {
		return fmt.Errorf("%w: %d, have %d classes", ErrLabel, label, n.cfg.Classes)
	}
	return nil
}

func (n *Network) clearContext() {
	for _, g := range n.grids {
		clear(g.prevActive)
	}
}

// frameNoContext recognises in as a one-frame episode without reading or
// changing the sequence context.
func (n *Network) frameNoContext(in *SDR, tr *Trace) {
	copy(n.pix, in.words())
	n.noContext = true
	n.pass(false)
	n.noContext = false
	n.traceInto(tr)
	tr.Class = n.read.scoreInto(n.cur, n.cfg.Readout, &tr.Scores)
}

// current gives the readout grid gi's codes of the current frame.
func (n *Network) current(gi int) ([]bool, []uint16) {
	g := n.read.grids[gi]
	return g.active, g.code
}

// pass runs the CSA on every mac, level by level from the bottom, on the
// input in n.pix, and reports whether any mac was active.
func (n *Network) pass(learn bool) bool {
	anyActive := false
	for _, g := range n.grids {
		for m := range g.macs {
			g.active[m] = n.step(g, m, learn)
			anyActive = anyActive || g.active[m]
		}
	}
	return anyActive
}

// passUpTo runs the CSA on the grids of the levels up to top (0-based).
func (n *Network) passUpTo(top int, learn bool) {
	for _, g := range n.grids {
		if g.level > top {
			return
		}
		for m := range g.macs {
			g.active[m] = n.step(g, m, learn)
		}
	}
}

// roll makes this frame's codes the context (H and D input) of the next.
func (n *Network) roll() {
	for _, g := range n.grids {
		copy(g.prevActive, g.active)
		copy(g.prevCode, g.code)
	}
}

// frame1 runs one bottom-up pass over all levels, learns if asked, rolls
// current codes into the context and returns the trace.
func (n *Network) frame1(in *SDR, learn bool, label int, tr *Trace) {
	copy(n.pix, in.words())
	if learn && label >= 0 && n.read.cal.due(n.read.labeled) {
		// Calibrate the scores on an item the readout has not seen, with
		// the codes recall would give it (before anything is learned).
		n.noContext = true
		n.passUpTo(n.read.top, false)
		n.noContext = false
		n.read.sample(label)
	}
	if n.pass(learn) && learn {
		n.items++
	}
	n.traceInto(tr)
	if learn {
		tr.Class, tr.Scores = -1, nil
	} else {
		tr.Class = n.read.scoreInto(n.cur, n.cfg.Readout, &tr.Scores)
	}
	if learn && label >= 0 {
		n.read.learn(label)
	}
	n.roll()
}

// Predict replays the next frame of the current sequence from memory: with
// no input, each mac of the levels that read the input chooses its max-V
// code from its H and D context alone (U omitted; the π gate does not
// apply), higher levels follow bottom-up as usual, and the codes become the
// context of the next frame. Nothing is learned. Reconstruct(&trace, 1)
// shows the predicted frame. Macs with no context stay silent.
func (n *Network) Predict() (Trace, error) {
	clear(n.pix)
	n.predicting = true
	n.pass(false)
	n.predicting = false
	var tr Trace
	n.traceInto(&tr)
	tr.Class = n.read.scoreInto(n.cur, n.cfg.Readout, &tr.Scores)
	n.roll()
	return tr, nil
}
