package engine

import (
	"errors"
	"math/rand/v2"
	"testing"
)

func trained(t testing.TB, items int) *Network {
	t.Helper()
	cfg := testHierarchy()
	net, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 9))
	for i := range items {
		if _, err := net.Learn(digitInput(rng), i%10); err != nil {
			t.Fatal(err)
		}
	}
	return net
}

func TestSnapshotRoundTrip(t *testing.T) {
	net := trained(t, 40)
	b, err := net.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := got.MarshalBinary()
	if string(again) != string(b) {
		t.Fatal("re-encoding a loaded network gives other bytes")
	}
	// Same future: the RNG state came along, so learning continues identically.
	rng1, rng2 := rand.New(rand.NewPCG(5, 5)), rand.New(rand.NewPCG(5, 5))
	for range 10 {
		a, _ := net.Learn(digitInput(rng1), 3)
		c, _ := got.Learn(digitInput(rng2), 3)
		if !a.SameCodes(&c) || a.Class != c.Class {
			t.Fatal("loaded network diverges from the original")
		}
	}
}

func TestSnapshotCorruptionIsAnError(t *testing.T) {
	net := trained(t, 5)
	good, _ := net.MarshalBinary()
	flip := append([]byte(nil), good...)
	flip[len(flip)/2] ^= 0x40
	version := append([]byte(nil), good...)
	version[9] = 99
	tests := []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"magic", []byte("NOTSPARSEYATALL!")},
		{"truncated", good[:len(good)-10]},
		{"header only", good[:12]},
		{"bit flip", flip},
		{"version", version},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := net.MarshalBinary()
			err := net.UnmarshalBinary(tc.b)
			if !errors.Is(err, ErrSnapshot) {
				t.Fatalf("err = %v, want ErrSnapshot", err)
			}
			after, _ := net.MarshalBinary()
			if string(before) != string(after) {
				t.Error("a failed load changed the network")
			}
		})
	}
}

func FuzzSnapshot(f *testing.F) {
	small := Config{Input: Grid{8, 8}, Levels: []LevelConfig{
		{Grids: []GridConfig{{Macs: Grid{2, 2}, Fields: []Field{{RF: Grid{4, 4}}}, Q: 2, K: 4, HRadius: 1}}},
		{Grids: []GridConfig{{Macs: Grid{1, 1}, Fields: []Field{{RF: Grid{2, 2}}}, Q: 2, K: 4}}},
	}}
	net, _ := New(small)
	net.Learn(RandomSDR(rand.New(rand.NewPCG(1, 1)), 64, 10), 1)
	good, _ := net.MarshalBinary()
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("SPARSEY\x00\x00\x01"))
	for _, b := range craftedSnapshots(f) {
		f.Add(b)
	}
	for _, b := range corruptSnapshots(f) {
		f.Add(b)
	}
	// Each input is decoded as it is and with its checksum recomputed, so
	// that mutations reach the parsers of the fields behind the checksum.
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, in := range [][]byte{b, withCRC(b)} {
			n, err := Load(in)
			if err != nil {
				continue
			}
			if _, err := n.Recall(NewSDR(n.InputLen())); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestConfigValidateNamesField(t *testing.T) {
	base := testHierarchy()
	tests := []struct {
		field string
		mod   func(c *Config)
	}{
		{"Input", func(c *Config) { c.Input = Grid{0, 28} }},
		{"Levels", func(c *Config) { c.Levels = nil }},
		{"Levels[0].Grids", func(c *Config) { c.Levels[0].Grids = nil }},
		{"Levels[0].Grids[0].Fields[0].RF", func(c *Config) { c.Levels[0].Grids[0].Fields[0].RF = Grid{40, 8} }},
		{"Levels[0].Grids[1].Fields[0].Region", func(c *Config) { c.Levels[0].Grids[1].Fields[0].Region.Y = 50 }},
		{"Levels[1].Grids[0].Fields[1].Source", func(c *Config) { c.Levels[1].Grids[0].Fields[1].Source = 2 }},
		{"Levels[0].Grids[0].Fields[0].Source", func(c *Config) { c.Levels[0].Grids[0].Fields[0].Source = 1 }},
		{"Levels[0].Grids[0].Fields", func(c *Config) { c.Levels[0].Grids[0].Fields = nil }},
		{"Levels[0].Grids[0].K", func(c *Config) { c.Levels[0].Grids[0].K = 1 }},
		{"Levels[1].Grids[0].Q", func(c *Config) { c.Levels[1].Grids[0].Q = 100 }},
		{"Levels[0].Grids[0].Center", func(c *Config) { c.Levels[0].Grids[0].Center = 1.5 }},
		{"Levels[0].Grids[0].PiMax", func(c *Config) { c.Levels[0].Grids[0].PiMax = 37 }},
		{"Levels[0].Grids[0].GFloor", func(c *Config) { c.Levels[0].Grids[0].GFloor = -0.1 }},
		{"ReadoutTemperature", func(c *Config) { c.ReadoutTemperature = -1 }},
		{"Classes", func(c *Config) { c.Classes = 5000 }},
		{"ReadoutLevels", func(c *Config) { c.ReadoutLevels = []int{5} }},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			c := testHierarchy()
			tc.mod(&c)
			err := c.Validate()
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("err = %v, want ErrConfig", err)
			}
			if want := tc.field + ":"; !contains(err.Error(), want) {
				t.Errorf("error %q does not name %s", err, tc.field)
			}
		})
	}
	for _, name := range PresetNames() {
		c, _ := Preset(name)
		if err := c.Validate(); err != nil {
			t.Errorf("preset %s is invalid: %v", name, err)
		}
	}
	if err := base.Validate(); err != nil {
		t.Errorf("the test hierarchy is invalid: %v", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestInputErrors(t *testing.T) {
	net := trained(t, 0)
	if _, err := net.Learn(NewSDR(10), 1); !errors.Is(err, ErrInputSize) {
		t.Errorf("wrong size: %v", err)
	}
	if _, err := net.Recall(nil); !errors.Is(err, ErrInputSize) {
		t.Errorf("nil input: %v", err)
	}
	if _, err := net.Learn(NewSDR(net.InputLen()), 10); !errors.Is(err, ErrLabel) {
		t.Errorf("label 10 of 10 classes: %v", err)
	}
}

// RecallInto and LearnInto reuse the trace: after the first call a query
// allocates nothing, and the trace equals Recall's.
func TestIntoReusesTheTrace(t *testing.T) {
	net := trained(t, 300)
	rng := rand.New(rand.NewPCG(3, 3))
	x := digitInput(rng)
	var tr Trace
	if err := net.RecallInto(x, &tr); err != nil {
		t.Fatal(err)
	}
	want, _ := net.Recall(x)
	if !tr.SameCodes(&want) || tr.Class != want.Class || tr.G != want.G || len(tr.Scores) != len(want.Scores) {
		t.Fatalf("RecallInto %+v, Recall %+v", tr.Class, want.Class)
	}
	for c := range want.Scores {
		if tr.Scores[c] != want.Scores[c] {
			t.Fatalf("score %d: %v vs %v", c, tr.Scores[c], want.Scores[c])
		}
	}
	if a := testing.AllocsPerRun(20, func() { net.RecallInto(x, &tr) }); a != 0 {
		t.Errorf("RecallInto allocates %v times per call", a)
	}
	y := digitInput(rng)
	if a := testing.AllocsPerRun(20, func() { net.LearnInto(y, 1, &tr) }); a > 0 {
		t.Errorf("LearnInto allocates %v times per call", a)
	}
	if err := net.RecallInto(NewSDR(3), &tr); !errors.Is(err, ErrInputSize) {
		t.Errorf("wrong size: %v", err)
	}
}

// The default network's per-cell critical periods depend on when each
// cell was first chosen: a loaded network recalls every stored item with
// the codes of the original and learns on identically.
func TestSnapshotKeepsCellPeriods(t *testing.T) {
	net, err := New(MNISTConfig())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(12, 13))
	var items []*SDR
	for i := range 300 {
		x := digitInput(rng)
		items = append(items, x)
		if _, err := net.Learn(x, i%10); err != nil {
			t.Fatal(err)
		}
	}
	b, err := net.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range items {
		a, _ := net.Recall(x)
		c, _ := got.Recall(x)
		if !a.SameCodes(&c) {
			t.Fatalf("item %d: the loaded network recalls other codes", i)
		}
	}
	for range 50 {
		x := digitInput(rng)
		a, _ := net.Learn(x, 1)
		c, _ := got.Learn(x, 1)
		if !a.SameCodes(&c) {
			t.Fatal("loaded network learns differently from the original")
		}
	}
}
