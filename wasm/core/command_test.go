package core

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/wasm/teach"
)

// do runs a command given as JSON.
func do(t *testing.T, a *App, msg string) (map[string]any, error) {
	t.Helper()
	c, err := ParseCommand([]byte(msg))
	if err != nil {
		return nil, err
	}
	return a.Do(c)
}

// TestCommands: every documented command does what it says; bad ones are
// refused with a message and change nothing.
func TestCommands(t *testing.T) {
	a := trained(t, "train=300&embed=1", digits(t, 300, 33), nil, newClock(time.Millisecond), nil)
	a.Frame(800, 600)
	seven := `[[[0.28,0.18],[0.72,0.18]],[[0.72,0.18],[0.42,0.86]]]`
	steps := []struct {
		msg   string
		check func(s State) bool
	}{
		{`{"type":"sparsey","cmd":"draw","strokes":` + seven + `}`, func(s State) bool { return s.Strokes == 2 && s.RecalledVersion == s.PadVersion && s.Label != nil }},
		{`{"type":"sparsey","cmd":"undo"}`, func(s State) bool { return s.Strokes == 1 }},
		{`{"type":"sparsey","cmd":"draw","strokes":` + seven + `}`, func(s State) bool { return s.Strokes == 2 }},
		{`{"type":"sparsey","cmd":"teach","label":"hook"}`, func(s State) bool { return s.Names["10"] == "hook" }},
		{`{"type":"sparsey","cmd":"setView","view":"csa"}`, func(s State) bool { return s.View == "csa" }},
		{`{"type":"sparsey","cmd":"setG","g":0.3}`, func(s State) bool { c := s.ViewState.(teach.CSAState); return c.Override && c.G == 0.3 }},
		{`{"type":"sparsey","cmd":"selectMac","level":3,"grid":0,"mac":1,"cm":2}`, func(s State) bool {
			c := s.ViewState.(teach.CSAState)
			return c.Level == 3 && c.Mac != nil && *c.Mac == 1 && c.CM == 2
		}},
		{`{"type":"sparsey","cmd":"setG","g":null}`, func(s State) bool { return !s.ViewState.(teach.CSAState).Override }},
		{`{"type":"sparsey","cmd":"set","param":"cm","value":"3"}`, func(s State) bool { return s.ViewState.(teach.CSAState).CM == 3 }},
		{`{"type":"sparsey","cmd":"control","control":"csa-redraw"}`, func(s State) bool { return true }},
		{`{"type":"sparsey","cmd":"setReadout","readout":"class-nodes"}`, func(s State) bool { return s.Readout == "class-nodes" }},
		{`{"type":"sparsey","cmd":"setView","view":"sequence"}`, func(s State) bool { return s.View == "sequence" }},
		{`{"type":"sparsey","cmd":"control","control":"seq-learn"}`, func(s State) bool { return s.ViewState.(teach.SequenceState).Learned == 1 }},
		{`{"type":"sparsey","cmd":"clear"}`, func(s State) bool { return s.Strokes == 0 && s.Label == nil }},
	}
	for _, st := range steps {
		res, err := do(t, a, st.msg)
		for range 2 {
			a.Frame(800, 600)
			a.Tick()
		}
		if err != nil || !st.check(a.State()) {
			t.Fatalf("%s: %v (result %v)", st.msg, err, res)
		}
	}
	res, err := do(t, a, `{"type":"sparsey","cmd":"state","id":7}`)
	if err != nil || res["state"].(State).Items != a.State().Items {
		t.Errorf("state: %v %v", res, err)
	}
	// Every documented command was run.
	ran := map[string]bool{"state": true}
	for _, st := range steps {
		c, _ := ParseCommand([]byte(st.msg))
		ran[c.Cmd] = true
	}
	for _, d := range CommandDoc {
		if !ran[d.Cmd] {
			t.Errorf("command %s is not tested", d.Cmd)
		}
	}

	before := a.State()
	for msg, want := range map[string]string{
		`{"type":"other","cmd":"clear"}`:                                                  "type",
		`{"type":"sparsey","cmd":"explode"}`:                                              "no command",
		`{"type":"sparsey","cmd":"setG","g":2}`:                                           "g must be a number from 0 to 1, or null (got 2)",
		`{"type":"sparsey","cmd":"setG"}`:                                                 "g must be a number from 0 to 1, or null (got nothing)",
		`{"type":"sparsey","cmd":"draw","strokes":[[[0.5,1.5]]]}`:                         "stroke point",
		`{"type":"sparsey","cmd":"draw","strokes":[[[0.5]]]}`:                             "stroke point",
		`{"type":"sparsey","cmd":"setView","view":"maps"}`:                                "no view",
		`{"type":"sparsey","cmd":"selectMac","mac":1.5}`:                                  "mac must be a whole number from -1 to",
		`{"type":"sparsey","cmd":"selectMac","level":"1"}`:                                `level must be a whole number from 1 to 3 (got "1")`,
		`{"type":"sparsey","cmd":"selectMac","level":99}`:                                 "level must be a whole number from 1 to 3 (got 99)",
		`{"type":"sparsey","cmd":"selectMac","cm":1e9}`:                                   "cm must be a whole number from 0 to",
		`{"type":"sparsey","cmd":"selectMac","grid":[1]}`:                                 "(got an array)",
		`{"type":"sparsey","cmd":"setG","g":"0.5"}`:                                       `g must be a number from 0 to 1, or null (got "0.5")`,
		`{"type":"sparsey","cmd":"setG","g":{}}`:                                          "g must be a number from 0 to 1, or null (got an object)",
		`{"type":"sparsey","cmd":"teach","label":{}}`:                                     "label must be a digit from 0 to 9 or a name (got an object)",
		`{"type":"sparsey","cmd":"teach","label":12}`:                                     "label must be a digit from 0 to 9 or a name (got 12)",
		`{"type":"sparsey","cmd":"teach"}`:                                                "label must be a digit from 0 to 9 or a name (got nothing)",
		`{"type":"sparsey","cmd":"draw","strokes":"x"}`:                                   "bad command",
		`{"type":"sparsey","cmd":5}`:                                                      "bad command",
		`{"type":"sparsey","cmd":"set","param":"level","value":"99"}`:                     "level=99: want a level from 1 to 3",
		`{"type":"sparsey","cmd":"set","param":"d","value":"@@"}`:                         "d=@@: want the drawing of a link",
		`{"type":"sparsey","cmd":"setG","g":{"\u0000number":"NaN"}}`:                      "g must be a number from 0 to 1, or null (got NaN)",
		`{"type":"sparsey","cmd":"selectMac","mac":{"\u0000number":"-Infinity"}}`:         "mac must be a whole number from -1 to",
		`{"type":"sparsey","cmd":"draw","strokes":[[[{"\u0000number":"Infinity"},0.5]]]}`: "bad command",
		`[1,2]`: "bad command",
		`null`:  "type",
		`{"type":"sparsey","cmd":"setReadout","readout":"x"}`:              "no readout",
		`{"type":"sparsey","cmd":"set","param":"nope","value":"1"}`:        "no setting",
		`{"type":"sparsey","cmd":"set","param":"g","value":"NaN"}`:         "g=NaN",
		`{"type":"sparsey","cmd":"control","control":"csa-g","value":"1"}`: "no control",
		`not json`: "bad command",
	} {
		_, err := do(t, a, msg)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error about %q", msg, err, want)
		}
		if c, perr := ParseCommand([]byte(msg)); perr != nil && !errors.Is(perr, ErrCommand) {
			t.Errorf("%s: %v does not wrap ErrCommand (%v)", msg, perr, c)
		}
	}
	after := a.State()
	if after.View != before.View || after.Strokes != before.Strokes || after.Readout != before.Readout {
		t.Errorf("refused commands changed the page: %+v → %+v", before.View, after.View)
	}
}
