package engine

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// Network is a Sparsey hierarchy: an input grid and internal levels of macs.
// It is not safe for concurrent use.
type Network struct {
	cfg    Config // with defaults filled in
	levels []*level
	rng    *rand.Rand
	pcg    *rand.PCG
	items  int // learning frames with at least one active mac
	read   *readout

	// scratch, reused across frames
	uIn, hIn, dIn []uint64
	normTab       []int32 // u → u/π_U in Q16 for the current mac (normTable)
	vals          []int32
	pix           []uint64 // level-0 input words
	noContext     bool     // ignore H and D (Recall)
	predicting    bool     // Predict: level-1 macs run on H and D alone
}

// level is one internal level: identical macs on a grid.
type level struct {
	cfg       LevelConfig
	idx       int // 0-based
	src       int // 0-based level feeding U, −1 for the input
	q, k      int
	cells     int
	unitCells int // cells per U source unit (1 at level 1)
	macs      []mac
	sig       []float64
	powU      []int32
	powH      []int32
	powD      []int32
	prio      []uint16 // fixed tie-break rank per cell (seeded)

	// frame state: current and previous
	active, prevActive []bool
	code, prevCode     []uint16 // macs × Q
	g                  []float64
}

// mac is one macrocolumn: weights are stored per target cell as bit rows
// over the afferent units of each type, so a cell's input sum is a popcount
// of its row ANDed with the active inputs.
type mac struct {
	uSrc  []int32 // level 1: pixel indices; higher: mac indices of the level below
	hSrc  []int32 // same-level mac indices (self included)
	hSelf int     // position of the mac itself in hSrc, −1 if absent
	dSrc  []int32 // mac indices of the level above whose U field holds this mac

	uW, hW, dW int // words per cell row
	wU, wH, wD []uint64

	rowSet       []uint32 // per cell: U weights set onto it
	tie          []uint64 // per cell: tie-break key (derived from rowSet)
	bundle       []uint16 // per U unit: cells with a set weight from it
	bundleFrozen []uint64 // per U unit: frozen bundle bit
	setU         int
	frozen       bool
	center       int32 // sigmoid centre c (Q16)
	maxMeanV     int32 // best mean V seen (ratchet)
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
	prioRNG := rand.New(rand.NewPCG(d.Seed^0x5bd1e995, 0x2545f4914f6cdd1d))
	for i, lc := range d.Levels {
		l := &level{cfg: lc, idx: i, src: -1, q: lc.Q, k: lc.K, cells: lc.Q * lc.K, unitCells: 1}
		below := d.Input
		if i > 0 && !lc.FromInput {
			l.src = i - 1
			l.unitCells = d.Levels[i-1].Q * d.Levels[i-1].K
			below = d.Levels[i-1].Macs
		}
		reg := lc.Region
		if reg == (Rect{}) {
			reg = Rect{0, 0, below.W, below.H}
		}
		nm := lc.Macs.N()
		l.macs = make([]mac, nm)
		l.active, l.prevActive = make([]bool, nm), make([]bool, nm)
		l.code, l.prevCode = make([]uint16, nm*lc.Q), make([]uint16, nm*lc.Q)
		l.g = make([]float64, nm)
		l.sig = sigTable(lc.Lambda)
		l.powU, l.powH, l.powD = powTable(lc.ExpU), powTable(lc.ExpH), powTable(lc.ExpD)
		l.prio = make([]uint16, l.cells)
		for c := range l.prio {
			l.prio[c] = uint16(prioRNG.Uint32())
		}
		for m := range l.macs {
			mx, my := m%lc.Macs.W, m/lc.Macs.W
			x0 := reg.X + spread(mx, lc.Macs.W, lc.RF.W, reg.W)
			y0 := reg.Y + spread(my, lc.Macs.H, lc.RF.H, reg.H)
			mc := &l.macs[m]
			for y := y0; y < y0+lc.RF.H; y++ {
				for x := x0; x < x0+lc.RF.W; x++ {
					mc.uSrc = append(mc.uSrc, int32(y*below.W+x))
				}
			}
			mc.hSelf = -1
			if r := lc.hRadius(); r >= 0 {
				for y := my - r; y <= my+r; y++ {
					for x := mx - r; x <= mx+r; x++ {
						if x < 0 || y < 0 || x >= lc.Macs.W || y >= lc.Macs.H {
							continue
						}
						if x == mx && y == my {
							mc.hSelf = len(mc.hSrc)
						}
						mc.hSrc = append(mc.hSrc, int32(y*lc.Macs.W+x))
					}
				}
			}
			mc.uW = wordsFor(len(mc.uSrc) * l.unitCells)
			mc.hW = wordsFor(len(mc.hSrc) * l.cells)
			mc.wU = make([]uint64, l.cells*mc.uW)
			mc.wH = make([]uint64, l.cells*mc.hW)
			mc.bundle = make([]uint16, len(mc.uSrc)*l.unitCells)
			mc.rowSet = make([]uint32, l.cells)
			mc.tie = make([]uint64, l.cells)
			mc.bundleFrozen = make([]uint64, mc.uW)
			mc.center = fixed(lc.Center)
			l.resetTies(mc)
		}
		n.levels = append(n.levels, l)
	}
	// D sources: the macs above whose U field contains the mac.
	for i, l := range n.levels {
		if !l.cfg.TopDown || i+1 >= len(n.levels) || n.levels[i+1].src != i {
			continue
		}
		up := n.levels[i+1]
		for um := range up.macs {
			for _, s := range up.macs[um].uSrc {
				mc := &l.macs[s]
				mc.dSrc = append(mc.dSrc, int32(um))
			}
		}
		for m := range l.macs {
			mc := &l.macs[m]
			mc.dW = wordsFor(len(mc.dSrc) * up.cells)
			mc.wD = make([]uint64, l.cells*mc.dW)
		}
	}
	n.read = newReadout(d, n.levels)
	n.pix = make([]uint64, wordsFor(d.Input.N()))
	n.allocScratch()
	return n, nil
}

func (n *Network) allocScratch() {
	maxU, maxH, maxD, maxCells := 0, 0, 0, 0
	for _, l := range n.levels {
		maxCells = max(maxCells, l.cells)
		for m := range l.macs {
			mc := &l.macs[m]
			maxU, maxH, maxD = max(maxU, mc.uW), max(maxH, mc.hW), max(maxD, mc.dW)
		}
	}
	n.uIn, n.hIn, n.dIn = make([]uint64, maxU), make([]uint64, maxH), make([]uint64, maxD)
	n.vals = make([]int32, maxCells)
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
	c.Levels = append([]LevelConfig(nil), n.cfg.Levels...)
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
	if err := n.checkInput(in, label); err != nil {
		return Trace{}, err
	}
	n.Reset()
	tr := n.frame1(in, true, label)
	n.Reset()
	return tr, nil
}

// Recall finds the codes of in as a one-frame episode, without changing any
// weight or the sequence context: max V per CM, ties broken by a fixed
// seeded rank of the cells.
func (n *Network) Recall(in *SDR) (Trace, error) {
	if err := n.checkInput(in, -1); err != nil {
		return Trace{}, err
	}
	return n.frameNoContext(in), nil
}

// Step runs one frame of the current sequence: H and D inputs come from the
// previous frame's codes. With learn it stores the frame (U, H and D weights)
// and, when label ≥ 0, trains the readout; otherwise it recognises. Call
// Reset between sequences.
func (n *Network) Step(in *SDR, learn bool, label int) (Trace, error) {
	if err := n.checkInput(in, label); err != nil {
		return Trace{}, err
	}
	return n.frame1(in, learn, label), nil
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
	for _, l := range n.levels {
		clear(l.prevActive)
	}
}

// frameNoContext recognises in as a one-frame episode without reading or
// changing the sequence context.
func (n *Network) frameNoContext(in *SDR) Trace {
	copy(n.pix, in.words())
	n.noContext = true
	n.pass(false)
	n.noContext = false
	tr := n.trace()
	n.read.score(n.levels, &tr)
	return tr
}

// pass runs the CSA on every mac, level by level from the bottom, on the
// input in n.pix, and reports whether any mac was active.
func (n *Network) pass(learn bool) bool {
	anyActive := false
	for _, l := range n.levels {
		for m := range l.macs {
			l.active[m] = n.step(l, m, learn)
			anyActive = anyActive || l.active[m]
		}
	}
	return anyActive
}

// roll makes this frame's codes the context (H and D input) of the next.
func (n *Network) roll() {
	for _, l := range n.levels {
		copy(l.prevActive, l.active)
		copy(l.prevCode, l.code)
	}
}

// frame1 runs one bottom-up pass over all levels, learns if asked, rolls
// current codes into the context and returns the trace.
func (n *Network) frame1(in *SDR, learn bool, label int) Trace {
	copy(n.pix, in.words())
	if n.pass(learn) && learn {
		n.items++
	}
	tr := n.trace()
	if !learn {
		n.read.score(n.levels, &tr)
	}
	if learn && label >= 0 {
		n.read.learn(n.levels, label)
	}
	n.roll()
	return tr
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
	tr := n.trace()
	n.read.score(n.levels, &tr)
	n.roll()
	return tr, nil
}
