package store

import (
	"bytes"
	"errors"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

func code(n int, f func(i int) byte) []byte {
	c := make([]byte, n)
	for i := range c {
		c[i] = f(i)
	}
	return c
}

func TestAgree(t *testing.T) {
	tests := []struct {
		a, b []byte
		want int
	}{
		{[]byte{1, 2, 3}, []byte{1, 2, 3}, 3},
		{code(19, func(i int) byte { return byte(i) }), code(19, func(i int) byte { return byte(i % 5) }), 5},
		{code(16, func(int) byte { return Silent }), code(16, func(int) byte { return QuerySilent }), 0},
		{code(16, func(i int) byte { return byte(i * 17) }), code(16, func(i int) byte { return byte(i*17) ^ byte(i&1) }), 8},
		{code(8, func(int) byte { return 0x80 }), code(8, func(int) byte { return 0 }), 0},
	}
	for i, tt := range tests {
		if got := agree(tt.a, tt.b); got != tt.want {
			t.Errorf("%d: agree = %d, want %d", i, got, tt.want)
		}
	}
}

func TestPackCode(t *testing.T) {
	lt := engine.LevelTrace{Macs: engine.Grid{W: 2, H: 1}, Q: 2, K: 4,
		Active: []bool{true, false}, Codes: []uint16{3, 1, 0, 0}}
	if got := PackCode(nil, &lt, Silent); !bytes.Equal(got, []byte{3, 1, Silent, Silent}) {
		t.Errorf("PackCode = %v", got)
	}
}

func TestNearestWindow(t *testing.T) {
	m := New(4, 3)
	for i := range 6 {
		m.Add(Item{Label: i % 10, Record: i}, []byte{byte(i), 1, 2, 3})
	}
	var bm mnist.Bitmap
	bm.Set(1, 1, true)
	m.Names[10] = "star"
	m.Add(Item{Label: 10, Record: -1, Image: bm}, []byte{9, 9, 9, 9})
	for i := range 5 {
		m.Add(Item{Label: 1, Record: 6 + i}, []byte{byte(20 + i), 7, 7, 7})
	}
	// The taught item (index 6) left the window but is still found.
	hits := m.Nearest([]byte{9, 9, 9, QuerySilent}, 2)
	if len(hits) != 1 || hits[0].Item != 6 || hits[0].Agree != 3 {
		t.Errorf("hits = %v", hits)
	}
	// Old items left the window.
	if hits := m.Nearest([]byte{0, 1, 2, 3}, 5); len(hits) != 0 {
		t.Errorf("old item found: %v", hits)
	}
	hits = m.Nearest([]byte{24, 7, 7, 7}, 2)
	if len(hits) != 2 || hits[0].Item != 11 || hits[0].Agree != 4 || hits[1].Agree != 3 || hits[1].Item != 10 {
		t.Errorf("hits = %v", hits)
	}
}

func sample() ([]byte, *Memory) {
	m := New(4, 3)
	m.NextTrain = 5
	for i := range 5 {
		m.Add(Item{Label: i, Record: i}, []byte{byte(i), 1, 2, 3})
	}
	var bm mnist.Bitmap
	bm.Set(3, 4, true)
	bm.Set(27, 27, true)
	m.Names[10] = "star"
	m.Names[12] = "ünï"
	m.Add(Item{Label: 12, Record: -1, Image: bm}, []byte{9, 8, 7, 6})
	return []byte("network snapshot"), m
}

func TestRoundTrip(t *testing.T) {
	net, m := sample()
	b := Marshal(net, m)
	net2, m2, err := Unmarshal(b, 31)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(net, net2) || m2.NextTrain != 5 || len(m2.Items) != 6 || m2.Names[12] != "ünï" || m2.Names[10] != "star" {
		t.Fatalf("round trip: %q %+v", net2, m2)
	}
	if it := m2.Items[5]; it.Image != m.Items[5].Image || !bytes.Equal(it.Code, []byte{9, 8, 7, 6}) {
		t.Errorf("taught item %+v", it)
	}
	if got, want := m2.Nearest([]byte{4, 1, 2, 3}, 3), m.Nearest([]byte{4, 1, 2, 3}, 3); len(got) != len(want) || got[0] != want[0] {
		t.Errorf("Nearest after load %v, before %v", got, want)
	}
	if !bytes.Equal(Marshal(net2, m2), b) {
		t.Error("re-encoding differs")
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	net, m := sample()
	good := Marshal(net, m)
	if _, _, err := Unmarshal(good, 11); !errors.Is(err, ErrFile) {
		t.Errorf("label 12 with 12 classes: %v", err)
	}
	for i := range good { // every single-byte change and every truncation
		bad := bytes.Clone(good)
		bad[i] ^= 0x41
		if _, _, err := Unmarshal(bad, 31); !errors.Is(err, ErrFile) {
			t.Fatalf("byte %d changed: err = %v", i, err)
		}
		if _, _, err := Unmarshal(good[:i], 31); !errors.Is(err, ErrFile) {
			t.Fatalf("truncated at %d: err = %v", i, err)
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	net, m := sample()
	f.Add(Marshal(net, m))
	f.Add([]byte("SPSM\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, m, err := Unmarshal(b, 31)
		if err == nil {
			m.Nearest(make([]byte, m.CodeLen), 3)
		}
	})
}
