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
