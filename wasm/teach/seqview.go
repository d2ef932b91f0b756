package teach

import (
	"errors"
	"fmt"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// Sequence is the "sequence" view: its own sequence memory (Seq, built on
// first use) learns a drawing as Frames frames in one trial; a drawing's
// frames are shown with their familiarity, and the replay of the rest from
// the first Given frames. With an empty pad it shows the last drawing
// learned.
type Sequence struct {
	Seed   uint64 // the sequence memory's seed
	Frames int    // frames per drawing (default 8)
	Given  int    // frames given to the replay (default 3)

	seq     *Seq
	err     string
	shown   bool
	ver     uint64 // drawing version shown
	learned int    // seq.Learned() when shown
	view    viz.SeqView
	// stored are the frames of the last drawing learned, shown (with their
	// replay) while the pad is empty.
	stored      []mnist.Bitmap
	showsStored bool
}

// SequenceState is the view's part of the page's state() (see
// web/README.md).
type SequenceState struct {
	Learned   int      `json:"seqLearned"`
	Frames    int      `json:"seqFrames"`
	Replay    int      `json:"seqReplay"`
	Version   float64  `json:"seqVersion"` // the drawing version shown
	G         *float64 `json:"seqG"`       // mean G of the frames shown
	PrevG     *float64 `json:"seqPrevG"`   // … of the drawing shown before
	ReplayInk *float64 `json:"seqReplayInk,omitempty"`
	Error     string   `json:"seqError,omitempty"`
}

func (s *Sequence) frames() int { return orDefault(s.Frames, 8) }
func (s *Sequence) given() int  { return orDefault(s.Given, 3) }

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

func (s *Sequence) memory() *Seq {
	if s.seq == nil && s.err == "" {
		seq, err := NewSeq(s.Seed)
		if err != nil {
			s.err = err.Error()
			return nil
		}
		s.seq = seq
	}
	return s.seq
}

// Update shows the drawing (strokes, at version) or, when it is empty, the
// last drawing learned. Nothing is recomputed when neither the drawing
// nor the memory changed. It reports whether View changed.
func (s *Sequence) Update(strokes []pad.Stroke, version uint64) bool {
	seq := s.memory()
	if seq == nil {
		return false
	}
	if s.shown && version == s.ver && seq.Learned() == s.learned {
		return false
	}
	s.shown, s.ver, s.learned = true, version, seq.Learned()
	sv := &s.view
	empty := len(strokes) == 0
	if sv.HasG && empty && !s.showsStored {
		sv.PrevG, sv.HasPrev = sv.MeanG, true
	}
	s.showsStored = empty
	sv.Frames, sv.FrameG, sv.HasG, sv.Replay, sv.Given = nil, nil, false, nil, s.given()
	sv.Learned = seq.Learned()
	sv.Note = ""
	switch {
	case empty && s.stored == nil:
		sv.Note = fmt.Sprintf("%d sequences stored. draw a digit, then learn it as a sequence", seq.Learned())
		return true
	case empty:
		sv.Note = fmt.Sprintf("%d sequences stored, the last one:", seq.Learned())
		sv.Frames = s.stored
	default:
		sv.Frames = Frames(strokes, s.frames())
	}
	if seq.Learned() == 0 {
		sv.Note = "nothing stored yet: learn this drawing as a sequence"
		return true
	}
	gs, mean, err := seq.Familiarity(sv.Frames)
	if err != nil {
		s.err = err.Error()
		return true
	}
	sv.FrameG, sv.MeanG, sv.HasG = gs, mean, true
	if rep, err := seq.Replay(sv.Frames, sv.Given, len(sv.Frames)-sv.Given); err == nil {
		sv.Replay = rep
	}
	return true
}

// Refresh makes the next Update recompute.
func (s *Sequence) Refresh() { s.shown = false }

// Learn stores the drawing as a sequence in one trial.
func (s *Sequence) Learn(strokes []pad.Stroke) error {
	if len(strokes) == 0 {
		return errors.New("draw something first")
	}
	seq := s.memory()
	if seq == nil {
		return fmt.Errorf("no sequence memory: %s", s.err)
	}
	fr := Frames(strokes, s.frames())
	if err := seq.Learn(fr); err != nil {
		return err
	}
	s.stored = fr
	s.view.HasG = false // the same drawing again is no other order
	return nil
}

// Learned is the number of sequences stored.
func (s *Sequence) Learned() int {
	if s.seq == nil {
		return 0
	}
	return s.seq.Learned()
}

// View is what to draw.
func (s *Sequence) View() *viz.SeqView { return &s.view }

// State is the view's state.
func (s *Sequence) State() SequenceState {
	sv := &s.view
	st := SequenceState{Learned: sv.Learned, Frames: len(sv.Frames), Replay: len(sv.Replay),
		Version: float64(s.ver), Error: s.err}
	if sv.HasG {
		g := sv.MeanG
		st.G = &g
		if len(sv.Replay) > 0 {
			ink := 0.0
			for i, r := range sv.Replay {
				ink += InkOverlap(r, sv.Frames[sv.Given+i])
			}
			ink /= float64(len(sv.Replay))
			st.ReplayInk = &ink
		}
	}
	if sv.HasPrev {
		p := sv.PrevG
		st.PrevG = &p
	}
	return st
}
