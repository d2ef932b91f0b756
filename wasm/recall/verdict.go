package recall

import "github.com/sparsey-web/sparsey/engine"

// Verdict is the answer of a recall: the class with the highest score,
// the runner-up, and whether the page is sure of it.
type Verdict struct {
	// Class is the answer (−1 for none); Name its name.
	Class int
	Name  string
	// RunnerUp is the class with the next highest score (−1 for none).
	RunnerUp     int
	RunnerUpName string
	// Score and RunnerUpScore are their calibrated scores.
	Score, RunnerUpScore float64
	// Sure reports whether the page says the answer without a doubt.
	Sure bool
}

// SureAt is the calibrated score from which Decide is sure: the default
// network's threshold (engine.SureAt), chosen on drawn validation digits
// so that few sure answers are wrong and few right ones are left unsure.
const SureAt = engine.SureAt

// Decide is the verdict on calibrated scores for the answer class (which
// the page may take from another rule than the top score, e.g. a taught
// symbol's nearest code). No scores or class −1: no answer.
func Decide(scores []float64, class int) Verdict {
	v := Verdict{Class: class, RunnerUp: -1}
	if class < 0 || class >= len(scores) {
		v.Class = -1
		return v
	}
	v.Score = scores[class]
	for c, s := range scores {
		if c != class && (v.RunnerUp < 0 || s > v.RunnerUpScore) {
			v.RunnerUp, v.RunnerUpScore = c, s
		}
	}
	v.Sure = v.Score >= SureAt
	return v
}
