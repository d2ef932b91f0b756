package engine

import (
	"fmt"
	"testing"
)

func TestJudgeAt(t *testing.T) {
	tests := []struct {
		name     string
		scores   []float64
		at       float64
		best, ru int
		sure     bool
	}{
		{"clear", []float64{0.01, 0.95, 0.04}, 0.9, 1, 2, true},
		{"at the threshold is sure", []float64{0.1, 0, 0.9}, 0.9, 2, 0, true},
		{"split", []float64{0, 0, 0, 0, 0.55, 0, 0, 0, 0, 0.45}, 0.9, 4, 9, false},
		{"tie goes to the lower class", []float64{0.5, 0.5}, 0.5, 0, 1, true},
		{"one class", []float64{0, 1}, 0.9, 1, -1, true},
		{"nothing scored", []float64{0, 0, 0}, 0.9, -1, -1, false},
		{"no scores", nil, 0.9, -1, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := JudgeAt(tt.scores, tt.at)
			if v.Best != tt.best || v.RunnerUp != tt.ru || v.Sure != tt.sure {
				t.Errorf("%+v, want best %d, runner-up %d, sure %v", v, tt.best, tt.ru, tt.sure)
			}
			if v.Best >= 0 && v.BestScore != tt.scores[v.Best] || v.RunnerUp >= 0 && v.RunnerUpScore != tt.scores[v.RunnerUp] {
				t.Errorf("scores %+v do not match %v", v, tt.scores)
			}
		})
	}
	if Judge([]float64{0.1, 0.89}).Sure || !Judge([]float64{0.05, 0.95}).Sure {
		t.Errorf("Judge does not use SureAt = %v", SureAt)
	}
}

func ExampleJudge() {
	// Calibrated scores of a drawing between a 4 and a 9.
	v := Judge([]float64{0, 0, 0, 0, 0.58, 0, 0, 0.02, 0, 0.40})
	if v.Sure {
		fmt.Println(v.Best)
	} else {
		fmt.Printf("not sure: %d (%.0f%%) or %d (%.0f%%)\n", v.Best, 100*v.BestScore, v.RunnerUp, 100*v.RunnerUpScore)
	}
	// Output: not sure: 4 (58%) or 9 (40%)
}
