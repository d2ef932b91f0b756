package engine

import "fmt"

// Reconstruct runs the generative direction: from the codes of the given
// level (1-based) of tr, back down to an input-sized grey image (row-major,
// 0..255). Binary Hebbian learning sets the top-down weight from a code cell
// to an input unit in the same trial as the bottom-up weight, so the U
// weight rows double as the top-down weights. A level's codes vote for each
// unit below; above level 1 each lower CM takes its most-voted cell; at the
// pixels the value is the fraction of the covering active macs' CMs whose
// winner has a weight from the pixel.
func (n *Network) Reconstruct(tr *Trace, level int) ([]uint8, error) {
	if level < 1 || level > len(n.levels) || len(tr.Levels) != len(n.levels) {
		return nil, fmt.Errorf("engine: Reconstruct: level %d of a %d-level trace for a %d-level network", level, len(tr.Levels), len(n.levels))
	}
	active := append([]bool(nil), tr.Levels[level-1].Active...)
	codes := append([]uint16(nil), tr.Levels[level-1].Codes...)
	li := level - 1
	for n.levels[li].src >= 0 {
		active, codes = n.downOneLevel(li, active, codes)
		li = n.levels[li].src
	}
	return n.toPixels(li, active, codes), nil
}

// downOneLevel derives codes of the level feeding li (0-based) from those
// of li.
func (n *Network) downOneLevel(li int, active []bool, codes []uint16) ([]bool, []uint16) {
	l, below := n.levels[li], n.levels[n.levels[li].src]
	votes := make([]int32, len(below.macs)*below.cells)
	winnerRows(l, active, codes, func(mc *mac, row []uint64) {
		for j, s := range mc.uSrc {
			for c := 0; c < below.cells; c++ {
				if b := j*below.cells + c; row[b>>6]&(1<<uint(b&63)) != 0 {
					votes[int(s)*below.cells+c]++
				}
			}
		}
	})
	outA := make([]bool, len(below.macs))
	outC := make([]uint16, len(below.macs)*below.q)
	for m := range below.macs {
		for q := 0; q < below.q; q++ {
			best, bv := 0, int32(0)
			for k := 0; k < below.k; k++ {
				if v := votes[m*below.cells+q*below.k+k]; v > bv {
					best, bv = k, v
				}
			}
			if bv > 0 {
				outA[m] = true
			}
			outC[m*below.q+q] = uint16(best)
		}
	}
	return outA, outC
}

func (n *Network) toPixels(li int, active []bool, codes []uint16) []uint8 {
	l := n.levels[li]
	sum := make([]int32, n.cfg.Input.N())
	cover := make([]int32, n.cfg.Input.N())
	winnerRows(l, active, codes, func(mc *mac, row []uint64) {
		for j, p := range mc.uSrc {
			if row[j>>6]&(1<<uint(j&63)) != 0 {
				sum[p]++
			}
			cover[p]++
		}
	})
	img := make([]uint8, len(sum))
	for p := range img {
		if cover[p] > 0 {
			img[p] = uint8((sum[p]*255 + cover[p]/2) / cover[p])
		}
	}
	return img
}

// winnerRows calls f with the U weight row of every winner (one per CM) of
// every active mac of l.
func winnerRows(l *level, active []bool, codes []uint16, f func(mc *mac, row []uint64)) {
	for m := range l.macs {
		if !active[m] {
			continue
		}
		mc := &l.macs[m]
		for q := 0; q < l.q; q++ {
			i := q*l.k + int(codes[m*l.q+q])
			f(mc, mc.wU[i*mc.uW:(i+1)*mc.uW])
		}
	}
}
