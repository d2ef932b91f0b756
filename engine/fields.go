package engine

import (
	"fmt"
	"slices"
)

// Field returns the macs of the level below whose codes mac id reads (its
// U receptive field), in the order of its afferent units; nil for a mac of
// level 1, which reads pixels (see Pixels).
func (n *Network) Field(id MacID) ([]MacID, error) {
	g, err := n.gridOf(id)
	if err != nil {
		return nil, fmt.Errorf("engine: Field: %w", err)
	}
	if g.level == 0 {
		return nil, nil
	}
	var out []MacID
	for _, s := range g.macs[id.Mac].src {
		out = append(out, MacID{Level: g.level, Grid: s.g.idx, Mac: int(s.mac)})
	}
	return out, nil
}

// Pixels returns the input units (indices into the input grid, sorted)
// that mac id sees in the end: its own field at level 1, the union of the
// fields of the macs it reads, down to the input, above.
func (n *Network) Pixels(id MacID) ([]int, error) {
	g, err := n.gridOf(id)
	if err != nil {
		return nil, fmt.Errorf("engine: Pixels: %w", err)
	}
	seen := make([]bool, n.cfg.Input.N())
	var walk func(g *grid, m int)
	walk = func(g *grid, m int) {
		mc := &g.macs[m]
		for _, p := range mc.pix {
			seen[p] = true
		}
		for _, s := range mc.src {
			walk(s.g, int(s.mac))
		}
	}
	walk(g, id.Mac)
	var out []int
	for p, ok := range seen {
		if ok {
			out = append(out, p)
		}
	}
	return slices.Clip(out), nil
}
