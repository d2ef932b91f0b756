package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/wasm/pad/pen"
)

func TestRunSmallSplit(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the MNIST module")
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"-per-class", "50", "-test", "200", "-variants", "-hands", "-sure-curve", "-nondigits", "3"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var res Result
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, lines[len(lines)-1])
	}
	if res.Train != 500 || res.Test != 200 || len(res.Drawn) != len(pen.Variants())+len(pen.Hands())-1 {
		t.Fatalf("split or variants wrong: %+v", res)
	}
	for _, p := range res.Drawn {
		// Styles apply to one class (about a tenth of the digits).
		if p.Digits != 200 && (p.Digits < 5 || p.Digits > 40 || !strings.HasPrefix(p.Variant, "style:")) {
			t.Errorf("%s: drawn on %d digits", p.Variant, p.Digits)
		}
	}
	if res.Worst == "" || res.WorstDelta >= 0 {
		t.Errorf("worst %q, largest drop %v", res.Worst, res.WorstDelta)
	}
	// 500 digits learned: far above chance, below perfect, on both paths.
	if res.Direct < 0.5 || res.Direct > 0.99 {
		t.Errorf("direct accuracy %.3f is implausible", res.Direct)
	}
	for _, p := range res.Drawn {
		if strings.HasPrefix(p.Variant, "style:") || strings.HasPrefix(p.Variant, "width 6.8") {
			continue // shapes MNIST rarely has, and a pen that fills loops: no bound
		}
		if p.Accuracy < 0.4 || p.Accuracy > 0.99 || p.Agree < 0.4 || p.Events < 10 {
			t.Errorf("%s: accuracy %.3f, agreement %.3f, %.1f events per digit: implausible", p.Variant, p.Accuracy, p.Agree, p.Events)
		}
	}
	// Verdicts add up; a higher threshold is sure less often.
	for _, p := range res.Drawn {
		if s := p.Sure.Right + p.Sure.Wrong + p.Sure.NotSure; s < 0.999 || s > 1.001 {
			t.Errorf("%s: verdicts add up to %v", p.Variant, s)
		}
	}
	if res.PagePath == nil || len(res.SureCurve) < 2 {
		t.Fatalf("no pooled verdicts: %+v", res)
	}
	for i := 1; i < len(res.SureCurve); i++ {
		a, b := res.SureCurve[i-1], res.SureCurve[i]
		if b.NotSure < a.NotSure || b.Wrong > a.Wrong {
			t.Errorf("at %v: not sure %v, wrong %v; at %v: %v, %v", a.At, a.NotSure, a.Wrong, b.At, b.NotSure, b.Wrong)
		}
	}
	nd := res.NonDigits
	if nd == nil || nd.Drawings != 3*len(pen.NonDigits()) || len(nd.PerKind) != len(pen.NonDigits()) || nd.AUROC <= 0.5 {
		t.Errorf("non-digits: %+v", nd)
	}
	if !strings.Contains(out.String(), "drawn, as traced") {
		t.Errorf("the table lacks the drawn path:\n%s", out.String())
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
		{"no test digits", []string{"-test", "0"}, 2},
		{"pad too small", []string{"-pad", "10"}, 2},
		{"unknown rendering", []string{"-render", "svg"}, 2},
		{"unknown preset", []string{"-config", "no-such-preset"}, 1},
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
