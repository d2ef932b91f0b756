package viz

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/recall"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata")

// mnistShapes are the grids of the page's default network.
var mnistShapes = GridShapes(engine.MNISTConfig())

// scene builds a deterministic scene for a layout.
func scene(l *Layout) *Scene {
	levelG := []float64{0.981, 0.74, 0.73}
	fam := recall.Thresholds{SeenBefore: 0.99, NewBelow: []float64{0.9815, 0.6970}}.Judge(levelG)
	rec := &recall.Recollection{ReconLevel: 3, LevelG: levelG, Familiarity: fam, Readout: "naive-bayes", Items: 10000}
	s := &Scene{PadHint: "draw a digit", Readout: "naive bayes", Rec: rec}
	w, h := l.Pad.Dx(), l.Pad.Dy()
	s.Pad = make([]byte, w*h)
	for y := range h { // a "7": a bar and a diagonal
		for x := range w {
			fx, fy := float64(x)/float64(w), float64(y)/float64(h)
			if (fy > 0.15 && fy < 0.22 && fx > 0.25 && fx < 0.75) ||
				(fy >= 0.15 && fy < 0.85 && abs(fx-(0.75-0.3*(fy-0.15)/0.7)) < 0.035) {
				s.Pad[y*w+x] = 255
			}
		}
	}
	var bm mnist.Bitmap
	for y := 4; y < 24; y++ {
		bm.Set(9+y/3, y, true)
		bm.Set(10+y/3, y, true)
	}
	for x := 8; x < 20; x++ {
		bm.Set(x, 4, true)
	}
	rec.Input = bm
	in, _ := mnist.Encode(bm, mnist.EdgeGrid)
	rec.UnitsW = mnist.EdgeGrid.W
	rec.Units = make([]bool, mnist.EdgeGrid.N())
	for _, u := range in.AppendIndices(nil) {
		rec.Units[u] = true
	}
	rec.Recon = make([]uint8, mnist.Pixels)
	for i := range rec.Recon {
		if bm.At(i%28, i/28) {
			rec.Recon[i] = 200
		} else if bm.At(i%28+1, i/28) {
			rec.Recon[i] = 90
		}
	}
	s.Names = make([]string, 32)
	rec.Scores = make([]float64, 32)
	for c := range 10 {
		s.Names[c] = fmt.Sprint(c)
		rec.Scores[c] = float64((c*37)%10) / 300
	}
	s.Names[10], rec.Scores[10] = "star", 0.02
	rec.Scores[7], rec.Scores[1] = 0.55, 0.21
	rec.Verdict = recall.Decide(rec.Scores, 7)
	rec.Verdict.Name, rec.Verdict.RunnerUpName = "7", "1"
	rec.Nearest = &recall.Item{Index: 4212, Label: 7, Name: "7", Record: 4300, Agree: 0.41, Image: bm, HasImage: true}
	for i := range 4 {
		rec.Others = append(rec.Others, recall.Item{Image: bm, HasImage: true, Name: fmt.Sprint(7 - i%2), Agree: 0.4 - 0.1*float64(i)})
	}
	var lt engine.LevelTrace
	for li, sh := range mnistShapes {
		n := sh.MacsW * sh.MacsH
		gt := engine.GridTrace{Macs: engine.Grid{W: sh.MacsW, H: sh.MacsH}, Q: sh.Q, K: sh.K,
			Active: make([]bool, n), G: make([]float64, n), Frozen: make([]bool, n), Codes: make([]uint16, n*sh.Q)}
		for m := range n {
			gt.Active[m] = (m*7+li)%5 != 0
			gt.G[m] = 0.5 + float64((m*37+li*11)%50)/100
			for q := range sh.Q {
				gt.Codes[m*sh.Q+q] = uint16((m*13 + q*7 + li) % sh.K)
			}
		}
		lt.Grids = append(lt.Grids, gt)
	}
	rec.Trace.Levels = []engine.LevelTrace{lt} // Grids flattens the levels
	return s
}

// focusScene points at mac 1 of the top grid: its field is marked on every
// grid below and the pad shows its box.
func focusScene(l *Layout, s *Scene) {
	f := &s.Focus
	f.On, f.Grid, f.Mac = true, len(mnistShapes)-1, 1
	for gi, sh := range mnistShapes {
		n := sh.MacsW * sh.MacsH
		in := make([]bool, n)
		for m := range n {
			// The right two thirds of each grid.
			in[m] = (m%sh.MacsW)*3 >= sh.MacsW && sh.Level < 3 || sh.Level == 3 && m == 1
		}
		f.In = append(f.In, in)
		_ = gi
	}
	w := s.Rec.UnitsW
	f.Units = make([]bool, len(s.Rec.Units))
	for u := range f.Units {
		f.Units[u] = (u%w)*3 >= 28 || u/w >= 28 && (u%w)*3 >= 14
	}
	for y := range 28 {
		for x := 10; x < 28; x++ {
			f.Pixels.Set(x, y, true)
		}
	}
	p := l.Pad
	f.PadBox = image.Rect(p.Min.X+p.Dx()/3, p.Min.Y, p.Max.X, p.Max.Y)
}

// pixelScene points at pixel (14, 6): a few macs of every grid read it.
func pixelScene(l *Layout, s *Scene) {
	f := &s.Focus
	f.On, f.Grid = true, -1
	for _, sh := range mnistShapes {
		in := make([]bool, sh.MacsW*sh.MacsH)
		in[sh.MacsW/2] = true
		in[sh.MacsW/2+sh.MacsW] = true
		f.In = append(f.In, in)
	}
	f.Pixels.Set(14, 6, true)
	p := l.Pad
	x, y := p.Min.X+p.Dx()*14/28, p.Min.Y+p.Dy()*6/28
	f.PadBox = image.Rect(x, y, x+p.Dx()/28, y+p.Dy()/28)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name  string
		w, h  int
		embed bool
		empty bool
		focus bool
	}{
		{"wide_800x600", 800, 600, false, false, false},
		{"embed_800x600", 800, 600, true, false, false},
		{"wide_1280x720", 1280, 720, false, false, false},
		{"embed_1280x720", 1280, 720, true, false, true},
		{"narrow_375x667", 375, 667, false, false, false},
		{"embed_375x667", 375, 667, true, false, false},
		{"embed_480x560", 480, 560, true, false, false},
		{"empty_800x600", 800, 600, false, true, false},
		{"focus_800x600", 800, 600, false, false, true},
		{"focus_375x667", 375, 667, false, false, true},
		{"pixel_800x600", 800, 600, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLayout(tt.w, tt.h, Options{Embed: tt.embed, Levels: mnistShapes})
			s := scene(&l)
			if tt.empty {
				s = &Scene{PadHint: "draw a digit", Names: s.Names}
			}
			if tt.focus {
				focusScene(&l, s)
			}
			if strings.HasPrefix(tt.name, "pixel") {
				pixelScene(&l, s)
			}
			img := image.NewRGBA(image.Rect(0, 0, tt.w, tt.h))
			Draw(img, &l, s)
			golden(t, filepath.Join("testdata", tt.name+".png"), img)
		})
	}
}

func golden(t *testing.T, path string, img *image.RGBA) {
	t.Helper()
	if *update {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./wasm/viz -update)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, golden %v", img.Bounds(), want.Bounds())
	}
	bad := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := img.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				if bad < 5 {
					t.Errorf("pixel (%d,%d) = %v, golden %v", x, y, img.At(x, y), want.At(x, y))
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d pixels differ from %s (go test ./wasm/viz -update regenerates it)", bad, path)
	}
}

func TestLayoutFits(t *testing.T) {
	sizes := [][2]int{{320, 480}, {375, 667}, {480, 560}, {800, 600}, {1024, 768}, {1280, 720}, {1920, 1080}, {720, 400}, {414, 896}}
	for _, sz := range sizes {
		for _, embed := range []bool{false, true} {
			t.Run(fmt.Sprintf("%dx%d_embed%v", sz[0], sz[1], embed), func(t *testing.T) {
				l := NewLayout(sz[0], sz[1], Options{Embed: embed, Levels: mnistShapes})
				canvas := image.Rect(0, 0, sz[0], sz[1])
				views := map[string]image.Rectangle{"pad": l.Pad, "input": l.Input, "recon": l.Recon, "meter": l.Meter,
					"scores": l.Scores, "nearest": l.Nearest, "nearestText": l.NearestText}
				for i, r := range l.Thumbs {
					views[fmt.Sprint("thumb", i)] = r
				}
				for i, b := range l.Grids {
					views[fmt.Sprint("grid", i)] = b.Rect
				}
				for i, row := range l.Rows {
					for j, r := range row.Inputs {
						views[fmt.Sprint("row", i, "input", j)] = r
					}
				}
				if l.Pad.Dx() != l.Pad.Dy() || l.Pad.Dx() < 120 {
					t.Errorf("pad %v is not a usable square", l.Pad)
				}
				if len(l.Grids) == 0 && canvas.Dy()-l.Panel.Dy() < 300 {
					return // too small for the hierarchy: the pad and the recall views only
				}
				if embed != l.Panel.Empty() {
					t.Errorf("panel %v with embed=%v", l.Panel, embed)
				}
				// Every level and the input row are shown.
				if len(l.Grids) != len(mnistShapes) || len(l.Rows) != 4 {
					t.Fatalf("%d grids, %d rows", len(l.Grids), len(l.Rows))
				}
				for i, b := range l.Grids {
					if b.Rect.Empty() || b.Side < 2 {
						t.Errorf("grid %d: %v, macs of %d pixels", i, b.Rect, b.Side)
					}
					if !b.Rect.In(l.Hier) {
						t.Errorf("grid %d %v outside the hierarchy's area %v", i, b.Rect, l.Hier)
					}
				}
				if l.Hier.Overlaps(l.Pad) || l.Hier.Overlaps(l.Scores) || l.Hier.Overlaps(l.Meter) {
					t.Errorf("hierarchy %v overlaps the pad or the recall views", l.Hier)
				}
				for name, r := range views {
					if r.Empty() {
						if name == "pad" || name == "meter" || name == "scores" || name == "nearest" {
							t.Errorf("%s is not shown", name)
						}
						continue
					}
					if !r.In(canvas) {
						t.Errorf("%s %v outside the canvas", name, r)
					}
					if r.Overlaps(l.Panel) {
						t.Errorf("%s %v overlaps the panel %v", name, r, l.Panel)
					}
					for other, o := range views {
						if other < name && !o.Empty() && r.Overlaps(o) {
							t.Errorf("%s %v overlaps %s %v", name, r, other, o)
						}
					}
				}
				// The rows go up: the input at the bottom, the top level above.
				for i := 1; i < len(l.Rows); i++ {
					if l.Rows[i].Rect.Max.Y > l.Rows[i-1].Rect.Min.Y {
						t.Errorf("row %d %v is not above row %d %v", i, l.Rows[i].Rect, i-1, l.Rows[i-1].Rect)
					}
				}
			})
		}
	}
}

// The macs get larger up the hierarchy, and show more of their codes as
// the canvas grows: at 1280×720 the top level and level 2 show every cell.
func TestMacModes(t *testing.T) {
	for _, tc := range []struct {
		w, h  int
		modes []MacMode // per grid, at least
	}{
		{375, 667, []MacMode{MacSolid, MacSolid, MacSolid, MacSolid, MacStrips}},
		{800, 600, []MacMode{MacSolid, MacSolid, MacStrips, MacStrips, MacStrips}},
		{1280, 720, []MacMode{MacStrips, MacStrips, MacStrips, MacCells, MacCells}},
	} {
		l := NewLayout(tc.w, tc.h, Options{Levels: mnistShapes})
		for i, b := range l.Grids {
			t.Logf("%dx%d grid %d (level %d %s): pitch %d, mode %d", tc.w, tc.h, i, b.Level, b.Name, b.Pitch, b.Mode)
			if b.Mode < tc.modes[i] {
				t.Errorf("%dx%d: grid %d mode %d, want at least %d", tc.w, tc.h, i, b.Mode, tc.modes[i])
			}
			if i > 0 && b.Level > l.Grids[i-1].Level && b.Pitch < l.Grids[i-1].Pitch {
				t.Errorf("%dx%d: level %d macs smaller than level %d's", tc.w, tc.h, b.Level, l.Grids[i-1].Level)
			}
		}
	}
}

func TestArrangeCMs(t *testing.T) {
	for _, tc := range []struct{ q, k, side int }{{8, 32, 19}, {8, 128, 35}, {8, 256, 50}, {1, 1, 1}, {3, 5, 7}} {
		c := ArrangeCMs(tc.q, tc.k)
		w, h := c.Size(1)
		if c.KW*c.KH < tc.k || c.QW*c.QH < tc.q || max(w, h) > tc.side {
			t.Errorf("ArrangeCMs(%d, %d) = %+v (%d×%d), want a side ≤ %d", tc.q, tc.k, c, w, h, tc.side)
		}
	}
}

func TestMacAt(t *testing.T) {
	l := NewLayout(800, 600, Options{Levels: mnistShapes})
	for gi, b := range l.Grids {
		for m := range b.MacsW * b.MacsH {
			r := b.MacRect(m)
			for _, p := range []image.Point{r.Min, r.Max.Sub(image.Pt(1, 1)), r.Min.Add(r.Size().Div(2))} {
				g, gm, ok := l.MacAt(p.X, p.Y)
				if !ok || g != gi || gm != m {
					t.Fatalf("MacAt(%v) = %d, %d, %v; want %d, %d", p, g, gm, ok, gi, m)
				}
			}
			// The gap right of a mac is no mac.
			if _, _, ok := l.MacAt(r.Max.X, r.Min.Y); ok && (m+1)%b.MacsW != 0 && b.Pitch > b.Side {
				t.Fatalf("gap at %v hit a mac", image.Pt(r.Max.X, r.Min.Y))
			}
		}
	}
	if _, _, ok := l.MacAt(l.Pad.Min.X+1, l.Pad.Min.Y+1); ok {
		t.Error("the pad hit a mac")
	}
}

// InputAt finds the input unit under the input view and the input row's
// images.
func TestInputAt(t *testing.T) {
	l := NewLayout(1280, 720, Options{Levels: mnistShapes})
	w := mnist.EdgeGrid.W
	r := l.Input
	if u, ok := l.InputAt(r.Min.X+5*r.Dx()/28+1, r.Min.Y+7*r.Dy()/28+1, w); !ok || u != 7*w+5 {
		t.Errorf("input view (5, 7): unit %d %v", u, ok)
	}
	row := l.Rows[0]
	if row.Level != 0 || len(row.Inputs) != 3 {
		t.Fatalf("input row %+v", row)
	}
	for i, ir := range row.Inputs {
		reg := l.Grids[row.Grids[i]].Region
		u, ok := l.InputAt(ir.Max.X-1, ir.Max.Y-1, w)
		if !ok || u != (reg.Y+reg.H-1)*w+reg.X+reg.W-1 {
			t.Errorf("input image %d: bottom-right unit %d %v, region %+v", i, u, ok, reg)
		}
	}
	if _, ok := l.InputAt(l.Pad.Min.X, l.Pad.Min.Y, w); ok {
		t.Error("the pad is no input view")
	}
}

func TestText(t *testing.T) {
	if got := TextWidth("abc", 2); got != 22 {
		t.Errorf("TextWidth = %d", got)
	}
	if got := Fit("familiarity", 20, 1); TextWidth(got, 1) > 20 {
		t.Errorf("Fit = %q", got)
	}
	for r := range glyphs {
		if len(glyphs[r]) != 15 {
			t.Errorf("glyph %q has %d pixels", r, len(glyphs[r]))
		}
	}
}
