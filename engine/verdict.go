package engine

// Verdict is what a readout's calibrated class scores say: the best class
// and the runner-up, and whether the network is sure of the best.
type Verdict struct {
	// Best and RunnerUp are the classes with the highest and the second
	// highest score (−1 when there are none); BestScore and RunnerUpScore
	// their scores.
	Best, RunnerUp           int
	BestScore, RunnerUpScore float64
	// Sure reports BestScore ≥ the threshold judged at: say the class;
	// otherwise say "not sure" with the best guess and the runner-up.
	Sure bool
}

// SureAt is the calibrated top score from which the default network is
// sure. Chosen on the validation split (network learned on the first
// 50,000 training digits, the last 10,000 drawn with the pen model
// through the page's path with every perturbation of real hands, pooled):
// the threshold that leaves the same share of margin to both floors of
// the drawn benchmark, sure and wrong ≤ 2% and not sure < 15%. There, at
// 0.94 / 0.96: sure and wrong 1.53 / 1.23%, not sure 9.7 / 11.5%; the
// shares of the floors left are equal near 0.949, and 0.95 is the round
// number beside it (BENCHMARKS.md has the curve and the test set).
const SureAt = 0.95

// Judge is JudgeAt with SureAt.
func Judge(scores []float64) Verdict { return JudgeAt(scores, SureAt) }

// JudgeAt returns the verdict of the scores (one per class, as
// Trace.Scores) with the threshold sureAt. Ties go to the lower class, as
// the readout's choice does. No scores (or all zero: nothing to score)
// give Best and RunnerUp −1 and Sure false.
func JudgeAt(scores []float64, sureAt float64) Verdict {
	v := Verdict{Best: -1, RunnerUp: -1}
	for c, s := range scores {
		switch {
		case s <= 0:
		case v.Best < 0 || s > v.BestScore:
			v.RunnerUp, v.RunnerUpScore = v.Best, v.BestScore
			v.Best, v.BestScore = c, s
		case v.RunnerUp < 0 || s > v.RunnerUpScore:
			v.RunnerUp, v.RunnerUpScore = c, s
		}
	}
	v.Sure = v.Best >= 0 && v.BestScore >= sureAt
	return v
}
