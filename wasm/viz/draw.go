package viz

import (
	"fmt"
	"image"
	"image/color"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// Colours of the canvas.
var (
	Background = color.RGBA{0x10, 0x14, 0x1a, 0xff}
	PadBG      = color.RGBA{0x1c, 0x24, 0x31, 0xff}
	Frame      = color.RGBA{0x3a, 0x48, 0x5c, 0xff}
	Text       = color.RGBA{0xc8, 0xd2, 0xdc, 0xff}
	Dim        = color.RGBA{0x6a, 0x76, 0x84, 0xff}
	Ink        = color.RGBA{0xff, 0xff, 0xff, 0xff}
	Accent     = color.RGBA{0xff, 0xb0, 0x3b, 0xff}
	Bar        = color.RGBA{0x4a, 0x90, 0xd9, 0xff}
	Winner     = color.RGBA{0xff, 0xd5, 0x4a, 0xff}
	CellOff    = color.RGBA{0x2a, 0x36, 0x48, 0xff}
	MacBG      = color.RGBA{0x1e, 0x27, 0x34, 0xff}
	SilentCell = color.RGBA{0x17, 0x1b, 0x22, 0xff}
	FrozenEdge = color.RGBA{0x5a, 0x4a, 0x7a, 0xff}
	Hover      = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// Thumb is one stored item shown as a thumbnail.
type Thumb struct {
	Image   mnist.Bitmap
	Name    string  // its label's name
	Overlap float64 // fraction of top-level CMs its code shares with the current one
}

// Scene is everything the canvas shows.
type Scene struct {
	Pad      []byte             // grey image of the pad, Pad.Dx()×Pad.Dy(), or nil
	PadHint  string             // text shown on an empty pad
	Input    *mnist.Bitmap      // the preprocessed input, or nil
	Recon    []uint8            // the reconstruction (28×28 grey), or nil
	G        float64            // familiarity of the top level
	HasG     bool               // G is meaningful (a recall happened)
	Class    int                // recalled class, −1 for none
	Scores   []float64          // per class
	Names    []string           // per class; classes without a name are not shown
	Thumbs   []Thumb            // nearest stored items, best first
	Grids    []engine.GridTrace // every grid of every level, bottom first (Grids)
	Frozen   [][]bool           // per grid, per mac (optional)
	Hover    [2]int             // grid, mac under the pointer
	HasHover bool
}

// Draw paints s into dst (which should be l.W×l.H) according to l.
func Draw(dst *image.RGBA, l *Layout, s *Scene) {
	full := dst.Bounds()
	fill(dst, full, Background)
	if !l.Panel.Empty() {
		fill(dst, l.Panel.Intersect(full), color.RGBA{0x16, 0x1b, 0x23, 0xff})
	}
	drawPad(dst, l.Pad, s)
	view28(dst, l.Input, "input", func(i int) uint8 {
		if s.Input != nil && s.Input.At(i%28, i/28) {
			return 255
		}
		return 0
	}, s.Input != nil)
	view28(dst, l.Recon, "recon", func(i int) uint8 {
		if len(s.Recon) == mnist.Pixels {
			return s.Recon[i]
		}
		return 0
	}, len(s.Recon) == mnist.Pixels)
	drawMeter(dst, l.Meter, s)
	drawScores(dst, l.Scores, s)
	drawThumbs(dst, l, s)
	for i, b := range l.Levels {
		var lt *engine.GridTrace
		if i < len(s.Grids) {
			lt = &s.Grids[i]
		}
		var frozen []bool
		if i < len(s.Frozen) {
			frozen = s.Frozen[i]
		}
		hover := -1
		if s.HasHover && s.Hover[0] == i {
			hover = s.Hover[1]
		}
		drawLevel(dst, b, lt, frozen, hover)
	}
}

// DrawPad repaints only the pad (for strokes in progress).
func DrawPad(dst *image.RGBA, l *Layout, s *Scene) { drawPad(dst, l.Pad, s) }

func drawPad(dst *image.RGBA, r image.Rectangle, s *Scene) {
	if r.Empty() {
		return
	}
	border(dst, r.Inset(-1), Frame)
	fill(dst, r, PadBG)
	if len(s.Pad) == r.Dx()*r.Dy() {
		w := r.Dx()
		for y := range r.Dy() {
			row := s.Pad[y*w : y*w+w]
			o := dst.PixOffset(r.Min.X, r.Min.Y+y)
			for x, g := range row {
				if g != 0 {
					blend(dst.Pix[o+4*x:o+4*x+4], Ink, g)
				}
			}
		}
	} else if s.PadHint != "" {
		tw := TextWidth(s.PadHint, TextScale)
		DrawText(dst, r, r.Min.X+(r.Dx()-tw)/2, r.Min.Y+r.Dy()/2-5, Fit(s.PadHint, r.Dx()-8, TextScale), TextScale, Dim)
	}
}

func view28(dst *image.RGBA, r image.Rectangle, caption string, at func(i int) uint8, ok bool) {
	if r.Empty() {
		return
	}
	DrawText(dst, dst.Bounds(), r.Min.X, r.Min.Y-lineH+2, Fit(caption, r.Dx(), TextScale), TextScale, Dim)
	border(dst, r.Inset(-1), Frame)
	fill(dst, r, color.RGBA{0, 0, 0, 0xff})
	if !ok {
		return
	}
	sc := r.Dx() / 28
	for i := range mnist.Pixels {
		if g := at(i); g != 0 {
			x, y := r.Min.X+(i%28)*sc, r.Min.Y+(i/28)*sc
			fill(dst, image.Rect(x, y, x+sc, y+sc), color.RGBA{g, g, g, 0xff})
		}
	}
}

func drawMeter(dst *image.RGBA, r image.Rectangle, s *Scene) {
	if r.Empty() {
		return
	}
	caption := "familiarity g"
	if s.HasG {
		caption = fmt.Sprintf("familiarity g %.2f", s.G)
	}
	DrawText(dst, dst.Bounds(), r.Min.X, r.Min.Y-lineH+2, caption, TextScale, Dim)
	fill(dst, r, CellOff)
	if s.HasG {
		g := min(max(s.G, 0), 1)
		c := color.RGBA{uint8(220 - 160*g), uint8(80 + 150*g), 0x50, 0xff}
		fill(dst, image.Rect(r.Min.X, r.Min.Y, r.Min.X+int(g*float64(r.Dx())+0.5), r.Max.Y), c)
	}
	for _, f := range []float64{0.25, 0.5, 0.75} {
		x := r.Min.X + int(f*float64(r.Dx()))
		fill(dst, image.Rect(x, r.Min.Y, x+1, r.Max.Y), Background)
	}
}

func drawScores(dst *image.RGBA, r image.Rectangle, s *Scene) {
	if r.Empty() {
		return
	}
	var shown []int
	for c, name := range s.Names {
		if name != "" {
			shown = append(shown, c)
		}
	}
	if len(shown) == 0 {
		return
	}
	rows := max(1, r.Dy()/scoreRowH)
	cols := (len(shown) + rows - 1) / rows
	cw := r.Dx() / cols
	labelW := 0
	for _, c := range shown {
		labelW = max(labelW, TextWidth(s.Names[c], TextScale))
	}
	labelW = min(labelW, cw/2) + 4
	top := 0.0
	for _, c := range shown {
		if c < len(s.Scores) {
			top = max(top, s.Scores[c])
		}
	}
	for i, c := range shown {
		x := r.Min.X + (i/rows)*cw
		y := r.Min.Y + (i%rows)*scoreRowH
		if y+scoreRowH > r.Max.Y+2 {
			continue
		}
		col := Dim
		if c == s.Class {
			col = Accent
		}
		DrawText(dst, r, x, y+1, Fit(s.Names[c], labelW-4, TextScale), TextScale, col)
		bx := image.Rect(x+labelW, y+2, x+cw-6, y+scoreRowH-3)
		fill(dst, bx, CellOff)
		if c < len(s.Scores) && top > 0 {
			f := s.Scores[c] / top
			bc := Bar
			if c == s.Class {
				bc = Accent
			}
			fill(dst, image.Rect(bx.Min.X, bx.Min.Y, bx.Min.X+int(f*float64(bx.Dx())+0.5), bx.Max.Y), bc)
		}
	}
}

func drawThumbs(dst *image.RGBA, l *Layout, s *Scene) {
	if len(l.Thumbs) == 0 {
		return
	}
	DrawText(dst, dst.Bounds(), l.Thumbs[0].Min.X, l.Thumbs[0].Min.Y-lineH+2, "nearest stored codes", TextScale, Dim)
	for i, r := range l.Thumbs {
		border(dst, r.Inset(-1), Frame)
		fill(dst, r, color.RGBA{0, 0, 0, 0xff})
		if i >= len(s.Thumbs) {
			continue
		}
		t := s.Thumbs[i]
		sc := r.Dx() / 28
		for y := range 28 {
			for x := range 28 {
				if t.Image.At(x, y) {
					px, py := r.Min.X+x*sc, r.Min.Y+y*sc
					fill(dst, image.Rect(px, py, px+sc, py+sc), Ink)
				}
			}
		}
		label := fmt.Sprintf("%s %d%%", t.Name, int(t.Overlap*100+0.5))
		DrawText(dst, image.Rect(r.Min.X, r.Max.Y, r.Max.X+Margin, r.Max.Y+lineH), r.Min.X, r.Max.Y+3, Fit(label, r.Dx()+Margin-2, 1+boolInt(r.Dx() >= 56)), 1+boolInt(r.Dx() >= 56), Text)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func drawLevel(dst *image.RGBA, b LevelBox, lt *engine.GridTrace, frozen []bool, hover int) {
	active := 0
	if lt != nil {
		active = lt.ActiveCount()
	}
	caption := fmt.Sprintf("level %d %s: %dx%d macs, q%d k%d, %d active", b.Level, b.Name, b.MacsW, b.MacsH, b.Q, b.K, active)
	DrawText(dst, dst.Bounds(), b.Caption.X, b.Caption.Y+1, Fit(caption, b.CaptionW, TextScale), TextScale, Dim)
	clip := dst.Bounds()
	n := b.MacsW * b.MacsH
	valid := lt != nil && len(lt.Active) == n && len(lt.Codes) == n*b.Q && lt.Q == b.Q && lt.K == b.K
	for m := range n {
		r := b.MacRect(m)
		if !r.Overlaps(clip) {
			continue
		}
		on := valid && lt.Active[m]
		if m < len(frozen) && frozen[m] {
			border(dst, r.Inset(-1), FrozenEdge)
		}
		if m == hover {
			border(dst, r.Inset(-1), Hover)
		}
		off := CellOff
		if !on {
			off = SilentCell
		}
		fill(dst, r, off)
		if !on {
			continue
		}
		c := b.Cell
		for q := range b.Q {
			k := int(lt.Codes[m*b.Q+q])
			x, y := r.Min.X+k*c, r.Min.Y+q*c
			fill(dst, image.Rect(x, y, x+c, y+c).Intersect(r), Winner)
		}
	}
}

// fill paints r (clipped to dst) with c.
func fill(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	px := [4]byte{c.R, c.G, c.B, c.A}
	o := dst.PixOffset(r.Min.X, r.Min.Y)
	row := dst.Pix[o : o+4*r.Dx()]
	for i := 0; i < len(row); i += 4 {
		copy(row[i:i+4], px[:])
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		o := dst.PixOffset(r.Min.X, y)
		copy(dst.Pix[o:o+len(row)], row)
	}
}

// border paints the one-pixel outline of r.
func border(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	fill(dst, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), c)
	fill(dst, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), c)
	fill(dst, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), c)
	fill(dst, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), c)
}

// blend mixes c over the pixel p with coverage a (0..255).
func blend(p []byte, c color.RGBA, a uint8) {
	w := uint16(a)
	p[0] = uint8((uint16(c.R)*w + uint16(p[0])*(255-w)) / 255)
	p[1] = uint8((uint16(c.G)*w + uint16(p[1])*(255-w)) / 255)
	p[2] = uint8((uint16(c.B)*w + uint16(p[2])*(255-w)) / 255)
	p[3] = 0xff
}
