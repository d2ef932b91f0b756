package engine

import (
	"errors"
	"fmt"
	"slices"
)

// Grid is a width × height extent: of pixels for the input, of macs for a
// level, of units of the level below for a receptive field.
type Grid struct {
	W, H int
}

// N is the number of cells of the grid.
func (g Grid) N() int { return g.W * g.H }

// Rect is a rectangle of a grid: origin X, Y and size W, H.
type Rect struct {
	X, Y, W, H int
}

// Config describes a network. The zero value of every field except Input and
// Levels means "use the documented default"; Defaults returns a copy with
// those defaults filled in, and New never mutates the caller's Config.
type Config struct {
	// Seed seeds the network's random number generator (the CSA draws).
	// Any value; the same seed gives the same codes on every platform.
	Seed uint64
	// Input is the size of the input grid in pixels (level 0).
	// Required; 1 ≤ W, H ≤ 1024.
	Input Grid
	// Levels are the internal levels, bottom (level 1) to top. Required;
	// 1 to 8 levels.
	Levels []LevelConfig
	// Classes is the number of class nodes of the readout (labels are
	// 0 ≤ label < Classes). Default 10; range 1–1024.
	Classes int
	// Readout chooses how class scores are computed from codes. Default
	// ReadoutNaiveBayes.
	Readout Readout
	// ReadoutLevels lists the levels (1-based) whose codes feed the readout.
	// Default: every level.
	ReadoutLevels []int
	// ReadoutAlpha is the additive smoothing of the counting readouts.
	// Default 0.5; range (0, 100].
	ReadoutAlpha float64
	// ReadoutTemperature is the temperature T of the class scores,
	// softmax(logit/T). Default 0: fitted online on the labelled stream
	// (every 8th labelled item is recalled before it is learned and kept,
	// with its label, in a ring of the last 256 such samples; at 16, 32,
	// 64, 128 and 256 samples and then every 256, T is set by bisection so
	// that the samples' mean top score, scored leave-one-out, equals the
	// share of them the readout gets right: calib.go), so that a score of
	// 0.8 is right about 80% of the time. Range [0, 1e6].
	ReadoutTemperature float64
}

// Readout selects the class readout from codes to class scores. All three
// run in fixed time: cost is (active code cells) × Classes, whatever the
// number of items stored.
type Readout int

const (
	// ReadoutNaiveBayes (default): per class, per CM of each readout mac,
	// counts of how often each cell won with that label; score = log prior +
	// Σ over the active macs' CMs of log P(winner | class), with additive
	// smoothing. Does not saturate.
	ReadoutNaiveBayes Readout = iota + 1
	// ReadoutBinary is Sparsey's class-node field: a binary Hebbian weight
	// from each code cell to each label it was active with; score = number
	// of active cells with a weight to the class. Saturates on large sets.
	ReadoutBinary
	// ReadoutCount counts co-activations of code cell and class; score =
	// Σ count / items of the class.
	ReadoutCount
)

func (r Readout) String() string {
	switch r {
	case ReadoutNaiveBayes:
		return "naive-bayes"
	case ReadoutBinary:
		return "binary"
	case ReadoutCount:
		return "count"
	}
	return fmt.Sprintf("Readout(%d)", int(r))
}

// LevelConfig is one level of the hierarchy: one or more grids of macs side
// by side. The grids of level 1 read the input (level 0); the grids of a
// higher level read the codes of the grids of the level below, so every
// level above level 1 sees the whole of the level under it through the
// fields of its macs.
type LevelConfig struct {
	// Grids are the level's mac grids. Required: 1 to 8.
	Grids []GridConfig
}

// Field is one part of a mac's bottom-up (U) receptive field: an RF-sized
// window of a region of a source grid. The windows of a grid's macs are
// spread evenly over the region (the first at its left/top edge, the last
// at its right/bottom edge), so neighbouring macs overlap when Macs × RF
// exceeds the region.
type Field struct {
	// Source is the grid read: at level 1 it must be 0 (the input grid);
	// above, the index of a grid of the level below.
	Source int
	// Region is the part of the source grid the windows tile, in units of
	// the source (pixels of the input, macs of a grid); zero W and H mean
	// the whole source grid.
	Region Rect
	// RF is the window's size in units of the source. Required;
	// 1 ≤ RF ≤ Region.
	RF Grid
}

// GridConfig describes one grid of identical macs.
type GridConfig struct {
	// Name labels the grid in traces and views ("skeleton", ...). Default
	// "grid N" (N: its index in the level, from 1).
	Name string
	// Macs is the grid of macs. Required; 1–64 each way.
	Macs Grid
	// Fields make up each mac's U receptive field: one or more windows,
	// at level 1 of the input, above of grids of the level below. Required:
	// 1 to 8 fields.
	Fields []Field
	// Q is the number of competitive modules (CMs) per mac. Default 8;
	// range 1–64.
	Q int
	// K is the number of cells per CM. Default 16; range 2–1024 (2–256 on
	// a readout level).
	K int
	// PiMin and PiMax bound the number of active inputs in a mac's U field
	// (pixels at level 1, active source macs at higher levels) for the mac
	// to run the CSA; outside the band it is silent (no code, no learning).
	// Defaults 1 and the field's size (no upper bound).
	PiMin, PiMax int
	// HRadius is the horizontal receptive field: the macs of the same grid
	// within this Chebyshev distance, the mac itself included, send their
	// previous-frame codes as H input. Default 0 (the mac itself); NoH (−1)
	// disables H; range −1..64.
	HRadius int
	// TopDown enables D input: the previous-frame codes of the macs of the
	// level above whose U fields contain this mac. Ignored on the top level.
	TopDown bool

	// GFloor is G⁻: at or below it η = 1 and the draw is uniform.
	// Default 0.1; range [0, 1).
	GFloor float64
	// Gamma is γ, the power of the rectified familiarity in η. Default 2;
	// range (0, 16].
	Gamma float64
	// Chi is χ in η = 1 + χ·K·r^γ. Default 100; range (0, 1e6].
	Chi float64
	// Lambda is λ, the steepness of the V→μ sigmoid. Default 28;
	// range (0, 1000].
	Lambda float64
	// Center is c, the sigmoid's centre at the start. Default 0.5;
	// range (0, 1).
	Center float64
	// CenterMax is where the centre's ratchet stops: on a learning frame
	// whose mean V over the mac's cells exceeds RatchetV and is a new
	// maximum for the mac, c rises by (CenterMax−Center)/100. Default equal
	// to Center (no ratchet); range [Center, 1).
	CenterMax float64
	// RatchetV is the mean-V threshold of the ratchet. Default 0.3;
	// range (0, 1].
	RatchetV float64
	// ExpU, ExpH, ExpD are the exponents of the normalised U, H and D sums
	// in V = U^ExpU · H^ExpH · D^ExpD. Defaults 1; range (0, 16].
	ExpU, ExpH, ExpD float64

	// FreezeBundle stops a weight bundle (one source unit → this mac) from
	// learning once more than this fraction of the mac's cells receive a
	// set weight from the unit. Default 0.5; range (0, 1]; 1 disables.
	FreezeBundle float64
	// FreezeMac is the mac's critical period: once this fraction of its U
	// weights is set, the whole mac stops learning. Default 1 (never);
	// range (0, 1].
	FreezeMac float64
	// MaxVAtG: on a learning frame whose G is at least this, the mac takes
	// the max-V code, as recognition does, instead of drawing from ρ.
	// Default 1 (a fully familiar input reactivates its code); range
	// (0, 2], where 2 always draws. Measured on MNIST validation: 0.8, 0.9,
	// 0.95 and 1 give the same accuracy (BENCHMARKS.md).
	MaxVAtG float64
	// DrawFullMatch makes a learning frame draw from ρ even in a CM that
	// holds a fully matching cell (V = 1). Default false: such a CM keeps
	// that cell. This departs from the CSA when the mac's G is low (one CM
	// matches fully, the others do not): the draw would then pick almost
	// any cell. Keeping the cell stores nothing new in that CM (the input
	// is already covered by the cell's weights), so no other stored input
	// gains a full match there, and the code stored is the code recalled
	// (a drawn cell would, after learning, tie at V = 1 with the old one).
	// Per-cell critical periods (CellPeriods) rely on it. Measured on MNIST
	// validation at 50,000 digits: 0.9342 kept, 0.9316 drawn
	// (BENCHMARKS.md, phase 4).
	DrawFullMatch bool
	// FrozenLearnCode chooses how a frozen mac picks its code on a learning
	// frame. Default FrozenMaxV: by max V, as in recognition, so that codes
	// seen in training equal recall codes (docs/MODEL.md).
	FrozenLearnCode FrozenChoice
	// CloseAfter is the grid's critical period by items seen: once the
	// network has learned this many items (learning frames), every mac of
	// the grid stops learning for good, as FreezeMac stops one. Default 0
	// (no such period); range 0–2³¹.
	CloseAfter int
	// TieBreak ranks cells of equal V in the max-V choice. Default
	// TieFewestWeights.
	TieBreak TieRule
	// CellPeriods gives every cell a critical period of its own: a cell
	// learns from the frame it is first chosen until another cell of its
	// CM is chosen for the first time; from then on its weights are
	// permanent. A learning draw is over the cells that still learn (the
	// CM's youngest cell and the cells never chosen). With TieOldest no
	// learning can change the max-V code of an input stored before: the
	// only cells that change are younger than every stored item's cell.
	CellPeriods bool
}

// TieRule is how the max-V choice ranks cells of equal V.
type TieRule int

const (
	// TieFewestWeights: the cell with the fewest U weights set (the most
	// specific), then a fixed seeded rank.
	TieFewestWeights TieRule = iota + 1
	// TieOldest: the cell that first won earliest; cells that never won
	// last, by index.
	TieOldest
	// TieRank: a fixed seeded rank per cell.
	TieRank
)

// FrozenChoice is how a frozen mac chooses its code on a learning frame.
type FrozenChoice int

const (
	// FrozenMaxV picks the max-V cell per CM, like recognition (default).
	FrozenMaxV FrozenChoice = iota + 1
	// FrozenDraw runs the full CSA draw, like an unfrozen mac.
	FrozenDraw
)

// NoH disables horizontal input in LevelConfig.HRadius.
const NoH = -1

// Errors returned by Validate and New. Each wraps with the field name.
var (
	ErrConfig = errors.New("engine: invalid config")
)

func fieldErr(field string, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrConfig, field, fmt.Sprintf(format, args...))
}

// Limits on sizes, so that a config (or a corrupt snapshot) cannot ask for
// absurd allocations; Validate also bounds the memory of the whole network
// (maxNetworkBytes, budget.go).
const (
	maxLevels      = 8
	maxGrids       = 8
	maxFields      = 8
	maxGridSide    = 1024
	maxMacSide     = 64
	maxQ           = 64
	maxK           = 1 << cellBits
	maxClasses     = 1024
	maxWeightWords = 1 << 24 // 128 MiB of weights in all
)

// Defaults returns a copy of c with every zero field set to its default.
// It does not validate.
func (c Config) Defaults() Config {
	out := c
	out.Levels = make([]LevelConfig, len(c.Levels))
	for i, l := range c.Levels {
		out.Levels[i].Grids = make([]GridConfig, len(l.Grids))
		for j, g := range l.Grids {
			g = g.defaults()
			if g.Name == "" {
				g.Name = fmt.Sprintf("grid %d", j+1)
			}
			g.Fields = append([]Field(nil), g.Fields...)
			out.Levels[i].Grids[j] = g
		}
	}
	if out.Classes == 0 {
		out.Classes = 10
	}
	if out.Readout == 0 {
		out.Readout = ReadoutNaiveBayes
	}
	if out.ReadoutAlpha == 0 {
		out.ReadoutAlpha = 0.5
	}
	if len(c.ReadoutLevels) == 0 {
		out.ReadoutLevels = make([]int, len(c.Levels))
		for i := range out.ReadoutLevels {
			out.ReadoutLevels[i] = i + 1
		}
	} else {
		out.ReadoutLevels = append([]int(nil), c.ReadoutLevels...)
	}
	return out
}

func (l GridConfig) defaults() GridConfig {
	def := func(p *float64, v float64) {
		if *p == 0 {
			*p = v
		}
	}
	if l.Q == 0 {
		l.Q = 8
	}
	if l.K == 0 {
		l.K = 16
	}
	if l.PiMin == 0 {
		l.PiMin = 1
	}
	def(&l.GFloor, 0.1)
	def(&l.Gamma, 2)
	def(&l.Chi, 100)
	def(&l.Lambda, 28)
	def(&l.Center, 0.5)
	def(&l.CenterMax, l.Center)
	def(&l.RatchetV, 0.3)
	def(&l.ExpU, 1)
	def(&l.ExpH, 1)
	def(&l.ExpD, 1)
	def(&l.FreezeBundle, 0.5)
	def(&l.FreezeMac, 1)
	def(&l.MaxVAtG, 1)
	if l.FrozenLearnCode == 0 {
		l.FrozenLearnCode = FrozenMaxV
	}
	if l.TieBreak == 0 {
		l.TieBreak = TieFewestWeights
	}
	return l
}

// Validate reports the first invalid field of c (after defaults), naming it.
func (c Config) Validate() error {
	d := c.Defaults()
	if d.Input.W < 1 || d.Input.H < 1 || d.Input.W > maxGridSide || d.Input.H > maxGridSide {
		return fieldErr("Input", "%dx%d outside 1..%d", d.Input.W, d.Input.H, maxGridSide)
	}
	if len(d.Levels) < 1 || len(d.Levels) > maxLevels {
		return fieldErr("Levels", "%d levels, want 1..%d", len(d.Levels), maxLevels)
	}
	if d.Classes < 1 || d.Classes > maxClasses {
		return fieldErr("Classes", "%d outside 1..%d", d.Classes, maxClasses)
	}
	if d.Readout < ReadoutNaiveBayes || d.Readout > ReadoutCount {
		return fieldErr("Readout", "unknown readout %d", int(d.Readout))
	}
	if !(d.ReadoutAlpha > 0 && d.ReadoutAlpha <= 100) {
		return fieldErr("ReadoutAlpha", "%v outside (0, 100]", d.ReadoutAlpha)
	}
	if !(d.ReadoutTemperature >= 0 && d.ReadoutTemperature <= 1e6) {
		return fieldErr("ReadoutTemperature", "%v outside [0, 1e6]", d.ReadoutTemperature)
	}
	seen := map[int]bool{}
	for _, l := range d.ReadoutLevels {
		if l < 1 || l > len(d.Levels) || seen[l] {
			return fieldErr("ReadoutLevels", "level %d invalid or repeated", l)
		}
		seen[l] = true
	}
	words := 0
	for i, lv := range d.Levels {
		if len(lv.Grids) < 1 || len(lv.Grids) > maxGrids {
			return fieldErr(fmt.Sprintf("Levels[%d].Grids", i), "%d grids, want 1..%d", len(lv.Grids), maxGrids)
		}
		for j, l := range lv.Grids {
			w, err := d.validateGrid(i, j, l)
			if err != nil {
				return err
			}
			words += w
			if words > maxWeightWords {
				return fieldErr(fmt.Sprintf("Levels[%d].Grids[%d].Macs", i, j), "network too large: over %d weight words", maxWeightWords)
			}
		}
	}
	return d.checkBudget()
}

// sourceGrid is the extent and cells per unit of source s of a grid of
// level i (0-based): the input at level 0, a grid of level i−1 above.
func (c *Config) sourceGrid(i, s int) (Grid, int, bool) {
	if i == 0 {
		return c.Input, 1, s == 0
	}
	below := c.Levels[i-1].Grids
	if s < 0 || s >= len(below) {
		return Grid{}, 0, false
	}
	return below[s].Macs, below[s].Q * below[s].K, true
}

// validateGrid checks grid j of level i (defaults filled in) and returns
// its number of weight words.
func (d *Config) validateGrid(i, j int, l GridConfig) (int, error) {
	name := func(f string) string { return fmt.Sprintf("Levels[%d].Grids[%d].%s", i, j, f) }
	if l.Macs.W < 1 || l.Macs.H < 1 || l.Macs.W > maxMacSide || l.Macs.H > maxMacSide {
		return 0, fieldErr(name("Macs"), "%dx%d outside 1..%d", l.Macs.W, l.Macs.H, maxMacSide)
	}
	if len(l.Fields) < 1 || len(l.Fields) > maxFields {
		return 0, fieldErr(name("Fields"), "%d fields, want 1..%d", len(l.Fields), maxFields)
	}
	rfUnits, uBits := 0, 0
	for f, fd := range l.Fields {
		fname := func(x string) string { return name(fmt.Sprintf("Fields[%d].%s", f, x)) }
		src, unitCells, ok := d.sourceGrid(i, fd.Source)
		if !ok {
			return 0, fieldErr(fname("Source"), "%d: no such grid below", fd.Source)
		}
		r := fd.Region
		if r == (Rect{}) {
			r = Rect{0, 0, src.W, src.H}
		}
		if r.X < 0 || r.Y < 0 || r.W < 1 || r.H < 1 || r.X+r.W > src.W || r.Y+r.H > src.H {
			return 0, fieldErr(fname("Region"), "%+v outside the %dx%d source grid", r, src.W, src.H)
		}
		if fd.RF.W < 1 || fd.RF.H < 1 || fd.RF.W > r.W || fd.RF.H > r.H {
			return 0, fieldErr(fname("RF"), "%dx%d outside 1..%dx%d (its region)", fd.RF.W, fd.RF.H, r.W, r.H)
		}
		rfUnits += fd.RF.N()
		uBits += fd.RF.N() * unitCells
	}
	if l.Q < 1 || l.Q > maxQ {
		return 0, fieldErr(name("Q"), "%d outside 1..%d", l.Q, maxQ)
	}
	if l.K < 2 || l.K > maxK {
		return 0, fieldErr(name("K"), "%d outside 2..%d", l.K, maxK)
	}
	if l.PiMin < 1 || l.PiMin > rfUnits {
		return 0, fieldErr(name("PiMin"), "%d outside 1..%d (RF size)", l.PiMin, rfUnits)
	}
	if l.PiMax != 0 && (l.PiMax < l.PiMin || l.PiMax > rfUnits) {
		return 0, fieldErr(name("PiMax"), "%d outside PiMin..%d (RF size)", l.PiMax, rfUnits)
	}
	if l.HRadius < NoH || l.HRadius > maxMacSide {
		return 0, fieldErr(name("HRadius"), "%d outside -1..%d", l.HRadius, maxMacSide)
	}
	checks := []struct {
		f      string
		v      float64
		lo, hi float64
		loOpen bool
		hiOpen bool
	}{
		{"GFloor", l.GFloor, 0, 1, false, true},
		{"Gamma", l.Gamma, 0, 16, true, false},
		{"Chi", l.Chi, 0, 1e6, true, false},
		{"Lambda", l.Lambda, 0, 1000, true, false},
		{"Center", l.Center, 0, 1, true, true},
		{"CenterMax", l.CenterMax, l.Center, 1, false, true},
		{"RatchetV", l.RatchetV, 0, 1, true, false},
		{"ExpU", l.ExpU, 0, 16, true, false},
		{"ExpH", l.ExpH, 0, 16, true, false},
		{"ExpD", l.ExpD, 0, 16, true, false},
		{"FreezeBundle", l.FreezeBundle, 0, 1, true, false},
		{"FreezeMac", l.FreezeMac, 0, 1, true, false},
		{"MaxVAtG", l.MaxVAtG, 0, 2, true, false},
	}
	for _, ck := range checks {
		bad := ck.v != ck.v || ck.v < ck.lo || ck.v > ck.hi ||
			(ck.loOpen && ck.v == ck.lo) || (ck.hiOpen && ck.v == ck.hi)
		if bad {
			return 0, fieldErr(name(ck.f), "%v outside its range", ck.v)
		}
	}
	if l.FrozenLearnCode != FrozenMaxV && l.FrozenLearnCode != FrozenDraw {
		return 0, fieldErr(name("FrozenLearnCode"), "unknown choice %d", int(l.FrozenLearnCode))
	}
	if l.TieBreak < TieFewestWeights || l.TieBreak > TieRank {
		return 0, fieldErr(name("TieBreak"), "unknown rule %d", int(l.TieBreak))
	}
	if l.CellPeriods && (l.TieBreak != TieOldest || l.FreezeBundle != 1) {
		return 0, fieldErr(name("CellPeriods"), "needs TieBreak TieOldest and FreezeBundle 1 (no stored code may change)")
	}
	if l.CloseAfter < 0 || l.CloseAfter > 1<<31 {
		return 0, fieldErr(name("CloseAfter"), "%d outside 0..2^31", l.CloseAfter)
	}
	if l.K > 256 && slices.Contains(d.ReadoutLevels, i+1) {
		return 0, fieldErr(name("K"), "%d on a readout level, want ≤ 256", l.K)
	}
	return d.gridWords(i, l, uBits), nil // weight words, to bound allocations
}

func wordsFor(bits int) int { return (bits + 63) / 64 }
