package mnist_test

import (
	"errors"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

func TestEncode(t *testing.T) {
	var b mnist.Bitmap
	b.Set(0, 0, true)
	b.Set(27, 27, true)
	b.Set(13, 6, true)
	tests := []struct {
		name string
		grid engine.Grid
		want []int
	}{
		{"plain", mnist.PlainGrid, []int{0, 6*28 + 13, 27*28 + 27}},
		{"pyramid", mnist.PyramidGrid, []int{
			0, 6*28 + 13, 27*28 + 27, // full resolution
			28 * 28, (28+3)*28 + 6, (28+13)*28 + 13, // 2×2 pooled
			28*28 + 14, (28+1)*28 + 14 + 3, (28+6)*28 + 14 + 6, // 4×4 pooled
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := mnist.Encode(b, tc.grid)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := engine.SDRFromIndices(tc.grid.N(), tc.want)
			if !s.Equal(want) {
				t.Errorf("got %v, want %v", s, want)
			}
		})
	}
	if _, err := mnist.Encode(b, engine.Grid{W: 10, H: 10}); err == nil {
		t.Error("an unknown grid was accepted")
	}
}

func TestInputMatchesDefaultNetwork(t *testing.T) {
	img := make([]byte, 60*60)
	for i := 10; i < 50; i++ {
		img[i*60+30] = 255 // a vertical stroke: a "1"
	}
	cfg := engine.MNISTConfig()
	in, err := mnist.Input(img, 60, 60, cfg.Input)
	if err != nil {
		t.Fatal(err)
	}
	net, _ := engine.New(cfg)
	if _, err := net.Learn(in, 1); err != nil {
		t.Fatalf("the default network rejects mnist.Input: %v", err)
	}
	if _, err := mnist.Input(make([]byte, 3600), 60, 60, cfg.Input); !errors.Is(err, mnist.ErrEmpty) {
		t.Errorf("empty drawing: err = %v, want ErrEmpty", err)
	}
}

func TestEncodeEdges(t *testing.T) {
	// A horizontal bar at y = 5, x = 4..9 and one isolated pixel.
	var b mnist.Bitmap
	for x := 4; x <= 9; x++ {
		b.Set(x, 5, true)
	}
	b.Set(20, 20, true)
	s, err := mnist.Encode(b, mnist.EdgeGrid)
	if err != nil {
		t.Fatal(err)
	}
	g := mnist.EdgeGrid
	on := func(x, y int) bool { return s.Test(y*g.W + x) }
	// Skeleton rows copy the bitmap.
	if !on(4, 5) || !on(9, 5) || !on(20, 20) || on(10, 5) {
		t.Error("the skeleton part is not the bitmap")
	}
	// 2×2 map: pooled pixels (2..4, 2) have Horizontal (o=0 at +0,+0);
	// nothing has Vertical; the isolated pixel has no orientation.
	for px := 2; px <= 4; px++ {
		if !on(2*px, 28+2*2) {
			t.Errorf("pooled pixel (%d,2) lacks Horizontal", px)
		}
		if on(2*px+1, 28+2*2) {
			t.Errorf("pooled pixel (%d,2) has Vertical", px)
		}
	}
	if on(2*10, 28+2*10) {
		t.Error("an isolated pixel got an orientation")
	}
	// 4×4 map: pooled pixels (1..2, 1), Horizontal.
	if !on(2*1, 56+2*1) || !on(2*2, 56+2*1) {
		t.Error("the 4×4 map lacks the bar")
	}
	wantCount := 7 + 3 + 2 // skeleton + 2×2 map + 4×4 map
	if s.Count() != wantCount {
		t.Errorf("%d bits on, want %d", s.Count(), wantCount)
	}
	tests := []struct {
		x, y int
		want [mnist.Orientations]bool
	}{
		{4, 5, [mnist.Orientations]bool{mnist.Horizontal: true}},
		{20, 20, [mnist.Orientations]bool{}},
	}
	for _, tc := range tests {
		if got := mnist.EdgeOrientations(b, tc.x, tc.y); got != tc.want {
			t.Errorf("EdgeOrientations(%d,%d) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
}
