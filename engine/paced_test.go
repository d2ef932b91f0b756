package engine

import (
	"errors"
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

func TestChecksumPaced(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, PaceBytes - 1, PaceBytes, PaceBytes + 1, 3*PaceBytes + 7} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		pauses := 0
		got := ChecksumPaced(b, func() { pauses++ })
		if want := crc32.ChecksumIEEE(b); got != want {
			t.Errorf("%d bytes: %08x, crc32.ChecksumIEEE %08x", n, got, want)
		}
		// A pause between two pieces of at most PaceBytes, none after the last.
		if want := max((n+PaceBytes-1)/PaceBytes-1, 0); pauses != want {
			t.Errorf("%d bytes: %d pauses, want %d", n, pauses, want)
		}
		if got := ChecksumPaced(b, nil); got != crc32.ChecksumIEEE(b) {
			t.Errorf("%d bytes, no pause: %08x", n, got)
		}
	}
}

// TestLoadPaced: LoadPaced gives Load's network (the same bytes again) and
// Load's errors, and pauses at least once per mac.
func TestLoadPaced(t *testing.T) {
	net := trained(t, 30)
	b, err := net.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	pauses := 0
	got, err := LoadPaced(b, func() { pauses++ })
	if err != nil {
		t.Fatal(err)
	}
	again, _ := got.MarshalBinary()
	if string(again) != string(b) {
		t.Fatal("LoadPaced's network re-encodes to other bytes")
	}
	macs := 0
	for _, g := range net.grids {
		macs += len(g.macs)
	}
	if pauses < macs {
		t.Errorf("%d pauses for %d macs", pauses, macs)
	}
	flip := append([]byte(nil), b...)
	flip[len(flip)/3] ^= 1
	for _, bad := range [][]byte{nil, b[:len(b)-5], flip} {
		_, e1 := Load(bad)
		_, e2 := LoadPaced(bad, func() {})
		if !errors.Is(e2, ErrSnapshot) || e1.Error() != e2.Error() {
			t.Errorf("LoadPaced: %v; Load: %v", e2, e1)
		}
	}
}
