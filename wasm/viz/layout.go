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
)

// Shape is the geometry of one grid of macs: its level (from 1), its
// index in the level, its name, its grid of macs and each mac's Q
// competitive modules of K cells.
type Shape struct {
	Level, Grid  int
	Name         string
	MacsW, MacsH int
	Q, K         int
}

// Options are the inputs of NewLayout besides the canvas size.
type Options struct {
	// Embed hides the control panel: the canvas shows only the pad and the
	// recall views.
	Embed bool
	// Levels are the shapes of the grids of every level, bottom first
	// (GridShapes).
	Levels []Shape
	// Thumbs is the most thumbnails of stored items to show. Default 6.
	Thumbs int
}

// LevelBox places the SDR grid of one level.
type LevelBox struct {
	Shape
	Caption  image.Point     // top-left of the caption
	Grid     image.Rectangle // the macs
	Cell     int             // size of a cell in pixels
	Gap      int             // space between macs
	CaptionW int             // room for the caption
}

// MacRect is the rectangle of mac m (row-major in the mac grid).
func (b LevelBox) MacRect(m int) image.Rectangle {
	mw, mh := b.K*b.Cell, b.Q*b.Cell
	x := b.Grid.Min.X + (m%b.MacsW)*(mw+b.Gap)
	y := b.Grid.Min.Y + (m/b.MacsW)*(mh+b.Gap)
	return image.Rect(x, y, x+mw, y+mh)
}

// Layout is where every view goes on a canvas of W×H CSS pixels.
// Rectangles that are empty are not shown.
type Layout struct {
	W, H   int
	Embed  bool
	Panel  image.Rectangle // the HTML control panel (empty when embedded)
	Pad    image.Rectangle // the drawing pad (square)
	Input  image.Rectangle // the preprocessed 28×28 input, scaled
	Recon  image.Rectangle // the reconstruction, scaled
	Meter  image.Rectangle // the familiarity bar
	Scores image.Rectangle // class score bars
	Thumbs []image.Rectangle
	Levels []LevelBox
}

// NewLayout places the views on a w×h canvas. It is a pure function of its
// arguments.
func NewLayout(w, h int, opt Options) Layout {
	l := Layout{W: max(w, 0), H: max(h, 0), Embed: opt.Embed}
	content := image.Rect(0, 0, l.W, l.H)
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
	if in.Empty() {
		return l
	}
	cw, ch := in.Dx(), in.Dy()

	// The pad: about half the width, a bit over half the height.
	side := min(cw*11/20, ch*11/20, 440)
	if cw < 2*side+Margin && cw < 480 { // narrow: the pad may take the width
		side = min(cw, ch*2/5, 440)
	}
	side = max(side, min(cw, ch, 80))
	// Leave room below for every level's grid at one pixel per cell (with
	// one-pixel gaps), so no level is cut off: a smaller pad is better
	// than a missing level. The pad keeps at least 160 pixels.
	if need := stackedHeight(opt.Levels); need > 0 && side > 160 {
		side = max(160, min(side, ch-need-Margin))
	}
	l.Pad = image.Rect(in.Min.X, in.Min.Y, in.Min.X+side, in.Min.Y+side)

	// Recall views: right of the pad if there is room, else below it.
	var col image.Rectangle
	if in.Max.X-(l.Pad.Max.X+Margin) >= 150 {
		col = image.Rect(l.Pad.Max.X+Margin, in.Min.Y, in.Max.X, l.Pad.Max.Y)
	} else {
		col = image.Rect(in.Min.X, l.Pad.Max.Y+Margin, in.Max.X, in.Max.Y)
	}
	vs := max(1, min(4, (col.Dx()-Margin)/56, side/3/28))
	if col.Min.Y > l.Pad.Max.Y { // below the pad: keep the views small
		vs = max(1, min(vs, 3))
	}
	v := 28 * vs
	y := col.Min.Y + lineH
	l.Input = image.Rect(col.Min.X, y, col.Min.X+v, y+v)
	l.Recon = image.Rect(l.Input.Max.X+Margin, y, l.Input.Max.X+Margin+v, y+v)
	y = l.Input.Max.Y + Margin + lineH
	l.Meter = image.Rect(col.Min.X, y, min(col.Max.X, col.Min.X+max(2*v+Margin, 160)), y+10)
	y = l.Meter.Max.Y + Margin
	bottom := col.Max.Y
	if col.Min.Y > l.Pad.Max.Y {
		bottom = min(in.Max.Y, y+5*scoreRowH)
	}
	l.Scores = image.Rect(col.Min.X, y, col.Max.X, max(y, bottom))
	if l.Scores.Dy() < scoreRowH {
		l.Scores = image.Rectangle{}
	}

	// Thumbnails of the nearest stored items in a row below, then the SDR
	// grids of every level in what is left. Thumbnails shrink to 1× when
	// that lets the grids have larger cells.
	top := max(l.Pad.Max.Y, l.Scores.Max.Y, l.Meter.Max.Y) + Margin
	n := opt.Thumbs
	if n == 0 {
		n = 6
	}
	var bestThumbs []image.Rectangle
	var bestLevels []LevelBox
	for _, ts := range []int{2, 1} {
		tw := 28 * ts
		y := top
		var thumbs []image.Rectangle
		if y+lineH+tw+lineH <= in.Max.Y {
			for i := range min(n, (cw+Margin)/(tw+Margin)) {
				x := in.Min.X + i*(tw+Margin)
				thumbs = append(thumbs, image.Rect(x, y+lineH, x+tw, y+lineH+tw))
			}
			y += lineH + tw + lineH + Margin/2
		}
		levels := placeLevels(image.Rect(in.Min.X, y, in.Max.X, in.Max.Y), opt.Levels)
		if bestLevels == nil && bestThumbs == nil || len(levels) > len(bestLevels) ||
			len(levels) == len(bestLevels) && len(levels) > 0 && levels[0].Cell > bestLevels[0].Cell {
			bestThumbs, bestLevels = thumbs, levels
		}
	}
	// Or the grids right below, with the thumbnails beside the last grid
	// when there is room there.
	if levels := placeLevels(image.Rect(in.Min.X, top, in.Max.X, in.Max.Y), opt.Levels); len(levels) > 0 {
		last := levels[len(levels)-1]
		x0, y0 := last.Grid.Max.X+2*Margin, last.Caption.Y
		for _, ts := range []int{2, 1} {
			tw := 28 * ts
			if y0+lineH+tw+lineH > in.Max.Y {
				continue
			}
			k := min(n, (in.Max.X-x0+Margin)/(tw+Margin))
			if k < min(n, 3) {
				continue
			}
			if len(levels) > len(bestLevels) || len(levels) == len(bestLevels) && levels[0].Cell >= bestLevels[0].Cell {
				var thumbs []image.Rectangle
				for i := range k {
					x := x0 + i*(tw+Margin)
					thumbs = append(thumbs, image.Rect(x, y0+lineH, x+tw, y0+lineH+tw))
				}
				levels[len(levels)-1].CaptionW = x0 - last.Caption.X - Margin
				bestThumbs, bestLevels = thumbs, levels
			}
			break
		}
	}
	l.Thumbs, l.Levels = bestThumbs, bestLevels
	return l
}

// placeLevels puts the level grids in area, side by side if that gives
// larger cells than stacking them, with the largest cell size that fits
// (at least 1: grids that do not fit are clipped).
func placeLevels(area image.Rectangle, shapes []Shape) []LevelBox {
	out := placeLevelsGap(area, shapes, gapFor)
	if len(out) < len(shapes) { // try one-pixel gaps between macs
		if tight := placeLevelsGap(area, shapes, func(int) int { return 1 }); len(tight) > len(out) {
			return tight
		}
	}
	return out
}

func placeLevelsGap(area image.Rectangle, shapes []Shape, gapFor func(int) int) []LevelBox {
	if len(shapes) == 0 || area.Empty() {
		return nil
	}
	size := func(s Shape, c int) (int, int) {
		g := gapFor(c)
		return s.MacsW*(s.K*c+g) - g, lineH + s.MacsH*(s.Q*c+g) - g
	}
	fits := func(c int, row bool) bool {
		tw, th := 0, 0
		for i, s := range shapes {
			w, h := size(s, c)
			if row {
				if i > 0 {
					tw += 2 * Margin
				}
				tw += w
				th = max(th, h)
			} else {
				if i > 0 {
					th += Margin
				}
				th += h
				tw = max(tw, w)
			}
		}
		return tw <= area.Dx() && th <= area.Dy()
	}
	best, row := 1, false
	for c := 1; c <= 8; c++ {
		if fits(c, false) && c > best {
			best, row = c, false
		}
		if fits(c, true) && c > best {
			best, row = c, true
		}
	}
	if !fits(best, row) && fits(1, true) {
		row = true
	}
	var out []LevelBox
	x, y := area.Min.X, area.Min.Y
	for _, s := range shapes {
		w, h := size(s, best)
		b := LevelBox{Shape: s, Cell: best, Gap: gapFor(best)}
		b.Caption = image.Pt(x, y)
		b.Grid = image.Rect(x, y+lineH, x+w, y+h)
		b.CaptionW = area.Max.X - x
		if !b.Grid.In(area) {
			break // no room: this level and those above are not shown
		}
		out = append(out, b)
		if row {
			x += w + 2*Margin
		} else {
			y += h + Margin
		}
	}
	return out
}

func gapFor(cell int) int { return cell + 1 }

// stackedHeight is the height of the level grids stacked with one pixel per
// cell and one-pixel gaps, captions and margins included.
func stackedHeight(shapes []Shape) int {
	h := 0
	for i, s := range shapes {
		if i > 0 {
			h += Margin
		}
		h += lineH + s.MacsH*(s.Q+1) - 1
	}
	return h
}

// MacAt returns the level (0-based index into Levels) and mac under the
// pixel (x, y), if any.
func (l *Layout) MacAt(x, y int) (level, mac int, ok bool) {
	p := image.Pt(x, y)
	for i, b := range l.Levels {
		if !p.In(b.Grid) {
			continue
		}
		mw, mh := b.K*b.Cell+b.Gap, b.Q*b.Cell+b.Gap
		cx, cy := (x-b.Grid.Min.X)/mw, (y-b.Grid.Min.Y)/mh
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

// GridShapes returns the shapes of every grid of a network configured by
// cfg (defaults filled in), level by level from the bottom.
func GridShapes(cfg engine.Config) []Shape {
	cfg = cfg.Defaults()
	var out []Shape
	for li, l := range cfg.Levels {
		for gi, g := range l.Grids {
			out = append(out, Shape{Level: li + 1, Grid: gi, Name: g.Name, MacsW: g.Macs.W, MacsH: g.Macs.H, Q: g.Q, K: g.K})
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
