package viz

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var textsDir = flag.String("texts", "", "write TestTextsFit's drawings as PNGs into this directory, to look at")

// MinFontSize is the smallest text the page may show, in CSS pixels (the
// issue's floor: no text below 11 CSS pixels).
const MinFontSize = 11

// TestTextsFit draws the main view and every teaching view, on the page
// and embedded, at the four sizes the page must read well at, and checks
// every text the canvas draws: its font at least MinFontSize CSS pixels,
// nothing cut (shortened or outside its clip), its box inside the canvas,
// off the HTML panel and bar and off every other text (cut includes a
// character not in the font).
func TestTextsFit(t *testing.T) {
	views := viewScenes()
	for _, sz := range [][2]int{{375, 667}, {768, 1024}, {1280, 720}, {1920, 1080}} {
		for _, embed := range []bool{false, true} {
			for _, name := range []string{"main", "csa", "map", "capacity", "sequence"} {
				tag := fmt.Sprintf("%s_%dx%d", name, sz[0], sz[1])
				if embed {
					tag += "_embed"
				}
				t.Run(tag, func(t *testing.T) {
					l := NewLayout(sz[0], sz[1], Options{Embed: embed, Levels: mnistShapes})
					s := scene(&l)
					img := image.NewRGBA(image.Rect(0, 0, sz[0], sz[1]))
					if name == "main" {
						Draw(img, &l, s)
					} else {
						if l.ViewArea().Empty() {
							t.Fatalf("no view area")
						}
						DrawView(img, &l, s, views[name])
					}
					texts := Texts()
					if *textsDir != "" {
						f, err := os.Create(filepath.Join(*textsDir, tag+".png"))
						if err != nil {
							t.Fatal(err)
						}
						if err := png.Encode(f, img); err != nil {
							t.Fatal(err)
						}
						f.Close()
					}
					if len(texts) == 0 {
						t.Fatal("no texts recorded")
					}
					canvas := img.Bounds()
					for i, x := range texts {
						a := image.Rect(x.X, x.Y, x.X+x.W, x.Y+x.H)
						for _, y := range texts[:i] {
							if b := image.Rect(y.X, y.Y, y.X+y.W, y.Y+y.H); a.Overlaps(b) {
								t.Errorf("%q at %v overlaps %q at %v", x.Text, a, y.Text, b)
							}
						}
						box := image.Rect(x.X, x.Y, x.X+x.W, x.Y+x.H)
						switch {
						case x.Size < MinFontSize:
							t.Errorf("%q at %v: font %d px < %d", x.Text, box.Min, x.Size, MinFontSize)
						case x.Clipped:
							t.Errorf("%q at %v: cut", x.Text, box)
						case !box.In(canvas):
							t.Errorf("%q at %v: off the canvas", x.Text, box)
						case box.Overlaps(l.Panel) || box.Overlaps(l.Bar):
							t.Errorf("%q at %v: under the panel %v or bar %v", x.Text, box, l.Panel, l.Bar)
						}
					}
				})
			}
		}
	}
}
