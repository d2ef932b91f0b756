//go:build !js

package e2e

import (
	"fmt"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
)

// TestVerdict: drawn with real pointer events in the page, a clear 7 gets
// a sure verdict from the page's calibrated scores (engine.Judge, the rule
// the page shows as "sure" or "not sure"), and an ambiguous 4/9 (a 4
// whose top is half closed) gets "not sure" with 4 and 9 as its best guess
// and runner-up (natively the same verdict for a closing stroke ending
// anywhere from 0.52 to 0.58 of the pad).
func TestVerdict(t *testing.T) {
	p := newBrowser(t, "")
	p.open(800, 600, fmt.Sprintf("?train=%d", *trainN))
	p.waitFor(fmt.Sprintf(`s.phase === "ready" && s.trained >= %d`, *trainN), trainTimeout(*trainN))

	clear := p.drawAll(line(pt{0.28, 0.18}, pt{0.72, 0.18}, 4), line(pt{0.72, 0.18}, pt{0.42, 0.86}, 6))
	ambiguous := p.drawAll(ambiguous49()...)
	vc, va := engine.Judge(clear.Scores), engine.Judge(ambiguous.Scores)
	t.Logf("clear 7 (%s): %+v; ambiguous 4/9: %+v", clear.Readout, vc, va)
	if !vc.Sure || vc.Best != 7 {
		t.Errorf("clear 7: %+v, want sure of 7", vc)
	}
	if va.Sure || !(va.Best == 4 && va.RunnerUp == 9 || va.Best == 9 && va.RunnerUp == 4) {
		t.Errorf("ambiguous 4/9: %+v, want not sure, between 4 and 9", va)
	}
}
