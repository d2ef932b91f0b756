package viz

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata")

var mnistShapes = []Shape{{Level: 1, MacsW: 14, MacsH: 14, Q: 8, K: 32}, {Level: 2, MacsW: 6, MacsH: 6, Q: 8, K: 32}}

// scene builds a deterministic scene for a layout.
func scene(l *Layout) *Scene {
	s := &Scene{Class: 7, HasG: true, G: 0.73, PadHint: "draw a digit"}
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
	s.Input = &bm
	s.Recon = make([]uint8, mnist.Pixels)
	for i := range s.Recon {
		if bm.At(i%28, i/28) {
			s.Recon[i] = 200
		} else if bm.At(i%28+1, i/28) {
			s.Recon[i] = 90
		}
	}
	s.Names = make([]string, 32)
	s.Scores = make([]float64, 32)
	for c := range 10 {
		s.Names[c] = fmt.Sprint(c)
		s.Scores[c] = float64((c*37)%10) / 30
	}
	s.Names[10], s.Scores[10] = "star", 0.05
	s.Scores[7] = 0.6
	for i := range 4 {
		s.Thumbs = append(s.Thumbs, Thumb{Image: bm, Name: fmt.Sprint(7 - i%2), Overlap: 0.9 - 0.1*float64(i)})
	}
	for li, sh := range mnistShapes {
		n := sh.MacsW * sh.MacsH
		lt := engine.GridTrace{Macs: engine.Grid{W: sh.MacsW, H: sh.MacsH}, Q: sh.Q, K: sh.K,
			Active: make([]bool, n), G: make([]float64, n), Frozen: make([]bool, n), Codes: make([]uint16, n*sh.Q)}
		for m := range n {
			lt.Active[m] = (m*7+li)%5 != 0
			for q := range sh.Q {
				lt.Codes[m*sh.Q+q] = uint16((m*13 + q*7 + li) % sh.K)
			}
		}
		s.Grids = append(s.Grids, lt)
	}
	s.Frozen = [][]bool{make([]bool, 196)}
	s.Frozen[0][3] = true
	s.Hover, s.HasHover = [2]int{0, 10}, true
	return s
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
	}{
		{"wide_800x600", 800, 600, false, false},
		{"wide_1280x720", 1280, 720, false, false},
		{"narrow_375x667", 375, 667, false, false},
		{"embed_480x560", 480, 560, true, false},
		{"empty_800x600", 800, 600, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLayout(tt.w, tt.h, Options{Embed: tt.embed, Levels: mnistShapes})
			s := scene(&l)
			if tt.empty {
				s = &Scene{Class: -1, PadHint: "draw a digit", Names: s.Names}
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
	sizes := [][2]int{{320, 480}, {375, 667}, {480, 560}, {800, 600}, {1024, 768}, {1280, 720}, {1920, 1080}, {720, 400}}
	for _, sz := range sizes {
		for _, embed := range []bool{false, true} {
			t.Run(fmt.Sprintf("%dx%d_embed%v", sz[0], sz[1], embed), func(t *testing.T) {
				l := NewLayout(sz[0], sz[1], Options{Embed: embed, Levels: mnistShapes})
				canvas := image.Rect(0, 0, sz[0], sz[1])
				views := map[string]image.Rectangle{"pad": l.Pad, "input": l.Input, "recon": l.Recon, "meter": l.Meter, "scores": l.Scores}
				for i, r := range l.Thumbs {
					views[fmt.Sprint("thumb", i)] = r
				}
				for i, b := range l.Levels {
					views[fmt.Sprint("level", i)] = b.Grid
				}
				if l.Pad.Dx() != l.Pad.Dy() || l.Pad.Dx() < 80 {
					t.Errorf("pad %v is not a usable square", l.Pad)
				}
				if embed != l.Panel.Empty() {
					t.Errorf("panel %v with embed=%v", l.Panel, embed)
				}
				for name, r := range views {
					if r.Empty() {
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
			})
		}
	}
}

func TestMacAt(t *testing.T) {
	l := NewLayout(800, 600, Options{Levels: mnistShapes})
	for li, b := range l.Levels {
		for m := range b.MacsW * b.MacsH {
			r := b.MacRect(m)
			for _, p := range []image.Point{r.Min, r.Max.Sub(image.Pt(1, 1)), r.Min.Add(r.Size().Div(2))} {
				gl, gm, ok := l.MacAt(p.X, p.Y)
				if !ok || gl != li || gm != m {
					t.Fatalf("MacAt(%v) = %d, %d, %v; want %d, %d", p, gl, gm, ok, li, m)
				}
			}
			// The gap right of a mac is no mac.
			if _, _, ok := l.MacAt(r.Max.X, r.Min.Y); ok && (m+1)%b.MacsW != 0 {
				t.Fatalf("gap at %v hit a mac", image.Pt(r.Max.X, r.Min.Y))
			}
		}
	}
	if _, _, ok := l.MacAt(l.Pad.Min.X+1, l.Pad.Min.Y+1); ok {
		t.Error("the pad hit a mac")
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

// The default network's three levels all show at the sizes the page is
// tested and used at: the pad shrinks rather than a level being cut off.
func TestLayoutShowsEveryLevel(t *testing.T) {
	edgeShapes := []Shape{{MacsW: 12, MacsH: 12, Q: 8, K: 32}, {MacsW: 12, MacsH: 12, Q: 8, K: 32}, {MacsW: 6, MacsH: 6, Q: 8, K: 32}}
	for _, sz := range [][2]int{{800, 600}, {1024, 768}, {1280, 720}, {1920, 1080}} {
		l := NewLayout(sz[0], sz[1], Options{Levels: edgeShapes})
		if len(l.Levels) != len(edgeShapes) {
			t.Errorf("%dx%d: %d of %d levels shown (pad %v)", sz[0], sz[1], len(l.Levels), len(edgeShapes), l.Pad)
		}
		if l.Pad.Dx() < 160 {
			t.Errorf("%dx%d: pad %v smaller than 160", sz[0], sz[1], l.Pad)
		}
	}
}
