package store

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"runtime"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
)

// file assembles a memory file for want with a valid checksum: the fields
// after the network snapshot are given as they are.
func file(fingerprint string, net []byte, rest ...[]byte) []byte {
	b := []byte(Magic)
	b = append(b, Version, 0, 0, 0)
	b = append(b, fingerprint...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(net)))
	b = append(b, net...)
	for _, r := range rest {
		b = append(b, r...)
	}
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }

// craftedFiles are memory files with a valid checksum and want's
// fingerprint that declare far more than they hold.
func craftedFiles() map[string][]byte {
	fp := want.Fingerprint
	noNames := u16(0)
	return map[string][]byte{
		// The file: a ring of 64 GiB (codes of 64 KiB, a window of
		// a million) in a few dozen bytes.
		"ring of 64 GiB": file(fp, nil, u32(0), noNames, u32(1<<16), u32(1<<20), u32(0), u32(0)),
		// The page's code length with a window of a billion codes.
		"window of 2^30": file(fp, nil, u32(0), noNames, u32(8), u32(1<<30), u32(0), u32(0)),
		"4 Gi items":     file(fp, nil, u32(0), noNames, u32(8), u32(16), u32(0xFFFFFFFF), u32(0)),
		// MaxItems+1 training items, each present (6 bytes).
		"too many items": file(fp, nil, u32(1<<20), noNames, u32(8), u32(16), u32(MaxItems+1), make([]byte, 6*(MaxItems+1)), u32(0)),
		"65535 names":    file(fp, nil, u32(0), u16(0xFFFF), []byte{10, 1, 'a'}),
		"network of 4 GiB": func() []byte {
			b := file(fp, nil)
			b = b[:len(b)-8] // the length of the snapshot and the checksum
			b = append(b, u32(0xFFFFFFF0)...)
			b = append(b, make([]byte, 64)...)
			return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
		}(),
		"4 Gi ring codes": file(fp, nil, u32(0), noNames, u32(8), u32(16), u32(0), u32(0xFFFFFFFF), make([]byte, 16)),
	}
}

// No crafted file allocates more than twice its size plus the size of the
// page's network; each is refused.
func TestCraftedFilesAllocate(t *testing.T) {
	cfg := engine.MNISTConfig()
	cfg.Classes = 32
	var err error
	net := allocated(func() { _, err = engine.New(cfg) })
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range craftedFiles() {
		t.Run(name, func(t *testing.T) {
			var err error
			got := allocated(func() { _, _, err = Unmarshal(b, want) })
			if !errors.Is(err, ErrFile) {
				t.Fatalf("Unmarshal = %v, want ErrFile", err)
			}
			limit := 2*uint64(len(b)) + net
			t.Logf("%d bytes: allocated %d bytes (limit %d): %v", len(b), got, limit, err)
			if got > limit {
				t.Errorf("allocated %d bytes for a %d-byte file, over 2×size + network (%d)", got, len(b), limit)
			}
		})
	}
	// A full memory of MaxItems training items: what it allocates is the
	// memory itself, within the same bound.
	full := file(want.Fingerprint, nil, u32(MaxItems), u16(0), u32(8), u32(16), u32(MaxItems),
		func() []byte {
			var b []byte
			for i := range MaxItems {
				b = append(b, byte(i%10), 0)
				b = binary.BigEndian.AppendUint32(b, uint32(i))
			}
			return b
		}(), u32(0))
	got := allocated(func() { _, _, err = Unmarshal(full, want) })
	if err != nil {
		t.Fatal(err)
	}
	limit := 2*uint64(len(full)) + net
	t.Logf("full memory, %d bytes: allocated %d bytes (limit %d)", len(full), got, limit)
	if got > limit {
		t.Errorf("a full memory allocated %d bytes, over %d", got, limit)
	}
}

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc).
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}
