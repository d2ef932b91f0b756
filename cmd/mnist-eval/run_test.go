package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
)

func TestRunSmallSplit(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the MNIST module")
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"-per-class", "30", "-test", "300", "-seed", "3", "-baseline", "knn,wisard"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var res map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, lines[len(lines)-1])
	}
	for _, k := range []string{"train", "test", "seed", "accuracy", "learn_us_per_item", "recall_us_per_item", "baseline_accuracy", "baseline_recall_us_per_item",
		"ece", "episodic_auroc", "episodic_auroc_oldest", "episodic_auroc_newest", "episodic_auroc_varied", "episodic_self_varied",
		"episodic_reinstated", "episodic_reinstated_first", "code_kept", "weight_bytes", "top_accuracy", "top_nearest_class",
		"novel_g", "mean_test_g", "mean_stored_g", "readouts", "per_level", "wisard"} {
		if _, ok := res[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if res["train"].(float64) != 300 || res["test"].(float64) != 300 || res["seed"].(float64) != 3 {
		t.Errorf("split or seed wrong: %v", res)
	}
	// 300 digits learned: far above chance, far below perfect.
	if acc := res["accuracy"].(float64); acc < 0.5 || acc > 0.99 {
		t.Errorf("accuracy %.3f is implausible for 300 training digits", acc)
	}
	// Both memories: the stored digits are told from the unseen ones and
	// reinstate their top-level codes; scribbles are less familiar than
	// digits.
	if a := res["episodic_auroc"].(float64); a < 0.9 {
		t.Errorf("episodic AUROC %.3f after 300 digits", a)
	}
	if r := res["episodic_reinstated"].(float64); r < 0.95 {
		t.Errorf("top-level reinstatement %.3f", r)
	}
	if nov, test := res["novel_g"].(float64), res["mean_test_g"].(float64); nov >= test {
		t.Errorf("scribbles are as familiar as digits: G %.3f vs %.3f", nov, test)
	}
	// 300 items, each in every sample: uniform, oldest and newest are the
	// same items.
	if u, o := res["episodic_auroc"].(float64), res["episodic_auroc_oldest"].(float64); u != o {
		t.Errorf("300 items: uniform AUROC %v, oldest %v", u, o)
	}
	if w := res["wisard"].(map[string]any); w["auroc_oldest"].(float64) != w["auroc_newest"].(float64) || w["bytes"].(float64) <= 0 {
		t.Errorf("wisard: %v", w)
	}
	if k := res["code_kept"].([]any); len(k) != 3 {
		t.Errorf("code_kept %v, want one per level", k)
	}
	ros := res["readouts"].([]any)
	if len(ros) != 3 || ros[1].(map[string]any)["readout"] != "binary" {
		t.Errorf("readouts: %v", ros)
	}
	human := out.String()
	for _, want := range []string{"per class:", "confusion (rows: true, columns: recalled)", "baseline knn", "episodic (top level): AUROC", "readout binary"} {
		if !strings.Contains(human, want) {
			t.Errorf("human output lacks %q", want)
		}
	}
}

// -capacity measures both memories at each number of items stored: one
// JSON object with a "capacity" list, one entry per checkpoint up to -train.
func TestRunCapacity(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the MNIST module")
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"-train", "2500", "-test", "200", "-capacity"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var res struct {
		Capacity []struct {
			Train         int     `json:"train"`
			EpisodicAUROC float64 `json:"episodic_auroc"`
		} `json:"capacity"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, c := range res.Capacity {
		got = append(got, c.Train)
		if c.EpisodicAUROC <= 0.5 {
			t.Errorf("after %d: AUROC %.3f", c.Train, c.EpisodicAUROC)
		}
	}
	if fmt.Sprint(got) != "[1000 2000 2500]" {
		t.Errorf("checkpoints %v, want [1000 2000 2500]", got)
	}
	if !strings.Contains(out.String(), "stored  accuracy") {
		t.Error("no capacity table in the human output")
	}
}

func TestAUROCAndECE(t *testing.T) {
	tests := []struct {
		name     string
		pos, neg []float64
		want     float64
	}{
		{"separated", []float64{0.9, 1}, []float64{0.1, 0.2}, 1},
		{"reversed", []float64{0.1}, []float64{0.5, 0.9}, 0},
		{"all tied", []float64{1, 1}, []float64{1, 1, 1}, 0.5},
		{"half", []float64{0.5, 0.9}, []float64{0.7}, 0.5},
	}
	for _, tc := range tests {
		if got := auroc(tc.pos, tc.neg); got != tc.want {
			t.Errorf("%s: auroc = %v, want %v", tc.name, got, tc.want)
		}
	}
	// Confidence 0.8 right 8 times in 10: calibrated. Confidence 1 right
	// half the time: ECE 0.5.
	conf := []float64{0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8}
	hits := []bool{true, true, true, true, true, true, true, true, false, false}
	if e := ece(conf, hits, 10); e > 1e-12 {
		t.Errorf("calibrated: ece = %v", e)
	}
	if e := ece([]float64{1, 1}, []bool{true, false}, 10); e != 0.5 {
		t.Errorf("overconfident: ece = %v, want 0.5", e)
	}
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"unknown flag", []string{"-nope"}, 2},
		{"extra argument", []string{"x"}, 2},
		{"unknown preset", []string{"-config", "no-such-preset", "-train", "10"}, 1},
		{"unknown baseline", []string{"-baseline", "knn,svm"}, 2},
		{"two nearest-neighbour baselines", []string{"-baseline", "knn,hamming"}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(context.Background(), tc.args, &out, &errb); code != tc.code {
				t.Errorf("exit %d, want %d (%s)", code, tc.code, errb.String())
			}
		})
	}
}

func TestPrintConfigIsLoadable(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-print-config"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !json.Valid(out.Bytes()) {
		t.Error("-print-config did not print JSON")
	}
}

// The shape change of vary is small and seeded: the same generator gives
// the same image, the ink moves (the image changes) but stays about where
// it was: most ink pixels of the change are within a pixel or two of ink
// in the original.
func TestVary(t *testing.T) {
	const side = 28
	img := make([]byte, side*side)
	for y := 6; y < 22; y++ { // a slanted bar, two pixels wide
		x := 10 + (y-6)/3
		img[y*side+x], img[y*side+x+1] = 255, 255
	}
	a := vary(img, side, side, rand.New(rand.NewPCG(1, 2)))
	b := vary(img, side, side, rand.New(rand.NewPCG(1, 2)))
	if !bytes.Equal(a, b) {
		t.Fatal("the same seed gives different images")
	}
	changed := false
	for seed := range uint64(50) {
		v := vary(img, side, side, rand.New(rand.NewPCG(seed, 9)))
		changed = changed || !bytes.Equal(v, img)
		// Rotation ≤ 6° and scale ≤ 10% about the centre move a pixel of
		// the bar (within 9 pixels of the centre) by at most
		// 9·(0.105 + 0.1) + 1 (jitter) ≈ 2.9 pixels: every ink pixel of the
		// change lies within 3 pixels of the original ink.
		for y := range side {
			for x := range side {
				if v[y*side+x] < 128 {
					continue
				}
				near := false
				for dy := -3; dy <= 3 && !near; dy++ {
					for dx := -3; dx <= 3 && !near; dx++ {
						xx, yy := x+dx, y+dy
						near = xx >= 0 && yy >= 0 && xx < side && yy < side && img[yy*side+xx] >= 128
					}
				}
				if !near {
					t.Fatalf("seed %d: ink at (%d, %d), over 3 pixels from the original", seed, x, y)
				}
			}
		}
	}
	if !changed {
		t.Error("vary never changed the image")
	}
}

// The nearest stored code: most CMs in common, silent CMs of the query
// never agreeing, every tied item reported.
func TestCodeBookNearest(t *testing.T) {
	var b codeBook
	b.add([]uint16{1, 2, 3, 4}, 7)
	b.add([]uint16{1, 2, 9, 9}, 3)
	b.add([]uint16{1, 2, 3, 9}, 7)
	b.add([]uint16{silentCM, silentCM, 3, 4}, 1)
	var got []int
	agree, ties := b.nearest([]uint16{1, 2, 3, silentCM}, 4, func(i int) { got = append(got, i) })
	if agree != 3 || ties != 2 || fmt.Sprint(got) != "[0 2]" {
		t.Errorf("nearest = %d CMs, %d ties %v; want 3, 2 [0 2]", agree, ties, got)
	}
	got = nil
	agree, ties = b.nearest([]uint16{silentCM, silentCM, 3, 4}, 2, func(i int) { got = append(got, i) })
	if agree != 2 || ties != 1 || got[0] != 0 {
		t.Errorf("among the first 2: %d CMs, %d ties %v; want 2, 1 [0]", agree, ties, got)
	}
}

// The top-level readout learns which winners go with which class.
func TestCodeNB(t *testing.T) {
	lt := engine.LevelTrace{Grids: []engine.GridTrace{{Q: 2, K: 4, Active: []bool{true, true}, Codes: make([]uint16, 4)}}}
	nb := newCodeNB(&lt, 3, 0.1)
	if nb.classify([]uint16{0, 0, 0, 0}) != -1 {
		t.Error("an empty readout classified")
	}
	for range 5 {
		nb.learn([]uint16{0, 1, 2, 3}, 0)
		nb.learn([]uint16{3, 2, 1, 0}, 2)
	}
	if c := nb.classify([]uint16{0, 1, 2, 0}); c != 0 {
		t.Errorf("three CMs of class 0's code: class %d", c)
	}
	if c := nb.classify([]uint16{3, 2, silentCM, silentCM}); c != 2 {
		t.Errorf("class 2's code with a silent mac: class %d", c)
	}
	if c := nb.classify([]uint16{silentCM, silentCM, silentCM, silentCM}); c != -1 {
		t.Errorf("all silent: class %d", c)
	}
}

// The uniform sample: seeded, sorted, without repeats, all of a short
// stream.
func TestUniformSample(t *testing.T) {
	a, b := uniformSample(60000, 1000, 1), uniformSample(60000, 1000, 1)
	if fmt.Sprint(a) != fmt.Sprint(b) || len(a) != 1000 {
		t.Fatal("not seeded or wrong size")
	}
	for i := 1; i < len(a); i++ {
		if a[i] <= a[i-1] {
			t.Fatal("not sorted or repeated")
		}
	}
	// Uniform: about a sixth in each sixth of the stream (binomial sd ≈ 12;
	// 5 sd).
	for s := range 6 {
		n := 0
		for _, i := range a {
			if i/10000 == s {
				n++
			}
		}
		if n < 167-60 || n > 167+60 {
			t.Errorf("%d of 1000 in the stream's sixth %d", n, s)
		}
	}
	if got := uniformSample(300, 1000, 1); len(got) != 300 || got[299] != 299 {
		t.Errorf("short stream: %d items", len(got))
	}
}

// -loss reports, for each representation from the pixels to the top,
// how many varied stored items find themselves nearest, and the class
// 1-NN of each level's codes: counts within the items analysed, and the
// raw pixels at least as good at finding the item as the thinned input.
func TestRunLoss(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the MNIST module")
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-per-class", "20", "-test", "100", "-loss", "20"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var res struct {
		Loss *LossReport `json:"loss"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatal(err)
	}
	l := res.Loss
	if l == nil || l.Items != 20 || len(l.SelfLevel) != 3 || len(l.ClassLevel) != 3 {
		t.Fatalf("loss report %+v", l)
	}
	for _, v := range append(append([]int{l.SelfRaw, l.SelfBitmap, l.SelfInput}, l.SelfLevel...), l.ClassLevel...) {
		if v < 0 || v > l.Items {
			t.Errorf("count %d outside 0..%d: %+v", v, l.Items, l)
		}
	}
	if !strings.Contains(out.String(), "where identity is lost") {
		t.Error("no human line for -loss")
	}
}
