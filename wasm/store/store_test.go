package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// c packs CM entries as a code.
func c(cms ...uint16) []byte {
	var b []byte
	for _, v := range cms {
		b = append(b, byte(v>>8), byte(v))
	}
	return b
}

func code(n int, f func(i int) uint16) []byte {
	cms := make([]uint16, n)
	for i := range cms {
		cms[i] = f(i)
	}
	return c(cms...)
}

func TestAgree(t *testing.T) {
	tests := []struct {
		a, b []byte
		want int
	}{
		{c(1, 2, 3), c(1, 2, 3), 3},
		{code(19, func(i int) uint16 { return uint16(i) }), code(19, func(i int) uint16 { return uint16(i % 5) }), 5},
		{code(16, func(int) uint16 { return Silent }), code(16, func(int) uint16 { return QuerySilent }), 0},
		{code(16, func(i int) uint16 { return uint16(i * 17) }), code(16, func(i int) uint16 { return uint16(i*17) ^ uint16(i&1) }), 8},
		// Equal low bytes, different high bytes: cells 1 and 257 differ.
		{code(8, func(int) uint16 { return 0x0101 }), code(8, func(int) uint16 { return 0x0001 }), 0},
		{code(8, func(int) uint16 { return 255 }), code(8, func(int) uint16 { return 255 }), 8},
	}
	for i, tt := range tests {
		if got := agree(tt.a, tt.b); got != tt.want {
			t.Errorf("%d: agree = %d, want %d", i, got, tt.want)
		}
	}
}

func TestPackCode(t *testing.T) {
	lt := engine.LevelTrace{Grids: []engine.GridTrace{
		{Macs: engine.Grid{W: 2, H: 1}, Q: 2, K: 256, Active: []bool{true, false}, Codes: []uint16{255, 1, 0, 0}},
		{Macs: engine.Grid{W: 1, H: 1}, Q: 1, K: 4, Active: []bool{true}, Codes: []uint16{2}},
	}}
	if got := PackCode(nil, &lt, Silent); !bytes.Equal(got, c(255, 1, Silent, Silent, 2)) {
		t.Errorf("PackCode = %v", got)
	}
	if got := ActiveCMs(PackCode(nil, &lt, QuerySilent)); got != 3 {
		t.Errorf("ActiveCMs = %d, want 3", got)
	}
}

func TestNearestWindow(t *testing.T) {
	m := New(8, 3)
	for i := range 6 {
		m.Add(Item{Label: i % 10, Record: i}, c(uint16(i), 1, 2, 3))
	}
	var bm mnist.Bitmap
	bm.Set(1, 1, true)
	m.Names[10] = "star"
	m.Add(Item{Label: 10, Record: -1, Image: &bm}, c(9, 9, 9, 9))
	for i := range 5 {
		m.Add(Item{Label: 1, Record: 6 + i}, c(uint16(20+i), 7, 7, 7))
	}
	// The taught item (index 6) left the window but is still found.
	hits := m.Nearest(c(9, 9, 9, QuerySilent), 2)
	if len(hits) != 1 || hits[0].Item != 6 || hits[0].Agree != 3 {
		t.Errorf("hits = %v", hits)
	}
	// Old items left the window.
	if hits := m.Nearest(c(0, 1, 2, 3), 5); len(hits) != 0 {
		t.Errorf("old item found: %v", hits)
	}
	hits = m.Nearest(c(24, 7, 7, 7), 2)
	if len(hits) != 2 || hits[0].Item != 11 || hits[0].Agree != 4 || hits[1].Agree != 3 || hits[1].Item != 10 {
		t.Errorf("hits = %v", hits)
	}
}

func sample() ([]byte, *Memory) {
	m := New(8, 3)
	m.NextTrain = 5
	for i := range 5 {
		m.Add(Item{Label: i, Record: i}, c(uint16(i), 1, 2, 3))
	}
	var bm mnist.Bitmap
	bm.Set(3, 4, true)
	bm.Set(27, 27, true)
	m.Names[10] = "star"
	m.Names[12] = "ünï"
	m.Add(Item{Label: 12, Record: -1, Image: &bm}, c(9, 8, 7, 6))
	return []byte("network snapshot"), m
}

// want is what the sample memory fits.
var want = Want{Fingerprint: "0123456789abcdef", CodeLen: 8, MaxLabel: 31}

func TestRoundTrip(t *testing.T) {
	net, m := sample()
	b := Marshal(net, want.Fingerprint, m)
	if fp, ok := FileFingerprint(b); !ok || fp != want.Fingerprint {
		t.Errorf("FileFingerprint = %q, %v", fp, ok)
	}
	net2, m2, err := Unmarshal(b, want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(net, net2) || m2.NextTrain != 5 || len(m2.Items) != 6 || m2.Names[12] != "ünï" || m2.Names[10] != "star" {
		t.Fatalf("round trip: %q %+v", net2, m2)
	}
	if it := m2.Items[5]; *it.Image != *m.Items[5].Image || !bytes.Equal(it.Code, c(9, 8, 7, 6)) {
		t.Errorf("taught item %+v", it)
	}
	if got, want := m2.Nearest(c(4, 1, 2, 3), 3), m.Nearest(c(4, 1, 2, 3), 3); len(got) != len(want) || got[0] != want[0] {
		t.Errorf("Nearest after load %v, before %v", got, want)
	}
	if !bytes.Equal(Marshal(net2, want.Fingerprint, m2), b) {
		t.Error("re-encoding differs")
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	net, m := sample()
	good := Marshal(net, want.Fingerprint, m)
	small := want
	small.MaxLabel = 11
	if _, _, err := Unmarshal(good, small); !errors.Is(err, ErrFile) {
		t.Errorf("label 12 with 12 classes: %v", err)
	}
	for i := range good { // every single-byte change and every truncation
		bad := bytes.Clone(good)
		bad[i] ^= 0x41
		if _, _, err := Unmarshal(bad, want); !errors.Is(err, ErrFile) {
			t.Fatalf("byte %d changed: err = %v", i, err)
		}
		if _, _, err := Unmarshal(good[:i], want); !errors.Is(err, ErrFile) {
			t.Fatalf("truncated at %d: err = %v", i, err)
		}
	}
}

// A memory of another network, or of a version without the fingerprint, is
// refused with its own error, whose message says why.
func TestUnmarshalOtherNetwork(t *testing.T) {
	net, m := sample()
	b := Marshal(net, "fedcba9876543210", m)
	_, _, err := Unmarshal(b, want)
	if !errors.Is(err, ErrOtherNetwork) || !errors.Is(err, ErrFile) || !strings.Contains(err.Error(), "another network") {
		t.Errorf("another network: %v", err)
	}
	other := want
	other.CodeLen = 16
	if _, _, err := Unmarshal(Marshal(net, want.Fingerprint, m), other); !errors.Is(err, ErrFile) || !strings.Contains(err.Error(), "codes of 8 bytes") {
		t.Errorf("another code length: %v", err)
	}
	for _, v := range []byte{1, 2} {
		old := bytes.Clone(b)
		old[4] = v
		_, _, err := Unmarshal(withCRC(old), want)
		if !errors.Is(err, ErrOldFile) || !strings.Contains(err.Error(), "older version") {
			t.Errorf("version %d: %v", v, err)
		}
	}
	newer := bytes.Clone(b)
	newer[4] = Version + 1
	if _, _, err := Unmarshal(withCRC(newer), want); !errors.Is(err, ErrFile) || !strings.Contains(err.Error(), "newer") {
		t.Errorf("newer version: %v", err)
	}
}

// withCRC returns b with its last four bytes set to the CRC-32 of the rest.
func withCRC(b []byte) []byte {
	if len(b) < 4 {
		return b
	}
	out := bytes.Clone(b)
	binary.BigEndian.PutUint32(out[len(out)-4:], crc32.ChecksumIEEE(out[:len(out)-4]))
	return out
}

func FuzzUnmarshal(f *testing.F) {
	net, m := sample()
	f.Add(Marshal(net, want.Fingerprint, m))
	f.Add([]byte("SPSM\x03\x00\x00\x00"))
	for _, b := range craftedFiles() {
		f.Add(b)
	}
	// Each input is decoded as it is and with its checksum recomputed, so
	// that mutations reach the parsers of the fields behind the checksum.
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, in := range [][]byte{b, withCRC(b)} {
			if net, ok := FileSnapshot(in); ok && len(net) > len(in) {
				t.Fatalf("snapshot of %d bytes in a file of %d", len(net), len(in))
			}
			_, m, err := Unmarshal(in, want)
			if err == nil {
				m.Nearest(make([]byte, m.CodeLen), 3)
			}
		}
	})
}
