package engine

import "fmt"

// gridState is the active flags and codes of one grid.
type gridState struct {
	active []bool
	codes  []uint16
}

// Reconstruct runs the generative direction: from the codes of the given
// level (1-based) of tr, back down to an input-sized grey image (row-major,
// 0..255). Binary Hebbian learning sets the top-down weight from a code cell
// to an input unit in the same trial as the bottom-up weight, so the U
// weights double as the top-down weights. A level's codes vote for each
// cell of the grids below; above level 1 each lower CM takes its
// most-voted cell; at the pixels the value is the fraction of the covering
// active macs' CMs whose winner has a weight from the pixel.
func (n *Network) Reconstruct(tr *Trace, level int) ([]uint8, error) {
	if level < 1 || level > len(n.levels) {
		return nil, fmt.Errorf("engine: Reconstruct: level %d of a %d-level network", level, len(n.levels))
	}
	if _, err := n.traceCodes(tr); err != nil {
		return nil, fmt.Errorf("engine: Reconstruct: %w", err)
	}
	li := level - 1
	cur := make([]gridState, len(n.levels[li]))
	for gi := range cur {
		gt := &tr.Levels[li].Grids[gi]
		cur[gi] = gridState{append([]bool(nil), gt.Active...), append([]uint16(nil), gt.Codes...)}
	}
	for ; li > 0; li-- {
		cur = n.downOneLevel(li, cur)
	}
	return n.toPixels(cur), nil
}

// downOneLevel derives the codes of the grids of level li−1 (0-based) from
// those of level li.
func (n *Network) downOneLevel(li int, cur []gridState) []gridState {
	below := n.levels[li-1]
	votes := make([][]int32, len(below))
	for gi, b := range below {
		votes[gi] = make([]int32, len(b.macs)*b.cells)
	}
	for gi, g := range n.levels[li] {
		g.winners(cur[gi], func(mc *mac, i int) {
			for _, s := range mc.src {
				v := votes[s.g.idx][int(s.mac)*s.g.cells:]
				for c := 0; c < s.g.cells; c++ {
					if g.hasU(mc, i, int(s.base)+c) {
						v[c]++
					}
				}
			}
		})
	}
	out := make([]gridState, len(below))
	for gi, b := range below {
		st := gridState{make([]bool, len(b.macs)), make([]uint16, len(b.macs)*b.q)}
		for m := range b.macs {
			for q := 0; q < b.q; q++ {
				best, bv := 0, int32(0)
				for k := 0; k < b.k; k++ {
					if v := votes[gi][m*b.cells+q*b.k+k]; v > bv {
						best, bv = k, v
					}
				}
				if bv > 0 {
					st.active[m] = true
				}
				st.codes[m*b.q+q] = uint16(best)
			}
		}
		out[gi] = st
	}
	return out
}

// toPixels turns the codes of the level-1 grids into a grey input image.
func (n *Network) toPixels(cur []gridState) []uint8 {
	sum := make([]int32, n.cfg.Input.N())
	cover := make([]int32, n.cfg.Input.N())
	for gi, g := range n.levels[0] {
		g.winners(cur[gi], func(mc *mac, i int) {
			row := mc.wU[i*mc.uW : (i+1)*mc.uW]
			for j, p := range mc.pix {
				if row[j>>6]&(1<<uint(j&63)) != 0 {
					sum[p]++
				}
				cover[p]++
			}
		})
	}
	img := make([]uint8, len(sum))
	for p := range img {
		if cover[p] > 0 {
			img[p] = uint8((sum[p]*255 + cover[p]/2) / cover[p])
		}
	}
	return img
}

// winners calls f with every winner cell (one per CM) of every active mac
// of g in state st.
func (g *grid) winners(st gridState, f func(mc *mac, cell int)) {
	for m := range g.macs {
		if !st.active[m] {
			continue
		}
		for q := 0; q < g.q; q++ {
			f(&g.macs[m], q*g.k+int(st.codes[m*g.q+q]))
		}
	}
}
