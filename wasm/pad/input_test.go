package pad

import (
	"math"
	"testing"
)

func strokes(ss ...[][2]float64) []Stroke {
	var out []Stroke
	for _, s := range ss {
		var st Stroke
		for _, p := range s {
			st = append(st, Point{p[0], p[1]})
		}
		out = append(out, st)
	}
	return out
}

// moments returns the ink box (grey ≥ 128) and the grey-level slant dx/dy
// of a 28×28 image.
func moments(img []byte) (w, h int, slope float64) {
	x0, y0, x1, y1 := InputSide, InputSide, -1, -1
	var m, sx, sy float64
	for y := range InputSide {
		for x := range InputSide {
			v := float64(img[y*InputSide+x])
			m += v
			sx += v * float64(x)
			sy += v * float64(y)
			if img[y*InputSide+x] >= 128 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	mx, my := sx/m, sy/m
	var cxy, cyy float64
	for y := range InputSide {
		for x := range InputSide {
			v := float64(img[y*InputSide+x])
			cxy += v * (float64(x) - mx) * (float64(y) - my)
			cyy += v * (float64(y) - my) * (float64(y) - my)
		}
	}
	return x1 - x0 + 1, y1 - y0 + 1, cxy / cyy
}

func TestInputImage(t *testing.T) {
	tests := []struct {
		name           string
		strokes        []Stroke
		boxW, boxH     [2]int // ink box ranges
		slope          float64
		slopeTolerance float64
	}{
		{"vertical line: 20 tall, pen thin", strokes(line(0.5, 0.1, 0.5, 0.9, 8)), [2]int{1, 2}, [2]int{19, 20}, 0, 0.01},
		{"horizontal line: 20 wide", strokes(line(0.1, 0.5, 0.9, 0.5, 8)), [2]int{19, 20}, [2]int{1, 2}, 0, 0.01},
		{"tiny line in a corner: the same", strokes(line(0.02, 0.02, 0.02, 0.1, 8)), [2]int{1, 2}, [2]int{19, 20}, 0, 0.01},
		{"slight slant sheared upright", strokes(line(0.6, 0.2, 0.48, 0.8, 8)), [2]int{1, 2}, [2]int{19, 20}, 0, 0.01},
		{"strong right slant sheared upright", strokes(line(0.8, 0.2, 0.2, 0.8, 8)), [2]int{1, 2}, [2]int{19, 20}, 0, 0.01},
		{"strong left slant sheared upright", strokes(line(0.2, 0.2, 0.8, 0.8, 8)), [2]int{1, 2}, [2]int{19, 20}, 0, 0.01},
		{"steeper than 45° sheared by 45°", strokes(line(0.9, 0.4, 0.1, 0.6, 8)), [2]int{19, 20}, [2]int{5, 8}, -3, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pad
			p.SetStrokes(tt.strokes)
			img := p.InputImage(nil)
			if len(img) != InputSide*InputSide {
				t.Fatalf("%d bytes", len(img))
			}
			w, h, slope := moments(img)
			if w < tt.boxW[0] || w > tt.boxW[1] || h < tt.boxH[0] || h > tt.boxH[1] {
				t.Errorf("ink box %d×%d, want %v×%v", w, h, tt.boxW, tt.boxH)
			}
			if math.Abs(slope-tt.slope) > tt.slopeTolerance {
				t.Errorf("slant %.3f, want %.3f", slope, tt.slope)
			}
		})
	}
}

// TestInputImageScaleFree: the same drawing, small in a corner or large,
// gives the same image.
func TestInputImageScaleFree(t *testing.T) {
	seven := strokes([][2]float64{{0.3, 0.2}, {0.7, 0.2}, {0.6, 0.5}, {0.45, 0.85}}, [][2]float64{{0.4, 0.5}, {0.7, 0.5}})
	var big, small Pad
	big.SetStrokes(seven)
	var tiny []Stroke
	for _, s := range seven {
		var st Stroke
		for _, q := range s {
			st = append(st, Point{0.05 + q.X*0.2, 0.05 + q.Y*0.2})
		}
		tiny = append(tiny, st)
	}
	small.SetStrokes(tiny)
	a, b := big.InputImage(nil), small.InputImage(nil)
	ink := 0
	for i := range a {
		if d := int(a[i]) - int(b[i]); d < -1 || d > 1 {
			t.Fatalf("pixel %d: %d large, %d small", i, a[i], b[i])
		}
		if a[i] >= 128 {
			ink++
		}
	}
	if ink < 30 {
		t.Errorf("only %d ink pixels", ink)
	}
}

func TestInputImageBuffers(t *testing.T) {
	var p Pad
	buf := make([]byte, 10, 1000)
	for i := range buf[:cap(buf)] {
		buf[:cap(buf)][i] = 7
	}
	img := p.InputImage(buf)
	if &img[0] != &buf[0] || len(img) != InputSide*InputSide {
		t.Error("InputImage did not write into dst")
	}
	for _, v := range img {
		if v != 0 {
			t.Fatal("an empty pad gives ink")
		}
	}
	p.SetStrokes(strokes([][2]float64{{0.5, 0.5}}))
	img = p.InputImage(make([]byte, 3))
	if len(img) != InputSide*InputSide {
		t.Fatalf("%d bytes", len(img))
	}
	dot := 0
	for _, v := range img {
		if v >= 128 {
			dot++
		}
	}
	if dot == 0 || dot > 4 {
		t.Errorf("a dot has %d ink pixels", dot)
	}
}

func TestSlant(t *testing.T) {
	tests := []struct {
		name    string
		strokes []Stroke
		a, my   float64
	}{
		{"upright", strokes(line(0.5, 0.2, 0.5, 0.8, 3)), 0, 0.5},
		{"leaning right", strokes(line(0.6, 0.2, 0.3, 0.8, 5)), -0.5, 0.5},
		{"two strokes, the lower to the right", strokes(line(0.2, 0.0, 0.2, 0.4, 2), line(0.6, 0.6, 0.6, 1.0, 2)), 0.06 / (0.4*0.4/12 + 0.09), 0.5},
		{"horizontal: no slant", strokes(line(0.2, 0.5, 0.8, 0.5, 2)), 0, 0.5},
		{"dots only", strokes([][2]float64{{0.3, 0.3}}), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, my := slant(tt.strokes)
			if math.Abs(a-tt.a) > 1e-9 || math.Abs(my-tt.my) > 1e-9 {
				t.Errorf("slant %v, mean y %v; want %v, %v", a, my, tt.a, tt.my)
			}
		})
	}
}

// InputFit is the map InputImage draws with: a stroke's points land on its
// ink, and ToPad undoes ToImage, slanted or not.
func TestInputFit(t *testing.T) {
	for _, strokes := range [][]Stroke{
		{{{0.2, 0.2}, {0.2, 0.8}}, {{0.2, 0.5}, {0.6, 0.5}}},
		{{{0.3, 0.9}, {0.7, 0.1}}}, // slanted far to the right: sheared
		{{{0.5, 0.5}}},             // one point
	} {
		var p Pad
		p.SetStrokes(strokes)
		img := p.InputImage(nil)
		f := p.InputFit()
		for _, s := range strokes {
			for _, pt := range s {
				x, y := f.ToImage(pt)
				if v := img[int(y)*InputSide+int(x)]; v == 0 {
					t.Errorf("%v: point %v maps to (%.1f, %.1f), no ink there", strokes, pt, x, y)
				}
				if len(strokes[0]) > 1 {
					back := f.ToPad(x, y)
					if math.Abs(back.X-pt.X) > 1e-9 || math.Abs(back.Y-pt.Y) > 1e-9 {
						t.Errorf("ToPad(ToImage(%v)) = %v", pt, back)
					}
				}
			}
		}
	}
	var empty Pad
	if x, y := empty.InputFit().ToImage(Point{1, 0.5}); x != InputSide || y != InputSide/2 {
		t.Errorf("empty pad: (1, 0.5) → (%v, %v), want the image's right edge", x, y)
	}
}

// TestInputImagePen: a pen w pixels wide puts w pixels of ink across a
// stroke (the grey values of a column through a horizontal line sum to
// w·255, to within the supersampling's quarter pixel), and the ink, pen
// included, still spans InputBox pixels.
func TestInputImagePen(t *testing.T) {
	for _, pen := range []float64{1, InputPen, 3.4, 6.8} {
		var p Pad
		p.SetStrokes(strokes(line(0.1, 0.5, 0.9, 0.5, 8)))
		img := p.InputImagePen(nil, pen)
		sum := 0
		for y := range InputSide {
			sum += int(img[y*InputSide+InputSide/2])
		}
		if w := float64(sum) / 255; math.Abs(w-pen) > 0.25 {
			t.Errorf("pen %.1f: %.2f pixels of ink across the stroke", pen, w)
		}
		x0, x1 := InputSide, -1
		for x := range InputSide {
			for y := range InputSide {
				if img[y*InputSide+x] > 0 {
					x0, x1 = min(x0, x), max(x1, x)
				}
			}
		}
		if span := x1 - x0 + 1; span < InputBox || span > InputBox+2 {
			t.Errorf("pen %.1f: ink spans %d pixels, want %d (+2 for the edges' anti-aliasing)", pen, span, InputBox)
		}
	}
	var a, b Pad
	a.SetStrokes(strokes(line(0.1, 0.5, 0.9, 0.5, 8)))
	b.SetStrokes(strokes(line(0.1, 0.5, 0.9, 0.5, 8)))
	if x, y := a.InputImage(nil), b.InputImagePen(nil, InputPen); string(x) != string(y) {
		t.Error("InputImage is not InputImagePen with InputPen")
	}
}
