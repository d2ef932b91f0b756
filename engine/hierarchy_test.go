package engine

import (
	"errors"
	"testing"
)

// testHierarchy is a small three-level network on the 28×70 grid of
// digitInput that uses every kind of connection: level 1 has two grids
// (the strokes and the first pooled map) with horizontal and top-down
// input, level 2 one grid reading both with horizontal and top-down input,
// the top one mac over level 2.
func testHierarchy() Config {
	l1 := GridConfig{Q: 4, K: 8, PiMin: 1, HRadius: 1, TopDown: true, Center: 0.9, FreezeBundle: 1}
	skel, o2 := l1, l1
	skel.Name, skel.Macs = "strokes", Grid{W: 7, H: 7}
	skel.Fields = []Field{{Region: Rect{X: 0, Y: 0, W: 28, H: 28}, RF: Grid{W: 6, H: 6}}}
	o2.Name, o2.Macs = "pooled", Grid{W: 6, H: 6}
	o2.Fields = []Field{{Region: Rect{X: 0, Y: 28, W: 28, H: 28}, RF: Grid{W: 6, H: 6}}}
	l2 := GridConfig{Name: "level 2", Macs: Grid{W: 3, H: 3}, Q: 6, K: 16, PiMin: 1, HRadius: 1, TopDown: true,
		Center: 0.9, FreezeBundle: 1,
		Fields: []Field{{Source: 0, RF: Grid{W: 3, H: 3}}, {Source: 1, RF: Grid{W: 2, H: 2}}}}
	top := GridConfig{Name: "top", Macs: Grid{W: 1, H: 1}, Q: 8, K: 32, PiMin: 1, HRadius: NoH,
		Center: 0.9, GFloor: 0.9, FreezeBundle: 1,
		Fields: []Field{{Source: 0, RF: Grid{W: 3, H: 3}}}}
	return Config{
		Seed:   3,
		Input:  Grid{W: 28, H: 70},
		Levels: []LevelConfig{{Grids: []GridConfig{skel, o2}}, {Grids: []GridConfig{l2}}, {Grids: []GridConfig{top}}},
	}
}

// Every mac's field points one level down, and what a mac sees in the end
// is the union of what the macs it reads see; the top level sees the whole
// input the level-1 grids read.
func TestFieldsAndPixels(t *testing.T) {
	net, err := New(MNISTConfig())
	if err != nil {
		t.Fatal(err)
	}
	f, err := net.Field(MacID{Level: 1, Grid: 0, Mac: 5})
	if err != nil || f != nil {
		t.Fatalf("a level-1 mac reads macs %v (%v)", f, err)
	}
	px, _ := net.Pixels(MacID{Level: 1, Grid: 0, Mac: 0})
	if len(px) != 25 || px[0] != 0 || px[24] != 4*28+4 {
		t.Errorf("level-1 mac 0 sees %v, want the 5×5 corner", px)
	}
	for lv := 2; lv <= net.Levels(); lv++ {
		for gi := range net.Grids(lv) {
			for m := range len(net.levels[lv-1][gi].macs) {
				id := MacID{Level: lv, Grid: gi, Mac: m}
				field, err := net.Field(id)
				if err != nil || len(field) == 0 {
					t.Fatalf("%+v: field %v, %v", id, field, err)
				}
				want := map[int]bool{}
				for _, s := range field {
					if s.Level != lv-1 {
						t.Fatalf("%+v reads %+v, not the level below", id, s)
					}
					p, _ := net.Pixels(s)
					for _, x := range p {
						want[x] = true
					}
				}
				got, _ := net.Pixels(id)
				if len(got) != len(want) {
					t.Fatalf("%+v sees %d pixels, its field %d", id, len(got), len(want))
				}
			}
		}
	}
	// The top level's macs together see every pixel the level-1 grids read.
	all := map[int]bool{}
	for gi := range net.Grids(1) {
		for m := range len(net.levels[0][gi].macs) {
			p, _ := net.Pixels(MacID{Level: 1, Grid: gi, Mac: m})
			for _, x := range p {
				all[x] = true
			}
		}
	}
	top := map[int]bool{}
	for m := range len(net.levels[net.Levels()-1][0].macs) {
		p, _ := net.Pixels(MacID{Level: net.Levels(), Mac: m})
		for _, x := range p {
			top[x] = true
		}
	}
	if len(top) != len(all) {
		t.Errorf("the top level sees %d of the %d input units level 1 reads", len(top), len(all))
	}
	if _, err := net.Field(MacID{Level: 9}); !errors.Is(err, ErrExplain) {
		t.Errorf("no such level: %v", err)
	}
}
