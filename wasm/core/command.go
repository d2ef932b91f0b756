package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// Commands a host page sends an embedded page (window.postMessage; the
// page obeys only the origins of its origin= parameter, see
// web/README.md): a JSON object {type: "sparsey", cmd, id, …} whose cmd
// is one of Commands. The page answers each with {type:
// "sparsey:reply", id, cmd, ok, error}, plus the state for "state".

// Command is a host page's message.
type Command struct {
	Type string          `json:"type"` // "sparsey"
	Cmd  string          `json:"cmd"`
	ID   json.RawMessage `json:"id,omitempty"` // echoed in the reply

	View    string        `json:"view,omitempty"`
	Strokes [][][]float64 `json:"strokes,omitempty"` // [[[x, y], …], …], pad coordinates 0..1
	Readout string        `json:"readout,omitempty"`
	Param   string        `json:"param,omitempty"`   // set
	Control string        `json:"control,omitempty"` // control
	Value   *string       `json:"value,omitempty"`   // set, control

	// The arguments checked as window.sparsey's are (Arg): label, g,
	// level, grid, mac, cm; absent when not given.
	Label, G, Level, Grid, Mac, CM Arg `json:"-"`
}

// NonFiniteKey marks a number JSON cannot hold in a command: the page's
// adapter writes NaN as {NonFiniteKey: "NaN"} (and ±Infinity so), and
// ParseCommand reads it back as that number.
const NonFiniteKey = "\x00number"

// argOfJSON describes a JSON value as an Arg (its JavaScript type and
// value).
func argOfJSON(raw json.RawMessage) Arg {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return Arg{Type: "undefined"}
	}
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		switch m[NonFiniteKey] {
		case "NaN":
			return Arg{Type: "number", Num: math.NaN()}
		case "Infinity":
			return Arg{Type: "number", Num: math.Inf(1)}
		case "-Infinity":
			return Arg{Type: "number", Num: math.Inf(-1)}
		}
	}
	switch x := v.(type) {
	case nil:
		return Arg{Type: "null"}
	case bool:
		return Arg{Type: "boolean", Bool: x}
	case float64:
		return Arg{Type: "number", Num: x}
	case string:
		return Arg{Type: "string", Str: x}
	case []any:
		return Arg{Type: "object", Desc: "an array"}
	}
	return Arg{Type: "object"}
}

// CommandDoc documents each command (web/README.md's table is checked
// against it).
var CommandDoc = []struct{ Cmd, Args, Does string }{
	{"state", "", "answers with state() (in the reply's state)"},
	{"setView", "view", `shows a view by name ("" the main view)`},
	{"clear", "", "clears the pad"},
	{"undo", "", "removes the last stroke"},
	{"draw", "strokes", "replaces the drawing by strokes: [[[x, y], …], …] in pad coordinates (0..1, top left 0,0); recalled at once"},
	{"teach", "label", "learns the drawing in one trial as a digit or a symbol's name"},
	{"setG", "g", "sets the csa view's G (0..1; null ends the override)"},
	{"selectMac", "level, grid, mac, cm", "shows a mac in the csa view (mac −1: its grid's most active one; each optional)"},
	{"setReadout", "readout", `scores classes by "softmax", "naive-bayes" or "class-nodes"`},
	{"set", "param, value", "sets a setting by its address parameter, as a link would (e.g. param \"cm\", value \"2\")"},
	{"control", "control, value", "uses a control of the shown view by its id, as the visitor would (e.g. \"seq-learn\", \"cap-rerun\")"},
}

// ErrCommand reports a message that is not a valid command.
var ErrCommand = errors.New("core: bad command")

// ParseCommand reads a host page's message (JSON). Numbers must be
// finite, strokes on the pad.
func ParseCommand(msg []byte) (Command, error) {
	var c Command
	if len(msg) > 1<<20 {
		return c, fmt.Errorf("%w: a message of %d bytes", ErrCommand, len(msg))
	}
	if err := json.Unmarshal(msg, &c); err != nil {
		return c, fmt.Errorf("%w: %v", ErrCommand, err)
	}
	if c.Type != "sparsey" {
		return c, fmt.Errorf("%w: type %s, want \"sparsey\"", ErrCommand, shortValue(c.Type))
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(msg, &raw); err != nil {
		return c, fmt.Errorf("%w: %v", ErrCommand, err)
	}
	c.Label, c.G = argOfJSON(raw["label"]), argOfJSON(raw["g"])
	c.Level, c.Grid, c.Mac, c.CM = argOfJSON(raw["level"]), argOfJSON(raw["grid"]), argOfJSON(raw["mac"]), argOfJSON(raw["cm"])
	for _, s := range c.Strokes {
		for _, p := range s {
			if len(p) != 2 || math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < 0 || p[0] > 1 || p[1] < 0 || p[1] > 1 {
				return c, fmt.Errorf("%w: stroke point %v (want [x, y] with 0 ≤ x, y ≤ 1)", ErrCommand, p)
			}
		}
	}
	return c, nil
}

// Do runs a command. It returns what the reply carries besides ok and
// error (state for "state", the class for "teach").
func (a *App) Do(c Command) (map[string]any, error) {
	if a.net == nil && c.Cmd != "state" {
		return nil, a.stopped()
	}
	a.dirty = true
	switch c.Cmd {
	case "state":
		return map[string]any{"state": a.State()}, nil
	case "setView":
		if c.View != "" && ValidView(c.View) == "" {
			return nil, fmt.Errorf("no view %q (views: %v)", c.View, ViewNames())
		}
		a.SetView(c.View)
	case "clear":
		a.Clear()
	case "undo":
		a.Undo()
	case "draw":
		var strokes []pad.Stroke
		for _, s := range c.Strokes {
			var st pad.Stroke
			for _, p := range s {
				st = append(st, pad.Point{X: p[0], Y: p[1]})
			}
			if len(st) > 0 {
				strokes = append(strokes, st)
			}
		}
		if len(strokes) > pad.MaxLinkStrokes {
			return nil, fmt.Errorf("%d strokes (at most %d)", len(strokes), pad.MaxLinkStrokes)
		}
		a.SetDrawing(strokes)
		a.recall()
	case "teach":
		label := c.Label.Str
		switch c.Label.Type {
		case "number":
			n, err := c.Label.Int("teach", "label", 0, 9)
			if err != nil {
				return nil, &ArgError{Call: "teach", Name: "label", Want: "a digit from 0 to 9 or a name", Got: c.Label.String()}
			}
			label = strconv.Itoa(n)
		case "string":
		default:
			return nil, &ArgError{Call: "teach", Name: "label", Want: "a digit from 0 to 9 or a name", Got: c.Label.String()}
		}
		id, err := a.Learn(label)
		if err != nil {
			return nil, err
		}
		return map[string]any{"label": id, "name": a.name(id)}, nil
	case "setG":
		if c.G.Type != "null" {
			if _, err := c.G.Float("setG", "g", 0, 1); err != nil {
				return nil, &ArgError{Call: "setG", Name: "g", Want: "a number from 0 to 1, or null", Got: c.G.String()}
			}
		}
		if err := a.csaArgs("setG", Arg{}, Arg{}, Arg{}, Arg{}, c.G); err != nil {
			return nil, err
		}
	case "selectMac":
		if err := a.csaArgs("selectMac", c.Level, c.Grid, c.Mac, c.CM, Arg{}); err != nil {
			return nil, err
		}
	case "setReadout":
		if !a.SetReadout(c.Readout) {
			return nil, fmt.Errorf("no readout %q (softmax, naive-bayes or class-nodes)", c.Readout)
		}
	case "set":
		v := ""
		if c.Value != nil {
			v = *c.Value
		}
		return nil, a.Set(c.Param, v)
	case "control":
		v := ""
		if c.Value != nil {
			v = *c.Value
		}
		return nil, a.UseControl(c.Control, v)
	default:
		return nil, fmt.Errorf("no command %s", strconv.Quote(c.Cmd))
	}
	return nil, nil
}
