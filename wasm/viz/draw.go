package viz

import (
	"fmt"
	"image"
	"image/color"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/recall"
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

// Colours of familiarity are the recall package's (recall.Kind.Color):
// one colour for the words and the bar.
var (
	SeenColor = recall.SeenColor
	NewColor  = recall.NewColor
)

// Focus is the receptive field the visitor points at: a mac (Grid ≥ 0)
// with the macs below it that it reads, directly or not, and the part of
// the input it sees in the end, everything else dimmed; or a pixel of the
// input (Grid −1) with the macs that read it, up the hierarchy, outlined
// (nothing is dimmed: the pointer may be on the pad for the next stroke).
type Focus struct {
	On        bool
	Grid, Mac int
	// In is, per grid, per mac, whether the mac is in the focus; nil for
	// a grid outside it (above the pointed mac).
	In [][]bool
	// Units are the input units in the focus (nil: none), Pixels the
	// 28×28 pixels, PadBox their part of the pad (canvas coordinates).
	Units  []bool
	Pixels mnist.Bitmap
	PadBox image.Rectangle
}

// Scene is everything the canvas shows.
type Scene struct {
	Pad     []byte // grey image of the pad, Pad.Dx()×Pad.Dy(), or nil
	PadHint string // text shown on an empty pad
	// Rec is the recall shown: the drawing's, or (Rec.Learning) the item
	// the memory is learning while the pad is empty; nil for none. The
	// input views, the familiarity, the scores, the nearest items and the
	// hierarchy are all drawn from it.
	Rec     *recall.Recollection
	Names   []string // per class; classes without a name are not shown
	Readout string   // the readout's name, shown above the scores
	Focus   Focus
}

// Draw paints s into dst (which should be l.W×l.H) according to l.
func Draw(dst *image.RGBA, l *Layout, s *Scene) {
	drawMain(dst, l, s)
	drawPyramid(dst, l, s)
}

// drawMain paints everything but the hierarchy.
func drawMain(dst *image.RGBA, l *Layout, s *Scene) {
	resetTexts()
	full := dst.Bounds()
	fill(dst, full, Background)
	if !l.Panel.Empty() {
		fill(dst, l.Panel.Intersect(full), color.RGBA{0x16, 0x1b, 0x23, 0xff})
	}
	drawPad(dst, l.Pad, s)
	f := &s.Focus
	rec := s.Rec
	view28(dst, l.Input, []string{"input", "in"}, func(i int) uint8 {
		if rec.Input.At(i%28, i/28) {
			return 255
		}
		return 0
	}, rec != nil, f)
	rc := "recon"
	hasRecon := rec != nil && !rec.Learning && len(rec.Recon) == mnist.Pixels
	if hasRecon && rec.ReconLevel > 0 {
		if name := levelName(rec.ReconLevel, len(rec.LevelG)); name == "top" {
			rc = "recon top"
		} else {
			rc = fmt.Sprintf("recon l%d", rec.ReconLevel)
		}
	}
	view28(dst, l.Recon, []string{rc, "recon", "rec"}, func(i int) uint8 { return rec.Recon[i] }, hasRecon, nil)
	drawNearest(dst, l, s)
	drawMeter(dst, l, max(l.Meter.Dx(), l.Scores.Dx()), s)
	drawScores(dst, l.Scores, s)
	drawThumbs(dst, l, s)
}

// familiarity is the familiarity the scene shows: none without a recall
// of a drawing.
func (s *Scene) familiarity() recall.Familiarity {
	if s.Rec == nil || s.Rec.Learning {
		return recall.Familiarity{}
	}
	return s.Rec.Familiarity
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
	if f := &s.Focus; f.On {
		if b := f.PadBox.Intersect(r); !b.Empty() {
			if f.Grid >= 0 {
				dimOutside(dst, r, b)
			}
			border(dst, b.Inset(-1).Intersect(r), Accent)
		}
	}
}

// dimOutside darkens r outside b.
func dimOutside(dst *image.RGBA, r, b image.Rectangle) {
	for _, part := range []image.Rectangle{
		image.Rect(r.Min.X, r.Min.Y, r.Max.X, b.Min.Y), image.Rect(r.Min.X, b.Max.Y, r.Max.X, r.Max.Y),
		image.Rect(r.Min.X, b.Min.Y, b.Min.X, b.Max.Y), image.Rect(b.Max.X, b.Min.Y, r.Max.X, b.Max.Y),
	} {
		dim(dst, part.Intersect(r))
	}
}

// dim blends r two thirds of the way to the background.
func dim(dst *image.RGBA, r image.Rectangle) {
	r = r.Intersect(dst.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := dst.PixOffset(r.Min.X, y)
		for x := 0; x < r.Dx(); x++ {
			blend(dst.Pix[o+4*x:o+4*x+4], Background, 170)
		}
	}
}

// smallCaption draws a caption above a small view: the first of texts
// that fits in w (the later ones are shorter words for the same view,
// explained on the page's list of terms), else the last one shortened.
func smallCaption(dst *image.RGBA, r image.Rectangle, w int, c color.RGBA, texts ...string) {
	for _, text := range texts {
		if TextWidth(text, TextScale) <= w {
			DrawText(dst, dst.Bounds(), r.Min.X, r.Min.Y-lineH+2, text, TextScale, c)
			return
		}
	}
	DrawText(dst, dst.Bounds(), r.Min.X, r.Min.Y-lineH+2, Fit(texts[len(texts)-1], w, TextScale), TextScale, c)
}

func view28(dst *image.RGBA, r image.Rectangle, captions []string, at func(i int) uint8, ok bool, f *Focus) {
	if r.Empty() {
		return
	}
	smallCaption(dst, r, r.Dx()+Margin-2, Dim, captions...)
	border(dst, r.Inset(-1), Frame)
	fill(dst, r, color.RGBA{0, 0, 0, 0xff})
	sc := r.Dx() / 28
	focus := f != nil && f.On && f.Pixels.Count() > 0
	for i := range mnist.Pixels {
		x, y := r.Min.X+(i%28)*sc, r.Min.Y+(i/28)*sc
		px := image.Rect(x, y, x+sc, y+sc)
		if focus && f.Pixels.At(i%28, i/28) {
			fill(dst, px, color.RGBA{0x4a, 0x36, 0x10, 0xff})
		}
		if !ok {
			continue
		}
		if g := at(i); g != 0 {
			fill(dst, px, color.RGBA{g, g, g, 0xff})
		}
	}
}

func drawNearest(dst *image.RGBA, l *Layout, s *Scene) {
	r := l.Nearest
	if r.Empty() {
		return
	}
	caption := "nearest"
	col := Dim
	seen := s.familiarity().Kind == recall.Seen
	if seen {
		caption, col = "seen", SeenColor
	}
	smallCaption(dst, r, r.Dx()+Margin-2, col, caption, "near")
	border(dst, r.Inset(-1), Frame)
	var it *recall.Item
	if s.Rec != nil && !s.Rec.Learning {
		it = s.Rec.Nearest
	}
	if seen && it != nil {
		border(dst, r.Inset(-1), SeenColor)
	}
	fill(dst, r, color.RGBA{0, 0, 0, 0xff})
	if it == nil {
		return
	}
	if it.HasImage {
		bitmap(dst, r, it.Image, Ink)
	}
	t := l.NearestText
	// The two lines of the caption, each wrapped to the width.
	y := t.Min.Y
	for i, line := range it.Caption(s.Rec.Items) {
		c := Text
		if i == 1 {
			c = Dim
		}
		drawWrapped(dst, image.Rect(t.Min.X, y, t.Max.X, t.Max.Y), line, c)
		y += textH * len(Wrap(line, t.Dx(), TextScale))
	}
}

// bitmap draws a 28×28 bitmap scaled into r.
func bitmap(dst *image.RGBA, r image.Rectangle, b mnist.Bitmap, c color.RGBA) {
	sc := max(r.Dx()/28, 1)
	for _, i := range b.Indices() {
		px, py := r.Min.X+(i%28)*sc, r.Min.Y+(i/28)*sc
		fill(dst, image.Rect(px, py, px+sc, py+sc), c)
	}
}

// drawMeter draws the familiarity: one value (recall.Familiarity) for
// the words, the bar and their colour, with a mark where "seen before"
// begins and, below the bar, why the words are what they are.
func drawMeter(dst *image.RGBA, l *Layout, room int, s *Scene) {
	r := l.Meter
	if r.Empty() {
		return
	}
	fam := s.familiarity()
	y := r.Min.Y - lineH + 2
	if !fam.Shown() {
		DrawText(dst, dst.Bounds(), r.Min.X, y, Fit("familiarity", room, TextScale), TextScale, Dim)
	} else {
		// "familiarity g 0.93 like what I know", shortened to fit room.
		g := fmt.Sprintf("g %.2f", fam.Value)
		sc := TextScale
		head := "familiarity " + g
		words := fam.Words()
		if TextWidth(head+" "+words, sc) > room {
			head = g
			if TextWidth(head+" "+words, sc) > room {
				head = ""
			}
		}
		x := r.Min.X
		if head != "" {
			DrawText(dst, dst.Bounds(), r.Min.X, y, head, sc, Text)
			x += TextWidth(head+" ", sc) + sc
		}
		DrawText(dst, dst.Bounds(), x, y, Fit(words, room-(x-r.Min.X), sc), sc, fam.Color())
	}
	fill(dst, r, CellOff)
	if fam.Shown() {
		v := min(max(fam.Value, 0), 1)
		fill(dst, image.Rect(r.Min.X, r.Min.Y, r.Min.X+int(v*float64(r.Dx())+0.5), r.Max.Y), fam.Color())
	}
	for _, f := range []float64{0.25, 0.5, 0.75} {
		x := r.Min.X + int(f*float64(r.Dx()))
		fill(dst, image.Rect(x, r.Min.Y, x+1, r.Max.Y), Background)
	}
	if fam.Shown() && fam.SeenAt > 0 {
		x := r.Min.X + int(fam.SeenAt*float64(r.Dx()))
		fill(dst, image.Rect(x-1, r.Min.Y-2, x+1, r.Max.Y+2), SeenColor)
	}
	if w := l.MeterWhy; !w.Empty() && fam.Why != "" {
		drawWrapped(dst, w.Add(image.Pt(0, 2)).Intersect(w), fam.Why, Dim)
	}
}

func drawScores(dst *image.RGBA, r image.Rectangle, s *Scene) {
	if r.Empty() {
		return
	}
	cap, capCol := "class scores", Dim
	if s.Readout != "" {
		cap = "scores: " + s.Readout
	}
	class := -1
	var scores []float64
	if rec := s.Rec; rec != nil {
		class, scores = rec.Verdict.Class, rec.Scores
		if v := rec.Verdict; !rec.Learning && v.Class >= 0 && !v.Sure {
			// Not sure: the best guess and the runner-up.
			cap, capCol = "not sure: "+v.Name, Accent
			if v.RunnerUp >= 0 {
				cap += " or " + v.RunnerUpName
			}
		}
	}
	DrawText(dst, dst.Bounds(), r.Min.X, r.Min.Y-lineH+2, Fit(cap, r.Dx(), TextScale), TextScale, capCol)
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
	labelW = min(labelW, cw-24) + 4
	for i, c := range shown {
		x := r.Min.X + (i/rows)*cw
		y := r.Min.Y + (i%rows)*scoreRowH
		if y+scoreRowH > r.Max.Y+2 {
			continue
		}
		col := Dim
		if c == class {
			col = Accent
		}
		bx := image.Rect(x+labelW, y+2, x+cw-6, y+scoreRowH-3)
		if nw := TextWidth(s.Names[c], TextScale); nw > labelW-4 {
			// A name longer than the column's labels: the bar under it.
			bx = image.Rect(x, y+TextHeight(TextScale)+1, x+min(nw, cw-2), y+scoreRowH)
		}
		DrawText(dst, r, x, y+1, Fit(s.Names[c], cw-2, TextScale), TextScale, col)
		pct := ""
		if c < len(scores) && bx.Dx() > 80 {
			pct = fmt.Sprintf("%d%%", int(100*scores[c]+0.5))
			bx.Max.X -= TextWidth("100%", TextScale) + 4
		}
		fill(dst, bx, CellOff)
		if c < len(scores) {
			// The bar is the score itself (a probability), not the score
			// over the best one: a split decision shows as two half bars.
			f := min(max(scores[c], 0), 1)
			bc := Bar
			if c == class {
				bc = Accent
			}
			fill(dst, image.Rect(bx.Min.X, bx.Min.Y, bx.Min.X+int(f*float64(bx.Dx())+0.5), bx.Max.Y), bc)
			if pct != "" && scores[c] >= 0.005 {
				DrawText(dst, r, bx.Max.X+3, y+1, pct, TextScale, col)
			}
		}
	}
}

func drawThumbs(dst *image.RGBA, l *Layout, s *Scene) {
	if len(l.Thumbs) == 0 {
		return
	}
	DrawText(dst, dst.Bounds(), l.Thumbs[0].Min.X, l.Thumbs[0].Min.Y-lineH+2, "next nearest codes", TextScale, Dim)
	var others []recall.Item
	if s.Rec != nil && !s.Rec.Learning {
		others = s.Rec.Others
	}
	for i, r := range l.Thumbs {
		border(dst, r.Inset(-1), Frame)
		fill(dst, r, color.RGBA{0, 0, 0, 0xff})
		if i >= len(others) {
			continue
		}
		t := &others[i]
		if t.HasImage {
			bitmap(dst, r, t.Image, Ink)
		}
		label := fmt.Sprintf("%s %d%%", t.Name, int(t.Agree*100+0.5))
		if TextWidth(label, TextScale) > r.Dx()+Margin-2 {
			label = t.Name // the class alone on a small thumbnail
		}
		DrawText(dst, image.Rect(r.Min.X, r.Max.Y, r.Max.X+Margin, r.Max.Y+lineH), r.Min.X, r.Max.Y+3, Fit(label, r.Dx()+Margin-2, TextScale), TextScale, Text)
	}
}

// gRamp colours a familiarity: red at 0.5 and below, amber at 0.75,
// green at 1 (the G of macs that take part is rarely below 0.5).
func gRamp(g float64) color.RGBA {
	t := min(max((g-0.5)/0.5, 0), 1)
	lerp := func(a, b uint8, f float64) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*f + 0.5) }
	if t < 0.5 {
		f := t / 0.5
		return color.RGBA{lerp(0xd6, 0xe8, f), lerp(0x45, 0xaa, f), lerp(0x41, 0x3c, f), 0xff}
	}
	f := (t - 0.5) / 0.5
	return color.RGBA{lerp(0xe8, 0x58, f), lerp(0xaa, 0xc4, f), lerp(0x3c, 0x6e, f), 0xff}
}

// levelName is how the hierarchy names a level: "input" (0), "level n",
// "top" for the last of several.
func levelName(level, levels int) string {
	switch {
	case level == 0:
		return "input"
	case level == levels && levels > 1:
		return "top"
	}
	return fmt.Sprintf("level %d", level)
}

func drawPyramid(dst *image.RGBA, l *Layout, s *Scene) {
	levels := 0
	for _, b := range l.Grids {
		levels = max(levels, b.Level)
	}
	f := &s.Focus
	fam := s.familiarity()
	var levelG []float64
	if fam.Shown() {
		levelG = s.Rec.LevelG
	}
	for _, row := range l.Rows {
		// Caption: the level's name and familiarity (none while the pad
		// is empty).
		name := levelName(row.Level, levels)
		gs, col := "", Text
		if row.Level > 0 && row.Level <= len(levelG) {
			gs = fmt.Sprintf("g %.2f", levelG[row.Level-1])
			if row.Level-1 < len(fam.Low) && fam.Low[row.Level-1] {
				col = NewColor
			}
			if row.Level == levels && fam.Kind == recall.Seen {
				col = SeenColor
			}
		}
		if row.Beside {
			DrawText(dst, dst.Bounds(), row.Caption.X, row.Caption.Y+1, name, TextScale, Dim)
			if gs != "" {
				DrawText(dst, dst.Bounds(), row.Caption.X, row.Caption.Y+1+lineH, gs, TextScale, col)
			}
		} else {
			DrawText(dst, dst.Bounds(), row.Caption.X, row.Caption.Y+1, name, TextScale, Dim)
			if gs != "" {
				DrawText(dst, dst.Bounds(), row.Caption.X+TextWidth(name+" ", TextScale)+TextScale, row.Caption.Y+1, gs, TextScale, col)
			}
		}
		if row.Level == 0 {
			for i, r := range row.Inputs {
				if i < len(row.Grids) {
					drawUnits(dst, r, l.Grids[row.Grids[i]].Region, s, f)
				}
			}
		}
	}
	// The colour scale of the macs' familiarity, under the hierarchy where
	// there is room (a mac's G is also in words where it is pointed at).
	bottom := l.Hier.Min.Y
	for _, row := range l.Rows {
		bottom = max(bottom, row.Rect.Max.Y)
	}
	if r := image.Rect(l.Hier.Min.X, bottom+Margin, min(l.Hier.Max.X, l.Hier.Min.X+300), bottom+Margin+textH+8); r.Max.Y <= l.Hier.Max.Y && len(l.Rows) > 0 {
		rampBar(dst, dst.Bounds(), r, 0.5, 1, "mac g", gRamp)
	}
	var grids []engine.GridTrace
	if s.Rec != nil {
		grids = Grids(&s.Rec.Trace)
	}
	for i, b := range l.Grids {
		var gt *engine.GridTrace
		if i < len(grids) {
			gt = &grids[i]
		}
		var in []bool
		if f.On && i < len(f.In) {
			in = f.In[i]
		}
		drawGrid(dst, b, gt, f.On, f.Grid >= 0, in, f.On && f.Grid == i, f.Mac)
	}
}

// drawUnits draws the region reg of the input grid (the network's input,
// s.Units) scaled into r.
func drawUnits(dst *image.RGBA, r image.Rectangle, reg engine.Rect, s *Scene, f *Focus) {
	if r.Empty() || reg.W <= 0 || reg.H <= 0 {
		return
	}
	border(dst, r.Inset(-1), Frame)
	fill(dst, r, color.RGBA{0, 0, 0, 0xff})
	var units []bool
	w := 0
	if s.Rec != nil {
		units, w = s.Rec.Units, s.Rec.UnitsW
	}
	focus := f.On && len(f.Units) == len(units) && len(units) > 0
	dimOthers := focus && f.Grid >= 0
	for uy := range reg.H {
		for ux := range reg.W {
			x0, x1 := r.Min.X+ux*r.Dx()/reg.W, r.Min.X+(ux+1)*r.Dx()/reg.W
			y0, y1 := r.Min.Y+uy*r.Dy()/reg.H, r.Min.Y+(uy+1)*r.Dy()/reg.H
			px := image.Rect(x0, y0, x1, y1)
			u := (reg.Y+uy)*w + reg.X + ux
			in := focus && u < len(f.Units) && f.Units[u]
			if in {
				fill(dst, px, color.RGBA{0x4a, 0x36, 0x10, 0xff})
			}
			if w > 0 && u < len(units) && units[u] {
				c := Ink
				if dimOthers && !in {
					c = Dim
				}
				fill(dst, px, c)
			}
		}
	}
}

// drawGrid draws a grid of macs: each as its mode allows (MacMode). With
// a focus, the focus's macs are outlined together and, when dim, the macs
// outside it (in[m] false, or in nil) are dimmed; the pointed mac is
// outlined in white.
func drawGrid(dst *image.RGBA, b GridBox, gt *engine.GridTrace, focus, dimOthers bool, in []bool, pointed bool, mac int) {
	n := b.MacsW * b.MacsH
	valid := gt != nil && len(gt.Active) == n && len(gt.Codes) == n*b.Q && gt.Q == b.Q && gt.K == b.K && len(gt.G) == n
	var box image.Rectangle
	for m := range n {
		r := b.MacRect(m)
		if valid && gt.Active[m] {
			drawMac(dst, b, r, gt.G[m], gt.Codes[m*b.Q:(m+1)*b.Q])
		} else {
			fill(dst, r, SilentCell)
			if b.Mode != MacSolid {
				border(dst, r, MacBG)
			}
		}
		if !focus {
			continue
		}
		if m < len(in) && in[m] {
			box = box.Union(r)
		} else if dimOthers {
			dim(dst, r)
		}
	}
	if focus && !box.Empty() {
		border(dst, box.Inset(-1), Accent)
	}
	if pointed && mac >= 0 && mac < n {
		border(dst, b.MacRect(mac).Inset(-1), Hover)
	}
}

// drawMac draws an active mac of familiarity g and code (its Q winners).
func drawMac(dst *image.RGBA, b GridBox, r image.Rectangle, g float64, code []uint16) {
	fill(dst, r, gRamp(g))
	if b.Mode == MacSolid {
		return
	}
	inner := r.Inset(b.Ring)
	fill(dst, inner, MacBG)
	switch b.Mode {
	case MacStrips:
		for q, k := range code {
			x0 := inner.Min.X + q*inner.Dx()/b.Q
			x1 := inner.Min.X + (q+1)*inner.Dx()/b.Q
			if x1-x0 >= 3 {
				x1-- // a gap between the CMs' columns
			}
			fill(dst, image.Rect(x0, inner.Min.Y, x1, inner.Max.Y), CellOff)
			y := inner.Min.Y + int(k)*inner.Dy()/b.K
			th := max(1, inner.Dy()/b.K)
			fill(dst, image.Rect(x0, y, x1, y+th), Winner)
		}
	case MacCells:
		c, sc := b.Cells, b.Scale
		w, h := c.Size(sc)
		ox := inner.Min.X + (inner.Dx()-w)/2
		oy := inner.Min.Y + (inner.Dy()-h)/2
		if text := fmt.Sprintf("%.2f", g); inner.Dy()-h >= 2*textH && inner.Dx() >= TextWidth(text, TextScale) {
			oy = inner.Min.Y + (inner.Dy()-h-textH)/2
			DrawText(dst, inner, inner.Min.X+(inner.Dx()-TextWidth(text, TextScale))/2, oy+h+3, text, TextScale, gRamp(g))
		}
		for q, k := range code {
			bx := ox + (q%c.QW)*(c.KW*sc+1)
			by := oy + (q/c.QW)*(c.KH*sc+1)
			fill(dst, image.Rect(bx, by, bx+c.KW*sc, by+c.KH*sc), CellOff)
			if int(k) < b.K {
				x, y := bx+int(k)%c.KW*sc, by+int(k)/c.KW*sc
				fill(dst, image.Rect(x, y, x+sc, y+sc), Winner)
			}
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
