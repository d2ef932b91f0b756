package engine

import "math"

// readout maps the codes of the readout levels to class scores in fixed
// time. Counts are kept per (readout cell, class); the cell index runs over
// every cell of every mac of the readout levels.
const maxLogTable = 1 << 17

type readout struct {
	kind    Readout
	classes int
	alpha   float64
	levels  []int    // 0-based readout levels
	offset  []int    // first cell index of each level (by 0-based level)
	counts  []uint32 // cells × classes (binary: 0/1)
	perMac  []uint32 // NB: labelled activations per (mac, class): macs × classes
	macOff  []int    // first mac index of each level
	nClass  []uint32 // labelled items per class
	labeled int

	logA  []float64   // log(v+α) for count v, grown on demand
	logAK [][]float64 // per level: log(v+α·K)
}

// logOf returns log(v + a) from table t, extending it as needed up to
// maxLogTable entries (larger counts are computed directly).
func logOf(t *[]float64, v uint32, a float64) float64 {
	if v >= maxLogTable {
		return math.Log(float64(v) + a)
	}
	for int(v) >= len(*t) {
		*t = append(*t, math.Log(float64(len(*t))+a))
	}
	return (*t)[v]
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
	r.counts = make([]uint32, cells*cfg.Classes)
	r.perMac = make([]uint32, macs*cfg.Classes)
	r.nClass = make([]uint32, cfg.Classes)
	r.logAK = make([][]float64, len(levels))
	return r
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
			r.perMac[(r.macOff[li]+m)*C+label]++
			for q := 0; q < l.q; q++ {
				cell := r.offset[li] + m*l.cells + q*l.k + int(l.code[m*l.q+q])
				p := &r.counts[cell*C+label]
				if r.kind == ReadoutBinary {
					*p = 1
				} else {
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
	if r.kind == ReadoutNaiveBayes {
		// Every count is ≤ labeled: size the log tables once.
		logOf(&r.logA, uint32(min(r.labeled, maxLogTable-1)), r.alpha)
	}
	for _, li := range r.levels {
		l := levels[li]
		ak := r.alpha * float64(l.k)
		if r.kind == ReadoutNaiveBayes {
			logOf(&r.logAK[li], uint32(min(r.labeled, maxLogTable-1)), ak)
		}
		for m := range l.macs {
			if !l.active[m] {
				continue
			}
			active++
			pm := r.perMac[(r.macOff[li]+m)*C : (r.macOff[li]+m+1)*C]
			if r.kind == ReadoutNaiveBayes {
				// log P(winner | class) = log(count+α) − log(n+αK); the
				// second term is the same for the mac's Q CMs.
				fq := float64(l.q)
				for c, v := range pm {
					s[c] -= fq * logOf(&r.logAK[li], v, ak)
				}
			}
			for q := 0; q < l.q; q++ {
				cell := r.offset[li] + m*l.cells + q*l.k + int(l.code[m*l.q+q])
				row := r.counts[cell*C : (cell+1)*C]
				switch r.kind {
				case ReadoutBinary:
					for c, v := range row {
						s[c] += float64(v)
					}
				case ReadoutCount:
					for c, v := range row {
						if r.nClass[c] > 0 {
							s[c] += float64(v) / float64(r.nClass[c])
						}
					}
				default:
					la := r.logA
					for c, v := range row {
						if int(v) < len(la) {
							s[c] += la[v]
						} else {
							s[c] += math.Log(float64(v) + r.alpha)
						}
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
