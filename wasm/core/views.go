package core

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/sparsey-web/sparsey/wasm/viz"
)

// The teaching views (?view=csa|map|capacity|sequence) are rows of one
// table, Views: a ViewSpec has everything the page knows about a view,
// and the View menu, the address (view= and each view's own settings),
// state() and the docs are all made from it. Each view is in its own file
// (view_csa.go, view_map.go, view_capacity.go, view_sequence.go) with its
// data in wasm/teach and its drawing in wasm/viz. A new view is one row
// (RegisterView) and one file.

// ViewSpec is one row of the table of views.
type ViewSpec struct {
	// Name is view=NAME in the address and state().view; "" is the main
	// view (the hierarchy).
	Name string
	// Title is the View menu's text.
	Title string
	// Doc is the view's line in the docs: what it shows (web/README.md's
	// table of views is checked against it).
	Doc string
	// Settings are the view's settings: each an address parameter, written
	// into the link while the view is shown.
	Settings []Setting
	// Controls are the view's own controls, which the page makes as HTML
	// (in the panel, or in the bar of an embedded page).
	Controls []Control
	// New makes the view for an App. Nil for the main view.
	New func(a *App) View
}

// View is what a teaching view does. Besides these, a view may implement
// Clicker (it handles presses on its drawing) and Shower (it is told when
// it is shown).
type View interface {
	// Update does the view's work for one tick, within budget; it reports
	// whether what it draws changed.
	Update(budget time.Duration) bool
	// Drawing is what wasm/viz draws in the view area (nil: nothing yet).
	Drawing() viz.View
	// State is the view's fields of state(): a struct whose JSON object is
	// merged into state()'s (field names start with the view's name).
	State() any
	// Reset forgets what depended on the memory, after another memory was
	// installed (a file, browser storage, the served memory).
	Reset()
}

// Clicker is a view that handles a press on its drawing at (x, y) (CSS
// pixels of the canvas), reporting whether it used it.
type Clicker interface {
	Click(x, y int) bool
}

// Shower is a view that is told when it is shown.
type Shower interface {
	Shown()
}

// Setting is one setting of the page held in the address: read from it
// at start, written into the link as it changes, and settable by a host
// page's message (set).
type Setting struct {
	Param string // the address parameter
	Doc   string // its values, for the docs
	// Using is what the page uses when the address gives a value it cannot
	// use ("level 1"), for the address banner.
	Using string
	// Get is the setting's value as it goes in the address; "" when it has
	// its default value (then it is left out of the link).
	Get func(a *App) string
	// Set applies a value from the address, a control or a message. On
	// error nothing changed, and the error's text is what the setting
	// accepts, as it follows "want" ("a whole number ≥ 1").
	Set func(a *App, v string) error
}

// ControlKind is the kind of an HTML control.
type ControlKind int

// The kinds of controls.
const (
	Button ControlKind = iota // a button: Do
	Range                     // a slider from Min to Max by Step
	Number                    // a number field from Min to Max by Step
	Select                    // a menu of Options
	Toggle                    // a checkbox: "1" checked, "" not
)

// String is the kind's name (the page's data-kind attribute).
func (k ControlKind) String() string {
	return [...]string{"button", "range", "number", "select", "toggle"}[k]
}

// Option is one entry of a Select: its value and its text.
type Option struct{ Value, Text string }

// Control is one HTML control of a view: the page makes it, shows Get's
// value in it and calls Set (or Do, for a button) when the visitor uses
// it. Its ID is its element's id and the name a host page's "control"
// message uses.
type Control struct {
	ID    string
	Kind  ControlKind
	Label string // its visible label
	Help  string // what it does (a tooltip and its accessible description)
	// Min, Max, Step bound a Range or a Number.
	Min, Max, Step float64
	// Options are a Select's entries.
	Options func(a *App) []Option
	// Get is the value the control shows.
	Get func(a *App) string
	// Set applies a value the visitor chose.
	Set func(a *App, v string) error
	// Do is a button's action.
	Do func(a *App) error
}

// Views is the table of views, the main view first. RegisterView adds a
// row.
var Views []ViewSpec

func init() {
	// (Set here: the rows' functions refer to the table.)
	Views = []ViewSpec{
		{Name: "", Title: "Draw and recall",
			Doc: "the pad, the recall (input, reconstruction, nearest stored item, familiarity, class scores) and the hierarchy of every level's macs"},
		csaSpec,
		mapSpec,
		capacitySpec,
		sequenceSpec,
	}
}

// RegisterView adds a view to the table: the menu, the address and
// state() then have it. Its name must be new and made of lower-case
// letters.
func RegisterView(s ViewSpec) error {
	if s.Name == "" || strings.Trim(s.Name, "abcdefghijklmnopqrstuvwxyz") != "" {
		return fmt.Errorf("core: view name %q: want lower-case letters", s.Name)
	}
	if _, ok := viewSpec(s.Name); ok {
		return fmt.Errorf("core: view %q is registered already", s.Name)
	}
	if s.New == nil {
		return fmt.Errorf("core: view %q has no New", s.Name)
	}
	Views = append(Views, s)
	return nil
}

// viewSpec returns the row of the view called name.
func viewSpec(name string) (*ViewSpec, bool) {
	for i := range Views {
		if Views[i].Name == name {
			return &Views[i], true
		}
	}
	return nil, false
}

// ViewNames are the teaching views' names, in the table's order.
func ViewNames() []string {
	var out []string
	for _, s := range Views {
		if s.Name != "" {
			out = append(out, s.Name)
		}
	}
	return out
}

// ValidView returns v if it names a teaching view, else "".
func ValidView(v string) string {
	if _, ok := viewSpec(v); ok {
		return v
	}
	return ""
}

const (
	viewBudget  = 4 * time.Millisecond   // view work per tick while the page learns (map recalls, …)
	viewRefresh = 250 * time.Millisecond // least time between two refreshes of a view's data while learning
	walkStep    = 400 * time.Millisecond // per mac when walking the macs
)

// views holds the view shown and the views made so far.
type views struct {
	name  string
	made  map[string]View
	drawn viz.View // what DrawView draws
}

// view returns the view called name, made on first use; nil for the main
// view or an unknown name.
func (a *App) view(name string) View {
	if v, ok := a.v.made[name]; ok {
		return v
	}
	s, ok := viewSpec(name)
	if !ok || s.New == nil {
		return nil
	}
	v := s.New(a)
	if a.v.made == nil {
		a.v.made = map[string]View{}
	}
	a.v.made[name] = v
	return v
}

// ViewOf is the App's view called name, made on first use (nil for the
// main view or an unknown name): a view's settings and controls reach
// their view with it.
func (a *App) ViewOf(name string) View { return a.view(name) }

// current is the view shown (nil for the main view).
func (a *App) current() View { return a.view(a.v.name) }

// networkChanged tells every view made that the memory was replaced.
func (v *views) networkChanged() {
	for _, name := range slices.Sorted(maps.Keys(v.made)) {
		v.made[name].Reset()
	}
}

// View is the teaching view shown ("" for the main view).
func (a *App) View() string { return a.v.name }

// ViewSpec is the row of the view shown.
func (a *App) ViewSpec() ViewSpec {
	s, _ := viewSpec(a.v.name)
	return *s
}

// SetView shows a view by name ("" or an unknown name: the main view). It
// reports whether the view changed.
func (a *App) SetView(name string) bool {
	name = ValidView(name)
	if name == a.v.name {
		return false
	}
	a.v.name = name
	a.par.View = name
	a.v.drawn = nil
	if sh, ok := a.current().(Shower); ok {
		sh.Shown()
	}
	a.hoverFocus = focus{}
	a.dirty = true
	return true
}

// updateView does the shown view's work for one tick.
func (a *App) updateView() {
	v := a.current()
	if v == nil {
		a.v.drawn = nil
		return
	}
	budget := viewBudget
	if !a.training() && a.testN == 0 {
		budget = IdleBudget
		if a.now().Sub(a.lastDraw) < BusyLinger {
			budget = BusyBudget
		}
	}
	if v.Update(budget) {
		a.dirty = true
	}
	// (Set every tick: after a switch of views the data may be unchanged.)
	a.v.drawn = v.Drawing()
}

// UseControl uses the shown view's control id with a value, as the
// visitor does: Set for a setting's control, Do for a button.
func (a *App) UseControl(id, value string) error {
	for _, c := range a.Controls() {
		if c.ID != id {
			continue
		}
		var err error
		switch {
		case c.Do != nil:
			err = c.Do(a)
		case c.Set != nil:
			if err = c.Set(a, value); err != nil {
				err = fmt.Errorf("%s=%s: want %v", c.ID, shortValue(value), err)
			}
		}
		a.dirty = true
		return err
	}
	return fmt.Errorf("no control %q in the %s view", id, a.viewTitle())
}

// Controls are the controls of the view shown.
func (a *App) Controls() []Control { return a.ViewSpec().Controls }

func (a *App) viewTitle() string {
	if a.v.name == "" {
		return "main"
	}
	return a.v.name
}
