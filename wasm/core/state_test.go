package core

import (
	"encoding/json"
	"errors"
	"image"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// stateJSON is State as the page's scripts see it.
func stateJSON(t *testing.T, a *App) map[string]any {
	t.Helper()
	b, err := json.Marshal(a.State())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

var mainFields = []string{"phase", "error", "addressError", "trained", "items", "progress", "job", "label", "labelName",
	"scores", "readout", "familiarity", "levelFamiliarity", "familiarityWords", "unfamiliarLevels", "nearest",
	"reconLevel", "reconVersion", "recallMs", "recalls", "focus", "testAccuracy", "testDone", "names", "strokes",
	"padVersion", "recalledVersion", "ticks", "frames", "embed", "status", "view",
	"sure", "runnerUp", "runnerUpName", "familiarityWhy", "familiarityColor", "link", "memory", "padRect",
	"pen", "reducedMotion"}

// TestStateFields: state() has every field of the contract, with the
// values of the scene, and each view adds its own.
func TestStateFields(t *testing.T) {
	c := newClock(time.Millisecond)
	data := digits(t, 60, 14)
	a := New(Options{Query: "train=50&embed=1", Train: data, Test: data, Now: c.now})
	m := stateJSON(t, a)
	if got := slices.Sorted(maps.Keys(m)); !slices.Equal(got, slices.Sorted(slices.Values(mainFields))) {
		t.Fatalf("fields %v\nwant %v", got, slices.Sorted(slices.Values(mainFields)))
	}
	// Before anything: nulls where there is nothing yet, empty lists and
	// objects (never null: scripts index them).
	want := map[string]any{"phase": "loading", "error": nil, "addressError": nil, "trained": 0.0, "items": 0.0, "progress": 0.0,
		"job": "", "label": nil, "labelName": "", "scores": []any{}, "familiarity": 0.0, "recallMs": nil,
		"readout": "softmax", "levelFamiliarity": []any{}, "familiarityWords": "", "unfamiliarLevels": []any{},
		"nearest": nil, "reconLevel": 0.0, "focus": nil,
		"recalls": 0.0, "testAccuracy": nil, "testDone": 0.0, "names": map[string]any{}, "strokes": 0.0,
		"ticks": 0.0, "frames": 0.0, "embed": true, "status": "", "view": ""}
	for k, v := range want {
		if !equalJSON(m[k], v) {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	a.Boot(nil, nil)
	a.Frame(400, 500)
	a.Tick()
	m = stateJSON(t, a)
	if m["phase"] != "training" || m["job"] != "train" || m["ticks"] != 1.0 || m["frames"] != 1.0 ||
		m["trained"].(float64) < 1 || m["progress"].(float64) <= 0 {
		t.Errorf("training: %v", m)
	}
	for a.Phase() != "ready" {
		a.Tick()
	}
	draw(t, a, shapes[0]...)
	if _, err := a.Learn("ring"); err != nil {
		t.Fatal(err)
	}
	a.Frame(400, 500)
	a.Tick()
	a.Test(10)
	m = stateJSON(t, a)
	if m["job"] != "test" || m["phase"] != "ready" {
		t.Errorf("testing: job %v phase %v", m["job"], m["phase"])
	}
	for a.State().Job == "test" {
		a.Tick()
	}
	a.SetNotice("careful")
	m = stateJSON(t, a)
	for k, ok := range map[string]bool{
		"phase":       m["phase"] == "ready",
		"error":       m["error"] == "careful",
		"trained":     m["trained"] == 50.0,
		"items":       m["items"] == 51.0,
		"progress":    m["progress"] == 1.0,
		"job":         m["job"] == "",
		"label":       m["label"] == 10.0,
		"labelName":   m["labelName"] == "ring",
		"scores":      len(m["scores"].([]any)) == MaxClasses,
		"familiarity": m["familiarity"].(float64) > 0,
		"levelFamiliarity": len(m["levelFamiliarity"].([]any)) == 3 &&
			m["levelFamiliarity"].([]any)[2] == m["familiarity"],
		"familiarityWords": m["familiarityWords"] == WordsSeen, // the taught drawing itself
		"nearest": m["nearest"] != nil && m["nearest"].(map[string]any)["taught"] == true &&
			m["nearest"].(map[string]any)["item"] == 50.0 && m["nearest"].(map[string]any)["labelName"] == "ring",
		"reconLevel":      m["reconLevel"] == 3.0,
		"reconVersion":    m["reconVersion"] == m["padVersion"],
		"readout":         m["readout"] == "softmax",
		"focus":           m["focus"] == nil,
		"recallMs":        m["recallMs"] != nil && m["recallMs"].(float64) > 0,
		"recalls":         m["recalls"].(float64) >= 2,
		"testAccuracy":    m["testAccuracy"] != nil,
		"testDone":        m["testDone"] == 10.0,
		"names":           equalJSON(m["names"], map[string]any{"10": "ring"}),
		"strokes":         m["strokes"] == float64(len(shapes[0])),
		"padVersion":      m["padVersion"].(float64) > 0,
		"recalledVersion": m["recalledVersion"] == m["padVersion"],
		"ticks":           m["ticks"].(float64) > 1,
		"frames":          m["frames"].(float64) > 1,
		"embed":           m["embed"] == true,
		"status":          strings.HasPrefix(m["status"].(string), "Test: "),
		"view":            m["view"] == "",
	} {
		if !ok {
			t.Errorf("%s = %v", k, m[k])
		}
	}

	// Each view adds its fields, and only its own.
	for _, tc := range []struct {
		view   string
		fields []string
	}{
		{"csa", []string{"csaLevel", "csaGrid", "csaMac", "csaActive", "csaCM", "csaK", "csaLearnable", "csaG", "csaRealG", "csaEta", "csaOverride",
			"csaMaxV", "csaDrawn", "csaVMax", "csaRhoMax", "csaRhoMin", "csaRhoAtMaxV", "csaWalk", "csaWalkStep",
			"csaVersion", "csaMap"}},
		{"map", []string{"mapPasses", "mapItems", "mapUpToDate", "mapShown", "mapWithin", "mapBetween", "mapCurve", "mapLevels"}},
		{"capacity", []string{"capPoints", "capEpisodic", "capSaturation", "capFrozen", "capLearned", "capTarget"}},
		{"sequence", []string{"seqLearned", "seqFrames", "seqReplay", "seqVersion", "seqG", "seqPrevG", "seqReplayInk"}},
	} {
		t.Run(tc.view, func(t *testing.T) {
			if !a.SetView(tc.view) {
				t.Fatal("SetView did not change the view")
			}
			if tc.view == "sequence" {
				if err := a.LearnSequence(); err != nil {
					t.Fatal(err)
				}
			}
			for range 200 {
				a.Tick()
			}
			m := stateJSON(t, a)
			want := append(slices.Clone(mainFields), tc.fields...)
			if got := slices.Sorted(maps.Keys(m)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
				t.Errorf("fields %v\nwant %v", got, slices.Sorted(slices.Values(want)))
			}
			if m["view"] != tc.view {
				t.Errorf("view %v", m["view"])
			}
		})
	}
	if a.SetView("none of them") != true || a.View() != "" || a.SetView("") {
		t.Error("SetView to the main view")
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestFrame: the canvas is redrawn only when something changed; it shows
// the drawing on the pad.
func TestFrame(t *testing.T) {
	a := trained(t, "train=30", digits(t, 30, 15), nil, newClock(time.Millisecond), nil)
	img, changed := a.Frame(800, 600)
	if !changed || img.Bounds().Dx() != 800 || img.Bounds().Dy() != 600 {
		t.Fatalf("first frame: changed %v, %v", changed, img.Bounds())
	}
	if _, changed := a.Frame(800, 600); changed {
		t.Error("a frame without change")
	}
	l := a.Layout()
	if l.Pad.Empty() || l.Panel.Empty() || len(l.Grids) != len(a.shapes) || len(l.Rows) != len(a.Net().Config().Levels)+1 {
		t.Fatalf("layout %+v", l)
	}
	at := func(x, y float64) uint8 {
		i := a.img.PixOffset(l.Pad.Min.X+int(x*float64(l.Pad.Dx())), l.Pad.Min.Y+int(y*float64(l.Pad.Dy())))
		return a.img.Pix[i]
	}
	bg := at(0.2, 0.95) // (the middle rows have the hint "draw a digit here")
	a.Pad().SetStrokes([]pad.Stroke{line(0.5, 0.1, 0.5, 0.9)})
	a.Tick()
	if _, changed := a.Frame(800, 600); !changed {
		t.Fatal("no new frame after drawing")
	}
	if at(0.5, 0.5) != 255 || at(0.2, 0.95) != bg {
		t.Error("the stroke is not on the pad, or ink is where there is no stroke")
	}
	if _, changed := a.Frame(500, 700); !changed || a.Layout().W != 500 {
		t.Error("no new frame after a resize")
	}
	// A fatal error still gives a frame, with a hint on the pad.
	a.Fail(errForTest)
	if _, changed := a.Frame(500, 700); !changed || a.scene.PadHint != "stopped: see the message" {
		t.Errorf("frame after an error: %v %q", changed, a.scene.PadHint)
	}
}

// TestHover: pointing at a mac of the hierarchy describes it and outlines
// its receptive field: the macs below it that it reads, down to the
// pixels, and their box on the pad; pointing at the pad shows the macs
// that read the pixel under the pointer.
func TestHover(t *testing.T) {
	a := trained(t, "train=30", digits(t, 30, 16), nil, newClock(time.Millisecond), nil)
	a.Frame(800, 600)
	top := len(a.shapes) - 1
	r := a.Layout().Grids[top].MacRect(0)
	text, changed := a.Hover(r.Min.X, r.Min.Y, true)
	if !changed || !strings.HasPrefix(text, "Top level, mac (0, 0): ") || !strings.Contains(text, "reads 9 macs of level 2") {
		t.Errorf("hover on top mac 0: %v %q", changed, text)
	}
	if _, changed := a.Hover(r.Min.X+1, r.Min.Y, true); changed {
		t.Error("moving within the mac changed the hover")
	}
	if _, changed := a.Frame(800, 600); !changed {
		t.Error("hovering does not redraw (the field is outlined)")
	}
	f := a.State().Focus
	if f == nil || f.Kind != "mac" || f.Level != 3 || f.Mac != 0 || f.Pinned || len(f.Fields) != len(a.shapes)-1 ||
		f.Pixels == 0 || f.PadBox == nil || f.InputBox == nil {
		t.Fatalf("focus %+v", f)
	}
	// The fields are the engine's: level 2's macs are the top mac's field,
	// level 1's the union of theirs; the pixels are its Pixels'.
	net := a.Net()
	want := map[[2]int]map[int]bool{}
	frontier := []engine.MacID{{Level: 3, Grid: 0, Mac: 0}}
	for len(frontier) > 0 {
		var next []engine.MacID
		for _, id := range frontier {
			field, _ := net.Field(id)
			for _, m := range field {
				k := [2]int{m.Level, m.Grid}
				if want[k] == nil {
					want[k] = map[int]bool{}
				}
				if !want[k][m.Mac] {
					want[k][m.Mac] = true
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	for _, fg := range f.Fields {
		w := want[[2]int{fg.Level, fg.Grid}]
		if len(fg.Macs) != len(w) || len(fg.Macs) == 0 {
			t.Errorf("level %d grid %d: %d macs in the focus, the engine's field has %d", fg.Level, fg.Grid, len(fg.Macs), len(w))
		}
		for _, m := range fg.Macs {
			if !w[m] {
				t.Errorf("level %d grid %d: mac %d is not in the field", fg.Level, fg.Grid, m)
			}
		}
	}
	if p := a.Layout().Pad; !image.Rect(f.PadBox.X, f.PadBox.Y, f.PadBox.X+f.PadBox.Width, f.PadBox.Y+f.PadBox.Height).In(p) {
		t.Errorf("pad box %+v outside the pad %v", f.PadBox, p)
	}
	// A click pins it; off the canvas the pinned focus stays.
	a.Click(r.Min.X, r.Min.Y)
	if text, changed := a.Hover(0, 0, false); !changed || text != "" {
		t.Errorf("off the canvas: %v %q", changed, text)
	}
	if f := a.State().Focus; f == nil || !f.Pinned || f.Level != 3 {
		t.Errorf("pinned focus %+v", f)
	}
	if txt := a.FocusText(); !strings.HasPrefix(txt, "Pinned: Top level, mac (0, 0)") {
		t.Errorf("focus text %q", txt)
	}
	if g := a.GridNames(); len(g) != len(a.shapes) || g[0] != [2]string{"1/0", "Level 1 skeleton"} || g[len(g)-1] != [2]string{"3/0", "Top level"} {
		t.Errorf("grid names %v", g)
	}
	if r := a.MacRect(3, 0, 0); r != a.Layout().Grids[top].MacRect(0) || !a.MacRect(3, 0, 4).Empty() || !a.MacRect(4, 0, 0).Empty() {
		t.Errorf("MacRect: %v", r)
	}
	if !a.PinMac(2, 0, 5, true) || a.State().Focus.Level != 2 || a.PinMac(2, 0, 16, true) || a.State().Focus != nil {
		t.Error("PinMac")
	}
	a.PinMac(3, 0, 0, true)
	// Keys move it: down a grid to level 2, at the same place (the top
	// mac (0, 0) covers level 2's macs around (1, 1)), then right.
	if !a.FocusKey("PageDown") || !a.FocusKey("ArrowRight") {
		t.Fatal("keys not used")
	}
	if f := a.State().Focus; f == nil || f.Level != 2 || f.Mac != 1*4+2 {
		t.Errorf("after PageDown, ArrowRight: %+v", f)
	}
	if !a.FocusKey("Escape") || a.State().Focus != nil || a.FocusKey("Escape") {
		t.Error("Escape does not unpin, or is used with nothing pinned")
	}
	// Pointing at the pad: the macs that read the pixel, on every grid.
	draw(t, a, shapes[8]...)
	p := a.Layout().Pad
	text, _ = a.Hover(p.Min.X+p.Dx()/2, p.Min.Y+p.Dy()/2, true)
	f = a.State().Focus
	if f == nil || f.Kind != "pixel" || f.Pixel == nil || len(f.Fields) != len(a.shapes) || f.Pixels != 1 {
		t.Fatalf("pointing at the pad: %+v %q", f, text)
	}
	if x, y := f.Pixel.X, f.Pixel.Y; x < 10 || x > 18 || y < 10 || y > 18 {
		t.Errorf("the pad's centre is pixel (%d, %d) of the input", x, y)
	}
	if text != "" || !strings.HasPrefix(a.FocusText(), "Input pixel (") {
		t.Errorf("a pixel is described beside the pointer (%q) or not in the panel (%q)", text, a.FocusText())
	}
	// Right after a stroke, the pointer still where the pen was lifted
	// points at nothing until it moves.
	a.Hover(0, 0, false)
	a.Pad().Begin(pad.Point{X: 0.5, Y: 0.5})
	src := &source{pts: []pad.Point{{X: float64(p.Min.X + 10), Y: float64(p.Min.Y + 10)}, {X: float64(p.Min.X + 20), Y: float64(p.Min.Y + 20)}}}
	a.Tracker().Start(src)
	for a.Tracker().Active() {
		a.Hover(p.Min.X+20, p.Min.Y+20, false)
		a.Tick()
	}
	if a.Hover(p.Min.X+20, p.Min.Y+20, true); a.State().Focus != nil {
		t.Errorf("right after a stroke: focus %+v", a.State().Focus)
	}
	if a.Hover(p.Min.X+30, p.Min.Y+20, true); a.State().Focus == nil {
		t.Error("after the pointer moved: no focus")
	}
	a.SetView("csa")
	if _, changed := a.Hover(r.Min.X, r.Min.Y, true); changed {
		t.Error("hover in a teaching view")
	}
}

var errForTest = errors.New("test error")
