package viz

import (
	"fmt"
	"image"
	"image/color"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// SeqView is the sequence memory: the frames of the drawing with their
// familiarity, and the replay of the rest from its first frames.
type SeqView struct {
	Frames  []mnist.Bitmap // the drawing's frames (new ink per frame)
	FrameG  []float64
	MeanG   float64
	HasG    bool
	PrevG   float64 // mean G of the drawing before (to compare orders)
	HasPrev bool
	Given   int       // frames given to the replay
	Replay  [][]uint8 // predicted frames (28×28 grey)
	Learned int       // sequences stored
	Note    string
}

// Draw draws the view into area (viz.View): the frames in as many rows
// as the width needs, each with its familiarity under it, then the
// replay.
func (v *SeqView) Draw(dst *image.RGBA, area image.Rectangle) {
	x, y := area.Min.X, area.Min.Y
	n := max(len(v.Frames), 1)
	sc := max(1, min(3, (area.Dx()+4)/n/(28+4)))
	fw := 28 * sc
	perRow := max(1, min(n, (area.Dx()+4)/(fw+4)))
	rows := (n + perRow - 1) / perRow
	head := fmt.Sprintf("%d sequences stored", v.Learned)
	if v.Note != "" {
		head = v.Note
	}
	// text draws s wrapped to the area's width and returns the y below it.
	text := func(y int, s string, c color.RGBA) int {
		lines := len(Wrap(s, area.Dx(), TextScale))
		drawWrapped(dst, image.Rect(x, y+1, area.Max.X, min(area.Max.Y, y+1+lines*textH)), s, c)
		return y + lines*textH + 2
	}
	y = text(y, head, Dim)
	if len(v.Frames) == 0 {
		return
	}
	gs := "this drawing, frame by frame"
	if v.HasG {
		gs = fmt.Sprintf("this order: mean g %.2f", v.MeanG)
		if v.HasPrev {
			gs += fmt.Sprintf(", before %.2f", v.PrevG)
		}
	}
	y = text(y, gs, Accent)
	pitch := fw + 3 + textH + 4 // a frame and its familiarity
	at := func(y, i, pitch int) image.Rectangle {
		fx, fy := x+(i%perRow)*(fw+4), y+(i/perRow)*pitch
		return image.Rect(fx, fy, fx+fw, fy+fw)
	}
	var sofar mnist.Bitmap
	for i, f := range v.Frames {
		r := at(y, i, pitch)
		if r.Max.Y > area.Max.Y {
			break
		}
		fill(dst, r, color.RGBA{0, 0, 0, 0xff})
		for p := range mnist.Pixels {
			px, py := r.Min.X+(p%28)*sc, r.Min.Y+(p/28)*sc
			switch {
			case f.At(p%28, p/28):
				fill(dst, image.Rect(px, py, px+sc, py+sc), Ink)
			case sofar.At(p%28, p/28):
				fill(dst, image.Rect(px, py, px+sc, py+sc), CellOff)
			}
		}
		for _, j := range f.Indices() {
			sofar.Set(j%28, j/28, true)
		}
		if i < len(v.FrameG) && r.Max.Y+3+TextHeight(TextScale) <= area.Max.Y {
			DrawText(dst, area, r.Min.X, r.Max.Y+3, fmt.Sprintf("%.2f", v.FrameG[i]), TextScale, gColor(v.FrameG[i]))
		}
	}
	y += rows * pitch
	replay := fmt.Sprintf("replay from the first %d frames", v.Given)
	if y+len(Wrap(replay, area.Dx(), TextScale))*textH+rows*(fw+4) > area.Max.Y {
		return
	}
	y = text(y, replay, Dim)
	sofar = mnist.Bitmap{}
	for i := range len(v.Frames) {
		r := at(y, i, fw+4)
		fill(dst, r, color.RGBA{0, 0, 0, 0xff})
		if i < v.Given {
			border(dst, r.Inset(-1), Frame)
			for _, j := range v.Frames[i].Indices() {
				sofar.Set(j%28, j/28, true)
			}
		}
		for p := range mnist.Pixels {
			px, py := r.Min.X+(p%28)*sc, r.Min.Y+(p/28)*sc
			var g uint8
			if i < v.Given {
				if v.Frames[i].At(p%28, p/28) {
					g = 255
				}
			} else if k := i - v.Given; k < len(v.Replay) && len(v.Replay[k]) == mnist.Pixels {
				g = v.Replay[k][p]
			}
			switch {
			case g != 0 && i < v.Given:
				fill(dst, image.Rect(px, py, px+sc, py+sc), Ink)
			case g != 0:
				fill(dst, image.Rect(px, py, px+sc, py+sc), color.RGBA{g, uint8(int(g) * 213 / 255), uint8(int(g) * 74 / 255), 0xff})
			case sofar.At(p%28, p/28):
				fill(dst, image.Rect(px, py, px+sc, py+sc), CellOff)
			}
		}
		if k := i - v.Given; k >= 0 && k < len(v.Replay) {
			for p, g := range v.Replay[k] {
				if g >= 128 {
					sofar.Set(p%28, p/28, true)
				}
			}
		}
	}
}
