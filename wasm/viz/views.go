package viz

import (
	"fmt"
	"image"
	"image/color"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// Colours of the teaching views.
var (
	Learn  = color.RGBA{0x4a, 0x90, 0xd9, 0xff} // learn time
	Recall = color.RGBA{0xff, 0xd5, 0x4a, 0xff} // recall time
	NN     = color.RGBA{0xe0, 0x5a, 0x5a, 0xff} // nearest-neighbour time
	Axis   = color.RGBA{0x6a, 0x76, 0x84, 0xff}
)

// View is what a teaching view shows; exactly one of its fields is set.
type View struct {
	CSA *CSAView
	Map *MapView
	Cap *CapacityView
	Seq *SeqView
}

// CSAView is the CSA step by step for one CM of one mac of level 1.
type CSAView struct {
	Shape    Shape     // level 1
	Active   []bool    // per mac: in its π band
	G        []float64 // per mac: familiarity
	Mac      int       // the mac shown, −1 for none
	CM       int
	V        []float64 // the CM's K cells
	Mu       []float64
	Rho      []float64
	MacG     float64 // G used for η, μ, ρ (the override when Override)
	RealG    float64 // the mac's G
	Eta      float64
	Override bool
	MaxV     int // the max-V cell of the CM
	Drawn    int // the cell drawn from ρ
	Note     string
}

// MapView is the semantic map: the code-overlap matrix of a sample of
// stored items ordered by class, and code overlap against input overlap.
type MapView struct {
	Classes []int     // per item, sorted
	M       []float64 // len(Classes)² overlaps (fraction of CMs)
	Within  float64   // mean overlap of pairs of one class
	Between float64   // … of pairs of different classes
	Curve   []CurvePoint
	Note    string
}

// CurvePoint is one bin of the similarity curve.
type CurvePoint struct {
	X, Y float64 // mean input overlap, mean code overlap
	N    int     // pairs in the bin
}

// CapacityView shows how full each mac is and what learning, recall and a
// nearest-neighbour search cost as items are stored.
type CapacityView struct {
	Levels []Shape
	Sat    [][]float64 // per level, per mac: fraction of U weights set
	Frozen [][]bool
	Points []CostPoint
	Note   string
}

// CostPoint is one bucket of the cost plot.
type CostPoint struct {
	Items                   int     // items stored
	LearnMs, RecallMs, NNMs float64 // per item
}

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

// ViewArea is where a teaching view goes: below the recall views when they
// are right of the pad, else below the pad (covering them).
func (l *Layout) ViewArea() image.Rectangle {
	content := image.Rect(0, 0, l.W, l.H)
	if !l.Panel.Empty() {
		if l.Panel.Min.X > 0 {
			content.Max.X = l.Panel.Min.X
		} else {
			content.Max.Y = l.Panel.Min.Y
		}
	}
	in := content.Inset(Margin)
	top := l.Pad.Max.Y + Margin
	if l.Input.Min.X >= l.Pad.Max.X {
		top = max(top, l.Scores.Max.Y+Margin, l.Meter.Max.Y+Margin)
	}
	r := image.Rect(in.Min.X, top, in.Max.X, in.Max.Y)
	if r.Dx() < 40 || r.Dy() < 40 {
		return image.Rectangle{}
	}
	return r
}

// DrawView paints the scene without its stored-item thumbnails and SDR
// grids, and the view in l.ViewArea.
func DrawView(dst *image.RGBA, l *Layout, s *Scene, v *View) {
	ls := *l
	ls.Thumbs, ls.Levels = nil, nil
	area := l.ViewArea()
	if area.Min.Y <= l.Input.Min.Y { // the view covers the recall views
		ls.Input, ls.Recon, ls.Meter, ls.Scores = image.Rectangle{}, image.Rectangle{}, image.Rectangle{}, image.Rectangle{}
	}
	Draw(dst, &ls, s)
	if area.Empty() || v == nil {
		return
	}
	fill(dst, area, Background)
	switch {
	case v.CSA != nil:
		drawCSA(dst, area, v.CSA)
	case v.Map != nil:
		drawMap(dst, area, v.Map)
	case v.Cap != nil:
		drawCapacity(dst, area, v.Cap)
	case v.Seq != nil:
		drawSeq(dst, area, v.Seq)
	}
}

func caption(dst *image.RGBA, r image.Rectangle, x, y int, s string, c color.RGBA) {
	DrawText(dst, r, x, y, Fit(s, r.Max.X-x, TextScale), TextScale, c)
}

// CSALayout places the CSA view's parts in a view area.
type CSALayout struct {
	Macs LevelBox        // the mini map of level 1's macs (Cell = mac size)
	Bars image.Rectangle // the V, μ and ρ charts
}

// NewCSALayout places the CSA view for level shape sh in area.
func NewCSALayout(area image.Rectangle, sh Shape) CSALayout {
	var l CSALayout
	if area.Empty() || sh.MacsW == 0 || sh.MacsH == 0 {
		return l
	}
	c := max(3, min(12, (area.Dy()-lineH)/max(sh.MacsH, 1)-1, area.Dx()/3/max(sh.MacsW, 1)-1))
	l.Macs = LevelBox{Shape: Shape{MacsW: sh.MacsW, MacsH: sh.MacsH, Q: 1, K: 1}, Cell: c, Gap: 1,
		Caption: area.Min, CaptionW: sh.MacsW * (c + 1)}
	l.Macs.Grid = image.Rect(area.Min.X, area.Min.Y+lineH, area.Min.X+sh.MacsW*(c+1)-1, area.Min.Y+lineH+sh.MacsH*(c+1)-1)
	l.Bars = image.Rect(l.Macs.Grid.Max.X+2*Margin, area.Min.Y, area.Max.X, area.Max.Y)
	return l
}

// MacAt returns the mac of the mini map under (x, y).
func (l CSALayout) MacAt(x, y int) (int, bool) {
	b := l.Macs
	if !image.Pt(x, y).In(b.Grid) || b.Cell == 0 {
		return 0, false
	}
	mx, my := (x-b.Grid.Min.X)/(b.Cell+1), (y-b.Grid.Min.Y)/(b.Cell+1)
	if mx >= b.MacsW || my >= b.MacsH {
		return 0, false
	}
	return my*b.MacsW + mx, true
}

func gColor(g float64) color.RGBA {
	g = min(max(g, 0), 1)
	return color.RGBA{uint8(40 + 180*g), uint8(60 + 150*g), uint8(110 - 40*g), 0xff}
}

func drawCSA(dst *image.RGBA, area image.Rectangle, v *CSAView) {
	l := NewCSALayout(area, v.Shape)
	b := l.Macs
	caption(dst, area, b.Caption.X, b.Caption.Y+1, "level 1: pick a mac", Dim)
	for m := range b.MacsW * b.MacsH {
		r := b.MacRect(m)
		c := SilentCell
		if m < len(v.Active) && v.Active[m] {
			c = gColor(v.G[m])
		}
		fill(dst, r, c)
		if m == v.Mac {
			border(dst, r.Inset(-1), Hover)
		}
	}
	r := l.Bars
	if r.Dx() < 60 {
		return
	}
	y := r.Min.Y + 1
	if v.Mac < 0 || len(v.V) == 0 {
		note := v.Note
		if note == "" {
			note = "draw a digit"
		}
		caption(dst, r, r.Min.X, y, note, Dim)
		return
	}
	mx, my := v.Mac%max(v.Shape.MacsW, 1), v.Mac/max(v.Shape.MacsW, 1)
	caption(dst, r, r.Min.X, y, fmt.Sprintf("mac %d,%d cm %d of %d", mx, my, v.CM, v.Shape.Q), Text)
	y += lineH
	gs := fmt.Sprintf("g %.2f", v.MacG)
	if v.Override {
		gs = fmt.Sprintf("g %.2f set (real %.2f)", v.MacG, v.RealG)
	}
	caption(dst, r, r.Min.X, y, fmt.Sprintf("%s eta %.1f", gs, v.Eta), Accent)
	y += lineH
	caption(dst, r, r.Min.X, y, fmt.Sprintf("max v cell %d, drawn %d", v.MaxV, v.Drawn), Text)
	y += lineH + 2
	k := len(v.V)
	bw := max(1, min(10, (r.Dx()-40)/max(k, 1)))
	ch := max(12, (r.Max.Y-y)/3-lineH/2)
	charts := []struct {
		name  string
		vals  []float64
		fixed float64 // scale: 0 = the max
	}{{"v", v.V, 1}, {"mu", v.Mu, 0}, {"rho", v.Rho, 0}}
	for _, c := range charts {
		top := c.fixed
		if top == 0 {
			for _, x := range c.vals {
				top = max(top, x)
			}
		}
		label := c.name
		if c.fixed == 0 {
			label = fmt.Sprintf("%s max %.3g", c.name, top)
		}
		DrawText(dst, r, r.Min.X, y, Fit(label, r.Dx(), 1), 1, Dim)
		box := image.Rect(r.Min.X, y+7, r.Min.X+k*bw, y+7+ch-9)
		if box.Max.Y > r.Max.Y {
			break
		}
		fill(dst, box, MacBG)
		for i, x := range c.vals {
			col := Bar
			if i == v.MaxV {
				col = Winner
			}
			h := 0
			if top > 0 {
				h = int(x/top*float64(box.Dy()) + 0.5)
			}
			bx := box.Min.X + i*bw
			fill(dst, image.Rect(bx, box.Max.Y-h, bx+max(1, bw-1), box.Max.Y), col)
			if i == v.Drawn {
				fill(dst, image.Rect(bx, box.Max.Y, bx+max(1, bw-1), box.Max.Y+2), Accent)
			}
		}
		y += ch + 2
	}
}

// heat maps 0..1 to a dark-blue → yellow ramp.
func heat(x float64) color.RGBA {
	x = min(max(x, 0), 1)
	return color.RGBA{uint8(20 + 235*x), uint8(24 + 200*x*x), uint8(60 + 60*x - 90*x*x), 0xff}
}

func drawMap(dst *image.RGBA, area image.Rectangle, v *MapView) {
	n := len(v.Classes)
	if n == 0 || len(v.M) != n*n {
		caption(dst, area, area.Min.X, area.Min.Y+1, "code overlap by class", Dim)
		note := v.Note
		if note == "" {
			note = "no stored digits yet"
		}
		caption(dst, area, area.Min.X, area.Min.Y+1+lineH, note, Dim)
		return
	}
	// Colour scale: 0 to 2.5× the mean off-diagonal overlap (at most 1),
	// so the class blocks stand out at the overlaps a sample has.
	mean := 0.0
	for i := range n {
		for j := range n {
			if i != j {
				mean += v.M[i*n+j]
			}
		}
	}
	scale := 1.0
	if n > 1 && mean > 0 {
		scale = min(1, 2.5*mean/float64(n*(n-1)))
	}
	top := area.Min.Y + lineH
	avail := min(area.Dy()-lineH-lineH, area.Dx()/2-12)
	px := max(1, avail/n)
	side := px * n
	hm := image.Rect(area.Min.X+10, top, area.Min.X+10+side, top+side)
	DrawText(dst, area, area.Min.X, area.Min.Y+1, Fit(fmt.Sprintf("codes of %d digits by class", n), side+10, TextScale), TextScale, Dim)
	for i := range n {
		for j := range n {
			x, y := hm.Min.X+j*px, hm.Min.Y+i*px
			c := heat(v.M[i*n+j] / scale)
			if px == 1 && image.Pt(x, y).In(dst.Bounds()) {
				o := dst.PixOffset(x, y)
				dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = c.R, c.G, c.B, 0xff
				continue
			}
			fill(dst, image.Rect(x, y, x+px, y+px), c)
		}
	}
	// Class labels at the middle of each block.
	for i := 0; i < n; {
		j := i
		for j < n && v.Classes[j] == v.Classes[i] {
			j++
		}
		y := hm.Min.Y + (i+j)*px/2 - 2
		DrawText(dst, area, area.Min.X+2, y, fmt.Sprint(v.Classes[i]%100), 1, Dim)
		if j < n {
			fill(dst, image.Rect(hm.Min.X-3, hm.Min.Y+j*px, hm.Min.X, hm.Min.Y+j*px+1), Axis)
		}
		i = j
	}
	caption(dst, area, hm.Min.X, hm.Max.Y+3, fmt.Sprintf("within %.2f between %.2f", v.Within, v.Between), Accent)
	DrawText(dst, area, hm.Min.X, hm.Max.Y+3+lineH, Fit(fmt.Sprintf("colour 0 to %.2f of cms agreeing", scale), side, 1), 1, Dim)

	// The similarity curve.
	pr := image.Rect(hm.Max.X+3*Margin, top+4, area.Max.X-4, hm.Max.Y-12)
	if pr.Dx() < 60 || pr.Dy() < 40 {
		return
	}
	DrawText(dst, area, pr.Min.X, area.Min.Y+1, Fit("code vs input overlap", area.Max.X-pr.Min.X, TextScale), TextScale, Dim)
	fill(dst, image.Rect(pr.Min.X, pr.Min.Y, pr.Min.X+1, pr.Max.Y), Axis)
	fill(dst, image.Rect(pr.Min.X, pr.Max.Y-1, pr.Max.X, pr.Max.Y), Axis)
	DrawText(dst, area, pr.Min.X-8, pr.Min.Y, "1", 1, Dim)
	DrawText(dst, area, pr.Min.X-8, pr.Max.Y-5, "0", 1, Dim)
	DrawText(dst, area, pr.Max.X-4*9, pr.Max.Y+3, "input 1", 1, Dim)
	var prev image.Point
	for i, c := range v.Curve {
		p := image.Pt(pr.Min.X+int(c.X*float64(pr.Dx()-1)), pr.Max.Y-1-int(c.Y*float64(pr.Dy()-1)))
		if i > 0 {
			line(dst, prev, p, Bar)
		}
		fill(dst, image.Rect(p.X-1, p.Y-1, p.X+2, p.Y+2), Winner)
		prev = p
	}
}

// line draws a one-pixel line from a to b.
func line(dst *image.RGBA, a, b image.Point, c color.RGBA) {
	dx, dy := b.X-a.X, b.Y-a.Y
	n := max(iabs(dx), iabs(dy), 1)
	for i := 0; i <= n; i++ {
		x, y := a.X+dx*i/n, a.Y+dy*i/n
		fill(dst, image.Rect(x, y, x+1, y+1), c)
	}
}

func iabs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func drawCapacity(dst *image.RGBA, area image.Rectangle, v *CapacityView) {
	x, y := area.Min.X, area.Min.Y
	gridW := 0
	rows := 0
	for _, sh := range v.Levels {
		rows += sh.MacsH
	}
	c := max(2, min(8, (area.Dy()-15*len(v.Levels)-12)/max(rows, 1)-1))
	for li, sh := range v.Levels {
		if li >= len(v.Sat) {
			break
		}
		sum, frozen := 0.0, 0
		for m, s := range v.Sat[li] {
			sum += s
			if li < len(v.Frozen) && m < len(v.Frozen[li]) && v.Frozen[li][m] {
				frozen++
			}
		}
		mean := sum / float64(max(len(v.Sat[li]), 1))
		DrawText(dst, area, x, y+1, fmt.Sprintf("level %d: %.1f%% set, %d frozen", li+1, 100*mean, frozen), 1, Dim)
		gy := y + 9
		for m, s := range v.Sat[li] {
			mx, my := x+(m%sh.MacsW)*(c+1), gy+(m/sh.MacsW)*(c+1)
			r := image.Rect(mx, my, mx+c, my+c)
			fill(dst, r, heat(min(1, s*4)))
			if li < len(v.Frozen) && m < len(v.Frozen[li]) && v.Frozen[li][m] {
				border(dst, r, Ink)
			}
		}
		gridW = max(gridW, sh.MacsW*(c+1), 4*36)
		y = gy + sh.MacsH*(c+1) + 6
	}
	if len(v.Levels) > 0 {
		DrawText(dst, area, x, y, "colour: weights set x4", 1, Dim)
	}
	pr := image.Rect(x+gridW+4*Margin, area.Min.Y+lineH+4, area.Max.X-4, area.Max.Y-2*lineH)
	if pr.Dx() < 60 || pr.Dy() < 40 {
		return
	}
	caption(dst, area, pr.Min.X-2*Margin, area.Min.Y+1, "ms per item vs items stored", Dim)
	fill(dst, image.Rect(pr.Min.X, pr.Min.Y, pr.Min.X+1, pr.Max.Y), Axis)
	fill(dst, image.Rect(pr.Min.X, pr.Max.Y-1, pr.Max.X, pr.Max.Y), Axis)
	if len(v.Points) == 0 {
		note := v.Note
		if note == "" {
			note = "learning has not started"
		}
		DrawText(dst, area, pr.Min.X+4, pr.Min.Y+4, Fit(note, pr.Dx()-8, 1), 1, Dim)
		return
	}
	ymax, xmax := 0.0, 1
	for _, p := range v.Points {
		ymax = max(ymax, p.LearnMs, p.RecallMs, p.NNMs)
		xmax = max(xmax, p.Items)
	}
	if ymax <= 0 {
		ymax = 1
	}
	ymax *= 1.1
	DrawText(dst, area, pr.Min.X+4, pr.Min.Y, fmt.Sprintf("%.2g ms", ymax), 1, Dim)
	DrawText(dst, area, pr.Max.X-TextWidth(fmt.Sprint(xmax), 1), pr.Max.Y+3, fmt.Sprint(xmax), 1, Dim)
	series := []struct {
		name string
		c    color.RGBA
		at   func(CostPoint) float64
	}{
		{"learn", Learn, func(p CostPoint) float64 { return p.LearnMs }},
		{"recall", Recall, func(p CostPoint) float64 { return p.RecallMs }},
		{"nearest neighbour", NN, func(p CostPoint) float64 { return p.NNMs }},
	}
	lx := pr.Min.X
	for _, s := range series {
		var prev image.Point
		for i, p := range v.Points {
			q := image.Pt(pr.Min.X+int(float64(p.Items)/float64(xmax)*float64(pr.Dx()-1)),
				pr.Max.Y-1-int(s.at(p)/ymax*float64(pr.Dy()-1)))
			if i > 0 {
				line(dst, prev, q, s.c)
			}
			fill(dst, image.Rect(q.X-1, q.Y-1, q.X+1, q.Y+1), s.c)
			prev = q
		}
		last := v.Points[len(v.Points)-1]
		label := fmt.Sprintf("%s %.3f", s.name, s.at(last))
		DrawText(dst, area, lx, pr.Max.Y+12, label, 1, s.c)
		lx += TextWidth(label, 1) + 12
	}
}

func drawSeq(dst *image.RGBA, area image.Rectangle, v *SeqView) {
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
