package engine

import (
	"fmt"
	"maps"
	"slices"
)

// Presets are named configurations; the evaluation command and the page
// select them by name. Each is documented with what it is for.
var presets = map[string]func() Config{
	// "mnist" is the default: a three-level hierarchy for MNIST digits
	// (see MNISTConfig).
	"mnist": MNISTConfig,
	// "flat" is the first release's default: level 1 alone, its three
	// grids (see FlatConfig).
	"flat": FlatConfig,
	// "plain" is level 1's skeleton grid alone on the plain 28×28 input.
	"plain": func() Config {
		c := FlatConfig()
		c.Input = Grid{W: 28, H: 28}
		c.Levels[0].Grids = c.Levels[0].Grids[:1]
		c.Levels[0].Grids[0].Fields[0].Region = Rect{}
		return c
	},
}

// Preset returns the named configuration (see PresetNames).
func Preset(name string) (Config, error) {
	f, ok := presets[name]
	if !ok {
		return Config{}, fmt.Errorf("engine: unknown preset %q (have %v)", name, PresetNames())
	}
	return f(), nil
}

// PresetNames lists the preset names, sorted.
func PresetNames() []string { return slices.Sorted(maps.Keys(presets)) }

// The input channels of the MNIST networks, regions of engine/mnist's
// 28×70 EdgeGrid: the 28×28 skeleton, its stroke orientations 2×2-pooled
// (14×14 pooled pixels × 4 orientations, 28×28 units) and 4×4-pooled
// (7×7 × 4, 14×14 units).
var (
	skeletonRegion = Rect{X: 0, Y: 0, W: 28, H: 28}
	orient2Region  = Rect{X: 0, Y: 28, W: 28, H: 28}
	orient4Region  = Rect{X: 0, Y: 56, W: 14, H: 14}
)

// level1 is the level-1 grids of the MNIST networks: 12×12 macs with
// overlapping 5×5-pixel fields on the skeleton, 12×12 macs with 4×4 fields
// on the 2×2-pooled orientation map (2×2 pooled pixels with their four
// orientations), 6×6 macs with 4×4 fields on the 4×4-pooled map; Q = 8,
// K = 32, sigmoid centre 0.9, π⁻ = 1.
func level1() LevelConfig {
	g := GridConfig{Q: 8, K: 32, PiMin: 1, HRadius: NoH, Center: 0.9}
	skel, o2, o4 := g, g, g
	skel.Name, skel.Macs = "skeleton", Grid{W: 12, H: 12}
	skel.Fields = []Field{{Region: skeletonRegion, RF: Grid{W: 5, H: 5}}}
	o2.Name, o2.Macs = "orientation ×2", Grid{W: 12, H: 12}
	o2.Fields = []Field{{Region: orient2Region, RF: Grid{W: 4, H: 4}}}
	o4.Name, o4.Macs = "orientation ×4", Grid{W: 6, H: 6}
	o4.Fields = []Field{{Region: orient4Region, RF: Grid{W: 4, H: 4}}}
	return LevelConfig{Grids: []GridConfig{skel, o2, o4}}
}

// FlatConfig is the first release's default MNIST network: the three
// level-1 grids of MNISTConfig and nothing above them, no critical
// period; naive Bayes over their winners. Chosen on a validation split
// (BENCHMARKS.md lists what was tried). Its familiarity is 1 for nearly
// every input (docs/MODEL.md): it has the semantic memory only.
func FlatConfig() Config {
	return Config{
		Seed:         1,
		Input:        Grid{W: 28, H: 70},
		Levels:       []LevelConfig{level1()},
		Classes:      10,
		ReadoutAlpha: 0.1,
	}
}

// MNISTConfig is the default configuration for MNIST digits, preprocessed
// by engine/mnist (centred, size-normalised, thinned) and encoded on its
// 28×70 EdgeGrid: a three-level hierarchy whose top level keeps every item
// it stores (docs/MODEL.md; BENCHMARKS.md has the measurements behind each
// choice).
//
//   - Level 1 reads the input with the three grids of FlatConfig (the
//     skeleton and two pooled maps of stroke orientation), with Q = 2 and
//     K = 128 instead of 8 × 32.
//   - Level 2 is 4×4 macs (Q = 2, K = 256), each reading a 3×3
//     neighbourhood of each 12×12 level-1 grid and 2×2 of the 6×6 one.
//   - Levels 1 and 2 have per-cell critical periods (CellPeriods with
//     TieOldest, no bundle freezing): a cell learns from the frame it is
//     first chosen until the next cell of its CM is, and a CM closes when
//     all its cells have been chosen. No learning can change the code an
//     input stored earlier recalls at these levels, so every stored item
//     gives the top level the input it was stored with, whatever its age.
//     Every novel pattern takes a fresh cell in each CM, so the CMs of a
//     lower mac hold nearly the same prototypes: Q = 2 with more cells
//     per CM gives more prototypes for the cost of the old Q = 8, K = 32
//     (and level 2 reads 2 instead of 8 winners per level-1 mac).
//   - The top level is 2×2 macs (Q = 4, K = 512), each reading 3×3 of
//     level 2's macs, so that together they see the whole input. It never
//     closes: it stores every item. Its G⁻ is 0.9: an input less than 90%
//     familiar gets a fresh, nearly random code, so that items spread over
//     all its cells instead of piling on the cells of their look-alikes.
//
// The readout is naive Bayes over level 1's winners (the semantic memory);
// the top level's familiarity G tells stored items from unseen ones (the
// episodic memory).
func MNISTConfig() Config {
	c := FlatConfig()
	l1 := c.Levels[0]
	for i := range l1.Grids {
		g := &l1.Grids[i]
		g.Q, g.K = 2, 128
		g.CellPeriods, g.TieBreak, g.FreezeBundle = true, TieOldest, 1
	}
	l2 := GridConfig{Name: "level 2", Macs: Grid{W: 4, H: 4}, Q: 2, K: 256,
		PiMin: 1, HRadius: NoH, Center: 0.9, FreezeBundle: 1,
		CellPeriods: true, TieBreak: TieOldest,
		Fields: []Field{
			{Source: 0, RF: Grid{W: 3, H: 3}},
			{Source: 1, RF: Grid{W: 3, H: 3}},
			{Source: 2, RF: Grid{W: 2, H: 2}},
		}}
	top := GridConfig{Name: "top", Macs: Grid{W: 2, H: 2}, Q: 4, K: 512,
		PiMin: 1, HRadius: NoH, Center: 0.9, GFloor: 0.9, FreezeBundle: 1,
		Fields: []Field{{Source: 0, RF: Grid{W: 3, H: 3}}}}
	c.Levels = []LevelConfig{l1, {Grids: []GridConfig{l2}}, {Grids: []GridConfig{top}}}
	c.ReadoutLevels = []int{1}
	return c
}
