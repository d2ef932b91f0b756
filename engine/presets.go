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
	// "mnist2" is the two-level network (level 2 over level 1).
	"mnist2": MNIST2Config,
	// "small" is a quick 7×7-mac network for slow machines.
	"small": func() Config {
		c := MNISTConfig()
		c.Levels[0].Macs = Grid{W: 7, H: 7}
		c.Levels[0].RF = Grid{W: 8, H: 8}
		c.Levels[0].PiMin = 3
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

// MNISTConfig is the default configuration for 28×28 MNIST digits
// preprocessed by engine/mnist (centred, size-normalised, thinned): one
// internal level of 12×12 macs with overlapping 5×5-pixel fields, Q = 8,
// K = 32, sigmoid centre 0.9 and a critical period at 15% of the weights,
// read out by naive Bayes over the winners. Chosen on a validation split
// (the last 10,000 training digits); BENCHMARKS.md lists what was tried.
func MNISTConfig() Config {
	return Config{
		Seed:  1,
		Input: Grid{W: 28, H: 28},
		Levels: []LevelConfig{{
			Macs: Grid{W: 12, H: 12}, RF: Grid{W: 5, H: 5},
			Q: 8, K: 32,
			PiMin:     2,
			HRadius:   NoH,
			Center:    0.9,
			FreezeMac: 0.15,
		}},
		Classes:      10,
		ReadoutAlpha: 0.1,
	}
}

// MNIST2Config adds a second internal level to MNISTConfig: 3×3 macs, each
// over 6×6 level-1 macs, read out together with level 1.
func MNIST2Config() Config {
	c := MNISTConfig()
	c.Levels = append(c.Levels, LevelConfig{
		Macs: Grid{W: 3, H: 3}, RF: Grid{W: 6, H: 6},
		Q: 8, K: 16,
		PiMin:     2,
		HRadius:   NoH,
		Center:    0.9,
		FreezeMac: 0.15,
	})
	return c
}
