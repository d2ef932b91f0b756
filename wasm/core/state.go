package core

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/sparsey-web/sparsey/wasm/teach"
)

// State is the page's state, window.sparsey.state() (see DESIGN.md and
// web/README.md), as JSON. The page adds the fields only the browser
// knows (firstFrameMs, wasmMs, dataLoaded, saved, forgotten).
type State struct {
	Phase    string  `json:"phase"` // "loading", "training", "ready" or "error"
	Error    *string `json:"error"` // the fatal error, or the last non-fatal one; null for none
	Trained  int     `json:"trained"`
	Items    int     `json:"items"`
	Progress float64 `json:"progress"` // of the current job, 0..1
	Job      string  `json:"job"`      // "train", "test" or ""

	// The last recall of the drawing.
	Label       *int      `json:"label"` // null for none
	LabelName   string    `json:"labelName"`
	Scores      []float64 `json:"scores"`
	Familiarity float64   `json:"familiarity"`
	RecallMs    *float64  `json:"recallMs"` // median of the recent recalls
	Recalls     int       `json:"recalls"`  // recent recalls timed

	TestAccuracy *float64          `json:"testAccuracy"` // of the last test; null before
	TestDone     int               `json:"testDone"`
	Names        map[string]string `json:"names"` // taught symbols by class

	Strokes         int     `json:"strokes"`
	PadVersion      float64 `json:"padVersion"`
	RecalledVersion float64 `json:"recalledVersion"`

	Ticks  int    `json:"ticks"`
	Frames int    `json:"frames"` // canvas redraws
	Embed  bool   `json:"embed"`
	Status string `json:"status"`
	View   string `json:"view"`

	// The teaching view's fields (only the current view's).
	*teach.CSAState
	*teach.MapState
	*teach.CapacityState
	*teach.SequenceState
}

// State returns the page's state.
func (a *App) State() State {
	s := State{
		Phase: a.Phase(), Trained: a.mem.NextTrain, Items: len(a.mem.Items), Progress: a.Progress(),
		LabelName: a.labelName, Scores: append([]float64{}, a.scores...), Familiarity: a.g,
		Recalls: len(a.recallMs), TestDone: a.testDone, Names: map[string]string{},
		Strokes: a.pad.Len(), PadVersion: float64(a.pad.Version()), RecalledVersion: float64(a.recalledVer),
		Ticks: a.ticks, Frames: a.frames, Embed: a.par.Embed, Status: a.status, View: a.v.name,
	}
	if msg := a.Error(); msg != "" {
		s.Error = &msg
	}
	switch {
	case a.testN > 0:
		s.Job = "test"
	case a.booted && a.training():
		s.Job = "train"
	}
	if a.hasRecall && a.label >= 0 {
		l := a.label
		s.Label = &l
	}
	if len(a.recallMs) > 0 {
		m := slices.Sorted(slices.Values(a.recallMs))[len(a.recallMs)/2]
		s.RecallMs = &m
	}
	if a.testAcc >= 0 {
		acc := a.testAcc
		s.TestAccuracy = &acc
	}
	for id, n := range a.mem.Names {
		s.Names[strconv.Itoa(id)] = n
	}
	switch a.v.name {
	case "csa":
		st := a.v.csaState
		s.CSAState = &st
	case "map":
		st := a.v.smap.State(len(a.mem.Items))
		s.MapState = &st
	case "capacity":
		st := a.v.cap.State()
		s.CapacityState = &st
	case "sequence":
		st := a.v.seq.State()
		s.SequenceState = &st
	}
	return s
}

// Error is the message for the visitor: the fatal error, else the last
// non-fatal one ("" for none).
func (a *App) Error() string {
	if a.fatal != nil {
		return a.fatal.Error()
	}
	return a.notice
}

// Status is the status line: what the last action did.
func (a *App) Status() string { return a.status }

// RecallText is the one-line answer for the page's panel.
func (a *App) RecallText() string {
	switch {
	case a.hasRecall && a.label >= 0:
		return fmt.Sprintf("Recalled: %s (familiarity G %.2f)", a.labelName, a.g)
	case a.hasRecall:
		return fmt.Sprintf("No class yet (familiarity G %.2f)", a.g)
	}
	return "Draw a digit."
}
