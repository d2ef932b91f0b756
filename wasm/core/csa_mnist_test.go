//go:build !js

package core

import (
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/internal/gomnist/gomnisttest"
	"github.com/sparsey-web/sparsey/wasm/teach"
)

// TestCSAChoice: on the page's default network after learning its MNIST
// digits, the csa view without a level, grid or mac in the address opens,
// for an unseen test digit, on a mac whose CSA shows the draw at work
// (in the CM shown, CM 0):
// its G strictly between its grid's G⁻ and 1, so η > 1 and ρ is neither
// even (its max at least twice the even 1/n over the n cells a draw may
// choose) nor one spike (max below 0.99: another cell keeps a real
// chance). It does so whenever the digit's recall has such a mac (checked
// on the trace, independently of the view's choice), and otherwise opens
// on level 1 and says there is none. An explicit level=1 opens level 1's
// most active mac, as before.
func TestCSAChoice(t *testing.T) {
	if testing.Short() {
		t.Skip("learns 10,000 MNIST digits (-short)")
	}
	train, test := gomnisttest.Load(t)
	a := trained(t, "view=csa", train, test, newClock(time.Millisecond), nil)
	b := trained(t, "view=csa&level=1", train, test, newClock(time.Millisecond), nil)
	cfg := a.Net().Config()
	a.Frame(800, 600)
	b.Frame(800, 600)
	chosen, none := 0, 0
	for i := range 40 {
		bm, in, err := a.enc.Image(test.Image(i), test.Width(), test.Height())
		if err != nil {
			continue
		}
		tr, err := a.Net().Recall(in)
		if err != nil {
			t.Fatal(err)
		}
		inBand := false
		for l, lt := range tr.Levels {
			for g, gt := range lt.Grids {
				lo := cfg.Levels[l].Grids[g].GFloor
				for m, act := range gt.Active {
					inBand = inBand || act && gt.G[m] > lo && gt.G[m] < 0.999
				}
			}
		}
		for _, x := range []*App{a, b} {
			x.showInput = bm
			csaOf(x).Reset()
			x.Tick()
		}
		cs, why := viewState[teach.CSAState](a), csaOf(a).drawn.Why
		if cs.Mac == nil || !cs.Active {
			t.Fatalf("test digit %d: no mac shown: %+v", i, cs)
		}
		lo := cfg.Levels[cs.Level-1].Grids[cs.Grid].GFloor
		t.Logf("test digit %d: level %d grid %d mac %d: G %.3f (G⁻ %.2f) η %.1f ρ %.4f..%.4f over %d cells; %q",
			i, cs.Level, cs.Grid, *cs.Mac, cs.RealG, lo, cs.Eta, cs.RhoMin, cs.RhoMax, cs.Learnable, why)
		if !inBand {
			none++
			if cs.Level != 1 || cs.Grid != 0 || a.CSA().Mac != -1 || !strings.HasPrefix(why, "no mac") {
				t.Errorf("test digit %d: no mac in the band, yet level %d grid %d mac %d, %q", i, cs.Level, cs.Grid, a.CSA().Mac, why)
			}
			continue
		}
		chosen++
		if !(cs.RealG > lo && cs.RealG < 1 && cs.Eta > 1 && cs.RhoMax < 0.99 && cs.RhoMax >= 2/float64(cs.Learnable)) ||
			!strings.HasPrefix(why, "chosen: its g") || !a.CSA().Auto {
			t.Errorf("test digit %d: the mac chosen does not show the draw at work", i)
		}
		// The address names the mac shown: the link opens it again.
		if q := a.Link(); !strings.Contains(q, "mac=") || !strings.Contains(q, "level=") {
			t.Errorf("test digit %d: link %q does not name the mac", i, q)
		}
		// An explicit level=1 stays in the address: without it a link
		// would open the view's own choice.
		if bs := viewState[teach.CSAState](b); bs.Level != 1 || bs.Grid != 0 || b.CSA().Mac != -1 || b.CSA().Auto || !strings.Contains(b.Link(), "level=1") {
			t.Errorf("level=1: level %d grid %d mac %d auto %v", bs.Level, bs.Grid, b.CSA().Mac, b.CSA().Auto)
		}
	}
	t.Logf("%d test digits with a mac in the band, %d without", chosen, none)
	if chosen == 0 {
		t.Error("no test digit has a mac with G between G⁻ and 1")
	}
	// Another CM shows the same mac; a level, grid or mac set by the
	// visitor holds: no choice under their hand.
	lv, gr, mc := a.CSA().Level, a.CSA().Grid, a.CSA().Mac
	if err := a.Set("cm", "1"); err != nil {
		t.Fatal(err)
	}
	a.Tick()
	if s := a.CSA(); s.Level != lv || s.Grid != gr || s.Mac != mc || !s.Auto {
		t.Errorf("cm=1 moved the mac: %d/%d mac %d → %d/%d mac %d", lv, gr, mc, s.Level, s.Grid, s.Mac)
	}
	if err := a.Set("mac", "3"); err != nil {
		t.Fatal(err)
	}
	a.Tick()
	if cs := viewState[teach.CSAState](a); a.CSA().Auto || cs.Mac == nil || *cs.Mac != 3 {
		t.Errorf("after mac=3: auto %v, %+v", a.CSA().Auto, cs)
	}
}
