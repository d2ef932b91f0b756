package engine

import (
	"errors"
	"math/rand/v2"
	"testing"
)

func TestSDRBasics(t *testing.T) {
	s, err := SDRFromIndices(100, []int{3, 64, 99})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"Len", s.Len(), 100},
		{"Count", s.Count(), 3},
		{"Test on", s.Test(64), true},
		{"Test off", s.Test(65), false},
		{"Indices", len(s.AppendIndices(nil)), 3},
		{"String", s.String(), "SDR(100)[3 64 99]"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	o, _ := SDRFromIndices(100, []int{3, 50, 99})
	if s.Overlap(o) != 2 {
		t.Errorf("Overlap = %d, want 2", s.Overlap(o))
	}
	if s.Equal(o) || !s.Equal(s.Clone()) {
		t.Error("Equal is wrong")
	}
	if _, err := SDRFromIndices(10, []int{10}); !errors.Is(err, ErrSDR) {
		t.Errorf("out-of-range index: err = %v", err)
	}
}

func TestSDRPanicsOutOfRange(t *testing.T) {
	for _, i := range []int{-1, 8} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Set(%d) on an SDR of 8 did not panic", i)
				}
			}()
			NewSDR(8).Set(i)
		}()
	}
}

func TestSDRForEachDoesNotAllocate(t *testing.T) {
	s := RandomSDR(rand.New(rand.NewPCG(1, 2)), 784, 40)
	buf := make([]int, 0, 64)
	n := 0
	allocs := testing.AllocsPerRun(100, func() {
		buf = s.AppendIndices(buf[:0])
		s.ForEach(func(int) bool { n++; return true })
	})
	if allocs != 0 {
		t.Errorf("iteration allocates %.1f times", allocs)
	}
}

func TestSDRNoiseKeepsCountAndOverlap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := RandomSDR(rng, 500, 40)
	for _, f := range []float64{0, 0.25, 0.5, 1} {
		v := s.WithNoise(rng, f)
		if v.Count() != 40 {
			t.Errorf("noise %.2f changed the count to %d", f, v.Count())
		}
		if want := 40 - int(f*40+0.5); v.Overlap(s) != want {
			t.Errorf("noise %.2f: overlap %d, want %d", f, v.Overlap(s), want)
		}
	}
}

func TestSDRMarshalRoundTrip(t *testing.T) {
	s := RandomSDR(rand.New(rand.NewPCG(3, 4)), 784, 37)
	b, _ := s.MarshalBinary()
	var o SDR
	if err := o.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !o.Equal(s) {
		t.Error("round trip changed the SDR")
	}
}

func FuzzSDRUnmarshal(f *testing.F) {
	good, _ := RandomSDR(rand.New(rand.NewPCG(1, 1)), 64, 5).MarshalBinary()
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add([]byte{0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 1})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		var s SDR
		if err := s.UnmarshalBinary(b); err != nil {
			return
		}
		again, _ := s.MarshalBinary()
		if string(again) != string(b) {
			t.Fatalf("accepted a non-canonical encoding")
		}
	})
}
