package core

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// State is the page's state, window.sparsey.state() (see
// web/README.md), as JSON. The page adds the fields only the browser
// knows (firstFrameMs, wasmMs, dataLoaded, saved, forgotten).
type State struct {
	Phase string  `json:"phase"` // "loading", "training", "ready" or "error"
	Error *string `json:"error"` // the fatal error, or the last non-fatal one; null for none
	// AddressError describes the parts of the address the page could not
	// use and the defaults it uses instead; null for none.
	AddressError *string `json:"addressError"`
	Trained      int     `json:"trained"`
	Items        int     `json:"items"`
	Progress     float64 `json:"progress"` // of the current job, 0..1
	Job          string  `json:"job"`      // "train", "test" or ""

	// The last recall of the drawing.
	Label     *int      `json:"label"` // null for none
	LabelName string    `json:"labelName"`
	Scores    []float64 `json:"scores"` // calibrated, per class (summing to 1) by Readout
	Readout   string    `json:"readout"`
	// Sure says whether the page is sure of Label (null without one);
	// RunnerUp is the class with the next highest score.
	Sure         *bool  `json:"sure"`
	RunnerUp     *int   `json:"runnerUp"`
	RunnerUpName string `json:"runnerUpName"`
	// Familiarity is what the familiarity bar shows (the top level's G);
	// LevelFamiliarity every level's G, bottom first (its last is the top
	// level's); FamiliarityWords says it in words ("seen before", "like
	// what I know", "new to me"; "" without a recall), in the colour
	// FamiliarityColor, for the reason FamiliarityWhy; UnfamiliarLevels
	// lists the levels below the top whose G is under their threshold of
	// "new to me". All come from one rule (Familiarity).
	Familiarity      float64   `json:"familiarity"`
	LevelFamiliarity []float64 `json:"levelFamiliarity"`
	FamiliarityWords string    `json:"familiarityWords"`
	FamiliarityWhy   string    `json:"familiarityWhy"`
	FamiliarityColor string    `json:"familiarityColor"`
	UnfamiliarLevels []int     `json:"unfamiliarLevels"`
	// Nearest is the stored item whose top-level code is nearest; null
	// without a recall or a stored item.
	Nearest *NearestState `json:"nearest"`
	// ReconLevel is the level whose code the reconstruction shown comes
	// from (0: none yet), ReconVersion the drawing's version it is for.
	ReconLevel   int      `json:"reconLevel"`
	ReconVersion float64  `json:"reconVersion"`
	RecallMs     *float64 `json:"recallMs"` // median of the recent recalls
	Recalls      int      `json:"recalls"`  // recent recalls timed
	// Focus is the receptive field pointed at on the hierarchy or the pad
	// (focus.go); null for none.
	Focus *FocusState `json:"focus"`

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
	// PadRect is the drawing pad on the canvas, in CSS pixels (null before
	// the first frame).
	PadRect *Box `json:"padRect"`
	// Pen is the keyboard's pen while it is out (null otherwise);
	// ReducedMotion whether the page shows less motion (the browser's
	// prefers-reduced-motion).
	Pen           *PenState `json:"pen"`
	ReducedMotion bool      `json:"reducedMotion"`
	// Link is the address's query for this state (App.Link).
	Link string `json:"link"`
	// Memory says where the memory came from: "new" (learned in this
	// page from nothing), "served" (the learned memory the site serves),
	// "storage" (this browser's copy), "file" (a memory file).
	Memory string `json:"memory"`

	// ViewState is the shown view's fields (View.State), merged into the
	// JSON object; Page the page's own (what only the browser knows).
	ViewState any `json:"-"`
	Page      any `json:"-"`
}

// MarshalJSON is State's fields, the view's and the page's in one object.
func (s State) MarshalJSON() ([]byte, error) {
	type plain State // without this method
	b, err := json.Marshal(plain(s))
	if err != nil {
		return nil, err
	}
	for _, extra := range []any{s.ViewState, s.Page} {
		if extra == nil {
			continue
		}
		e, err := json.Marshal(extra)
		if err != nil {
			return nil, err
		}
		if len(e) < 2 || e[0] != '{' {
			return nil, fmt.Errorf("core: state fields %T are not an object", extra)
		}
		if len(e) > 2 {
			b = append(append(b[:len(b)-1], ','), e[1:]...)
		}
	}
	return b, nil
}

// NearestState is state().nearest: a stored item, by when it was learned.
type NearestState struct {
	Item      int     `json:"item"`  // its index among the items stored (0: the first learned)
	Items     int     `json:"items"` // items stored now
	Label     int     `json:"label"`
	LabelName string  `json:"labelName"`
	Taught    bool    `json:"taught"` // drawn on the page (else a training digit)
	Record    int     `json:"record"` // its training digit's index, −1 when taught
	Agree     float64 `json:"agree"`  // fraction of the active top-level CMs whose winners agree
}

// State returns the page's state.
func (a *App) State() State {
	s := State{
		Phase: a.Phase(), Trained: a.mem.NextTrain, Items: len(a.mem.Items), Progress: a.Progress(),
		Scores: []float64{}, Readout: a.Readout(), LevelFamiliarity: []float64{}, UnfamiliarLevels: []int{},
		Focus: a.focusState(), Recalls: len(a.recallMs), TestDone: a.testDone, Names: map[string]string{},
		Strokes: a.pad.Len(), PadVersion: float64(a.pad.Version()), RecalledVersion: float64(a.recalledVer),
		Ticks: a.ticks, Frames: a.frames, Embed: a.par.Embed, Status: a.status, View: a.v.name,
		Link: a.Link(), Memory: a.memSource, PadRect: boxOf(a.layout.Pad),
		Pen: a.penState(), ReducedMotion: a.reducedMotion,
	}
	if msg := a.Error(); msg != "" {
		s.Error = &msg
	}
	if msg := a.addrErr; msg != "" {
		s.AddressError = &msg
	}
	switch {
	case a.testN > 0:
		s.Job = "test"
	case a.booted && a.training():
		s.Job = "train"
	}
	if r := a.rec; r != nil {
		s.Scores = append(s.Scores, r.Scores...)
		if v := r.Verdict; v.Class >= 0 {
			l, sure := v.Class, v.Sure
			s.Label, s.LabelName, s.Sure = &l, v.Name, &sure
			if v.RunnerUp >= 0 {
				ru := v.RunnerUp
				s.RunnerUp, s.RunnerUpName = &ru, v.RunnerUpName
			}
		}
		f := r.Familiarity
		s.Familiarity = f.Value
		s.LevelFamiliarity = append(s.LevelFamiliarity, r.LevelG...)
		s.FamiliarityWords, s.FamiliarityWhy = f.Words(), f.Why
		if f.Shown() {
			s.FamiliarityColor = f.Kind.CSS()
		}
		for i, low := range f.Low {
			if low {
				s.UnfamiliarLevels = append(s.UnfamiliarLevels, i+1)
			}
		}
		if n := r.Nearest; n != nil {
			s.Nearest = &NearestState{Item: n.Index, Items: len(a.mem.Items), Label: n.Label, LabelName: n.Name,
				Taught: n.Taught, Record: n.Record, Agree: n.Agree}
		}
		if r.ReconLevel > 0 {
			s.ReconLevel, s.ReconVersion = r.ReconLevel, float64(r.Version)
		}
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
	if v := a.current(); v != nil {
		s.ViewState = v.State()
	}
	return s
}

// Error is the message for the visitor: the fatal error, else the last
// non-fatal one, else the address's problems (AddressError); "" for none.
func (a *App) Error() string {
	switch {
	case a.fatal != nil:
		return a.fatal.Error()
	case a.notice != "":
		return a.notice
	}
	return a.addrErr
}

// Status is the status line: what the last action did.
func (a *App) Status() string { return a.status }

// RecallText is the one-line answer for the page's panel and the
// embedded page's bar: the class (or the best guess and the runner-up
// when the page is not sure), then the familiarity in words with its
// reason.
func (a *App) RecallText() string {
	r := a.rec
	if r == nil {
		if a.Phase() == "loading" {
			return "Loading the memory…"
		}
		return "Draw a digit."
	}
	v, f := r.Verdict, r.Familiarity
	var b strings.Builder
	switch {
	case v.Class >= 0 && v.Sure:
		fmt.Fprintf(&b, "Recalled: %s.", v.Name)
	case v.Class >= 0 && v.RunnerUp >= 0:
		fmt.Fprintf(&b, "Not sure: %s (%.0f%%) or %s (%.0f%%).", v.Name, 100*v.Score, v.RunnerUpName, 100*v.RunnerUpScore)
	case v.Class >= 0:
		fmt.Fprintf(&b, "Not sure: %s (%.0f%%).", v.Name, 100*v.Score)
	default:
		b.WriteString("No class yet.")
	}
	if f.Shown() {
		fmt.Fprintf(&b, " Familiarity G %.2f, %s: %s.", f.Value, f.Words(), f.Why)
	}
	return b.String()
}
