package teach

import (
	"fmt"
	"math"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// FrameRes is the resolution at which Frames renders the pad before
// pooling it to 28×28.
const FrameRes = 112

// Frames cuts a drawing into n frames: frame i (1-based) is the ink the pen
// laid down between (i−1)/n and i/n of the strokes' total length, in drawing
// order, rendered at FrameRes and max-pooled to a 28×28 bitmap. Unlike
// mnist.Preprocess the frames are not centred or scaled: each frame shows
// where the pen was.
//
// Frames hold the new ink only, not the drawing so far: with cumulative
// frames a mac whose part of the drawing is done sees the same input on
// every later frame, gets a new code on each (its H context is new) and
// then cannot tell, on the first frame of a recall (no context yet), which
// of those codes to start from; measured on a three-stroke 7, the learned
// order then reached a mean G of only 0.88. With new-ink frames it reaches
// 0.98, and another stroke order 0.6. A drawing without length (dots only)
// gives n copies of the whole drawing.
func Frames(strokes []pad.Stroke, n int) []mnist.Bitmap {
	if n < 1 || len(strokes) == 0 {
		return nil
	}
	total := 0.0
	for _, s := range strokes {
		total += strokeLen(s)
	}
	var p pad.Pad
	grey := make([]byte, FrameRes*FrameRes)
	out := make([]mnist.Bitmap, 0, n)
	for i := 1; i <= n; i++ {
		cut := total * float64(i) / float64(n)
		if i == n {
			cut = math.Inf(1)
		}
		var part []pad.Stroke
		if total == 0 {
			part = strokes
		} else {
			part = segment(strokes, total*float64(i-1)/float64(n), cut)
		}
		p.SetStrokes(part)
		p.RenderInto(grey, FrameRes, FrameRes)
		out = append(out, pool(grey))
	}
	return out
}

// segment returns the part of the strokes between arc lengths from and to.
func segment(strokes []pad.Stroke, from, to float64) []pad.Stroke {
	all := prefix(strokes, to)
	var out []pad.Stroke
	skip := from
	for _, s := range all {
		l := strokeLen(s)
		if skip >= l && l > 0 {
			skip -= l
			continue
		}
		if skip <= 0 {
			out = append(out, s)
			continue
		}
		// Cut the first skip of s.
		rest := prefix([]pad.Stroke{reverse(s)}, l-skip)
		out = append(out, reverse(rest[0]))
		skip = 0
	}
	return out
}

func reverse(s pad.Stroke) pad.Stroke {
	out := make(pad.Stroke, len(s))
	for i := range s {
		out[len(s)-1-i] = s[i]
	}
	return out
}

func strokeLen(s pad.Stroke) float64 {
	l := 0.0
	for i := 1; i < len(s); i++ {
		l += math.Hypot(s[i].X-s[i-1].X, s[i].Y-s[i-1].Y)
	}
	return l
}

// prefix returns the strokes up to arc length cut.
func prefix(strokes []pad.Stroke, cut float64) []pad.Stroke {
	var out []pad.Stroke
	left := cut
	for _, s := range strokes {
		if left <= 0 {
			break
		}
		c := pad.Stroke{s[0]}
		for i := 1; i < len(s); i++ {
			d := math.Hypot(s[i].X-s[i-1].X, s[i].Y-s[i-1].Y)
			if d >= left {
				f := left / d
				c = append(c, pad.Point{X: s[i-1].X + f*(s[i].X-s[i-1].X), Y: s[i-1].Y + f*(s[i].Y-s[i-1].Y)})
				left = 0
				break
			}
			left -= d
			c = append(c, s[i])
		}
		out = append(out, c)
	}
	return out
}

// pool max-pools a FrameRes² grey image to a 28×28 bitmap (ink: ≥ 128).
func pool(grey []byte) mnist.Bitmap {
	var b mnist.Bitmap
	f := FrameRes / mnist.Side
	for y := range mnist.Side {
		for x := range mnist.Side {
			on := false
			for dy := 0; dy < f && !on; dy++ {
				row := grey[(y*f+dy)*FrameRes+x*f:]
				for dx := range f {
					if row[dx] >= 128 {
						on = true
						break
					}
				}
			}
			if on {
				b.Set(x, y, true)
			}
		}
	}
	return b
}

// Seq is the sequence memory: the "mnist" preset with horizontal input
// (level 1's HRadius = 1: each mac hears its own and its eight neighbours'
// codes of the previous frame). A drawing is learned as a sequence of
// frames in one trial.
type Seq struct {
	Net  *engine.Network
	grid engine.Grid
	n    int // sequences learned
}

// NewSeq builds an empty sequence memory.
func NewSeq(seed uint64) (*Seq, error) {
	cfg, err := engine.Preset("flat")
	if err != nil {
		return nil, err
	}
	cfg.Seed = seed
	for i := range cfg.Levels[0].Grids {
		cfg.Levels[0].Grids[i].HRadius = 1
	}
	n, err := engine.New(cfg)
	if err != nil {
		return nil, err
	}
	return &Seq{Net: n, grid: cfg.Input}, nil
}

// Learned is the number of sequences learned.
func (s *Seq) Learned() int { return s.n }

func (s *Seq) input(b mnist.Bitmap) (*engine.SDR, error) {
	if b.Count() == 0 {
		return engine.NewSDR(s.grid.N()), nil
	}
	return mnist.Encode(b, s.grid)
}

// Learn stores frames as one sequence in one trial: Reset, then one
// learning Step per frame.
func (s *Seq) Learn(frames []mnist.Bitmap) error {
	s.Net.Reset()
	defer s.Net.Reset()
	for _, f := range frames {
		in, err := s.input(f)
		if err != nil {
			return err
		}
		if _, err := s.Net.Step(in, true, -1); err != nil {
			return fmt.Errorf("learning a frame: %w", err)
		}
	}
	s.n++
	return nil
}

// Familiarity recognises frames as a sequence (Reset, then one Step per
// frame without learning) and returns the familiarity G of each frame (the
// mean G of level 1's active macs) and their mean.
func (s *Seq) Familiarity(frames []mnist.Bitmap) ([]float64, float64, error) {
	s.Net.Reset()
	defer s.Net.Reset()
	gs := make([]float64, 0, len(frames))
	sum := 0.0
	for _, f := range frames {
		in, err := s.input(f)
		if err != nil {
			return nil, 0, err
		}
		tr, err := s.Net.Step(in, false, -1)
		if err != nil {
			return nil, 0, err
		}
		g := tr.Levels[0].G
		gs = append(gs, g)
		sum += g
	}
	if len(gs) == 0 {
		return nil, 0, nil
	}
	return gs, sum / float64(len(gs)), nil
}

// Replay recognises the first k frames as a sequence and then predicts
// the next n frames from memory alone (Predict, no input), returning each
// predicted frame as a 28×28 grey image (Reconstruct of level 1).
func (s *Seq) Replay(frames []mnist.Bitmap, k, n int) ([][]uint8, error) {
	s.Net.Reset()
	defer s.Net.Reset()
	for _, f := range frames[:min(k, len(frames))] {
		in, err := s.input(f)
		if err != nil {
			return nil, err
		}
		if _, err := s.Net.Step(in, false, -1); err != nil {
			return nil, err
		}
	}
	var out [][]uint8
	for range n {
		tr, err := s.Net.Predict()
		if err != nil {
			return out, err
		}
		rec, err := s.Net.Reconstruct(&tr, 1)
		if err != nil {
			return out, err
		}
		out = append(out, Part28(rec, s.grid))
	}
	return out, nil
}

// Part28 returns the 28×28 full-resolution part of an input-grid image
// (the top rows of the pyramid grid).
func Part28(rec []uint8, g engine.Grid) []uint8 {
	out := make([]uint8, mnist.Pixels)
	if g.W != mnist.Side || len(rec) < mnist.Pixels {
		return out
	}
	copy(out, rec[:mnist.Pixels])
	return out
}

// InkOverlap is the fraction of b's ink that is inked (≥ 128) in grey.
func InkOverlap(grey []uint8, b mnist.Bitmap) float64 {
	n, hit := 0, 0
	for i := range mnist.Pixels {
		if b.At(i%mnist.Side, i/mnist.Side) {
			n++
			if i < len(grey) && grey[i] >= 128 {
				hit++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}
