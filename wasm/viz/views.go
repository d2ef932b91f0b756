package viz

import (
	"image"
	"image/color"
)

// Colours of the teaching views.
var (
	Learn  = color.RGBA{0x4a, 0x90, 0xd9, 0xff} // learn time
	Recall = color.RGBA{0xff, 0xd5, 0x4a, 0xff} // recall time
	NN     = color.RGBA{0xe0, 0x5a, 0x5a, 0xff} // nearest-neighbour time
	Axis   = color.RGBA{0x6a, 0x76, 0x84, 0xff}
)

// View is a teaching view's drawing: each view's type draws itself into
// the view area (Layout.ViewArea), one file per view (csa.go, mapview.go,
// capacity.go, sequence.go).
type View interface {
	Draw(dst *image.RGBA, area image.Rectangle)
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
func DrawView(dst *image.RGBA, l *Layout, s *Scene, v View) {
	drawMain(dst, l, s)
	area := l.ViewArea()
	if area.Empty() {
		return
	}
	fill(dst, area, Background)
	if v != nil {
		v.Draw(dst, area)
	}
}

func caption(dst *image.RGBA, r image.Rectangle, x, y int, s string, c color.RGBA) {
	DrawText(dst, r, x, y, Fit(s, r.Max.X-x, TextScale), TextScale, c)
}

func gColor(g float64) color.RGBA { return gRamp(g) }

// heat maps 0..1 to a dark-blue → yellow ramp.
func heat(x float64) color.RGBA {
	x = min(max(x, 0), 1)
	return color.RGBA{uint8(20 + 235*x), uint8(24 + 200*x*x), uint8(60 + 60*x - 90*x*x), 0xff}
}

// line draws a one-pixel line from a to b.
func line(dst *image.RGBA, a, b image.Point, c color.RGBA) { dashLine(dst, a, b, c, 0) }

// dashLine draws a one-pixel line from a to b in strokes and gaps of dash
// pixels each (solid when dash is 0).
func dashLine(dst *image.RGBA, a, b image.Point, c color.RGBA, dash int) {
	dx, dy := b.X-a.X, b.Y-a.Y
	n := max(iabs(dx), iabs(dy), 1)
	for i := 0; i <= n; i++ {
		if dash > 0 && (i/dash)%2 == 1 {
			continue
		}
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

// axes draws a plot's axes and caption (the first of titles that fits,
// the later ones shorter); false if pr is too small.
func axes(dst *image.RGBA, area, pr image.Rectangle, titles ...string) bool {
	if pr.Dx() < 60 || pr.Dy() < 30 {
		return false
	}
	x := pr.Min.X - 2*Margin
	title := titles[len(titles)-1]
	for _, t := range titles {
		if x+TextWidth(t, TextScale) <= area.Max.X {
			title = t
			break
		}
	}
	caption(dst, area, x, pr.Min.Y-lineH-3, title, Dim)
	fill(dst, image.Rect(pr.Min.X, pr.Min.Y, pr.Min.X+1, pr.Max.Y), Axis)
	fill(dst, image.Rect(pr.Min.X, pr.Max.Y-1, pr.Max.X, pr.Max.Y), Axis)
	return true
}
