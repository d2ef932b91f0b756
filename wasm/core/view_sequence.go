package core

import (
	"fmt"
	"time"

	"github.com/sparsey-web/sparsey/wasm/teach"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// The "sequence" view: a separate network with horizontal weights
// (teach.Sequence) learns a drawing as a sequence of frames in one trial
// and replays it from its first frames.

var sequenceSpec = ViewSpec{
	Name:  "sequence",
	Title: "Sequences",
	Doc:   "a separate network with horizontal weights learns a drawing as 8 frames (the new ink of each eighth of the pen's path) in one trial; the frames of the drawing with their G, and the replay of the last 5 from the first 3",
	Controls: []Control{
		{ID: "seq-learn", Kind: Button, Label: "Learn as a sequence",
			Help: "store the drawing, stroke by stroke, as a sequence of frames in one trial; then draw it again in the same or another stroke order",
			Do:   func(a *App) error { return a.LearnSequence() }},
	},
	New: func(a *App) View { return &sequenceView{a: a, seq: teach.Sequence{Seed: a.par.Seed}} },
}

type sequenceView struct {
	a   *App
	seq teach.Sequence
}

func (v *sequenceView) Shown()            { v.seq.Refresh() }
func (v *sequenceView) Reset()            {}
func (v *sequenceView) State() any        { return v.seq.State() }
func (v *sequenceView) Drawing() viz.View { return v.seq.View() }

func (v *sequenceView) Update(time.Duration) bool {
	a := v.a
	return !a.tracker.Active() && v.seq.Update(a.pad.Strokes(), a.pad.Version())
}

// LearnSequence stores the drawing as a sequence of frames in one trial
// (the sequence view's memory).
func (a *App) LearnSequence() error {
	v := a.view("sequence").(*sequenceView)
	if err := v.seq.Learn(a.pad.Strokes()); err != nil {
		return err
	}
	a.status = fmt.Sprintf("Learned the drawing as a sequence of %d frames in one trial (%d stored).",
		len(v.seq.View().Frames), v.seq.Learned())
	a.dirty = true
	return nil
}
