package viz

import (
	"fmt"
	"image"
	"image/color"
)

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
	// Run says how far the measurement is, shown with the cost plot's
	// title ("" when it is done).
	Run string
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

// Draw draws the view into area (viz.View).
func (v *CapacityView) Draw(dst *image.RGBA, area image.Rectangle) {
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
			h += rh + textH + 1 + 4
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
		lr := image.Rect(x, y+1, x+gw, y+1+2*textH)
		lt := fmt.Sprintf("%s: %.1f%% set, %d frozen", levelName(li+1, len(levels)), 100*sum/float64(max(n, 1)), frozen)
		drawWrapped(dst, lr, lt, Dim)
		gy, gx, rh := y+1+textH*min(2, len(Wrap(lt, gw, TextScale))), x, 0
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
		cr := image.Rect(x, y, x+gw, area.Max.Y)
		y = colourBar(dst, area, image.Rect(x, y, x+min(gw, 300), y+textH+8), 0.25, "weights set")
		const note = "white edge: frozen"
		drawWrapped(dst, image.Rect(cr.Min.X, y, cr.Max.X, y+2*textH), note, Dim)
		y += textH*min(2, len(Wrap(note, gw, TextScale))) + 4
	}
	// The two plots: cost, and the episodic curve, each with its title
	// above and its axis label and legend below (as many lines as they
	// wrap to).
	var plots [2]image.Rectangle
	if wide {
		w := (area.Max.X - (area.Min.X + gw + 4*Margin)) / 2
		x0 := area.Min.X + gw + 4*Margin
		plots[0] = image.Rect(x0, area.Min.Y+lineH+4, x0+w-4*Margin, area.Max.Y-v.costBelow(area.Max.X-x0))
		plots[1] = image.Rect(x0+w+2*Margin, area.Min.Y+lineH+4, area.Max.X-4, area.Max.Y-v.epiBelow(area.Max.X-x0-w-2*Margin))
	} else {
		w := area.Max.X - x - 4*Margin
		h := (area.Max.Y - y) / 2
		plots[0] = image.Rect(x+4*Margin, y+lineH+4, area.Max.X-4, y+h-v.costBelow(w))
		plots[1] = image.Rect(x+4*Margin, y+h+lineH+4, area.Max.X-4, area.Max.Y-v.epiBelow(w))
	}
	drawCost(dst, area, plots[0], v)
	drawEpisodic(dst, area, plots[1], v)
}

// Each curve has a colour and a line style of its own (solid, dashed,
// dotted: dash is the length of its strokes and gaps, 0 for solid), and
// its legend entry shows a sample of the line before its name, so that the
// curves are told apart without their colours.
var costSeries = []series[CostPoint]{
	{"learn", Learn, 0, func(p CostPoint) float64 { return p.LearnMs }},
	{"recall", Recall, 4, func(p CostPoint) float64 { return p.RecallMs }},
	{"nearest neighbour", NN, 1, func(p CostPoint) float64 { return p.NNMs }},
}

// series is a curve of a plot of points P: its name, colour, line style
// and value at a point.
type series[P any] struct {
	name string
	c    color.RGBA
	dash int
	at   func(P) float64
}

// sampleW is the room of a legend entry's line sample, before its name.
const sampleW = 16

// legend places entries in lines w pixels wide, each a line sample and its
// label: the position of each entry relative to the first line's start.
func legend(labels []string, w int) (at []image.Point) {
	x, y := 0, 0
	for _, label := range labels {
		ew := sampleW + TextWidth(label, TextScale)
		if x > 0 && x+ew > w {
			x, y = 0, y+textH
		}
		at = append(at, image.Pt(x, y))
		x += ew + 12
	}
	return at
}

// legendEntry draws a legend entry at p: a sample of the line in c with
// dash, then the label.
func legendEntry(dst *image.RGBA, area image.Rectangle, p image.Point, label string, c color.RGBA, dash int) {
	y := p.Y + TextHeight(TextScale)/2
	dashLine(dst, image.Pt(p.X, y), image.Pt(p.X+sampleW-5, y), c, dash)
	DrawText(dst, area, p.X+sampleW, p.Y, label, TextScale, c)
}

// costLegend places the cost plot's legend in lines w pixels wide: each
// series' label and its position relative to the first line's start.
func (v *CapacityView) costLegend(w int) (labels []string, at []image.Point) {
	if len(v.Points) == 0 {
		return nil, nil
	}
	last := v.Points[len(v.Points)-1]
	for _, s := range costSeries {
		labels = append(labels, fmt.Sprintf("%s %.3f", s.name, s.at(last)))
	}
	return labels, legend(labels, w)
}

// costBelow is the room under the cost plot: its x axis label and its
// legend, then a gap.
func (v *CapacityView) costBelow(w int) int {
	_, at := v.costLegend(w)
	h := 3 + textH + Margin
	if len(at) > 0 {
		h += at[len(at)-1].Y + textH
	}
	return h + lineH
}

// epiBelow is the room under the episodic plot: its x axis label and its
// legend.
func (v *CapacityView) epiBelow(w int) int {
	_, at := v.epiLegend(w)
	h := 3 + textH + 2
	if len(at) > 0 {
		h += at[len(at)-1].Y + textH
	}
	return h
}

func drawCost(dst *image.RGBA, area, pr image.Rectangle, v *CapacityView) {
	title := "ms per item vs items stored"
	if v.Run != "" {
		title += ": " + v.Run
	}
	if !axes(dst, area, pr, title, "ms per item") {
		return
	}
	if len(v.Points) == 0 {
		note := v.Note
		if note == "" {
			note = "learning has not started"
		}
		drawWrapped(dst, image.Rect(pr.Min.X+4, pr.Min.Y+4, pr.Max.X-4, pr.Max.Y), note, Dim)
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
	DrawText(dst, area, pr.Min.X+4, pr.Min.Y, fmt.Sprintf("%.2g ms", ymax), TextScale, Dim)
	DrawText(dst, area, pr.Max.X-TextWidth(fmt.Sprint(xmax), TextScale), pr.Max.Y+3, fmt.Sprint(xmax), TextScale, Dim)
	labels, at := v.costLegend(area.Max.X - pr.Min.X)
	for si, s := range costSeries {
		var prev image.Point
		for i, p := range v.Points {
			q := image.Pt(pr.Min.X+int(float64(p.Items)/float64(xmax)*float64(pr.Dx()-1)),
				pr.Max.Y-1-int(s.at(p)/ymax*float64(pr.Dy()-1)))
			if i > 0 {
				dashLine(dst, prev, q, s.c, s.dash)
			}
			fill(dst, image.Rect(q.X-1, q.Y-1, q.X+1, q.Y+1), s.c)
			prev = q
		}
		legendEntry(dst, area, pr.Min.Add(image.Pt(at[si].X, pr.Dy()+3+textH+at[si].Y)), labels[si], s.c, s.dash)
	}
}

// drawEpisodic plots the top level's familiarity of stored and unseen
// items against items stored, on a G axis from 0.5 to 1.
func drawEpisodic(dst *image.RGBA, area, pr image.Rectangle, v *CapacityView) {
	if !axes(dst, area, pr, "top-level g: stored vs unseen", "g stored, unseen") {
		return
	}
	if len(v.Epi) == 0 {
		drawWrapped(dst, image.Rect(pr.Min.X+4, pr.Min.Y+4, pr.Max.X-4, pr.Max.Y), "measured every 500 items", Dim)
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
	DrawText(dst, area, pr.Min.X-10, pr.Min.Y, "1", TextScale, Dim)
	DrawText(dst, area, pr.Min.X-TextWidth(".5", TextScale)-4, pr.Max.Y-TextHeight(TextScale), ".5", TextScale, Dim)
	DrawText(dst, area, pr.Max.X-TextWidth(fmt.Sprint(xmax), TextScale), pr.Max.Y+3, fmt.Sprint(xmax), TextScale, Dim)
	labels, at := v.epiLegend(area.Max.X - pr.Min.X)
	for si, s := range epiSeries {
		var prev image.Point
		for i, p := range v.Epi {
			q := image.Pt(pr.Min.X+int(float64(p.Items)/float64(xmax)*float64(pr.Dx()-1)), yOf(s.at(p)))
			if i > 0 {
				dashLine(dst, prev, q, s.c, s.dash)
			}
			fill(dst, image.Rect(q.X-1, q.Y-1, q.X+1, q.Y+1), s.c)
			prev = q
		}
		legendEntry(dst, area, pr.Min.Add(image.Pt(at[si].X, pr.Dy()+3+textH+at[si].Y)), labels[si], s.c, s.dash)
	}
	// The AUROC after the curves' entries, in the text colour, no sample.
	a := at[len(at)-1]
	DrawText(dst, area, pr.Min.X+a.X+sampleW, pr.Max.Y+3+textH+a.Y, labels[len(labels)-1], TextScale, Text)
}

// epiSeries are the episodic plot's curves: stored items solid, unseen
// ones dashed (told apart by more than their colours).
var epiSeries = []series[EpiPoint]{
	{"stored", SeenColor, 0, func(p EpiPoint) float64 { return p.StoredG }},
	{"unseen", NewColor, 4, func(p EpiPoint) float64 { return p.UnseenG }},
}

// epiLegend places the episodic plot's legend (each curve's last value,
// then the AUROC) in lines w pixels wide.
func (v *CapacityView) epiLegend(w int) (labels []string, at []image.Point) {
	if len(v.Epi) == 0 {
		return nil, nil
	}
	last := v.Epi[len(v.Epi)-1]
	for _, s := range epiSeries {
		labels = append(labels, fmt.Sprintf("%s %.3f", s.name, s.at(last)))
	}
	labels = append(labels, fmt.Sprintf("auroc %.2f", last.AUROC))
	return labels, legend(labels, w)
}
