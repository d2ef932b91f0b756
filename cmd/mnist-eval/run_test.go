package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestRunSmallSplit(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the MNIST module")
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"-per-class", "30", "-test", "300", "-seed", "3", "-baseline", "knn"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var res map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, lines[len(lines)-1])
	}
	for _, k := range []string{"train", "test", "seed", "accuracy", "learn_us_per_item", "recall_us_per_item", "baseline_accuracy", "baseline_recall_us_per_item",
		"ece", "episodic_auroc", "episodic_reinstated", "episodic_reinstated_first", "novel_g", "mean_test_g", "mean_stored_g", "readouts", "per_level"} {
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
