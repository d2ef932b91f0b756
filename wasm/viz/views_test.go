package viz

import (
	"fmt"
	"image"
	"math"
	"path/filepath"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// viewScenes are deterministic data for each teaching view.
func viewScenes() map[string]View {
	csa := &CSAView{Shapes: mnistShapes, Grid: 4, Mac: 2, CM: 2,
		MacG: 0.9, RealG: 0.62, Eta: 2593.0, Override: true, MaxV: 11, Drawn: 11,
		Why: "its g is below the threshold: eta 1, rho even over the cells (a new code) - pick a mac of another level, or set g, to see the draw at work"}
	for gi, sh := range mnistShapes {
		n := sh.MacsW * sh.MacsH
		act, g := make([]bool, n), make([]float64, n)
		for m := range n {
			act[m] = (m*7+gi)%5 != 0
			g[m] = 0.5 + float64((m*37)%50)/100
		}
		csa.Active, csa.G = append(csa.Active, act), append(csa.G, g)
	}
	for i := range 256 {
		v := 0.2 + 0.5*math.Abs(math.Sin(float64(i)))
		if i == 11 {
			v = 1
		}
		mu := 1 + 2592/(1+math.Exp(-28*(v-0.9)))
		csa.V, csa.Mu = append(csa.V, v), append(csa.Mu, mu)
	}
	sum := 0.0
	for _, m := range csa.Mu {
		sum += m
	}
	for _, m := range csa.Mu {
		csa.Rho = append(csa.Rho, m/sum)
	}

	mv := &MapView{}
	const per = 8
	for c := range 10 {
		for range per {
			mv.Classes = append(mv.Classes, c)
		}
	}
	k := len(mv.Classes)
	for li, lv := range []int{3, 1} {
		ml := MapLevel{Level: lv, Name: []string{"top level", "level 1"}[li], Within: 0.41 / float64(lv), Between: 0.12 / float64(lv)}
		ml.M = make([]float64, k*k)
		for i := range k {
			for j := range k {
				switch {
				case i == j:
					ml.M[i*k+j] = 1
				case mv.Classes[i] == mv.Classes[j]:
					ml.M[i*k+j] = (0.3 + 0.2*float64((i*j)%5)/5) / float64(lv*lv)
				default:
					ml.M[i*k+j] = (0.05 + 0.1*float64((i+j)%3)/3) / float64(lv*lv)
				}
			}
		}
		for b := range 7 {
			ml.Curve = append(ml.Curve, CurvePoint{X: 0.05 + 0.1*float64(b), Y: (0.1 + 0.12*float64(b*b)/6) / float64(lv), N: 100 - 10*b})
		}
		mv.Levels = append(mv.Levels, ml)
	}

	cv := &CapacityView{Levels: mnistShapes}
	for li, s := range mnistShapes {
		sat := make([]float64, s.MacsW*s.MacsH)
		fr := make([]bool, len(sat))
		for m := range sat {
			sat[m] = float64((m*13+li)%40) / 100
			fr[m] = m%23 == 5
		}
		cv.Sat, cv.Frozen = append(cv.Sat, sat), append(cv.Frozen, fr)
	}
	for i := 1; i <= 20; i++ {
		cv.Points = append(cv.Points, CostPoint{Items: 500 * i, LearnMs: 0.25 + 0.01*float64(i%3), RecallMs: 0.2, NNMs: 0.02 * float64(i)})
		cv.Epi = append(cv.Epi, EpiPoint{Items: 500 * i, StoredG: 1 - 0.0005*float64(i), UnseenG: 0.7 + 0.01*float64(i), AUROC: 1 - 0.001*float64(i)})
	}

	sv := &SeqView{Learned: 2, HasG: true, MeanG: 0.98, HasPrev: true, PrevG: 0.61, Given: 3}
	for f := range 8 {
		var b mnist.Bitmap
		for i := range 4 {
			x, y := 6+f*2+i, 6+f*2
			b.Set(x, y, true)
		}
		sv.Frames = append(sv.Frames, b)
		sv.FrameG = append(sv.FrameG, 1-0.05*float64(f%3))
		if f >= 3 {
			rec := make([]uint8, mnist.Pixels)
			for _, j := range b.Indices() {
				rec[j] = 230
			}
			sv.Replay = append(sv.Replay, rec)
		}
	}
	return map[string]View{"csa": csa, "map": mv, "capacity": cv, "sequence": sv}
}

func TestGoldenViews(t *testing.T) {
	views := viewScenes()
	sizes := []struct {
		w, h  int
		embed bool
	}{{800, 600, false}, {375, 667, false}, {1280, 720, true}, {480, 560, true}}
	for _, name := range []string{"csa", "map", "capacity", "sequence"} {
		for _, sz := range sizes {
			if sz.w == 480 && name != "map" && name != "csa" {
				continue
			}
			tag := fmt.Sprintf("view_%s_%dx%d", name, sz.w, sz.h)
			if sz.embed {
				tag += "_embed"
			}
			t.Run(tag, func(t *testing.T) {
				l := NewLayout(sz.w, sz.h, Options{Embed: sz.embed, Levels: mnistShapes})
				if l.ViewArea().Empty() {
					t.Fatalf("no view area in %dx%d", sz.w, sz.h)
				}
				s := scene(&l)
				img := image.NewRGBA(image.Rect(0, 0, sz.w, sz.h))
				DrawView(img, &l, s, views[name])
				golden(t, filepath.Join("testdata", tag+".png"), img)
			})
		}
	}
}

func TestViewArea(t *testing.T) {
	for _, sz := range [][2]int{{320, 480}, {375, 667}, {480, 560}, {800, 600}, {1024, 768}, {1280, 720}} {
		for _, embed := range []bool{false, true} {
			l := NewLayout(sz[0], sz[1], Options{Embed: embed, Levels: mnistShapes})
			a := l.ViewArea()
			if a.Empty() && len(l.Grids) == 0 && sz[1]-l.Panel.Dy() < 300 {
				continue // too small for the hierarchy and the views
			}
			if a.Empty() {
				t.Errorf("%v embed %v: no view area", sz, embed)
				continue
			}
			if !a.In(image.Rect(0, 0, sz[0], sz[1])) || a.Overlaps(l.Pad) || a.Overlaps(l.Panel) || a.Overlaps(l.Scores) {
				t.Errorf("%v embed %v: view area %v, pad %v, panel %v", sz, embed, a, l.Pad, l.Panel)
			}
		}
	}
}

func TestCSAMacAt(t *testing.T) {
	for _, area := range []image.Rectangle{image.Rect(10, 300, 530, 590), image.Rect(300, 8, 520, 590), image.Rect(0, 0, 900, 200)} {
		l := NewCSALayout(area, mnistShapes)
		if len(l.Map) != len(mnistShapes) {
			t.Fatalf("%v: %d grids in the mini map", area, len(l.Map))
		}
		for gi, b := range l.Map {
			if !b.Rect.In(area) || b.Rect.Overlaps(l.Bars) {
				t.Errorf("%v: grid %d at %v, charts %v", area, gi, b.Rect, l.Bars)
			}
			for m := range b.MacsW * b.MacsH {
				r := b.MacRect(m)
				c := r.Min.Add(r.Size().Div(2))
				if g, got, ok := l.MacAt(c.X, c.Y); !ok || g != gi || got != m {
					t.Fatalf("%v: MacAt(%v) = %d %d, %v; want %d %d", area, c, g, got, ok, gi, m)
				}
			}
		}
		if _, _, ok := l.MacAt(0, 0); ok && !image.Pt(0, 0).In(l.Map[0].Rect) {
			t.Error("MacAt outside the map hit a mac")
		}
	}
}
