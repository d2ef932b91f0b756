package viz

import (
	"fmt"
	"image"
	"image/color"
)

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

// Draw draws the view into area (viz.View).
func (v *MapView) Draw(dst *image.RGBA, area image.Rectangle) {
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
	side := min((mw-(k-1)*2*Margin)/k-12, area.Dy()/2-5*lineH)
	if wide {
		side = min((mw-(k-1)*2*Margin)/k-12, area.Dy()-7*lineH)
	}
	if side < 16 {
		return
	}
	px := max(1, side/n)
	if side >= n {
		side = px * n
	}
	// One colour scale for every matrix, so that their colours compare.
	scale := 0.0
	for _, ml := range v.Levels {
		if len(ml.M) == n*n {
			scale = max(scale, overlapScale(ml.M, n))
		}
	}
	x := area.Min.X
	bottom := area.Min.Y
	for _, ml := range v.Levels {
		if len(ml.M) != n*n {
			continue
		}
		bottom = max(bottom, drawMatrix(dst, area, image.Pt(x, area.Min.Y), side, v.Classes, &ml, scale))
		x += side + 12 + 2*Margin
	}
	bottom = colourBar(dst, area, image.Rect(area.Min.X+10, bottom, min(area.Max.X, x-2*Margin), bottom+textH+8), scale, "overlap")
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
	DrawText(dst, area, pr.Min.X-10, pr.Min.Y, "1", TextScale, Dim)
	DrawText(dst, area, pr.Min.X-10, pr.Max.Y-TextHeight(TextScale), "0", TextScale, Dim)
	DrawText(dst, area, pr.Max.X-TextWidth("input 1", TextScale), pr.Max.Y+3, "input 1", TextScale, Dim)
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
		DrawText(dst, area, lx, pr.Max.Y+3+textH, ml.Name, TextScale, c)
		lx += TextWidth(ml.Name, TextScale) + 12
	}
}

// overlapScale is the top of a matrix's colour scale: 2.5× its mean
// off-diagonal overlap (at most 1), so the class blocks stand out at the
// overlaps a sample has; at least 0.05, so that codes that share nearly
// nothing look it.
func overlapScale(m []float64, n int) float64 {
	mean := 0.0
	for i := range n {
		for j := range n {
			if i != j {
				mean += m[i*n+j]
			}
		}
	}
	if n < 2 || mean <= 0 {
		return 1
	}
	return min(1, max(0.05, 2.5*mean/float64(n*(n-1))))
}

// colourBar draws the heat colour scale from 0 to top in r: the ramp
// with its ends labelled and its name; it returns the y below it.
func colourBar(dst *image.RGBA, area, r image.Rectangle, top float64, name string) int {
	return rampBar(dst, area, r, 0, top, name, func(x float64) color.RGBA { return heat(x / top) })
}

// rampBar draws the colour bar of ramp from lo to hi in r (as colourBar).
func rampBar(dst *image.RGBA, area, r image.Rectangle, lo, hi float64, name string, ramp func(float64) color.RGBA) int {
	los, his := fmt.Sprintf("%g", lo), fmt.Sprintf("%.2f", hi)
	label := name + " " + los
	lw := TextWidth(label, TextScale) + 6
	bar := image.Rect(r.Min.X+lw, r.Min.Y+4, r.Max.X-TextWidth(his, TextScale)-6, r.Min.Y+4+TextHeight(TextScale))
	if bar.Dx() < 20 {
		label, lw = los, TextWidth(los, TextScale)+6
		bar.Min.X = r.Min.X + lw
	}
	if bar.Dx() < 20 {
		return r.Min.Y
	}
	DrawText(dst, area, r.Min.X, bar.Min.Y, label, TextScale, Dim)
	for x := bar.Min.X; x < bar.Max.X; x++ {
		fill(dst, image.Rect(x, bar.Min.Y, x+1, bar.Max.Y), ramp(lo+(hi-lo)*float64(x-bar.Min.X)/float64(max(bar.Dx()-1, 1))))
	}
	DrawText(dst, area, bar.Max.X+6, bar.Min.Y, his, TextScale, Dim)
	return r.Max.Y
}

// drawMatrix draws one level's overlap matrix, side pixels square, with
// its caption at at, in colours from 0 to scale; it returns the y below
// its texts.
func drawMatrix(dst *image.RGBA, area image.Rectangle, at image.Point, side int, classes []int, ml *MapLevel, scale float64) int {
	n := len(classes)
	hm := image.Rect(at.X+10, at.Y+lineH, at.X+10+side, at.Y+lineH+side)
	last := -textH // the bottom of the last class label
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
		// A label where it does not overlap the last one.
		if y := hm.Min.Y + int(float64(i+j)*px/2) - TextHeight(TextScale)/2; y >= last+2 {
			DrawText(dst, area, at.X+2, y, fmt.Sprint(classes[i]%10), TextScale, Dim)
			last = y + TextHeight(TextScale)
		}
		if j < n {
			yj := hm.Min.Y + int(float64(j)*px)
			fill(dst, image.Rect(hm.Min.X-3, yj, hm.Min.X, yj+1), Axis)
		}
		i = j
	}
	// The mean overlap of pairs in one class and of pairs across classes.
	r := image.Rect(hm.Min.X, hm.Max.Y+3, hm.Max.X+Margin, hm.Max.Y+3+2*textH)
	drawWrapped(dst, r, fmt.Sprintf("in %.3f out %.3f", ml.Within, ml.Between), Accent)
	return r.Max.Y
}
