package engine

import (
	"fmt"
	"math"
)

// readout maps the codes of the readout levels to class scores in fixed
// time. One table serves the three readouts: counts per (readout cell,
// class) in 16 bits (saturating at 65,535: a cell winning that often with
// one class), the cell index running over every cell of every mac of every
// grid of the readout levels. Naive Bayes reads the counts, the class-node
// field reads whether they are non-zero (a binary Hebbian weight from the
// cell to the class node), the counting readout divides them by the class
// sizes. Each readout's raw scores are logits (naive Bayes:
// log-probabilities; class-node field: votes; counting: summed
// frequencies), turned into scores by softmax(logit / T) with a
// temperature T fitted on the stream (calib.go).
type readout struct {
	classes int
	alpha   float64
	kind    Readout
	grids   []*grid  // the grids of the readout levels
	top     int      // the highest readout level (0-based)
	cellOff []int    // first cell index of each readout grid
	macOff  []int    // first mac index of each readout grid
	codeOff []int    // first code (mac × Q) of each readout grid
	macs    int      // readout macs in all
	counts  []uint16 // cells × classes
	perMac  []uint32 // labelled activations per (mac, class): macs × classes
	nClass  []uint32 // labelled items per class
	labeled int
	logN    []float64 // log nClass per class (−Inf for 0): the prior's terms
	logL    float64   // log labeled

	logMac []float64 // NB: Q·log(perMac + α·K), macs × classes
	logTab []float32 // log(v + α) for counts v seen so far
	macTab map[int][]float64

	cal     calibration
	logitsB []float64 // scratch: numReadouts × classes

	// The softmax readout (ReadoutSoftmax), when configured: a weight per
	// (cell, class) for the cells of the first softQ CMs of each readout
	// mac (softOff: the first weight row of each readout grid), its
	// learning rate and softGradient's scratch.
	soft    []float32
	softOff []int
	rate    float64
	softP   []float64
	softD   []float32
	softC   []int
}

// Readouts are numbered from 1; numReadouts bounds the arrays indexed by
// Readout−1. The first countReadouts are computed from the counts alone.
const (
	numReadouts   = 4
	countReadouts = 3
)

const maxLogTable = 1 << 20

// maxCount is where a cell's count for a class saturates.
const maxCount = 1<<16 - 1

// logCount returns log(v + α), from a table grown as counts grow (up to
// maxLogTable entries; larger counts are computed directly).
func (r *readout) logCount(v uint32) float32 {
	if v >= maxLogTable {
		return float32(detLog(float64(v) + r.alpha))
	}
	for int(v) >= len(r.logTab) {
		r.logTab = append(r.logTab, float32(detLog(float64(len(r.logTab))+r.alpha)))
	}
	return r.logTab[v]
}

func newReadout(cfg Config, levels [][]*grid) *readout {
	r := &readout{kind: cfg.Readout, classes: cfg.Classes, alpha: cfg.ReadoutAlpha, macTab: map[int][]float64{},
		logTab: make([]float32, 0, 1<<16)}
	cells, codes := 0, 0
	for _, lv := range cfg.ReadoutLevels {
		r.top = max(r.top, lv-1)
		for _, g := range levels[lv-1] {
			r.grids = append(r.grids, g)
			r.cellOff = append(r.cellOff, cells)
			r.macOff = append(r.macOff, r.macs)
			r.codeOff = append(r.codeOff, codes)
			cells += len(g.macs) * g.cells
			r.macs += len(g.macs)
			codes += len(g.code)
		}
	}
	r.counts = make([]uint16, cells*cfg.Classes)
	r.perMac = make([]uint32, r.macs*cfg.Classes)
	r.nClass = make([]uint32, cfg.Classes)
	r.logN = make([]float64, cfg.Classes)
	r.logMac = make([]float64, len(r.perMac))
	r.logitsB = make([]float64, numReadouts*cfg.Classes)
	r.cal = newCalibration(cfg.ReadoutTemperature, r.macs, codes)
	if cfg.Readout == ReadoutSoftmax {
		rows := 0
		for _, g := range r.grids {
			r.softOff = append(r.softOff, rows)
			rows += len(g.macs) * min(softQ, g.q) * g.k
		}
		r.soft = make([]float32, rows*cfg.Classes)
		r.rate = cfg.ReadoutRate
	}
	r.rebuildLogs()
	return r
}

// rebuildLogs recomputes the naive-Bayes mac terms and the prior's logs
// from the counts (after creation and after loading a snapshot).
func (r *readout) rebuildLogs() {
	for c, n := range r.nClass {
		r.logN[c] = detLog(float64(n))
	}
	r.logL = detLog(float64(r.labeled))
	for gi, g := range r.grids {
		for m := range g.macs {
			mi := r.macOff[gi] + m
			for c := range r.classes {
				r.logMac[mi*r.classes+c] = r.macLog(g, r.perMac[mi*r.classes+c])
			}
		}
	}
}

// macLog is Q·log(v + α·K) for a mac of grid g.
func (r *readout) macLog(g *grid, v uint32) float64 {
	q, k := g.q, g.k
	if v >= maxLogTable {
		return float64(q) * detLog(float64(v)+r.alpha*float64(k))
	}
	key := q<<16 | k
	t := r.macTab[key]
	for int(v) >= len(t) {
		t = append(t, float64(q)*detLog(float64(len(t))+r.alpha*float64(k)))
	}
	r.macTab[key] = t
	return t[v]
}

// codes gives the active flags and codes of readout grid gi: the network's
// current frame, a trace's, or a calibration sample's.
type codes func(gi int) (active []bool, code []uint16)

// learn counts the current codes of the network with label (cs gives
// them) and, with the softmax readout, moves their weights by its step
// (softGradient, computed before anything of the item is counted).
func (r *readout) learn(cs codes, label int) {
	var cls []int
	var d []float32
	if r.soft != nil {
		cls, d = r.softGradient(cs, label)
	}
	r.cal.seen++
	C := r.classes
	anyActive := false
	for gi, g := range r.grids {
		act, code := cs(gi)
		for m := range g.macs {
			if !act[m] {
				continue
			}
			anyActive = true
			mi := r.macOff[gi] + m
			r.perMac[mi*C+label]++
			r.logMac[mi*C+label] = r.macLog(g, r.perMac[mi*C+label])
			for q := 0; q < g.q; q++ {
				win := int(code[m*g.q+q])
				cell := r.cellOff[gi] + m*g.cells + q*g.k + win
				if p := &r.counts[cell*C+label]; *p < maxCount {
					*p++
				}
				if q < softQ && len(cls) > 0 {
					wr := r.softOff[gi] + (m*min(softQ, g.q)+q)*g.k + win
					w := r.soft[wr*C : (wr+1)*C]
					for _, c := range cls {
						w[c] += d[c]
					}
				}
			}
		}
	}
	if anyActive {
		r.nClass[label]++
		r.labeled++
		r.logN[label] = detLog(float64(r.nClass[label]))
		r.logL = detLog(float64(r.labeled))
	}
}

// logits writes the raw scores of the four readouts for the codes into
// out (readout k at out[(k−1)·C:], in the order of Readout); it reports
// false when no readout mac is active or nothing labelled has been learned.
// Classes never labelled get −Inf. With leaveOut ≥ 0 the codes are those of
// an item learned with that label, and its own contribution to the counts
// is left out (leave-one-out: the scores the readout would give it had it
// not learned it).
//
// With only ≠ 0 just that readout's logits are computed (the others are
// left at zero; the softmax readout's need naive Bayes's): recall needs
// one, calibration all. The softmax readout's weights are used as they
// are, also with leaveOut (they cannot unlearn one item; each moved them
// by at most ReadoutRate). Without softmax weights its logits are zero.
func (r *readout) logits(cs codes, out []float64, leaveOut int, only Readout) bool {
	C := r.classes
	clear(out)
	labeled := r.labeled
	if leaveOut >= 0 {
		labeled--
	}
	if labeled <= 0 {
		return false
	}
	nb, bin, cnt, sm := out[:C], out[C:2*C], out[2*C:3*C], out[3*C:4*C]
	soft := r.soft != nil && (only == 0 || only == ReadoutSoftmax)
	needNB := only == 0 || only == ReadoutNaiveBayes || only == ReadoutSoftmax
	r.logCount(uint32(min(r.labeled, maxCount)))
	// Every count (a uint16, at most labeled) indexes the table: as an
	// array of 2^16, without bounds checks. Entries past the counts seen so
	// far are never read.
	lt := (*[1 << 16]float32)(r.logTab[: 1<<16 : 1<<16])
	active := 0
	for gi, g := range r.grids {
		act, code := cs(gi)
		for m := range g.macs {
			if !act[m] {
				continue
			}
			active++
			mi := r.macOff[gi] + m
			// log P(winner | class) = log(count+α) − log(n+αK); the second
			// term is the same for the mac's Q CMs.
			if needNB {
				for c, v := range r.logMac[mi*C : (mi+1)*C] {
					nb[c] -= v
				}
			}
			if leaveOut >= 0 {
				if v := r.perMac[mi*C+leaveOut]; v > 0 {
					nb[leaveOut] += r.logMac[mi*C+leaveOut] - r.macLog(g, v-1)
				}
			}
			for q := 0; q < g.q; q++ {
				win := int(code[m*g.q+q])
				cell := r.cellOff[gi] + m*g.cells + q*g.k + win
				row := r.counts[cell*C : (cell+1)*C]
				row = row[:C]
				if soft && q < softQ {
					wr := r.softOff[gi] + (m*min(softQ, g.q)+q)*g.k + win
					w := r.soft[wr*C : (wr+1)*C]
					sm := sm[:len(w)]
					for c, v := range w {
						sm[c] += float64(v)
					}
				}
				switch {
				case (only == ReadoutNaiveBayes || only == ReadoutSoftmax) && leaveOut < 0:
					nb := nb[:len(row)]
					for c, v := range row {
						nb[c] += float64(lt[v])
					}
				default:
					for c, v := range row {
						if c == leaveOut && v > 0 && v < maxCount {
							v--
						}
						nb[c] += float64(lt[v])
						if v > 0 {
							bin[c]++
							cnt[c] += float64(v)
						}
					}
				}
			}
		}
	}
	if active == 0 {
		clear(out)
		return false
	}
	bnb := 1 / r.cal.temperature(ReadoutNaiveBayes)
	for c := range C {
		n := r.nClass[c]
		if c == leaveOut && n > 0 {
			n--
		}
		if n == 0 {
			nb[c], bin[c], cnt[c], sm[c] = math.Inf(-1), math.Inf(-1), math.Inf(-1), math.Inf(-1)
			continue
		}
		if leaveOut < 0 {
			nb[c] += r.logN[c] - r.logL // log(n/labeled), from the cache
		} else {
			nb[c] += detLog(float64(n) / float64(labeled))
		}
		cnt[c] /= float64(n)
		if soft {
			sm[c] += float64(nb[c] * bnb)
		}
	}
	return true
}

// softGradient is the softmax readout's learning step for the codes of an
// item with label, before it is counted: it scores the item and returns
// the classes whose weights move and by how much, −rate·(score −
// target) each (a class whose step is under softSkip of the rate stays).
// The slices are scratch of r, valid until the next call.
func (r *readout) softGradient(cs codes, label int) (cls []int, d []float32) {
	C := r.classes
	if r.labeled == 0 || !r.logits(cs, r.logitsB, -1, ReadoutSoftmax) {
		return nil, nil // nothing to score against yet
	}
	z := r.logitsB[3*C : 4*C]
	top := math.Inf(-1)
	for _, v := range z {
		top = max(top, v)
	}
	if cap(r.softP) < C {
		r.softP, r.softD, r.softC = make([]float64, C), make([]float32, C), make([]int, C)
	}
	p := r.softP[:C]
	sum := 0.0
	for c, v := range z {
		p[c] = 0
		if v-top > -40 { // e^−40 ≈ 4e−18: nothing beside the top's 1
			p[c] = softExp(v - top)
		}
		sum += p[c]
	}
	d, cls = r.softD[:C], r.softC[:0]
	for c := range C {
		t := 0.0
		if c == label {
			t = 1
		}
		d[c] = float32(-r.rate * float64(p[c]/sum-t))
		if math.Abs(float64(d[c])) >= r.rate*softSkip {
			cls = append(cls, c)
		}
	}
	return cls, d
}

// softExp is e^x for −40 < x ≤ 0 to about 1e−12 relative: 2^k·e^f with
// k = round(x/ln 2), |f| ≤ 0.35, e^f by its Taylor series to the 11th
// term in Horner form, each operation rounded on its own (the same bits
// natively and in wasm). It is detExp's method with fewer terms.
func softExp(x float64) float64 {
	k := math.Floor(x/math.Ln2 + 0.5)
	f := float64(x - float64(k*ln2Hi))
	f = float64(f - float64(k*ln2Lo))
	e := 1.0
	for i := 11; i >= 1; i-- {
		e = float64(1 + float64(float64(f*e)/float64(i)))
	}
	return math.Ldexp(e, int(k))
}

// softQ is how many CMs of each readout mac carry softmax weights: the
// first two. Chosen on the validation split for the cost of learning: all
// eight CMs 0.9762 (50,000 learned) and 0.9520 (2,000), the first two
// 0.9748 and 0.9501 at a quarter of the weights (BENCHMARKS.md).
const softQ = 2

// softSkip: a class whose step is under this fraction of the rate (its
// score within 0.001 of its target) is not moved; on MNIST most items
// move one to three classes.
const softSkip = 1e-3

// score returns the class and calibrated scores of readout kind for the
// codes (class −1 and all-zero scores when nothing can be scored).
func (r *readout) score(cs codes, kind Readout) (int, []float64) {
	var scores []float64
	c := r.scoreInto(cs, kind, &scores)
	return c, scores
}

// scoreInto is score writing the scores into *dst, reused when it has
// the right length.
func (r *readout) scoreInto(cs codes, kind Readout, dst *[]float64) int {
	C := r.classes
	if len(*dst) != C {
		*dst = make([]float64, C)
	}
	scores := *dst
	clear(scores)
	if !r.logits(cs, r.logitsB, -1, kind) {
		return -1
	}
	k := int(kind) - 1
	z := r.logitsB[k*C : (k+1)*C]
	best := 0
	for c := range z {
		if z[c] > z[best] {
			best = c
		}
	}
	beta := 1 / r.cal.temperature(kind)
	sum := 0.0
	for c, v := range z {
		if !math.IsInf(v, -1) {
			scores[c] = detExp((v - z[best]) * beta)
			sum += scores[c]
		}
	}
	for c := range scores {
		scores[c] /= sum
	}
	return best
}

// Classify scores the codes of a trace of this network with readout kind
// (whatever the configured one): the class and the calibrated per-class
// scores, as Recall computes them for the configured readout.
func (n *Network) Classify(tr *Trace, kind Readout) (int, []float64, error) {
	if kind < ReadoutNaiveBayes || kind > ReadoutSoftmax {
		return -1, nil, fmt.Errorf("engine: Classify: unknown readout %d", int(kind))
	}
	if kind == ReadoutSoftmax && n.read.soft == nil {
		return -1, nil, fmt.Errorf("engine: Classify: the softmax readout is not configured (Config.Readout)")
	}
	cs, err := n.traceCodes(tr)
	if err != nil {
		return -1, nil, err
	}
	c, s := n.read.score(cs, kind)
	return c, s, nil
}

// Temperature is the temperature of readout kind's scores: the configured
// ReadoutTemperature, or the one fitted so far on the labelled stream.
func (n *Network) Temperature(kind Readout) float64 {
	if kind < ReadoutNaiveBayes || kind > ReadoutSoftmax {
		return 0
	}
	return n.read.cal.temperature(kind)
}

// traceCodes reads the readout grids' codes from a trace of this network.
func (n *Network) traceCodes(tr *Trace) (codes, error) {
	if len(tr.Levels) != len(n.levels) {
		return nil, fmt.Errorf("engine: a %d-level trace for a %d-level network", len(tr.Levels), len(n.levels))
	}
	for li, lv := range n.levels {
		if len(tr.Levels[li].Grids) != len(lv) {
			return nil, fmt.Errorf("engine: trace level %d has %d grids, the network %d", li+1, len(tr.Levels[li].Grids), len(lv))
		}
		for gi, g := range lv {
			gt := &tr.Levels[li].Grids[gi]
			if len(gt.Active) != len(g.macs) || len(gt.Codes) != len(g.code) {
				return nil, fmt.Errorf("engine: trace level %d grid %d does not fit the network", li+1, gi)
			}
			for _, w := range gt.Codes {
				if int(w) >= g.k {
					return nil, fmt.Errorf("engine: trace level %d grid %d: winner %d of %d cells", li+1, gi, w, g.k)
				}
			}
		}
	}
	return func(gi int) ([]bool, []uint16) {
		g := n.read.grids[gi]
		gt := &tr.Levels[g.level].Grids[g.idx]
		return gt.Active, gt.Codes
	}, nil
}
