package viz

import (
	"fmt"
	"image"
	"image/color"
)

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
	// Why says why the view shows this mac (the page opens on a mac whose
	// G is neither 0 nor 1, where the CSA's steps show).
	Why string
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

// Draw draws the view into area (viz.View).
func (v *CSAView) Draw(dst *image.RGBA, area image.Rectangle) {
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
	// text draws s wrapped to the charts' width and returns the y below it.
	text := func(y int, s string, c color.RGBA) int {
		lines := len(Wrap(s, r.Dx(), TextScale))
		drawWrapped(dst, image.Rect(r.Min.X, y, r.Max.X, min(r.Max.Y, y+lines*textH)), s, c)
		return y + lines*textH
	}
	if v.Mac < 0 || len(v.V) == 0 {
		note := v.Note
		if note == "" {
			note = "draw a digit"
		}
		text(y, note, Dim)
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
	y = text(y, fmt.Sprintf("%s mac %d,%d", where, mx, my), Text)
	y = text(y, fmt.Sprintf("cm %d of %d, k %d", v.CM, sh.Q, len(v.V)), Text)
	gs := fmt.Sprintf("g %.2f", v.MacG)
	if v.Override {
		gs = fmt.Sprintf("g %.2f set (real %.2f)", v.MacG, v.RealG)
	}
	y = text(y, fmt.Sprintf("%s eta %.1f", gs, v.Eta), Accent)
	y = text(y, fmt.Sprintf("max v cell %d, drawn %d", v.MaxV, v.Drawn), Text)
	if v.Why != "" {
		y = text(y, v.Why, Dim)
	}
	y += 2
	k := len(v.V)
	bw := max(1, min(10, (r.Dx()-4)/max(k, 1)))
	ch := max(textH+12, (r.Max.Y-y)/3-2)
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
		DrawText(dst, r, r.Min.X, y, Fit(label, r.Dx(), TextScale), TextScale, Dim)
		box := image.Rect(r.Min.X, y+textH, r.Min.X+k*bw, y+ch)
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
