package engine

import "math"

// Calibration of the class scores. A readout's logits (naive-Bayes
// log-probabilities summed over hundreds of macs, or class-node votes)
// have no scale of their own: softmax(logit) would give 1 to the best class
// and 1e−30 to the others even when it is wrong. The scores are
// softmax(logit / T), with T chosen so that a score of 0.8 is right about
// 80% of the time.
//
// T is fitted on the labelled stream itself, with no held-out set: every
// calibEvery-th labelled learning frame, the network first recalls the
// item (the codes recall would give it, before anything is learned) and
// keeps those readout codes and the label in a ring of the last calibRing
// samples. When a refit is due (after 16, 32, 64, 128 and 256 samples,
// then every calibRefit samples: every 2,048 labelled items) each sample
// is scored leave-one-out (the readout's counts minus the sample's own
// contribution, as if it had never been learned) with the current counts,
// and 1/T is found by bisection on log(1/T) so that the samples' mean top
// score equals the share of them the readout gets right (calibration in
// the large, fitBeta). Leave-one-out scoring with the current counts,
// rather than the score each sample got when it came, keeps the fit from
// lagging behind a readout that is still improving.

const (
	calibEvery = 8
	calibRing  = 256
	calibRefit = 256
)

type calibration struct {
	fixedT float64 // Config.ReadoutTemperature (0: fitted)
	seen   uint64  // labelled learning frames (for sampling)
	n      uint64  // samples taken
	macs   int     // readout macs
	codes  int     // readout codes (macs × Q over the readout grids)
	active []bool  // calibRing × macs
	code   []uint8 // calibRing × codes (K ≤ 256)
	label  []uint16
	beta   [numReadouts]float64 // 1/T per readout; 0 before the first fit
}

func newCalibration(fixedT float64, macs, codes int) calibration {
	return calibration{fixedT: fixedT, macs: macs, codes: codes,
		active: make([]bool, calibRing*macs), code: make([]uint8, calibRing*codes), label: make([]uint16, calibRing)}
}

// due reports whether the next labelled learning frame is a calibration
// sample (every calibEvery-th, once something is labelled).
func (c *calibration) due(labeled int) bool {
	return c.fixedT == 0 && labeled > 0 && c.seen%calibEvery == 0
}

// temperature is readout kind's temperature: fixed by the config, or the
// one fitted so far (1 before the first fit).
func (c *calibration) temperature(kind Readout) float64 {
	if c.fixedT > 0 {
		return c.fixedT
	}
	if b := c.beta[kind-1]; b > 0 {
		return 1 / b
	}
	return 1
}

// sample keeps the network's current readout codes (a recall of the item
// about to be learned) with its label, and refits when due.
func (r *readout) sample(label int) {
	c := &r.cal
	slot := int(c.n % calibRing)
	act := c.active[slot*c.macs : (slot+1)*c.macs]
	code := c.code[slot*c.codes : (slot+1)*c.codes]
	for gi, g := range r.grids {
		copy(act[r.macOff[gi]:], g.active)
		for i, w := range g.code {
			code[r.codeOff[gi]+i] = uint8(w)
		}
	}
	c.label[slot] = uint16(label)
	c.n++
	if n := c.n; n >= 16 && (n&(n-1) == 0 && n <= calibRefit || n%calibRefit == 0) {
		r.refit()
	}
}

// sampleCodes gives the codes of calibration sample s.
func (r *readout) sampleCodes(s int, buf []uint16) codes {
	c := &r.cal
	act := c.active[s*c.macs : (s+1)*c.macs]
	code := c.code[s*c.codes : (s+1)*c.codes]
	for i, w := range code {
		buf[i] = uint16(w)
	}
	return func(gi int) ([]bool, []uint16) {
		g := r.grids[gi]
		m0, k0 := r.macOff[gi], r.codeOff[gi]
		return act[m0 : m0+len(g.macs)], buf[k0 : k0+len(g.code)]
	}
}

// refit scores every sample of the ring leave-one-out and fits each
// readout's temperature to them.
func (r *readout) refit() {
	c := &r.cal
	C := r.classes
	n := int(min(c.n, calibRing))
	d := make([]float32, numReadouts*n*C)
	ok := make([]bool, n)
	buf := make([]uint16, c.codes)
	for s := range n {
		if !r.logits(r.sampleCodes(s, buf), r.logitsB, int(c.label[s]), 0) {
			continue
		}
		ok[s] = true
		for k := range numReadouts {
			z := r.logitsB[k*C : (k+1)*C]
			top := math.Inf(-1)
			for _, v := range z {
				top = max(top, v)
			}
			for cl, v := range z {
				d[(k*n+s)*C+cl] = float32(v - top)
			}
		}
	}
	for k := range numReadouts {
		c.beta[k] = fitBeta(d[k*n*C:(k+1)*n*C], c.label[:n], ok, C, c.beta[k])
	}
}

// fitBeta returns the β = 1/T at which the mean top score of the samples
// marked ok (d: logit − max logit per class, −Inf for classes never seen)
// equals their accuracy (the fraction whose label is the class chosen, the
// first with the top logit):
// calibration in the large. The mean top score falls monotonically from 1
// to 1/C as T grows, so bisection on log T finds it. With no sample
// wrong (or none right) it returns the previous β, or 1 when there is none.
func fitBeta(d []float32, y []uint16, ok []bool, C int, prev float64) float64 {
	right, total := 0, 0
	for s, good := range ok {
		if !good {
			continue
		}
		total++
		// Right when the label is the class score picks: the first of the
		// classes with the top logit.
		row := d[s*C : (s+1)*C]
		for c, v := range row {
			if v == 0 {
				if c == int(y[s]) {
					right++
				}
				break
			}
		}
	}
	if total == 0 || right == 0 || right == total {
		if prev == 0 {
			return 1
		}
		return prev
	}
	acc := float64(right) / float64(total)
	meanTop := func(beta float64) float64 {
		sum := 0.0
		for s, good := range ok {
			if !good {
				continue
			}
			z := 0.0
			for _, v := range d[s*C : (s+1)*C] {
				if !math.IsInf(float64(v), -1) {
					z += detExp(beta * float64(v))
				}
			}
			sum += 1 / z // the top class has d = 0
		}
		return sum / float64(total)
	}
	lo, hi := -14.0, 14.0 // log β: T from e^-14 to e^14
	for range 28 {        // to 1e-7 of log β
		mid := (lo + hi) / 2
		if meanTop(detExp(mid)) > acc {
			hi = mid
		} else {
			lo = mid
		}
	}
	return detExp((lo + hi) / 2)
}
