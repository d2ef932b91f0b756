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

// Draw draws the view into area (viz.View).
func (v *SeqView) Draw(dst *image.RGBA, area image.Rectangle) {
	x, y := area.Min.X, area.Min.Y
	n := max(len(v.Frames), 1)
	sc := max(1, min(3, (area.Dx()+Margin)/n/(28+4)))
	fw := 28 * sc
	head := fmt.Sprintf("%d sequences stored", v.Learned)
	if v.Note != "" {
		head = v.Note
	}
	caption(dst, area, x, y+1, head, Dim)
	y += lineH
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
	caption(dst, area, x, y+1, gs, Accent)
	y += lineH
	var sofar mnist.Bitmap
	for i, f := range v.Frames {
		r := image.Rect(x+i*(fw+4), y, x+i*(fw+4)+fw, y+fw)
		if r.Max.X > area.Max.X || r.Max.Y > area.Max.Y {
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
		if i < len(v.FrameG) {
			DrawText(dst, area, r.Min.X, r.Max.Y+2, fmt.Sprintf("%.2f", v.FrameG[i]), 1, gColor(v.FrameG[i]))
		}
	}
	y += fw + 10 + 4
	if y+lineH+fw > area.Max.Y {
		return
	}
	caption(dst, area, x, y+1, fmt.Sprintf("replay from the first %d frames", v.Given), Dim)
	y += lineH
	sofar = mnist.Bitmap{}
	for i := range len(v.Frames) {
		r := image.Rect(x+i*(fw+4), y, x+i*(fw+4)+fw, y+fw)
		if r.Max.X > area.Max.X {
			break
		}
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
