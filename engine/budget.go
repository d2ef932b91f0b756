package engine

// The memory budget of a network. Validate refuses a configuration whose
// network would need more than maxNetworkBytes, counting everything New
// allocates that grows with the configuration: the weights, each mac's
// per-unit and per-cell state and field lists, the readout's tables and
// the calibration ring. So neither a config nor a snapshot (which carries
// its config) can ask for absurd memory, whatever part of it is large.
//
// footprint is an upper bound (H and D fields counted as if no mac were at
// an edge); payloadSize is exact and is what a snapshot of the config
// holds, so a decoder can compare it with the bytes it was given before it
// allocates anything.

// maxNetworkBytes bounds footprint: 256 MiB (the default page's network
// needs about 1/10 of it).
const maxNetworkBytes = 1 << 28

// memoEntryBytes is the size of a memoEntry (memo.go), with padding.
const memoEntryBytes = 8 + 8 + 8 + memoQ + 4*memoQ

// gridWords is the number of weight words of grid j of level i (defaults
// filled in), whose macs read uBits afferent bits each: U exactly, H and D
// as if no mac were at an edge.
func (d *Config) gridWords(i int, l GridConfig, uBits int) int {
	cells := l.Q * l.K
	w := l.Macs.N() * cells * wordsFor(uBits)
	if i > 0 {
		w = l.Macs.N() * uBits * wordsFor(cells) // stored per afferent unit
	}
	if r := l.HRadius; r >= 0 {
		side := 2*r + 1
		w += l.Macs.N() * cells * wordsFor(side*side*cells)
	}
	if l.TopDown && i+1 < len(d.Levels) {
		up := 0
		for _, g := range d.Levels[i+1].Grids {
			up += g.Macs.N() * g.Q * g.K
		}
		w += l.Macs.N() * cells * wordsFor(up)
	}
	return w
}

// fieldUnits returns the units of a grid's U field (pixels at level 1,
// source macs above) and its afferent bits. d has defaults and valid
// fields.
func (d *Config) fieldUnits(i int, l GridConfig) (units, bits int) {
	for _, f := range l.Fields {
		_, unitCells, _ := d.sourceGrid(i, f.Source)
		units += f.RF.N()
		bits += f.RF.N() * unitCells
	}
	return units, bits
}

// footprint returns an upper bound of the bytes New allocates for d
// (defaults filled in, every grid valid), and the part of it that is the
// readout's tables and the calibration ring.
func (d *Config) footprint() (total, readout int64) {
	for i, lv := range d.Levels {
		for _, l := range lv.Grids {
			macs, cells := int64(l.Macs.N()), int64(l.Q*l.K)
			units, bits := d.fieldUnits(i, l)
			nU := int64(units)
			perUnit := int64(12) // level 1: pixel index and its run
			if i > 0 {
				nU = int64(bits)
				perUnit = 32 // a source mac, and the D link back to it
			}
			total += 8 * int64(d.gridWords(i, l, bits))
			// per cell: weight count, tie key, birth mark; per CM: unchosen
			// cells and the youngest (cell periods)
			per := 8*int64(wordsFor(int(nU))) + 2*nU + perUnit*int64(units) + 16*cells + 4*int64(l.Q)
			if r := l.HRadius; r >= 0 {
				per += 4 * int64((2*r+1)*(2*r+1))
			}
			if i == 0 {
				per += memoSize * memoEntryBytes
			}
			total += macs * per
			total += 8*(2*sigSteps+1) + 3*4*(powSteps+1) + 10*cells + 20*macs*int64(l.Q)
		}
	}
	readout = d.readoutBytes()
	return total + readout, readout
}

// readoutBytes is the size of the readout's tables and calibration ring,
// with the scratch of a refit.
func (d *Config) readoutBytes() int64 {
	cells, macs, codes := d.readoutUnits()
	C := int64(d.Classes)
	b := 2*cells*C + 12*macs*C + 32*C
	b += calibRing * (macs + codes + 2)
	return b + 4*numReadouts*calibRing*C
}

// readoutUnits counts the cells, macs and codes (macs × Q) of the readout
// levels.
func (d *Config) readoutUnits() (cells, macs, codes int64) {
	for _, lv := range d.ReadoutLevels {
		for _, g := range d.Levels[lv-1].Grids {
			m := int64(g.Macs.N())
			cells += m * int64(g.Q*g.K)
			macs += m
			codes += m * int64(g.Q)
		}
	}
	return cells, macs, codes
}

// checkBudget reports a config (defaults filled in, otherwise valid) whose
// network would need more than maxNetworkBytes.
func (d *Config) checkBudget() error {
	total, readout := d.footprint()
	if total <= maxNetworkBytes {
		return nil
	}
	const mib = 1 << 20
	if readout > maxNetworkBytes/2 {
		cells, _, _ := d.readoutUnits()
		return fieldErr("ReadoutLevels", "readout tables and calibration of %d MiB (%d cells × %d classes), over the network's limit of %d MiB",
			readout/mib, cells, d.Classes, maxNetworkBytes/mib)
	}
	return fieldErr("Levels", "network of about %d MiB (readout %d MiB), over the limit of %d MiB",
		total/mib, readout/mib, maxNetworkBytes/mib)
}

// payloadSize is the exact size of the part of a snapshot after the RNG
// state (items, macs, readout, calibration) for d (defaults filled in,
// valid). It counts without allocating the network: only one counter per
// mac of a grid with top-down input.
func (d *Config) payloadSize() int64 {
	s := int64(8)
	for i, lv := range d.Levels {
		// D bits per mac of each grid of this level: the cells of every
		// entry of every mac above whose U field holds it.
		var dBits [][]int64
		if i+1 < len(d.Levels) {
			dBits = make([][]int64, len(lv.Grids))
			for gi, g := range lv.Grids {
				if g.TopDown {
					dBits[gi] = make([]int64, g.Macs.N())
				}
			}
			for _, up := range d.Levels[i+1].Grids {
				upCells := int64(up.Q * up.K)
				d.eachSource(i+1, up, func(src, mac int) {
					if dBits[src] != nil {
						dBits[src][mac] += upCells
					}
				})
			}
		}
		for gi, l := range lv.Grids {
			cells := l.Q * l.K
			units, bits := d.fieldUnits(i, l)
			nU := units
			if i > 0 {
				nU = bits
			}
			uWords := cells * wordsFor(nU)
			if i > 0 {
				uWords = nU * wordsFor(cells)
			}
			for m := range l.Macs.N() {
				h := 0
				if r := l.HRadius; r >= 0 {
					mx, my := m%l.Macs.W, m/l.Macs.W
					h = (min(mx+r, l.Macs.W-1) - max(mx-r, 0) + 1) * (min(my+r, l.Macs.H-1) - max(my-r, 0) + 1)
				}
				words := uWords + cells*wordsFor(h*cells) + wordsFor(nU)
				if dBits != nil && dBits[gi] != nil {
					words += cells * wordsFor(int(dBits[gi][m]))
				}
				// … + 4 bytes per cell of weight counts and 4 of birth marks
				s += 13 + 8*int64(words) + 2*int64(nU) + 4*int64(cells) + 4*int64(cells)
			}
		}
	}
	cells, macs, codes := d.readoutUnits()
	C := int64(d.Classes)
	s += 8 + 4*(C+macs*C) + 2*cells*C
	return s + 16 + 8*numReadouts + calibRing*(2+macs+codes)
}

// eachSource calls f for every unit of the U field of every mac of grid l
// of level i ≥ 1, with the unit's source grid and mac, in the order New
// lists them.
func (d *Config) eachSource(i int, l GridConfig, f func(src, mac int)) {
	for m := range l.Macs.N() {
		mx, my := m%l.Macs.W, m/l.Macs.W
		for _, fd := range l.Fields {
			src, _, _ := d.sourceGrid(i, fd.Source)
			reg := fd.Region
			if reg == (Rect{}) {
				reg = Rect{0, 0, src.W, src.H}
			}
			x0 := reg.X + spread(mx, l.Macs.W, fd.RF.W, reg.W)
			y0 := reg.Y + spread(my, l.Macs.H, fd.RF.H, reg.H)
			for y := y0; y < y0+fd.RF.H; y++ {
				for x := x0; x < x0+fd.RF.W; x++ {
					f(fd.Source, y*src.W+x)
				}
			}
		}
	}
}
