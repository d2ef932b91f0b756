package engine

import "math"

// readout maps the codes of the readout levels to class scores in fixed
// time. Counts are kept per (readout cell, class) in 16 bits (saturating at
// 65,535: a cell winning that often with one class); the cell index runs
// over every cell of every mac of the readout levels. Small counts keep the
// table small enough for the caches: learning touches one count per
// active CM, scoring reads one row of Classes counts per active CM and
// looks their logs up in a table.
type readout struct {
	kind    Readout
	classes int
	alpha   float64
	levels  []int    // 0-based readout levels
	offset  []int    // first cell index of each level (by 0-based level)
	counts  []uint16 // cells × classes (binary: 0/1)
	perMac  []uint32 // NB: labelled activations per (mac, class): macs × classes
	macOff  []int    // first mac index of each level
	nClass  []uint32 // labelled items per class
	labeled int

	macQ   []int       // Q of each readout mac's level: macs
	macK   []int       // K of each readout mac's level: macs
	logMac []float64   // NB: Q·log(perMac + α·K), macs × classes
	logTab []float32   // log(v + α) for counts v seen so far
	macTab [][]float64 // per readout level: Q·log(v + αK), likewise
	macLvl []int       // readout level position of each readout mac
}

const maxLogTable = 1 << 20

// maxCount is where a cell's count for a class saturates.
const maxCount = 1<<16 - 1

// logCount returns log(v + α), from a table grown as counts grow (up to
// maxLogTable entries; larger counts are computed directly).
func (r *readout) logCount(v uint32) float32 {
	if v >= maxLogTable {
		return float32(math.Log(float64(v) + r.alpha))
	}
	for int(v) >= len(r.logTab) {
		r.logTab = append(r.logTab, float32(math.Log(float64(len(r.logTab))+r.alpha)))
	}
	return r.logTab[v]
}

func newReadout(cfg Config, levels []*level) *readout {
	r := &readout{kind: cfg.Readout, classes: cfg.Classes, alpha: cfg.ReadoutAlpha}
	r.offset = make([]int, len(levels))
	r.macOff = make([]int, len(levels))
	cells, macs := 0, 0
	for _, lv := range cfg.ReadoutLevels {
		l := levels[lv-1]
		r.levels = append(r.levels, lv-1)
		r.offset[lv-1] = cells
		r.macOff[lv-1] = macs
		cells += len(l.macs) * l.cells
		macs += len(l.macs)
	}
	r.counts = make([]uint16, cells*cfg.Classes)
	r.perMac = make([]uint32, macs*cfg.Classes)
	r.nClass = make([]uint32, cfg.Classes)
	for pos, li := range r.levels {
		for range levels[li].macs {
			r.macQ = append(r.macQ, levels[li].q)
			r.macK = append(r.macK, levels[li].k)
			r.macLvl = append(r.macLvl, pos)
		}
	}
	r.macTab = make([][]float64, len(r.levels))
	if r.kind == ReadoutNaiveBayes {
		r.logMac = make([]float64, len(r.perMac))
		r.rebuildLogs()
	}
	return r
}

// rebuildLogs recomputes the naive-Bayes mac terms from the counts (after
// creation and after loading a snapshot).
func (r *readout) rebuildLogs() {
	if r.kind != ReadoutNaiveBayes {
		return
	}
	for i, v := range r.perMac {
		r.logMac[i] = r.macLog(i/r.classes, v)
	}
}

func (r *readout) macLog(mac int, v uint32) float64 {
	q, k := r.macQ[mac], r.macK[mac]
	if v >= maxLogTable {
		return float64(q) * math.Log(float64(v)+r.alpha*float64(k))
	}
	t := &r.macTab[r.macLvl[mac]]
	for int(v) >= len(*t) {
		*t = append(*t, float64(q)*math.Log(float64(len(*t))+r.alpha*float64(k)))
	}
	return (*t)[v]
}

func (r *readout) learn(levels []*level, label int) {
	C := r.classes
	anyActive := false
	for _, li := range r.levels {
		l := levels[li]
		for m := range l.macs {
			if !l.active[m] {
				continue
			}
			anyActive = true
			mi := r.macOff[li] + m
			r.perMac[mi*C+label]++
			if r.logMac != nil {
				r.logMac[mi*C+label] = r.macLog(mi, r.perMac[mi*C+label])
			}
			for q := 0; q < l.q; q++ {
				cell := r.offset[li] + m*l.cells + q*l.k + int(l.code[m*l.q+q])
				p := &r.counts[cell*C+label]
				if r.kind == ReadoutBinary {
					*p = 1
				} else if *p < maxCount {
					*p++
				}
			}
		}
	}
	if anyActive {
		r.nClass[label]++
		r.labeled++
	}
}

// score fills tr.Class and tr.Scores.
func (r *readout) score(levels []*level, tr *Trace) {
	C := r.classes
	tr.Scores = make([]float64, C)
	tr.Class = -1
	if r.labeled == 0 {
		return
	}
	s := tr.Scores
	active := 0
	var lt []float32 // log(v + α) for every count v up to the largest possible
	if r.kind == ReadoutNaiveBayes {
		r.logCount(uint32(min(r.labeled, maxCount)))
		lt = r.logTab[:min(r.labeled, maxCount)+1]
	}
	for _, li := range r.levels {
		l := levels[li]
		for m := range l.macs {
			if !l.active[m] {
				continue
			}
			active++
			mi := r.macOff[li] + m
			if r.kind == ReadoutNaiveBayes {
				// log P(winner | class) = log(count+α) − log(n+αK); the
				// second term is the same for the mac's Q CMs.
				for c, v := range r.logMac[mi*C : (mi+1)*C] {
					s[c] -= v
				}
			}
			for q := 0; q < l.q; q++ {
				cell := r.offset[li] + m*l.cells + q*l.k + int(l.code[m*l.q+q])
				switch r.kind {
				case ReadoutBinary:
					for c, v := range r.counts[cell*C : (cell+1)*C] {
						s[c] += float64(v)
					}
				case ReadoutCount:
					for c, v := range r.counts[cell*C : (cell+1)*C] {
						if r.nClass[c] > 0 {
							s[c] += float64(v) / float64(r.nClass[c])
						}
					}
				default:
					row := r.counts[cell*C : (cell+1)*C]
					row = row[:len(s)]
					for c, v := range row {
						s[c] += float64(lt[v])
					}
				}
			}
		}
	}
	if active == 0 {
		clear(s)
		return
	}
	best := 0
	if r.kind == ReadoutNaiveBayes {
		// Log prior, restricted to classes seen; unseen classes get −Inf.
		for c := range s {
			if r.nClass[c] == 0 {
				s[c] = math.Inf(-1)
				continue
			}
			s[c] += math.Log(float64(r.nClass[c]) / float64(r.labeled))
		}
		for c := range s {
			if s[c] > s[best] {
				best = c
			}
		}
		// Softmax to probabilities.
		top := s[best]
		sum := 0.0
		for c := range s {
			s[c] = math.Exp(s[c] - top)
			sum += s[c]
		}
		for c := range s {
			s[c] /= sum
		}
	} else {
		sum := 0.0
		for c := range s {
			if s[c] > s[best] {
				best = c
			}
			sum += s[c]
		}
		if sum > 0 {
			for c := range s {
				s[c] /= sum
			}
		}
	}
	tr.Class = best
}
