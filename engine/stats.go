package engine

// MacStats describes the learning state of one mac.
type MacStats struct {
	// Saturation is the fraction of the mac's U weights that are set.
	Saturation float64
	// Frozen reports that the mac's critical period is over.
	Frozen bool
	// WeightsSet counts the set U, H and D weights.
	WeightsSet int
	// Center is the sigmoid centre c (after ratcheting).
	Center float64
}

// Stats returns the learning state of every mac of grid gi of a level
// (1-based); nil when there is no such grid.
func (n *Network) Stats(level, gi int) []MacStats {
	if level < 1 || level > len(n.levels) || gi < 0 || gi >= len(n.levels[level-1]) {
		return nil
	}
	l := n.levels[level-1][gi]
	out := make([]MacStats, len(l.macs))
	for m := range l.macs {
		mc := &l.macs[m]
		set := mc.setU + popcountWords(mc.wH) + popcountWords(mc.wD)
		out[m] = MacStats{
			Saturation: float64(mc.setU) / float64(l.cells*mc.nU),
			Frozen:     mc.frozen,
			WeightsSet: set,
			Center:     float64(mc.center) / vOne,
		}
	}
	return out
}

// Levels is the number of levels of the hierarchy.
func (n *Network) Levels() int { return len(n.levels) }

// Grids is the number of grids of a level (1-based); 0 when there is no
// such level.
func (n *Network) Grids(level int) int {
	if level < 1 || level > len(n.levels) {
		return 0
	}
	return len(n.levels[level-1])
}

// WeightBytes is the memory the network's weights take: every U, H and D
// weight word of every mac (8 bytes each), whether set or not. It is fixed
// by the configuration: storing more items sets bits, it allocates nothing.
func (n *Network) WeightBytes() int64 {
	var words int64
	for _, g := range n.grids {
		for m := range g.macs {
			mc := &g.macs[m]
			words += int64(len(mc.wU) + len(mc.wH) + len(mc.wD))
		}
	}
	return 8 * words
}
