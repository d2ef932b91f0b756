package engine

import (
	"fmt"
	"sort"
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
func PresetNames() []string {
	var s []string
	for k := range presets {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// MNISTConfig is the default configuration for MNIST digits, preprocessed
// by engine/mnist (centred, size-normalised, thinned) and encoded on its
// 28×42 pyramid grid: the 28×28 skeleton above a 2×2-pooled 14×14 copy.
// Level 1 is 14×14 macs with overlapping 5×5-pixel fields over the full
// resolution; level 2 reads the pooled copy directly (FromInput), 6×6 macs
// with 4×4 fields, so the readout sees two scales. Q = 8, K = 32, sigmoid
// centre 0.9; naive Bayes over the winners of both levels. Chosen on a
// validation split (the last 10,000 training digits); BENCHMARKS.md lists
// what was tried and what each gave.
func MNISTConfig() Config {
	l1 := LevelConfig{
		Macs: Grid{W: 14, H: 14}, RF: Grid{W: 5, H: 5},
		Region: Rect{X: 0, Y: 0, W: 28, H: 28},
		Q:      8, K: 32,
		PiMin:   1,
		HRadius: NoH,
		Center:  0.9,
	}
	l2 := l1
	l2.FromInput = true
	l2.Macs, l2.RF = Grid{W: 6, H: 6}, Grid{W: 4, H: 4}
	l2.Region = Rect{X: 0, Y: 28, W: 14, H: 14}
	return Config{
		Seed:         1,
		Input:        Grid{W: 28, H: 42},
		Levels:       []LevelConfig{l1, l2},
		Classes:      10,
		ReadoutAlpha: 0.1,
	}
}

// HierarchyConfig is a three-level network: level 1 over the full-resolution
// input (as in MNISTConfig), level 2 over level 1 (3×3 macs, each over 6×6
// level-1 macs, coding conjunctions of level-1 codes, sending top-down D
// input to level 1 in sequences), and level 3 over the pooled copy of the
// input (MNISTConfig's level 2). The readout uses all three.
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
	c.Levels = []LevelConfig{c.Levels[0], hier, c.Levels[1]}
	return c
}
