package viz

import (
	"image"

	"github.com/sparsey-web/sparsey/engine"
)

// Geometry constants, in CSS pixels.
const (
	Margin      = 8   // space around and between views
	PanelWidth  = 264 // HTML control panel at the right on wide canvases
	PanelHeight = 230 // HTML control panel at the bottom on narrow canvases
	WideMin     = 720 // canvases at least this wide put the panel at the right
	TextScale   = 2   // captions: 6×10-pixel glyphs
	lineH       = 14  // caption line height
	scoreRowH   = 13
	textH       = 12 // a line of TextScale text
	whyChars    = 44 // the longest reason under the familiarity bar (recall.Familiarity.Why)
	rowGap      = 6  // between the rows of the hierarchy
	gridGap     = 8  // between the grids of one row
	sideCapW    = 58 // a caption beside a row: "level 2" over "g 0.85"
	padMax      = 440
	minSide     = 24 // the smallest grid side of the hierarchy (2-pixel macs at level 1)
)

// Shape is the geometry of one grid of macs: its level (from 1), its
// index in the level, its name, its grid of macs and each mac's Q
// competitive modules of K cells. Region is, for a grid of level 1, the
// part of the input grid its macs read (the input row of the hierarchy
// shows it); it is zero above level 1.
type Shape struct {
	Level, Grid  int
	Name         string
	MacsW, MacsH int
	Q, K         int
	Region       engine.Rect
}

// MacMode is how much of a mac the hierarchy can show at its size.
type MacMode int

const (
	// MacSolid: the mac is a square in the colour of its familiarity G
	// (dark when silent). For macs under Q+2 pixels.
	MacSolid MacMode = iota
	// MacStrips: a ring in the colour of G around one column per CM, in
	// which the winning cell is a tick at the height of its index (k/K
	// from the top). The same code gives the same ticks, one CM more or
	// less moves one tick: codes can be compared CM by CM, which a hash
	// colour of the whole code would not allow.
	MacStrips
	// MacCells: a ring in the colour of G around every cell of the mac,
	// each CM a block of K cells (CMLayout), the winners lit: the code as
	// it is, when one pixel per cell fits.
	MacCells
)

// CMLayout arranges a mac's Q×K cells in a square-ish block for MacCells:
// each CM a block of KW×KH cells (index k at column k%KW, row k/KW), the
// CMs in QW columns and QH rows with one-pixel gaps between them.
type CMLayout struct {
	KW, KH, QW, QH int
}

// Size is the block's size in pixels at scale pixels per cell.
func (c CMLayout) Size(scale int) (w, h int) {
	return c.QW*c.KW*scale + c.QW - 1, c.QH*c.KH*scale + c.QH - 1
}

// ArrangeCMs returns the CMLayout of Q CMs of K cells whose block has the
// shortest longer side (then the smallest area).
func ArrangeCMs(q, k int) CMLayout {
	best, bs, ba := CMLayout{KW: max(k, 1), KH: 1, QW: 1, QH: max(q, 1)}, 1<<30, 1<<30
	for kw := 1; kw <= max(k, 1); kw++ {
		kh := (k + kw - 1) / kw
		if kh*kw-k >= kw { // a whole empty row
			continue
		}
		for qw := 1; qw <= max(q, 1); qw++ {
			qh := (q + qw - 1) / qw
			c := CMLayout{KW: kw, KH: max(kh, 1), QW: qw, QH: qh}
			w, h := c.Size(1)
			if s, a := max(w, h), w*h; s < bs || s == bs && a < ba {
				best, bs, ba = c, s, a
			}
		}
	}
	return best
}

// GridBox places one grid of macs in the hierarchy. Macs are squares of
// Side pixels, Pitch pixels apart.
type GridBox struct {
	Shape
	Rect        image.Rectangle // the macs
	Pitch, Side int
	Mode        MacMode
	Ring        int      // width of the familiarity ring (MacStrips, MacCells)
	Cells       CMLayout // MacCells
	Scale       int      // MacCells: pixels per cell
}

// MacRect is the square of mac m (row-major in the grid of macs).
func (b GridBox) MacRect(m int) image.Rectangle {
	if b.MacsW <= 0 {
		return image.Rectangle{}
	}
	x := b.Rect.Min.X + (m%b.MacsW)*b.Pitch
	y := b.Rect.Min.Y + (m/b.MacsW)*b.Pitch
	return image.Rect(x, y, x+b.Side, y+b.Side)
}

// Row is one row of the hierarchy: the input (Level 0) at the bottom, then
// each level's grids side by side, the top level at the top.
type Row struct {
	Level   int             // 0 for the input row
	Rect    image.Rectangle // the grids (or input images) of the row
	Caption image.Point     // top-left of the caption
	Beside  bool            // the caption is left of the row (two lines), else above it (one line)
	Grids   []int           // the row's grids (indices into Layout.Grids); level 1's in the input row
	// Inputs are, in the input row, the images of the parts of the input
	// that each grid of level 1 reads (Shape.Region), under their grids.
	Inputs []image.Rectangle
}

// Options are the inputs of NewLayout besides the canvas size.
type Options struct {
	// Embed hides the control panel: the canvas shows only the pad and the
	// recall views.
	Embed bool
	// Levels are the shapes of the grids of every level, bottom first
	// (GridShapes).
	Levels []Shape
	// Thumbs is the most thumbnails of other stored items to show.
	// Default 6.
	Thumbs int
	// Bar is the height of the HTML bar of controls at the bottom of an
	// embedded page (measured by the page), kept free.
	Bar int
}

// Layout is where every view goes on a canvas of W×H CSS pixels.
// Rectangles that are empty are not shown.
type Layout struct {
	W, H  int
	Embed bool
	Panel image.Rectangle // the HTML control panel (empty when embedded)
	Bar   image.Rectangle // the HTML bar of controls of an embedded page (Options.Bar)
	Pad   image.Rectangle // the drawing pad (square)
	// The recall views, beside or below the pad: the preprocessed input,
	// the reconstruction from the top level's code and the nearest stored
	// item (28×28 each, scaled), with the nearest item's text below it.
	Input, Recon, Nearest image.Rectangle
	NearestText           image.Rectangle
	Meter                 image.Rectangle // the familiarity bar (its caption above it)
	MeterWhy              image.Rectangle // a line under the bar: why the words are what they are
	Scores                image.Rectangle // class score bars (their caption above them)
	Thumbs                []image.Rectangle
	// Hier is the hierarchy's area (teaching views are drawn there
	// instead); Grids are every grid in the order of Options.Levels and
	// Rows the rows, the input row first.
	Hier  image.Rectangle
	Grids []GridBox
	Rows  []Row
}

// NewLayout places the views on a w×h canvas. It is a pure function of its
// arguments.
//
// The hierarchy goes right of the pad (a canvas wider than tall) or below
// the pad and the recall views (taller than wide), whichever lets its
// macs be larger; the recall views go below the pad, or right of it. A
// grid's side is the same at every level (each level covers the whole
// input): level 1's 12×12 macs are small, the top level's 2×2 large, so
// that every level shows as much of its codes as its macs' size allows
// (MacMode).
func NewLayout(w, h int, opt Options) Layout {
	l := Layout{W: max(w, 0), H: max(h, 0), Embed: opt.Embed}
	content := image.Rect(0, 0, l.W, l.H)
	if opt.Embed && opt.Bar > 0 {
		l.Bar = image.Rect(0, max(l.H-opt.Bar, 0), l.W, l.H)
		content.Max.Y = l.Bar.Min.Y
	}
	if !opt.Embed {
		if l.W >= WideMin {
			l.Panel = image.Rect(l.W-PanelWidth, 0, l.W, l.H)
			content.Max.X = l.Panel.Min.X
		} else {
			ph := min(PanelHeight, l.H/2)
			l.Panel = image.Rect(0, l.H-ph, l.W, l.H)
			content.Max.Y = l.Panel.Min.Y
		}
	}
	in := content.Inset(Margin)
	if in.Empty() || in.Dx() < 40 || in.Dy() < 40 {
		return l
	}
	n := opt.Thumbs
	if n == 0 {
		n = 6
	}
	sMin := min(max(min(in.Dx(), in.Dy())*7/20, 120), 240, in.Dx(), in.Dy())

	// Search: the largest grid side with the input row at full size, then
	// at half size, then without; for each, the larger pad.
	unit := sideUnit(opt.Levels)
	var best *Layout
	for _, inFrac := range []int{2, 1, 0} { // input row side: L·inFrac/2
		for L := (min(in.Dx(), in.Dy()) / unit) * unit; L >= max(unit, minSide) && best == nil; L -= unit {
			for _, side := range []bool{true, false} {
				c, ok := tryLayout(l, in, opt.Levels, L, L*inFrac/2, side, sMin, n)
				if ok && (best == nil || c.Pad.Dx() > best.Pad.Dx()) {
					cc := c
					best = &cc
				}
			}
		}
		if best != nil {
			break
		}
	}
	if best == nil { // no hierarchy fits: the pad and the recall views only
		c, _ := tryLayout(l, in, nil, 0, 0, false, 80, n)
		return c
	}
	return *best
}

// sideUnit is the step of the grid side: the least common multiple of the
// grids' mac counts per side (at most 24), so that every grid of a size
// fills it exactly.
func sideUnit(shapes []Shape) int {
	u := 1
	for _, s := range shapes {
		d := max(s.MacsW, s.MacsH, 1)
		next := u * d / gcd(u, d)
		if next > 24 {
			return 1
		}
		u = next
	}
	return u
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// tryLayout places the pad, the recall views and the hierarchy (grid side
// L, input images Li) with the hierarchy right of the pad (side) or below
// it; ok when the pad is at least sMin and everything fits.
func tryLayout(l Layout, in image.Rectangle, shapes []Shape, L, Li int, side bool, sMin, thumbs int) (Layout, bool) {
	var pw, ph int // the hierarchy's size
	if len(shapes) > 0 {
		var ok bool
		pw, ph, ok = pyramidSize(shapes, L, Li)
		if !ok {
			return l, false
		}
	}
	var S int
	cardBeside := false // the recall views right of the pad (not side)
	if side {
		// Pad and recall views in a column left of the hierarchy.
		S = min(in.Dx()-pw-Margin, padMax, in.Dy()-cardMin(in.Dx()-pw-Margin)-Margin)
		if len(shapes) == 0 {
			return l, false
		}
	} else {
		// Pad with the recall views right of it (or below it), the
		// hierarchy below both.
		avail := in.Dy() - ph
		if len(shapes) > 0 {
			avail -= Margin
		}
		// The largest pad with the recall views beside it and no taller
		// than it (a smaller pad leaves them more width, so fewer lines).
		// With the whole card if a pad of at least sMin allows it.
		beside := 0
		for _, need := range []func(int) int{cardFull, cardMin} {
			beside = min(avail, padMax, in.Dx()-Margin-cardMinW)
			for beside >= sMin && beside < need(in.Dx()-beside-Margin) {
				beside--
			}
			if beside >= sMin {
				break
			}
			beside = 0
		}
		below := min(avail-cardFull(in.Dx())-Margin, padMax, in.Dx())
		S = max(beside, below)
		cardBeside = S == beside && beside > 0
	}
	if S < sMin || ph > in.Dy() || pw > in.Dx() {
		return l, false
	}
	l.Pad = image.Rect(in.Min.X, in.Min.Y, in.Min.X+S, in.Min.Y+S)
	var card image.Rectangle
	switch {
	case side:
		card = image.Rect(in.Min.X, l.Pad.Max.Y+Margin, l.Pad.Max.X, in.Max.Y)
		l.Hier = image.Rect(l.Pad.Max.X+Margin, in.Min.Y, in.Max.X, in.Max.Y)
	case cardBeside:
		card = image.Rect(l.Pad.Max.X+Margin, in.Min.Y, in.Max.X, l.Pad.Max.Y)
		l.Hier = image.Rect(in.Min.X, l.Pad.Max.Y+Margin, in.Max.X, in.Max.Y)
	default:
		card = image.Rect(in.Min.X, l.Pad.Max.Y+Margin, in.Max.X, in.Max.Y-ph-Margin)
		l.Hier = image.Rect(in.Min.X, card.Max.Y+Margin, in.Max.X, in.Max.Y)
	}
	if !placeCard(&l, card, thumbs) {
		return l, false
	}
	if len(shapes) > 0 {
		l.Grids, l.Rows = placePyramid(l.Hier, shapes, L, Li, !side)
	} else {
		l.Hier = image.Rectangle{}
	}
	return l, true
}

// The recall views need at least this much room: three 28-pixel views
// with captions and text, the meter and three rows of scores.
const cardMinW = 3*28 + 2*Margin + 40

func cardMin(w int) int {
	// One line of the nearest item's caption, no reason under the bar:
	// on a small canvas the rest of them is cut (placeCard).
	h := lineH + 28 + textH + 4 + lineH + 10 + Margin + lineH + 3*scoreRowH
	if w < cardMinW {
		return 1 << 20
	}
	return h
}

// cardFull is the height of the recall views in a card w wide with every
// line of their texts.
func cardFull(w int) int { return cardMin(w) + nearH(w) - textH + whyH(w) }

// whyH is the height of the reason under the familiarity bar in a card w
// wide: whyChars wrapped to the width, at most three lines.
func whyH(w int) int {
	cw := max(w/(4*TextScale), 1)
	return 2 + textH*min(max((whyChars+cw-1)/cw, 1), 3)
}

// nearH is the height of the nearest item's caption in a card w wide: its
// two lines (recall.Item.Caption, at most 16 and 28 characters) wrapped to
// the width.
func nearH(w int) int {
	cw := max(w/(4*TextScale), 1)
	return textH * ((16+cw-1)/cw + (28+cw-1)/cw)
}

// placeCard places the recall views in r; false if they do not fit.
func placeCard(l *Layout, r image.Rectangle, thumbs int) bool {
	if r.Dx() < cardMinW-40 || r.Dy() < cardMin(max(r.Dx(), cardMinW)) {
		return false
	}
	vs := max(1, min(3, (r.Dx()-2*Margin)/3/28))
	// Keep four rows of scores.
	for vs > 1 && lineH+28*vs+nearH(r.Dx())+4+lineH+10+whyH(r.Dx())+Margin+lineH+4*scoreRowH > r.Dy() {
		vs--
	}
	v := 28 * vs
	// The nearest item's caption and the reason under the bar, as many
	// lines of them as the card has room for (cardMin counts one).
	nh, wh := nearH(r.Dx()), whyH(r.Dx())
	if spare := r.Dy() - (lineH + v + 4 + lineH + 10 + Margin + lineH + 3*scoreRowH); nh+wh > spare {
		wh = 0 // no reason under the bar rather than part of it
		nh = min(nh, max(textH, spare/textH*textH))
	}
	y := r.Min.Y + lineH
	l.Input = image.Rect(r.Min.X, y, r.Min.X+v, y+v)
	l.Recon = image.Rect(l.Input.Max.X+Margin, y, l.Input.Max.X+Margin+v, y+v)
	l.Nearest = image.Rect(l.Recon.Max.X+Margin, y, l.Recon.Max.X+Margin+v, y+v)
	l.NearestText = image.Rect(r.Min.X, l.Nearest.Max.Y+3, r.Max.X, l.Nearest.Max.Y+3+nh)
	y = l.NearestText.Max.Y + lineH
	l.Meter = image.Rect(r.Min.X, y, min(r.Max.X, r.Min.X+max(3*v+2*Margin, 200)), y+10)
	l.MeterWhy = image.Rect(r.Min.X, l.Meter.Max.Y, r.Max.X, l.Meter.Max.Y+wh)
	if wh == 0 {
		l.MeterWhy = image.Rectangle{}
	}
	y = l.Meter.Max.Y + wh + Margin + lineH
	rows := min(11, (r.Max.Y-y)/scoreRowH)
	if rows < 3 {
		return false
	}
	// Ten digits in one column when it fits, else in columns.
	l.Scores = image.Rect(r.Min.X, y, r.Max.X, y+rows*scoreRowH)
	y = l.Scores.Max.Y + Margin
	l.Thumbs = nil
	if thumbs > 0 && y+lineH+28+12 <= r.Max.Y {
		ts := 1
		if y+lineH+56+12 <= r.Max.Y && (r.Dx()+Margin)/(56+Margin) >= min(thumbs, 4) {
			ts = 2
		}
		tw := 28 * ts
		for i := range min(thumbs, (r.Dx()+Margin)/(tw+Margin)) {
			x := r.Min.X + i*(tw+Margin)
			l.Thumbs = append(l.Thumbs, image.Rect(x, y+lineH, x+tw, y+lineH+tw))
		}
	}
	return true
}

// levelsOf groups the shapes by level: the indices of each level's grids,
// bottom first.
func levelsOf(shapes []Shape) [][]int {
	var out [][]int
	for i, s := range shapes {
		li := max(s.Level, 1) - 1
		for len(out) <= li {
			out = append(out, nil)
		}
		out[li] = append(out[li], i)
	}
	return out
}

// gridGeom is a grid's pitch and width and height in pixels for side L.
func gridGeom(s Shape, L int) (pitch, w, h int) {
	pitch = L / max(s.MacsW, s.MacsH, 1)
	g := macGap(pitch)
	return pitch, s.MacsW*pitch - g, s.MacsH*pitch - g
}

func macGap(pitch int) int {
	switch {
	case pitch < 3:
		return 0
	case pitch < 14:
		return 1
	}
	return 2
}

// rowsOf returns, bottom first, the width and height of each row (the
// input row when Li > 0, then each level), its grids or inputs, and
// whether its caption goes beside it in an area w wide (0: unknown, so
// above).
func rowsOf(shapes []Shape, L, Li, w int) (rows []Row, widths, heights []int) {
	levels := levelsOf(shapes)
	if len(levels) == 0 {
		return nil, nil, nil
	}
	add := func(r Row, rw, rh int) {
		r.Beside = w > 0 && (w-rw)/2 >= sideCapW+4
		if !r.Beside {
			rh += lineH
		}
		rows, widths, heights = append(rows, r), append(widths, rw), append(heights, rh)
	}
	if Li > 0 {
		rw := 0
		for i, gi := range levels[0] {
			_, gw, _ := gridGeom(shapes[gi], L)
			if i > 0 {
				rw += gridGap
			}
			rw += gw
		}
		add(Row{Level: 0, Grids: levels[0]}, rw, Li)
	}
	for li, grids := range levels {
		rw, rh := 0, 0
		for i, gi := range grids {
			_, gw, gh := gridGeom(shapes[gi], L)
			if i > 0 {
				rw += gridGap
			}
			rw += gw
			rh = max(rh, gh)
		}
		add(Row{Level: li + 1, Grids: grids}, rw, rh)
	}
	return rows, widths, heights
}

// pyramidSize is the size of the hierarchy with grid side L and input
// images Li: as wide as its widest row, as high as its rows with their
// captions (beside the rows narrow enough, else above them).
func pyramidSize(shapes []Shape, L, Li int) (pw, ph int, ok bool) {
	_, widths, _ := rowsOf(shapes, L, Li, 0)
	for _, w := range widths {
		pw = max(pw, w)
	}
	rows, widths, heights := rowsOf(shapes, L, Li, pw)
	for i := range rows {
		if widths[i] <= 0 || heights[i] <= 0 {
			return 0, 0, false
		}
		if i > 0 {
			ph += rowGap
		}
		ph += heights[i]
	}
	return pw, ph, len(rows) > 0
}

// placePyramid places the rows in area, the top level at the top, the
// rows centred on the widest, which is centred in area or at its left.
func placePyramid(area image.Rectangle, shapes []Shape, L, Li int, center bool) ([]GridBox, []Row) {
	pw, _, _ := pyramidSize(shapes, L, Li)
	if !center && area.Dx() > pw {
		area.Max.X = area.Min.X + pw
	}
	rows, widths, heights := rowsOf(shapes, L, Li, area.Dx())
	grids := make([]GridBox, len(shapes))
	for i, s := range shapes {
		grids[i].Shape = s
	}
	y := area.Min.Y
	for i := len(rows) - 1; i >= 0; i-- {
		r := &rows[i]
		x := area.Min.X + (area.Dx()-widths[i])/2
		top := y
		if !r.Beside {
			r.Caption = image.Pt(area.Min.X, y)
			top += lineH
		}
		h := heights[i]
		if !r.Beside {
			h -= lineH
		}
		r.Rect = image.Rect(x, top, x+widths[i], top+h)
		if r.Beside {
			r.Caption = image.Pt(x-sideCapW-4, top)
		}
		if r.Level == 0 {
			gx := x
			for _, gi := range r.Grids {
				_, gw, _ := gridGeom(shapes[gi], L)
				c := gx + gw/2
				r.Inputs = append(r.Inputs, image.Rect(c-Li/2, top, c-Li/2+Li, top+Li))
				gx += gw + gridGap
			}
		}
		gx := x
		for _, gi := range r.Grids {
			if r.Level == 0 {
				break
			}
			s := shapes[gi]
			pitch, gw, gh := gridGeom(s, L)
			b := GridBox{Shape: s, Pitch: pitch, Side: pitch - macGap(pitch)}
			b.Rect = image.Rect(gx, top, gx+gw, top+gh)
			b.setMode()
			grids[gi] = b
			gx += gw + gridGap
		}
		y += heights[i] + rowGap
	}
	return grids, rows
}

// setMode chooses what a mac shows at its size (MacMode).
func (b *GridBox) setMode() {
	b.Mode, b.Ring = MacSolid, 0
	if b.Side < b.Q+2 || b.Side < 5 {
		return
	}
	c := ArrangeCMs(b.Q, b.K)
	for _, ring := range []int{2, 1} {
		if ring == 2 && b.Side < 30 {
			continue
		}
		inner := b.Side - 2*ring
		if w, h := c.Size(1); w <= inner && h <= inner {
			b.Mode, b.Cells, b.Scale, b.Ring = MacCells, c, 1, ring
			for s := 2; ; s++ {
				if w, h := c.Size(s); w > inner || h > inner {
					break
				}
				b.Scale = s
			}
			return
		}
	}
	b.Ring = 1
	if b.Side >= 30 {
		b.Ring = 2
	}
	b.Mode = MacStrips
}

// MacAt returns the grid (an index into Grids) and mac under the pixel
// (x, y), if any.
func (l *Layout) MacAt(x, y int) (grid, mac int, ok bool) {
	p := image.Pt(x, y)
	for i, b := range l.Grids {
		if !p.In(b.Rect) || b.Pitch <= 0 {
			continue
		}
		cx, cy := (x-b.Rect.Min.X)/b.Pitch, (y-b.Rect.Min.Y)/b.Pitch
		if cx >= b.MacsW || cy >= b.MacsH {
			return 0, 0, false
		}
		m := cy*b.MacsW + cx
		if p.In(b.MacRect(m)) {
			return i, m, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// InputAt returns the unit of the input grid (inputW units wide) under
// (x, y): on the input view (the 28×28 pixels, which are the first rows of
// every input grid of engine/mnist) or on an image of the input row (the
// part of the input a grid of level 1 reads, Shape.Region).
func (l *Layout) InputAt(x, y, inputW int) (unit int, ok bool) {
	p := image.Pt(x, y)
	if p.In(l.Input) {
		return (y-l.Input.Min.Y)*28/l.Input.Dy()*inputW + (x-l.Input.Min.X)*28/l.Input.Dx(), true
	}
	for _, row := range l.Rows {
		for i, r := range row.Inputs {
			if !p.In(r) || i >= len(row.Grids) {
				continue
			}
			reg := l.Grids[row.Grids[i]].Region
			if reg.W <= 0 || reg.H <= 0 {
				return 0, false
			}
			ux, uy := (x-r.Min.X)*reg.W/r.Dx(), (y-r.Min.Y)*reg.H/r.Dy()
			return (reg.Y+uy)*inputW + reg.X + ux, true
		}
	}
	return 0, false
}

// GridShapes returns the shapes of every grid of a network configured by
// cfg (defaults filled in), level by level from the bottom.
func GridShapes(cfg engine.Config) []Shape {
	cfg = cfg.Defaults()
	var out []Shape
	for li, l := range cfg.Levels {
		for gi, g := range l.Grids {
			s := Shape{Level: li + 1, Grid: gi, Name: g.Name, MacsW: g.Macs.W, MacsH: g.Macs.H, Q: g.Q, K: g.K}
			if li == 0 && len(g.Fields) > 0 {
				s.Region = g.Fields[0].Region
				if s.Region.W == 0 || s.Region.H == 0 {
					s.Region = engine.Rect{W: cfg.Input.W, H: cfg.Input.H}
				}
			}
			out = append(out, s)
		}
	}
	return out
}

// Grids returns the grids of a trace, level by level from the bottom, in
// the order of GridShapes.
func Grids(tr *engine.Trace) []engine.GridTrace {
	var out []engine.GridTrace
	for _, l := range tr.Levels {
		out = append(out, l.Grids...)
	}
	return out
}
