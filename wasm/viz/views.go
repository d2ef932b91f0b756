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

// CSAView is the CSA step by step for one CM of one mac of any level.
type CSAView struct {
	Shapes   []Shape     // every grid (GridShapes)
	Active   [][]bool    // per grid, per mac: in its π band
	G        [][]float64 // per grid, per mac: familiarity
	Grid     int         // the grid of the mac shown (index into Shapes)
	Mac      int         // the mac shown, −1 for none
	CM       int
	V        []float64 // the CM's K cells
	Mu       []float64
	Rho      []float64
	MacG     float64 // G used for η, μ and ρ (the override when Override)
	RealG    float64 // the mac's G
	Eta      float64
	Override bool
	MaxV     int // the max-V cell of the CM
	Drawn    int // the cell drawn from ρ
	Note     string
}

// MapView is the semantic map: the code-overlap matrices of a sample of
// stored items ordered by class, at the top level and at level 1, and
// code overlap against input overlap at both.
type MapView struct {
	Classes []int // per item, sorted
	Levels  []MapLevel
	Note    string
}

// MapLevel is the map of one level.
type MapLevel struct {
	Level   int
	Name    string    // "top level", "level 1"
	M       []float64 // len(Classes)² overlaps (fraction of CMs)
	Within  float64   // mean overlap of pairs of one class
	Between float64   // … of pairs of different classes
	Curve   []CurvePoint
}

// CurvePoint is one bin of the similarity curve.
type CurvePoint struct {
	X, Y float64 // mean input overlap, mean code overlap
	N    int     // pairs in the bin
}

// CapacityView shows how full each mac is, what learning, recall and a
// nearest-neighbour search cost as items are stored, and the episodic
// curve: the top level's familiarity of stored and of unseen items as the
// memory fills.
type CapacityView struct {
	Levels []Shape
	Sat    [][]float64 // per grid, per mac: fraction of U weights set
	Frozen [][]bool
	Points []CostPoint
	Epi    []EpiPoint
	Note   string
}

// CostPoint is one bucket of the cost plot.
type CostPoint struct {
	Items                   int     // items stored
	LearnMs, RecallMs, NNMs float64 // per item
}

// EpiPoint is one point of the episodic curve.
type EpiPoint struct {
	Items            int     // items stored
	StoredG, UnseenG float64 // mean top-level G of a sample of stored items, of unseen ones
	AUROC            float64 // of G separating the two samples
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

// ViewArea is where a teaching view goes: the hierarchy's area.
func (l *Layout) ViewArea() image.Rectangle {
	if l.Hier.Dx() < 40 || l.Hier.Dy() < 40 {
		return image.Rectangle{}
	}
	return l.Hier
}

// DrawView paints the scene without the hierarchy, and the view in
// l.ViewArea.
func DrawView(dst *image.RGBA, l *Layout, s *Scene, v *View) {
	drawMain(dst, l, s)
	area := l.ViewArea()
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
	Map  []GridBox       // the mini hierarchy of every grid's macs (MacSolid)
	Rows []Row           // its rows (no input row)
	Bars image.Rectangle // the V, μ and ρ charts
}

// NewCSALayout places the CSA view for the grids shapes in area: a small
// hierarchy of all the macs to pick from, above the charts (or left of
// them in a wide area).
func NewCSALayout(area image.Rectangle, shapes []Shape) CSALayout {
	var l CSALayout
	if area.Empty() || len(shapes) == 0 {
		return l
	}
	wide := area.Dx() > 2*area.Dy()
	mw, mh := area.Dx(), area.Dy()*2/5
	if wide {
		mw, mh = area.Dx()/2, area.Dy()
	}
	unit := sideUnit(shapes)
	for L := (min(mw, mh) / unit) * unit; L >= unit; L -= unit {
		pw, ph, ok := pyramidSize(shapes, L, 0)
		if !ok || pw > mw || ph+lineH > mh {
			continue
		}
		m := image.Rect(area.Min.X, area.Min.Y+lineH, area.Min.X+mw, area.Min.Y+lineH+ph)
		l.Map, l.Rows = placePyramid(m, shapes, L, 0, true)
		for i := range l.Map {
			l.Map[i].Mode = MacSolid
		}
		if wide {
			l.Bars = image.Rect(m.Max.X+2*Margin, area.Min.Y, area.Max.X, area.Max.Y)
		} else {
			l.Bars = image.Rect(area.Min.X, m.Max.Y+Margin, area.Max.X, area.Max.Y)
		}
		return l
	}
	l.Bars = area
	return l
}

// MacAt returns the grid and mac of the mini hierarchy under (x, y).
func (l CSALayout) MacAt(x, y int) (grid, mac int, ok bool) {
	ml := Layout{Grids: l.Map}
	return ml.MacAt(x, y)
}

func gColor(g float64) color.RGBA { return gRamp(g) }

func drawCSA(dst *image.RGBA, area image.Rectangle, v *CSAView) {
	l := NewCSALayout(area, v.Shapes)
	caption(dst, area, area.Min.X, area.Min.Y+1, "pick a mac of any level", Dim)
	levels := 0
	for _, b := range l.Map {
		levels = max(levels, b.Level)
	}
	for _, row := range l.Rows {
		DrawText(dst, area, row.Caption.X, row.Caption.Y+1, levelName(row.Level, levels), TextScale, Dim)
	}
	for gi, b := range l.Map {
		for m := range b.MacsW * b.MacsH {
			r := b.MacRect(m)
			c := SilentCell
			if gi < len(v.Active) && m < len(v.Active[gi]) && v.Active[gi][m] {
				c = gColor(v.G[gi][m])
			}
			fill(dst, r, c)
			if gi == v.Grid && m == v.Mac {
				border(dst, r.Inset(-1), Hover)
			}
		}
	}
	r := l.Bars
	if r.Dx() < 60 || r.Dy() < 40 {
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
	var sh Shape
	if v.Grid >= 0 && v.Grid < len(v.Shapes) {
		sh = v.Shapes[v.Grid]
	}
	mx, my := v.Mac%max(sh.MacsW, 1), v.Mac/max(sh.MacsW, 1)
	where := levelName(sh.Level, levels)
	if sh.Name != "" && sh.Name != where && sh.Name != "top" {
		where += " " + sh.Name
	}
	caption(dst, r, r.Min.X, y, fmt.Sprintf("%s mac %d,%d", where, mx, my), Text)
	y += lineH
	caption(dst, r, r.Min.X, y, fmt.Sprintf("cm %d of %d, k %d", v.CM, sh.Q, len(v.V)), Text)
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
	bw := max(1, min(10, (r.Dx()-4)/max(k, 1)))
	ch := max(12, (r.Max.Y-y)/3-2)
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
	if n == 0 || len(v.Levels) == 0 {
		caption(dst, area, area.Min.X, area.Min.Y+1, "code overlap by class", Dim)
		note := v.Note
		if note == "" {
			note = "no stored digits yet"
		}
		caption(dst, area, area.Min.X, area.Min.Y+1+lineH, note, Dim)
		return
	}
	// The matrices side by side, the curve below them (or right of them
	// in a wide area). A matrix smaller than one pixel per item shows the
	// mean of each block of items.
	k := len(v.Levels)
	wide := area.Dx() > 2*area.Dy()
	mw := area.Dx()
	if wide {
		mw = area.Dx() * 2 / 3
	}
	side := min((mw-(k-1)*2*Margin)/k-12, area.Dy()/2-3*lineH)
	if wide {
		side = min((mw-(k-1)*2*Margin)/k-12, area.Dy()-4*lineH)
	}
	if side < 16 {
		return
	}
	px := max(1, side/n)
	if side >= n {
		side = px * n
	}
	x := area.Min.X
	bottom := area.Min.Y
	for _, ml := range v.Levels {
		if len(ml.M) != n*n {
			continue
		}
		bottom = max(bottom, drawMatrix(dst, area, image.Pt(x, area.Min.Y), side, v.Classes, &ml))
		x += side + 12 + 2*Margin
	}
	pr := image.Rect(area.Min.X+3*Margin, bottom+lineH+4, area.Max.X-4, area.Max.Y-2*lineH)
	if wide {
		pr = image.Rect(x+2*Margin, area.Min.Y+lineH+4, area.Max.X-4, area.Max.Y-2*lineH)
	}
	if pr.Dx() < 60 || pr.Dy() < 40 {
		return
	}
	DrawText(dst, area, pr.Min.X-2*Margin, pr.Min.Y-lineH-3, Fit("code vs input overlap", area.Max.X-pr.Min.X+2*Margin, TextScale), TextScale, Dim)
	fill(dst, image.Rect(pr.Min.X, pr.Min.Y, pr.Min.X+1, pr.Max.Y), Axis)
	fill(dst, image.Rect(pr.Min.X, pr.Max.Y-1, pr.Max.X, pr.Max.Y), Axis)
	DrawText(dst, area, pr.Min.X-8, pr.Min.Y, "1", 1, Dim)
	DrawText(dst, area, pr.Min.X-8, pr.Max.Y-5, "0", 1, Dim)
	DrawText(dst, area, pr.Max.X-4*9, pr.Max.Y+3, "input 1", 1, Dim)
	cols := []color.RGBA{Winner, Bar, NN}
	lx := pr.Min.X
	for i, ml := range v.Levels {
		c := cols[i%len(cols)]
		var prev image.Point
		for j, cp := range ml.Curve {
			p := image.Pt(pr.Min.X+int(cp.X*float64(pr.Dx()-1)), pr.Max.Y-1-int(cp.Y*float64(pr.Dy()-1)))
			if j > 0 {
				line(dst, prev, p, c)
			}
			fill(dst, image.Rect(p.X-1, p.Y-1, p.X+2, p.Y+2), c)
			prev = p
		}
		DrawText(dst, area, lx, pr.Max.Y+12, ml.Name, 1, c)
		lx += TextWidth(ml.Name, 1) + 12
	}
}

// drawMatrix draws one level's overlap matrix, side pixels square, with
// its caption at at; it returns the y below its texts.
func drawMatrix(dst *image.RGBA, area image.Rectangle, at image.Point, side int, classes []int, ml *MapLevel) int {
	n := len(classes)
	// Colour scale: 0 to 2.5× the mean off-diagonal overlap (at most 1),
	// so the class blocks stand out at the overlaps a sample has; at least
	// 0.05, so that codes that share nearly nothing look it.
	mean := 0.0
	for i := range n {
		for j := range n {
			if i != j {
				mean += ml.M[i*n+j]
			}
		}
	}
	scale := 1.0
	if n > 1 && mean > 0 {
		scale = min(1, max(0.05, 2.5*mean/float64(n*(n-1))))
	}
	hm := image.Rect(at.X+10, at.Y+lineH, at.X+10+side, at.Y+lineH+side)
	DrawText(dst, area, at.X, at.Y+1, Fit(ml.Name, side+10, TextScale), TextScale, Dim)
	// Pixel (x, y) shows the mean over the items of its block.
	for y := range side {
		i0, i1 := y*n/side, max((y+1)*n/side, y*n/side+1)
		for x := range side {
			j0, j1 := x*n/side, max((x+1)*n/side, x*n/side+1)
			sum := 0.0
			for i := i0; i < i1; i++ {
				for j := j0; j < j1; j++ {
					sum += ml.M[i*n+j]
				}
			}
			c := heat(sum / float64((i1-i0)*(j1-j0)) / scale)
			if p := image.Pt(hm.Min.X+x, hm.Min.Y+y); p.In(dst.Bounds()) {
				o := dst.PixOffset(p.X, p.Y)
				dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = c.R, c.G, c.B, 0xff
			}
		}
	}
	px := float64(side) / float64(n)
	// Class labels at the middle of each block.
	for i := 0; i < n; {
		j := i
		for j < n && classes[j] == classes[i] {
			j++
		}
		y := hm.Min.Y + int(float64(i+j)*px/2) - 2
		DrawText(dst, area, at.X+2, y, fmt.Sprint(classes[i]%100), 1, Dim)
		if j < n {
			yj := hm.Min.Y + int(float64(j)*px)
			fill(dst, image.Rect(hm.Min.X-3, yj, hm.Min.X, yj+1), Axis)
		}
		i = j
	}
	r := image.Rect(at.X, hm.Max.Y, hm.Max.X+Margin, hm.Max.Y+2*lineH)
	DrawText(dst, r, hm.Min.X, hm.Max.Y+3, Fit(fmt.Sprintf("in %.3f out %.3f", ml.Within, ml.Between), side, 1), 1, Accent)
	DrawText(dst, r, hm.Min.X, hm.Max.Y+12, Fit(fmt.Sprintf("colour 0 to %.2f", scale), side, 1), 1, Dim)
	return hm.Max.Y + 20
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
	// Per grid, the fraction of weights set (small maps, in rows by level).
	wide := area.Dx() > 2*area.Dy()
	gw := area.Dx()
	if wide {
		gw = area.Dx() / 3
	}
	levels := levelsOf(v.Levels)
	c := 2
	for try := 6; try >= 2; try-- {
		h := 0
		for _, grids := range levels {
			w, rh := 0, 0
			for _, gi := range grids {
				sh := v.Levels[gi]
				w += sh.MacsW*(try+1) + Margin
				rh = max(rh, sh.MacsH*(try+1))
			}
			if w > gw {
				h = 1 << 20
			}
			h += rh + 9 + 4
		}
		if h <= area.Dy()/3 || wide && h <= area.Dy()-20 {
			c = try
			break
		}
	}
	for li := len(levels) - 1; li >= 0; li-- {
		sum, n, frozen := 0.0, 0, 0
		for _, gi := range levels[li] {
			if gi >= len(v.Sat) {
				continue
			}
			for m, s := range v.Sat[gi] {
				sum += s
				n++
				if gi < len(v.Frozen) && m < len(v.Frozen[gi]) && v.Frozen[gi][m] {
					frozen++
				}
			}
		}
		DrawText(dst, area, x, y+1, fmt.Sprintf("%s: %.1f%% set, %d frozen", levelName(li+1, len(levels)), 100*sum/float64(max(n, 1)), frozen), 1, Dim)
		gy, gx, rh := y+9, x, 0
		for _, gi := range levels[li] {
			sh := v.Levels[gi]
			if gi >= len(v.Sat) {
				continue
			}
			for m, s := range v.Sat[gi] {
				mx, my := gx+(m%sh.MacsW)*(c+1), gy+(m/sh.MacsW)*(c+1)
				r := image.Rect(mx, my, mx+c, my+c)
				fill(dst, r, heat(min(1, s*4)))
				if gi < len(v.Frozen) && m < len(v.Frozen[gi]) && v.Frozen[gi][m] {
					border(dst, r, Ink)
				}
			}
			gx += sh.MacsW*(c+1) + Margin
			rh = max(rh, sh.MacsH*(c+1))
		}
		y = gy + rh + 4
	}
	if len(v.Levels) > 0 {
		DrawText(dst, area, x, y, "colour: weights set x4, white: frozen", 1, Dim)
		y += 10
	}
	// The two plots: cost, and the episodic curve.
	var plots [2]image.Rectangle
	if wide {
		w := (area.Max.X - (area.Min.X + gw + 4*Margin)) / 2
		x0 := area.Min.X + gw + 4*Margin
		plots[0] = image.Rect(x0, area.Min.Y+lineH+4, x0+w-4*Margin, area.Max.Y-2*lineH)
		plots[1] = image.Rect(x0+w+2*Margin, area.Min.Y+lineH+4, area.Max.X-4, area.Max.Y-2*lineH)
	} else {
		h := (area.Max.Y - y) / 2
		plots[0] = image.Rect(x+4*Margin, y+lineH+4, area.Max.X-4, y+h-2*lineH)
		plots[1] = image.Rect(x+4*Margin, y+h+lineH+4, area.Max.X-4, area.Max.Y-2*lineH)
	}
	drawCost(dst, area, plots[0], v)
	drawEpisodic(dst, area, plots[1], v)
}

// axes draws a plot's axes and caption; false if pr is too small.
func axes(dst *image.RGBA, area, pr image.Rectangle, title string) bool {
	if pr.Dx() < 60 || pr.Dy() < 30 {
		return false
	}
	caption(dst, area, pr.Min.X-2*Margin, pr.Min.Y-lineH-3, title, Dim)
	fill(dst, image.Rect(pr.Min.X, pr.Min.Y, pr.Min.X+1, pr.Max.Y), Axis)
	fill(dst, image.Rect(pr.Min.X, pr.Max.Y-1, pr.Max.X, pr.Max.Y), Axis)
	return true
}

func drawCost(dst *image.RGBA, area, pr image.Rectangle, v *CapacityView) {
	if !axes(dst, area, pr, "ms per item vs items stored") {
		return
	}
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
	lx, ly := pr.Min.X, pr.Max.Y+12
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
		if lx+TextWidth(label, 1) > area.Max.X {
			lx, ly = pr.Min.X, ly+8
		}
		DrawText(dst, area, lx, ly, label, 1, s.c)
		lx += TextWidth(label, 1) + 12
	}
}

// drawEpisodic plots the top level's familiarity of stored and unseen
// items against items stored, on a G axis from 0.5 to 1.
func drawEpisodic(dst *image.RGBA, area, pr image.Rectangle, v *CapacityView) {
	if !axes(dst, area, pr, "top-level g: stored vs unseen") {
		return
	}
	if len(v.Epi) == 0 {
		DrawText(dst, area, pr.Min.X+4, pr.Min.Y+4, Fit("measured every 500 items", pr.Dx()-8, 1), 1, Dim)
		return
	}
	xmax := 1
	for _, p := range v.Epi {
		xmax = max(xmax, p.Items)
	}
	const lo = 0.5
	yOf := func(g float64) int {
		f := (min(max(g, lo), 1) - lo) / (1 - lo)
		return pr.Max.Y - 1 - int(f*float64(pr.Dy()-1))
	}
	DrawText(dst, area, pr.Min.X-8, pr.Min.Y, "1", 1, Dim)
	DrawText(dst, area, pr.Min.X-16, pr.Max.Y-5, ".5", 1, Dim)
	DrawText(dst, area, pr.Max.X-TextWidth(fmt.Sprint(xmax), 1), pr.Max.Y+3, fmt.Sprint(xmax), 1, Dim)
	series := []struct {
		name string
		c    color.RGBA
		at   func(EpiPoint) float64
	}{
		{"stored", SeenColor, func(p EpiPoint) float64 { return p.StoredG }},
		{"unseen", NewColor, func(p EpiPoint) float64 { return p.UnseenG }},
	}
	for _, s := range series {
		var prev image.Point
		for i, p := range v.Epi {
			q := image.Pt(pr.Min.X+int(float64(p.Items)/float64(xmax)*float64(pr.Dx()-1)), yOf(s.at(p)))
			if i > 0 {
				line(dst, prev, q, s.c)
			}
			fill(dst, image.Rect(q.X-1, q.Y-1, q.X+1, q.Y+1), s.c)
			prev = q
		}
	}
	last := v.Epi[len(v.Epi)-1]
	label := fmt.Sprintf("stored %.3f unseen %.3f auroc %.2f", last.StoredG, last.UnseenG, last.AUROC)
	DrawText(dst, area, pr.Min.X, pr.Max.Y+12, Fit(label, area.Max.X-pr.Min.X, 1), 1, Text)
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
