package core_test

import (
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/wasm/core"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// A new view is one row of the table (core.RegisterView) and one file: this
// one, "ink", counts the drawing's strokes and points, has a setting in
// the address (inkmax) and a control (a button that resets its count of
// updates), and draws a bar of the points. The test below registers it
// and checks that the menu's list, the address, state(), the controls and
// the link all have it, with nothing else to change.

// inkView is the example view.
type inkView struct {
	a       *core.App
	max     int // the bar is full at max points (setting inkmax)
	updates int
	bar     inkBar
}

// inkState is its fields of state().
type inkState struct {
	Strokes int `json:"inkStrokes"`
	Points  int `json:"inkPoints"`
	Max     int `json:"inkMax"`
	Updates int `json:"inkUpdates"`
}

// inkBar is what it draws (viz.View).
type inkBar struct{ frac float64 }

func (b *inkBar) Draw(dst *image.RGBA, area image.Rectangle) {
	w := int(b.frac * float64(area.Dx()))
	for y := area.Min.Y; y < area.Min.Y+10; y++ {
		for x := area.Min.X; x < area.Min.X+w; x++ {
			dst.SetRGBA(x, y, color.RGBA{0xff, 0xb0, 0x3b, 0xff})
		}
	}
}

func (v *inkView) points() (strokes, points int) {
	for _, s := range v.a.Pad().Strokes() {
		strokes, points = strokes+1, points+len(s)
	}
	return
}

func (v *inkView) Update(time.Duration) bool {
	v.updates++
	_, n := v.points()
	f := min(float64(n)/float64(v.max), 1)
	changed := f != v.bar.frac
	v.bar.frac = f
	return changed
}

func (v *inkView) Drawing() viz.View { return &v.bar }
func (v *inkView) Reset()            {}
func (v *inkView) State() any {
	s, n := v.points()
	return inkState{Strokes: s, Points: n, Max: v.max, Updates: v.updates}
}

// inkOf is an App's ink view.
func inkOf(a *core.App) *inkView { return a.ViewOf("ink").(*inkView) }

var inkSpec = core.ViewSpec{
	Name:  "ink",
	Title: "Ink",
	Doc:   "the drawing's strokes and points (an example)",
	Settings: []core.Setting{{Param: "inkmax", Doc: "points of a full bar", Using: "100",
		Get: func(a *core.App) string {
			if m := inkOf(a).max; m != 100 {
				return strconv.Itoa(m)
			}
			return ""
		},
		Set: func(a *core.App, s string) error {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				return errors.New("a whole number ≥ 1")
			}
			inkOf(a).max = n
			return nil
		}}},
	Controls: []core.Control{{ID: "ink-reset", Kind: core.Button, Label: "Reset",
		Do: func(a *core.App) error { inkOf(a).updates = 0; return nil }}},
	New: func(a *core.App) core.View { return &inkView{a: a, max: 100} },
}

func TestExampleView(t *testing.T) {
	old := slices.Clone(core.Views)
	t.Cleanup(func() { core.Views = old })
	if err := core.RegisterView(inkSpec); err != nil {
		t.Fatal(err)
	}
	if err := core.RegisterView(inkSpec); err == nil {
		t.Error("registered twice")
	}
	if !slices.Contains(core.ViewNames(), "ink") || core.ValidView("ink") != "ink" {
		t.Fatalf("views %v", core.ViewNames())
	}
	a := core.New(core.Options{Query: "view=ink&inkmax=40&train=0"})
	a.Boot(nil, nil)
	a.SetDrawing([]pad.Stroke{{{X: 0.2, Y: 0.2}, {X: 0.5, Y: 0.5}, {X: 0.8, Y: 0.2}}})
	a.Frame(640, 480)
	a.Tick()
	b, err := json.Marshal(a.State())
	if err != nil {
		t.Fatal(err)
	}
	var st map[string]any
	json.Unmarshal(b, &st)
	if st["view"] != "ink" || st["inkStrokes"] != 1.0 || st["inkPoints"] != 3.0 || st["inkMax"] != 40.0 || st["inkUpdates"] != 1.0 {
		t.Errorf("state() %v", st)
	}
	if err := a.UseControl("ink-reset", ""); err != nil || inkOf(a).updates != 0 {
		t.Errorf("control: %v, updates %d", err, inkOf(a).updates)
	}
	if l := a.Link(); !strings.Contains(l, "view=ink") || !strings.Contains(l, "inkmax=40") {
		t.Errorf("link %q", l)
	}
	if c := a.Controls(); len(c) != 1 || c[0].ID != "ink-reset" {
		t.Errorf("controls %v", c)
	}
	if inkOf(a).bar.frac != 3.0/40 {
		t.Errorf("bar %v", inkOf(a).bar.frac)
	}
	if bad := core.New(core.Options{Query: "view=ink&inkmax=0"}); !strings.Contains(bad.AddressError(), "inkmax=0: want a whole number ≥ 1; using 100") || bad.Phase() == "error" {
		t.Errorf("a bad setting: %q", bad.Error())
	}
}
