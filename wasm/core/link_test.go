package core

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/wasm/teach"
)

// TestLink: every setting of every view and the drawing go into the link;
// an App opened at the link shows the same view, settings and drawing,
// and recalls it to the same answer.
func TestLink(t *testing.T) {
	data := digits(t, 300, 31)
	a := trained(t, "train=300&embed=1", data, nil, newClock(time.Millisecond), nil)
	if q := a.Link(); q != "train=300&embed=1" {
		t.Errorf("link of a fresh page: %q", q)
	}
	draw(t, a, shapes[7]...)
	a.SetView("csa")
	// In this order: the CM is checked against the grid chosen first.
	for _, c := range [][2]string{{"csa-grid", "3/0"}, {"csa-cm", "2"}, {"csa-g", "0.25"}} {
		if err := a.UseControl(c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	a.SetReadout("class-nodes")
	a.Tick()
	link := a.Link()
	t.Logf("link: %s", link)
	q, err := url.ParseQuery(link)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"train": "300", "embed": "1", "view": "csa", "readout": "class-nodes",
		"level": "3", "cm": "2", "g": "0.25"} {
		if q.Get(k) != want {
			t.Errorf("%s=%q in the link, want %q", k, q.Get(k), want)
		}
	}
	if q.Get("d") == "" || q.Has("mac") || q.Has("grid") { // mac −1 and grid 0 are the defaults
		t.Errorf("drawing %q, mac %q, grid %q", q.Get("d"), q.Get("mac"), q.Get("grid"))
	}
	if !strings.HasPrefix(link, "train=300&embed=1&view=csa&readout=class-nodes&") || !strings.Contains(link, "&d=") {
		t.Errorf("link order: %s", link)
	}

	b := trained(t, link, data, nil, newClock(time.Millisecond), nil)
	b.Frame(800, 600)
	b.Tick()
	sa, sb := a.State(), b.State()
	if b.Link() != link || sb.View != "csa" || sb.Readout != "class-nodes" || sb.Strokes != sa.Strokes {
		t.Fatalf("opened at the link: %q, view %s, readout %s, %d strokes", b.Link(), sb.View, sb.Readout, sb.Strokes)
	}
	ca, cb := viewState[teach.CSAState](a), viewState[teach.CSAState](b)
	if cb.Level != 3 || cb.CM != 2 || !cb.Override || cb.G != 0.25 || cb.Mac == nil || *cb.Mac != *ca.Mac || cb.MaxV != ca.MaxV {
		t.Errorf("csa view: %+v, want %+v", cb, ca)
	}
	if sb.Label == nil || *sb.Label != *sa.Label || sb.Familiarity != sa.Familiarity || sb.RecalledVersion != sb.PadVersion {
		t.Errorf("recall from the link: label %v familiarity %v; the original %v %v", sb.Label, sb.Familiarity, *sa.Label, sa.Familiarity)
	}
}

// TestBadSettings: a setting the page cannot use is named in the address
// banner, like a bad parameter, with what it accepts (checked against the
// network) and the default the page uses instead; the page carries on.
func TestBadSettings(t *testing.T) {
	for q, want := range map[string][]string{
		"mac=-2":                       {"mac=-2: want a whole number ≥ -1; using the grid's most active mac (-1)"},
		"g=1.5":                        {"g=1.5: want a number from 0 to 1; using the mac's own G"},
		"g=NaN":                        {"g=NaN: want a number from 0 to 1"},
		"level=0":                      {"level=0: want a whole number ≥ 1; using level 1"},
		"cm=x":                         {"cm=x: want a whole number ≥ 0; using CM 0"},
		"cm=-1":                        {"cm=-1: want a whole number ≥ 0"},
		"d=AQEB":                       {"d=AQEB: want the drawing of a link", "using an empty pad"},
		"d=@@@":                        {"d=@@@: want the drawing of a link"},
		"grid=-1":                      {"grid=-1: want a whole number ≥ 0; using grid 0"},
		"level=99&mac=99999&cm=99":     {"level=99: want a level from 1 to 3", "mac=99999: want a mac of that grid, from -1 to 143", fmt.Sprintf("cm=99: want a CM of that grid's macs, from 0 to %d", engine.MNISTConfig().Levels[0].Grids[0].Q-1)},
		"level=3&grid=1":               {"grid=1: want a grid of level 3, from 0 to 0"},
		"level=3&g":                    nil,
		"level=2&grid=0&mac=3&cm=1&g=": nil,
	} {
		a := New(Options{Query: q})
		got := a.AddressError()
		if len(want) == 0 && got != "" {
			t.Errorf("%s: address error %q", q, got)
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: address error %q does not say %q", q, got, w)
			}
		}
		if a.Phase() == "error" {
			t.Errorf("%s: the page stopped: %s", q, a.Error())
		}
	}
}

// TestEmptyPadNoFamiliarity: an empty pad shows no familiarity, also
// while the memory learns (the canvas shows the digit being learned,
// without words or a bar).
func TestEmptyPadNoFamiliarity(t *testing.T) {
	c := newClock(time.Millisecond)
	a := New(Options{Query: "train=600", Train: digits(t, 600, 43), Now: c.now})
	a.Boot(nil, nil)
	a.Frame(800, 600)
	for range 20 {
		a.Tick()
		a.Frame(800, 600)
	}
	if a.Phase() != "training" || a.scene.Rec == nil || !a.scene.Rec.Learning || a.scene.Rec.Familiarity.Shown() {
		t.Fatalf("while learning with an empty pad: phase %s, scene %+v", a.Phase(), a.scene.Rec)
	}
	for a.Phase() != "ready" {
		a.Tick()
	}
	draw(t, a, shapes[3]...)
	if s := a.State(); s.FamiliarityWords == "" || s.FamiliarityWhy == "" || s.FamiliarityColor == "" || s.Sure == nil {
		t.Fatalf("a drawing: %+v", s)
	}
	a.Clear()
	a.Frame(800, 600)
	a.Tick()
	if s := a.State(); s.FamiliarityWords != "" || s.Familiarity != 0 || s.FamiliarityColor != "" || s.Label != nil || a.RecallText() != "Draw a digit." {
		t.Errorf("an empty pad: %q %v %q %v %q", s.FamiliarityWords, s.Familiarity, s.FamiliarityColor, s.Label, a.RecallText())
	}
}
