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

// Stats returns the learning state of every mac of a level (1-based).
func (n *Network) Stats(level int) []MacStats {
	if level < 1 || level > len(n.levels) {
		return nil
	}
	l := n.levels[level-1]
	out := make([]MacStats, len(l.macs))
	for m := range l.macs {
		mc := &l.macs[m]
		set := mc.setU + popcountWords(mc.wH) + popcountWords(mc.wD)
		out[m] = MacStats{
			Saturation: float64(mc.setU) / float64(l.cells*len(mc.bundle)),
			Frozen:     mc.frozen,
			WeightsSet: set,
			Center:     float64(mc.center) / vOne,
		}
	}
	return out
}

// Levels is the number of internal levels.
func (n *Network) Levels() int { return len(n.levels) }
