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
	// Familiarity is the top level's G; LevelFamiliarity every level's,
	// bottom first (its last is Familiarity); FamiliarityWords says it in
	// words (Familiarity: "seen before", "like what I know", "new to me";
	// "" without a recall), UnfamiliarLevels lists the levels below the top
	// whose G is under their NewBelow threshold.
	Familiarity      float64   `json:"familiarity"`
	LevelFamiliarity []float64 `json:"levelFamiliarity"`
	FamiliarityWords string    `json:"familiarityWords"`
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

	// The teaching view's fields (only the current view's).
	*teach.CSAState
	*teach.MapState
	*teach.CapacityState
	*teach.SequenceState
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
		LabelName: a.labelName, Scores: append([]float64{}, a.scores...), Familiarity: a.g, Readout: a.Readout(),
		LevelFamiliarity: append([]float64{}, a.levelG...), FamiliarityWords: a.words, UnfamiliarLevels: []int{},
		ReconVersion: float64(a.reconVer), Focus: a.focusState(),
		Recalls: len(a.recallMs), TestDone: a.testDone, Names: map[string]string{},
		Strokes: a.pad.Len(), PadVersion: float64(a.pad.Version()), RecalledVersion: float64(a.recalledVer),
		Ticks: a.ticks, Frames: a.frames, Embed: a.par.Embed, Status: a.status, View: a.v.name,
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
	if a.hasRecall && a.label >= 0 {
		l := a.label
		s.Label = &l
	}
	for i, low := range a.low {
		if low {
			s.UnfamiliarLevels = append(s.UnfamiliarLevels, i+1)
		}
	}
	if n := a.nearest; n != nil && a.hasRecall {
		it := &a.mem.Items[n.item]
		s.Nearest = &NearestState{Item: n.item, Items: len(a.mem.Items), Label: it.Label, LabelName: a.name(it.Label),
			Taught: it.Taught(), Record: it.Record, Agree: n.agree}
	}
	if a.hasRecall && a.reconVer == a.recalledVer && len(a.scene.Recon) > 0 {
		s.ReconLevel = a.scene.ReconLevel
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

// RecallText is the one-line answer for the page's panel.
func (a *App) RecallText() string {
	words := ""
	if a.words != "" {
		words = ", " + a.words
	}
	switch {
	case a.hasRecall && a.label >= 0:
		return fmt.Sprintf("Recalled: %s (familiarity G %.2f%s)", a.labelName, a.g, words)
	case a.hasRecall:
		return fmt.Sprintf("No class yet (familiarity G %.2f%s)", a.g, words)
	}
	return "Draw a digit."
}
