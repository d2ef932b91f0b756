package engine

import "math/bits"

// The two layouts of U weights. A level-1 mac reads a few dozen pixels, so
// its weights are stored per target cell, a row of one or two words over
// the field (rows). A mac above reads the codes of tens of macs below:
// thousands of afferent cells, of which a few hundred are active, one per
// CM of each active source mac. Its weights are stored per afferent cell,
// a row over the mac's Q·K cells (cols), and the U sums of all cells are
// the sum of the active afferents' rows, added with bit-sliced counters:
// counter bit p of every cell lives in plane p, a row of words, and adding
// a row is a ripple of AND and XOR over the planes (a few word operations
// per active afferent and word, whatever the number of items stored).

// learnRows sets the weights from the active pixels in n.uIn onto cell i
// (rows layout) and updates the bundle counts and freezing.
func (n *Network) learnRows(l *grid, mc *mac, i, bundleLimit int, freeze bool) {
	row := mc.wU[i*mc.uW : (i+1)*mc.uW]
	for wi, in := range n.uIn[:mc.uW] {
		add := in &^ mc.bundleFrozen[wi] &^ row[wi]
		if add == 0 {
			continue
		}
		row[wi] |= add
		mc.setU += popcount(add)
		mc.rowSet[i] += uint32(popcount(add))
		mc.tie[i] = l.tieKey(mc, i)
		for add != 0 {
			j := wi*64 + trailingZeros(add)
			add &= add - 1
			mc.bundle[j]++
			if freeze && int(mc.bundle[j]) > bundleLimit {
				mc.bundleFrozen[wi] |= 1 << uint(j%64)
			}
		}
	}
}

// learnCols sets the weights from the active afferents in n.act onto the
// winners of code (cols layout), row by row (each afferent's row holds all
// its weights onto the mac, so a row is touched once), and updates the
// bundle counts and freezing.
func (n *Network) learnCols(l *grid, mc *mac, code []uint16, bundleLimit int, freeze bool) {
	added := n.added[:len(code)] // weights added per winner
	clear(added)
	for _, j := range n.act {
		fw, fb := j>>6, uint64(1)<<uint(j&63)
		if mc.bundleFrozen[fw]&fb != 0 {
			continue
		}
		row := mc.wU[int(j)*mc.uW : int(j+1)*mc.uW]
		for c, w := range code {
			if n.cmShut[c] {
				continue
			}
			i := c*l.k + int(w)
			p := &row[i>>6]
			if bit := uint64(1) << uint(i&63); *p&bit == 0 {
				*p |= bit
				added[c]++
				mc.bundle[j]++
			}
		}
		if freeze && int(mc.bundle[j]) > bundleLimit {
			mc.bundleFrozen[fw] |= fb
		}
	}
	for c, w := range code {
		if a := added[c]; a > 0 {
			i := c*l.k + int(w)
			mc.setU += int(a)
			mc.rowSet[i] += uint32(a)
			mc.tie[i] = l.tieKey(mc, i)
		}
	}
}

// hasU reports whether U afferent unit j has a set weight onto cell i.
func (l *grid) hasU(mc *mac, i, j int) bool {
	if l.cols {
		return mc.wU[j*mc.uW+i>>6]&(1<<uint(i&63)) != 0
	}
	return mc.wU[i*mc.uW+j>>6]&(1<<uint(j&63)) != 0
}

// uSums writes the raw U sum u_i of every cell of the mac into out.
func (n *Network) uSums(l *grid, mc *mac, out []int32) {
	if !l.cols {
		for i := range out[:l.cells] {
			out[i] = int32(andCount(mc.wU[i*mc.uW:(i+1)*mc.uW], n.uIn[:mc.uW]))
		}
		return
	}
	np, planes := n.accumulate(mc)
	counts(planes, np, mc.uW, out[:l.cells])
}

// accumulate adds the rows of the active afferents n.act into bit-sliced
// counters (np planes of mc.uW words each, in n.planes). It runs word by
// word of the rows, keeping the low three planes in registers and adding
// eight rows at a time with a tree of carry-save adders (Harley–Seal), so
// that each row word costs about five branch-free operations.
func (n *Network) accumulate(mc *mac) (int, []uint64) {
	cw := mc.uW
	act := n.act
	np := bits.Len(uint(len(act)))
	planes := n.planes[:np*cw]
	w := mc.wU
	for x := 0; x < cw; x++ {
		var ones, twos, fours uint64
		var hi [16]uint64 // planes 3 and up
		i := 0
		for ; i+8 <= len(act); i += 8 {
			a := act[i : i+8 : i+8]
			var twosA, twosB, foursA, foursB, eights uint64
			twosA, ones = csa(ones, w[int(a[0])*cw+x], w[int(a[1])*cw+x])
			twosB, ones = csa(ones, w[int(a[2])*cw+x], w[int(a[3])*cw+x])
			foursA, twos = csa(twos, twosA, twosB)
			twosA, ones = csa(ones, w[int(a[4])*cw+x], w[int(a[5])*cw+x])
			twosB, ones = csa(ones, w[int(a[6])*cw+x], w[int(a[7])*cw+x])
			foursB, twos = csa(twos, twosA, twosB)
			eights, fours = csa(fours, foursA, foursB)
			for p := 0; eights != 0; p++ {
				t := hi[p] & eights
				hi[p] ^= eights
				eights = t
			}
		}
		for ; i < len(act); i++ {
			c := w[int(act[i])*cw+x]
			t := ones & c
			ones ^= c
			c = t
			t = twos & c
			twos ^= c
			c = t
			t = fours & c
			fours ^= c
			c = t
			for p := 0; c != 0; p++ {
				t := hi[p] & c
				hi[p] ^= c
				c = t
			}
		}
		lo := [3]uint64{ones, twos, fours}
		for p := range np {
			if p < 3 {
				planes[p*cw+x] = lo[p]
			} else {
				planes[p*cw+x] = hi[p-3]
			}
		}
	}
	return np, planes
}

// csa is a carry-save adder of three words: the carries and the sums.
func csa(a, b, c uint64) (carry, sum uint64) {
	u := a ^ b
	return a&b | u&c, u ^ c
}

// counts reads every cell's counter out of the planes.
func counts(planes []uint64, np, cw int, out []int32) {
	clear(out)
	for p := range np {
		for x, w := range planes[p*cw : (p+1)*cw] {
			for w != 0 {
				b := trailingZeros(w)
				w &= w - 1
				if i := x*64 + b; i < len(out) {
					out[i] |= 1 << uint(p)
				}
			}
		}
	}
}

// maxSeg is the most words a CM's cells span (K ≤ 1024).
const maxSeg = (maxK+62)/64 + 1

// colsMax is fastMax for code-reading macs (cols layout, U alone): it adds
// the active afferents' rows into bit-sliced counters, finds in each CM the
// cells with the largest count by walking the planes from the top (a cell
// stays a candidate while its bit is set in every plane where some
// candidate's is) and breaks ties by the tie keys. The planes stay in
// n.planes for fillVals.
func (n *Network) colsMax(l *grid, mc *mac, uActive int, code []uint16) int64 {
	cw := mc.uW
	np, planes := n.accumulate(mc)
	var sumMax int64
	for c, seg := range l.segs {
		var cand, t [maxSeg]uint64
		for x, s := range seg {
			cand[x] = s.mask
		}
		val := 0
		for p := np - 1; p >= 0; p-- {
			plane := planes[p*cw : (p+1)*cw]
			any := uint64(0)
			for x, s := range seg {
				t[x] = cand[x] & plane[s.word]
				any |= t[x]
			}
			if any != 0 {
				cand = t
				val |= 1 << uint(p)
			}
		}
		best := uint64(0)
		for x, s := range seg {
			for w := cand[x]; w != 0; w &= w - 1 {
				best = max(best, mc.tie[s.word*64+trailingZeros(w)])
			}
		}
		code[c] = uint16(best & cellMask)
		v := ratioQ16(val, uActive)
		n.cmMax[c] = v
		sumMax += int64(v)
	}
	return sumMax
}
