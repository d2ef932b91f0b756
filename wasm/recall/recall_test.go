package recall

import (
	"slices"
	"strings"
	"testing"
)

func TestJudge(t *testing.T) {
	th := Thresholds{SeenBefore: 0.99, NewBelow: []float64{0.98, 0.7}}
	for _, tc := range []struct {
		g    []float64
		kind Kind
		low  []bool
		why  string
	}{
		{nil, None, nil, ""},
		{[]float64{0.999, 0.8, 0.995}, Seen, []bool{false, false}, "stored"},
		{[]float64{0.999, 0.8, 0.9}, Known, []bool{false, false}, "familiar parts"},
		{[]float64{0.97, 0.8, 0.9}, New, []bool{true, false}, "level 1"},
		{[]float64{0.99, 0.6, 0.9}, New, []bool{false, true}, "level 2"},
		{[]float64{0.97, 0.6, 1}, Seen, []bool{true, true}, "stored"},
		{[]float64{0.5}, Known, []bool{}, "familiar parts"},
	} {
		f := th.Judge(tc.g)
		if f.Kind != tc.kind || !slices.Equal(f.Low, tc.low) || !strings.Contains(f.Why, tc.why) {
			t.Errorf("Judge(%v) = %v %v %q, want %v %v …%s…", tc.g, f.Kind, f.Low, f.Why, tc.kind, tc.low, tc.why)
		}
		// One value for the words, the bar and the colour.
		if f.Words() != tc.kind.Words() || f.Color() != tc.kind.Color() || f.Shown() != (tc.kind != None) {
			t.Errorf("Judge(%v): words %q colour %v", tc.g, f.Words(), f.Color())
		}
		if len(tc.g) > 0 && f.Value != min(tc.g[len(tc.g)-1], 1) {
			t.Errorf("Judge(%v): bar %v", tc.g, f.Value)
		}
	}
	if Seen.CSS() != "#6cd88a" || None.Words() != "" {
		t.Errorf("CSS %s", Seen.CSS())
	}
}

func TestDecide(t *testing.T) {
	for _, tc := range []struct {
		scores        []float64
		class         int
		runnerUp      int
		sure, noClass bool
	}{
		{[]float64{0.02, 0.97, 0.01}, 1, 0, true, false},
		{[]float64{(1 - SureAt) / 2, SureAt, (1 - SureAt) / 2}, 1, 0, true, false}, // at the threshold: sure
		{[]float64{0.1, 0.8, 0.1}, 1, 0, false, false},
		{[]float64{0.3, 0.45, 0.25}, 1, 0, false, false},
		{[]float64{0.5, 0.5}, 0, 1, false, false},
		{[]float64{0.2, 0.3, 0.5}, 0, 2, false, false}, // another rule's answer (a taught symbol)
		{nil, 0, -1, false, true},
		{[]float64{1}, -1, -1, false, true},
	} {
		v := Decide(tc.scores, tc.class)
		if tc.noClass {
			if v.Class != -1 || v.Sure {
				t.Errorf("Decide(%v, %d) = %+v, want no answer", tc.scores, tc.class, v)
			}
			continue
		}
		if v.Class != tc.class || v.RunnerUp != tc.runnerUp || v.Sure != tc.sure || v.Score != tc.scores[tc.class] {
			t.Errorf("Decide(%v, %d) = %+v", tc.scores, tc.class, v)
		}
	}
}

func TestCaption(t *testing.T) {
	it := Item{Index: 41, Name: "star", Taught: true, Agree: 0.754}
	if c := it.Caption(100); c != [2]string{"star, 75% of cms", "taught: item 42 of 100"} {
		t.Errorf("caption %q", c)
	}
}
