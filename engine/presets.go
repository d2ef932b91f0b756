package engine

import (
	"fmt"
	"maps"
	"slices"
)

// Presets are named configurations; the evaluation command and the page
// select them by name. Each is documented with what it is for.
var presets = map[string]func() Config{
	// "mnist" is the default MNIST network (tuned on a validation split
	// carved from the training set; see BENCHMARKS.md).
	"mnist": MNISTConfig,
	// "hierarchy" adds a level 3 over level 1 (see HierarchyConfig).
	"hierarchy": HierarchyConfig,
	// "plain" is level 1 alone on the plain 28×28 input.
	"plain": func() Config {
		c := MNISTConfig()
		c.Input = Grid{W: 28, H: 28}
		c.Levels = c.Levels[:1]
		c.Levels[0].Region = Rect{}
		return c
	},
	// "pyramid" is the previous default: level 1 (14×14 macs) on the
	// skeleton and a level on its 2×2-pooled copy (28×42 grid).
	"pyramid": func() Config {
		c := MNISTConfig()
		c.Input = Grid{W: 28, H: 42}
		c.Levels = c.Levels[:2]
		c.Levels[0].Macs = Grid{W: 14, H: 14}
		c.Levels[1].Macs = Grid{W: 6, H: 6}
		c.Levels[1].Region = Rect{X: 0, Y: 28, W: 14, H: 14}
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

// MNISTConfig is the default configuration for MNIST digits, preprocessed
// by engine/mnist (centred, size-normalised, thinned) and encoded on its
// 28×70 EdgeGrid: the 28×28 skeleton above two pooled maps of the strokes'
// orientations (14×14×4 and 7×7×4). Three levels read the three scales:
// level 1 is 12×12 macs with overlapping 5×5-pixel fields on the skeleton;
// level 2 (FromInput) 12×12 macs with 4×4 fields on the 14×14×4 map (2×2
// pooled pixels with their four orientations); level 3 (FromInput) 6×6 macs
// with 4×4 fields on the 7×7×4 map. Q = 8, K = 32, sigmoid centre 0.9,
// π⁻ = 1; naive Bayes over the winners of all three. Chosen on a
// validation split (the last 10,000 training digits); BENCHMARKS.md lists
// what was tried and what each gave.
func MNISTConfig() Config {
	l1 := LevelConfig{
		Macs: Grid{W: 12, H: 12}, RF: Grid{W: 5, H: 5},
		Region: Rect{X: 0, Y: 0, W: 28, H: 28},
		Q:      8, K: 32,
		PiMin:   1,
		HRadius: NoH,
		Center:  0.9,
	}
	l2 := l1
	l2.FromInput = true
	l2.Macs, l2.RF = Grid{W: 12, H: 12}, Grid{W: 4, H: 4}
	l2.Region = Rect{X: 0, Y: 28, W: 28, H: 28}
	l3 := l2
	l3.Macs = Grid{W: 6, H: 6}
	l3.Region = Rect{X: 0, Y: 56, W: 14, H: 14}
	return Config{
		Seed:         1,
		Input:        Grid{W: 28, H: 70},
		Levels:       []LevelConfig{l1, l2, l3},
		Classes:      10,
		ReadoutAlpha: 0.1,
	}
}

// HierarchyConfig is MNISTConfig with a hierarchical level inserted as
// level 2: 3×3 macs, each over 6×6 level-1 macs, coding conjunctions of
// level-1 codes and sending top-down D input to level 1 in sequences. The
// two orientation levels become levels 3 and 4; the readout uses all four.
func HierarchyConfig() Config {
	c := MNISTConfig()
	c.Levels[0].TopDown = true
	hier := LevelConfig{
		Macs: Grid{W: 3, H: 3}, RF: Grid{W: 6, H: 6},
		Q: 8, K: 16,
		PiMin:   2,
		HRadius: NoH,
		Center:  0.9,
	}
	c.Levels = []LevelConfig{c.Levels[0], hier, c.Levels[1], c.Levels[2]}
	return c
}
