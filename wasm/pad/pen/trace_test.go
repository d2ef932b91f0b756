package pen

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// grid parses rows of '#' (ink) and '.' into a w×h grid.
func grid(rows ...string) ([]bool, int, int) {
	w, h := len(rows[0]), len(rows)
	ink := make([]bool, w*h)
	for y, r := range rows {
		for x, c := range r {
			ink[y*w+x] = c == '#'
		}
	}
	return ink, w, h
}

// px converts a point in pad coordinates back to pixel indices (the
// centre of pixel (x, y) is ((x+0.5)/w, (y+0.5)/h)).
func px(p pad.Point, w, h int) [2]float64 {
	return [2]float64{p.X*float64(w) - 0.5, p.Y*float64(h) - 0.5}
}

func near(a, b [2]float64) bool { return math.Abs(a[0]-b[0]) < 1e-9 && math.Abs(a[1]-b[1]) < 1e-9 }

func TestTrace(t *testing.T) {
	tests := []struct {
		name   string
		rows   []string
		points []int        // points per stroke, in order
		starts [][2]float64 // first point of each stroke (pixels)
		closed []bool       // stroke ends where it starts
		second [][2]float64 // second point of each stroke, where it matters (nil: any)
	}{
		{"dot", []string{"...", ".#.", "..."}, []int{1}, [][2]float64{{1, 1}}, []bool{false}, nil},
		{"horizontal line starts left", []string{".....", "#####", "....."}, []int{5}, [][2]float64{{0, 1}}, []bool{false}, nil},
		{"vertical line starts at the top", []string{".#.", ".#.", ".#.", ".#."}, []int{4}, [][2]float64{{1, 0}}, []bool{false}, nil},
		{"diagonal line is one stroke", []string{"#...", ".#..", "..#.", "...#"}, []int{4}, [][2]float64{{0, 0}}, []bool{false}, nil},
		{"corner of three pixels is a path, not a junction", []string{"#....", "#....", "#####"}, []int{7}, [][2]float64{{0, 0}}, []bool{false}, nil},
		{"T: the bar goes through, the stem ends at it", []string{"#####", "..#..", "..#.."},
			[]int{5, 3}, [][2]float64{{0, 0}, {2, 0}}, []bool{false, false}, nil},
		{"plus: two straight strokes cross", []string{"..#..", "..#..", "#####", "..#..", "..#.."},
			[]int{5, 5}, [][2]float64{{2, 0}, {0, 2}}, []bool{false, false}, nil},
		{"ring: closed, from the top, counter-clockwise", []string{".###.", "#...#", "#...#", ".###."},
			[]int{11}, [][2]float64{{1, 0}}, []bool{true}, [][2]float64{{0, 1}}},
		{"2×2 block: a small closed stroke", []string{"....", ".##.", ".##.", "...."},
			[]int{5}, [][2]float64{{1, 1}}, []bool{true}, [][2]float64{{1, 2}}},
		{"two strokes, top first", []string{"...###", "......", "###..."},
			[]int{3, 3}, [][2]float64{{3, 0}, {0, 2}}, []bool{false, false}, nil},
		{"6: the tail runs into the loop", []string{"#....", "#....", ".###.", "#...#", "#...#", ".###."},
			[]int{13}, [][2]float64{{0, 0}}, []bool{false}, [][2]float64{{0, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ink, w, h := grid(tt.rows...)
			strokes, err := Trace(ink, w, h)
			if err != nil {
				t.Fatal(err)
			}
			if len(strokes) != len(tt.points) {
				t.Fatalf("%d strokes %v, want %d", len(strokes), pixels(strokes, w, h), len(tt.points))
			}
			for i, s := range strokes {
				if len(s) != tt.points[i] {
					t.Errorf("stroke %d has %d points %v, want %d", i, len(s), pixels(strokes[i:i+1], w, h), tt.points[i])
				}
				if got := px(s[0], w, h); !near(got, tt.starts[i]) {
					t.Errorf("stroke %d starts at %v, want %v", i, got, tt.starts[i])
				}
				if closed := len(s) > 1 && s[0] == s[len(s)-1]; closed != tt.closed[i] {
					t.Errorf("stroke %d closed = %v, want %v", i, closed, tt.closed[i])
				}
				if tt.second != nil && len(s) > 1 {
					if got := px(s[1], w, h); !near(got, tt.second[i]) {
						t.Errorf("stroke %d goes on to %v, want %v", i, got, tt.second[i])
					}
				}
			}
			checkCover(t, ink, w, h, strokes)
		})
	}
}

func pixels(strokes []pad.Stroke, w, h int) [][][2]float64 {
	var out [][][2]float64
	for _, s := range strokes {
		var ps [][2]float64
		for _, p := range s {
			ps = append(ps, px(p, w, h))
		}
		out = append(out, ps)
	}
	return out
}

func TestTraceErrors(t *testing.T) {
	tests := []struct {
		name string
		ink  []bool
		w, h int
		want error
	}{
		{"short", make([]bool, 5), 2, 3, ErrSize},
		{"zero width", nil, 0, 3, ErrSize},
		{"negative", make([]bool, 4), -2, -2, ErrSize},
		{"blank", make([]bool, 9), 3, 3, ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Trace(tt.ink, tt.w, tt.h); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

// checkCover checks that the strokes trace the skeleton: every ink pixel
// is within 1 pixel of a stroke segment, and every stroke point is within
// 1.5 pixels of an ink pixel (junction points are means of adjacent
// junction pixels).
func checkCover(t *testing.T, ink []bool, w, h int, strokes []pad.Stroke) {
	t.Helper()
	var segs [][2][2]float64
	for _, s := range strokes {
		for i := range s {
			a := px(s[max(i-1, 0)], w, h)
			segs = append(segs, [2][2]float64{a, px(s[i], w, h)})
		}
	}
	for p, on := range ink {
		if !on {
			continue
		}
		c := [2]float64{float64(p % w), float64(p / w)}
		best := math.Inf(1)
		for _, sg := range segs {
			best = min(best, segDist(c, sg[0], sg[1]))
		}
		if best > 1 {
			t.Errorf("ink pixel %v is %.2f pixels from every stroke", c, best)
		}
	}
	for _, s := range strokes {
		for _, q := range s {
			c := px(q, w, h)
			best := math.Inf(1)
			for p, on := range ink {
				if on {
					best = min(best, math.Hypot(c[0]-float64(p%w), c[1]-float64(p/w)))
				}
			}
			if best > 1.5 {
				t.Errorf("stroke point %v is %.2f pixels from any ink", c, best)
			}
		}
	}
}

func segDist(c, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = min(max(((c[0]-a[0])*dx+(c[1]-a[1])*dy)/l2, 0), 1)
	}
	return math.Hypot(c[0]-a[0]-t*dx, c[1]-a[1]-t*dy)
}

// TestTraceMNIST traces the skeletons of real test digits: every stroke
// covers its skeleton, and most digits take one or two strokes.
func TestTraceMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the MNIST module")
	}
	_, test, err := gomnist.Load()
	if err != nil {
		t.Fatalf("MNIST (run with -short to skip): %v", err)
	}
	const n = 300
	hist := map[int]int{}
	for i := range n {
		b, err := mnist.Preprocess(test.Image(i), test.Width(), test.Height(), mnist.Options{Thin: true})
		if err != nil {
			t.Fatal(err)
		}
		strokes, err := TraceBitmap(b)
		if err != nil {
			t.Fatalf("digit %d: %v", i, err)
		}
		hist[len(strokes)]++
		ink := make([]bool, mnist.Pixels)
		for _, j := range b.Indices() {
			ink[j] = true
		}
		checkCover(t, ink, mnist.Side, mnist.Side, strokes)
		if t.Failed() {
			t.Fatalf("digit %d (label %d):\n%s", i, test.Label(i), b)
		}
	}
	if few := hist[1] + hist[2]; few < n*3/4 {
		t.Errorf("strokes per digit %v: want most digits in one or two strokes", hist)
	}
	t.Logf("strokes per digit (count: digits): %v", hist)
}

func FuzzTrace(f *testing.F) {
	f.Add(uint8(5), []byte(strings.Repeat("\x01\x00", 12)))
	f.Add(uint8(3), []byte{1, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Add(uint8(4), []byte{0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0})
	f.Fuzz(func(t *testing.T, w uint8, data []byte) {
		if w == 0 || len(data) > 400 {
			return
		}
		h := len(data) / int(w)
		ink := make([]bool, int(w)*h)
		for i := range ink {
			ink[i] = data[i]&1 != 0
		}
		strokes, err := Trace(ink, int(w), h)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrSize) {
				t.Fatal(err)
			}
			return
		}
		for _, s := range strokes {
			if len(s) == 0 {
				t.Fatal("empty stroke")
			}
			for _, p := range s {
				if !(p.X > 0 && p.X < 1 && p.Y > 0 && p.Y < 1) {
					t.Fatalf("point %v outside the grid", p)
				}
			}
		}
		// Any ink, not only skeletons: junctions can be large blobs, so
		// only the pixels outside junctions are sure to be on a stroke.
		g := newGraph(ink, int(w), h)
		for _, p := range g.pix {
			if len(g.links[p]) > 2 {
				continue
			}
			c := g.centre(p)
			want := pad.Point{X: c.X / float64(w), Y: c.Y / float64(h)}
			found := false
			for _, s := range strokes {
				for _, q := range s {
					found = found || q == want
				}
			}
			if !found {
				t.Fatalf("pixel %v is on no stroke", c)
			}
		}
	})
}
