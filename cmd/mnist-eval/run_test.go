package main

import (
	"bytes"
	"context"
	"encoding/json"
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
	for _, k := range []string{"train", "test", "seed", "accuracy", "learn_us_per_item", "recall_us_per_item", "baseline_accuracy", "baseline_recall_us_per_item"} {
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
	human := out.String()
	for _, want := range []string{"per class:", "confusion (rows: true, columns: recalled)", "baseline knn"} {
		if !strings.Contains(human, want) {
			t.Errorf("human output lacks %q", want)
		}
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
