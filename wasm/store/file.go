package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// ErrFile reports a memory file that is corrupt, truncated or of another
// version.
var ErrFile = errors.New("store: invalid memory file")

// ErrOtherNetwork reports a memory file learned by another network than
// the one it was offered to (its fingerprint differs). It wraps ErrFile.
var ErrOtherNetwork = fmt.Errorf("%w: learned by another network", ErrFile)

// ErrOldFile reports a memory file of a version before the fingerprint,
// which cannot be checked against the network. It wraps ErrFile.
var ErrOldFile = fmt.Errorf("%w: made by an older version of the page", ErrFile)

// Format constants.
const (
	Magic       = "SPSM"
	Version     = 3
	MaxNameLen  = 32
	bitmapBytes = (mnist.Pixels + 7) / 8
	// FingerprintLen is the length of a network's fingerprint
	// (engine.Config.Fingerprint: 16 hex digits).
	FingerprintLen = 16
	// MaxItems is the most items a memory holds: room for twice MNIST's
	// 60,000 training digits and more.
	MaxItems = 1 << 17
)

// Want is what a memory file must fit: the network of the page that loads
// it.
type Want struct {
	Fingerprint string // the network's engine.Config.Fingerprint
	CodeLen     int    // its top-level codes' length in bytes
	MaxLabel    int    // the largest valid label id (Classes − 1)
	// Pause, when not nil, is called between pieces of the checksum
	// (engine.PaceBytes each): a page lets its event loop run there.
	Pause func()
}

// Marshal encodes the network snapshot net, the fingerprint of its
// configuration (FingerprintLen bytes) and the memory m.
func Marshal(net []byte, fingerprint string, m *Memory) []byte {
	b := make([]byte, 0, 64+len(net)+len(m.Items)*6+len(m.ring))
	b = append(b, Magic...)
	b = append(b, Version, 0, 0, 0)
	var fp [FingerprintLen]byte
	copy(fp[:], fingerprint)
	b = append(b, fp[:]...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(net)))
	b = append(b, net...)
	b = binary.BigEndian.AppendUint32(b, uint32(m.NextTrain))
	ids := slices.Sorted(maps.Keys(m.Names))
	b = binary.BigEndian.AppendUint16(b, uint16(len(ids)))
	for _, id := range ids {
		name := m.Names[id]
		b = append(b, byte(id), byte(len(name)))
		b = append(b, name...)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(m.CodeLen))
	b = binary.BigEndian.AppendUint32(b, uint32(m.Window))
	b = binary.BigEndian.AppendUint32(b, uint32(len(m.Items)))
	for i := range m.Items {
		it := &m.Items[i]
		if it.Taught() {
			b = append(b, byte(it.Label), 1)
			var bm mnist.Bitmap
			if it.Image != nil {
				bm = *it.Image
			}
			b = appendBitmap(b, bm)
			b = append(b, it.Code...)
		} else {
			b = append(b, byte(it.Label), 0)
			b = binary.BigEndian.AppendUint32(b, uint32(it.Record))
		}
	}
	r := min(len(m.Items), m.Window)
	b = binary.BigEndian.AppendUint32(b, uint32(r))
	for i := len(m.Items) - r; i < len(m.Items); i++ {
		s := (i % m.Window) * m.CodeLen
		b = append(b, m.ring[s:s+m.CodeLen]...)
	}
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// FileFingerprint returns the fingerprint recorded in a memory file of this
// version, without checking the rest of it.
func FileFingerprint(b []byte) (string, bool) {
	if len(b) < 8+FingerprintLen || string(b[:4]) != Magic || b[4] != Version {
		return "", false
	}
	return string(b[8 : 8+FingerprintLen]), true
}

// FileSnapshot returns the network snapshot of a memory file of this
// version, checking only that it lies within the file (no checksum): enough
// to tell which network a file of another network belongs to.
func FileSnapshot(b []byte) ([]byte, bool) {
	if _, ok := FileFingerprint(b); !ok || len(b) < 8+FingerprintLen+4 {
		return nil, false
	}
	r := reader{b: b[8+FingerprintLen:]}
	net := r.bytes(int(r.u32()))
	return net, r.err == nil
}

// Unmarshal decodes a memory file into the network snapshot and the
// memory, checking that it fits want: a file learned by another network is
// an ErrOtherNetwork, one of an older version an ErrOldFile. Nothing the
// file declares is allocated before it is checked against the bytes present
// and against want: the ring of codes is want's own (CodeLen × a window of
// at most WindowFor(CodeLen)), and the items are at most MaxItems.
func Unmarshal(b []byte, want Want) (net []byte, m *Memory, err error) {
	if len(b) < 12 || string(b[:4]) != Magic {
		return nil, nil, fmt.Errorf("%w: not a Sparsey memory file", ErrFile)
	}
	switch v := b[4]; {
	case v < Version:
		return nil, nil, fmt.Errorf("%w (file format %d, which does not record which network learned it; this page reads format %d): it cannot be checked against this page's network", ErrOldFile, v, Version)
	case v > Version:
		return nil, nil, fmt.Errorf("%w: format %d, made by a newer version of the page (this page reads format %d)", ErrFile, v, Version)
	}
	body, sum := b[:len(b)-4], binary.BigEndian.Uint32(b[len(b)-4:])
	if engine.ChecksumPaced(body, want.Pause) != sum {
		return nil, nil, fmt.Errorf("%w: checksum mismatch (the file is damaged or truncated)", ErrFile)
	}
	if body[5] != 0 || body[6] != 0 || body[7] != 0 {
		return nil, nil, fmt.Errorf("%w: reserved bytes set", ErrFile)
	}
	r := reader{b: body[8:]}
	fp := string(r.bytes(FingerprintLen))
	if r.err == nil && fp != want.Fingerprint {
		return nil, nil, fmt.Errorf("%w (its network's fingerprint is %q, this page's is %q)", ErrOtherNetwork, fp, want.Fingerprint)
	}
	net = r.bytes(int(r.u32()))
	next := int(r.u32())
	names := map[int]string{}
	for range int(r.u16()) {
		id, n := int(r.u8()), int(r.u8())
		name := string(r.bytes(n))
		if r.err == nil && (id < mnist.Classes || id > want.MaxLabel || n == 0 || n > MaxNameLen || !utf8.ValidString(name) || names[id] != "") {
			return nil, nil, fmt.Errorf("%w: bad symbol name %q for label %d", ErrFile, name, id)
		}
		if r.err != nil {
			return nil, nil, r.err
		}
		names[id] = name
	}
	codeLen, window := int(r.u32()), int(r.u32())
	if r.err == nil && (codeLen != want.CodeLen || codeLen <= 0 || codeLen%CMBytes != 0 || window <= 0 || window > WindowFor(codeLen)) {
		return nil, nil, fmt.Errorf("%w: codes of %d bytes in a window of %d, this page's network has codes of %d bytes and keeps at most %d",
			ErrFile, codeLen, window, want.CodeLen, WindowFor(want.CodeLen))
	}
	nItems := int(r.u32())
	if r.err == nil && (nItems > len(r.b)/6+1 || nItems > MaxItems) {
		return nil, nil, fmt.Errorf("%w: %d items do not fit in the file (a memory holds at most %d)", ErrFile, nItems, MaxItems)
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	m = New(codeLen, window)
	m.NextTrain, m.Names = next, names
	items := make([]Item, 0, nItems) // nItems fit in the bytes present
	for range nItems {
		label, kind := int(r.u8()), r.u8()
		it := Item{Label: label}
		switch kind {
		case 0:
			it.Record = int(r.u32())
			if r.err == nil && it.Record >= next {
				return nil, nil, fmt.Errorf("%w: item of training record %d beyond the next record %d", ErrFile, it.Record, next)
			}
		case 1:
			it.Record = -1
			bm := readBitmap(r.bytes(bitmapBytes))
			it.Image = &bm
			it.Code = append([]byte(nil), r.bytes(codeLen)...)
		default:
			return nil, nil, fmt.Errorf("%w: item kind %d", ErrFile, kind)
		}
		if r.err != nil {
			return nil, nil, r.err
		}
		if label > want.MaxLabel || (label >= mnist.Classes && names[label] == "") {
			return nil, nil, fmt.Errorf("%w: item label %d", ErrFile, label)
		}
		items = append(items, it)
	}
	nr := int(r.u32())
	if r.err == nil && (nr > nItems || nr > window || nr*codeLen != len(r.b)) {
		return nil, nil, fmt.Errorf("%w: %d ring codes in %d bytes", ErrFile, nr, len(r.b))
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	m.Items = items
	for j := range nr { // the ring codes of the last nr items
		s := ((nItems - nr + j) % window) * codeLen
		copy(m.ring[s:s+codeLen], r.b[j*codeLen:(j+1)*codeLen])
	}
	return net, m, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("%w: truncated", ErrFile)
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) u8() byte {
	if v := r.bytes(1); v != nil {
		return v[0]
	}
	return 0
}

func (r *reader) u16() uint16 {
	if v := r.bytes(2); v != nil {
		return binary.BigEndian.Uint16(v)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if v := r.bytes(4); v != nil {
		return binary.BigEndian.Uint32(v)
	}
	return 0
}

func appendBitmap(b []byte, bm mnist.Bitmap) []byte {
	var p [bitmapBytes]byte
	for i := range mnist.Pixels {
		if bm.At(i%mnist.Side, i/mnist.Side) {
			p[i>>3] |= 0x80 >> (i & 7)
		}
	}
	return append(b, p[:]...)
}

func readBitmap(p []byte) mnist.Bitmap {
	var bm mnist.Bitmap
	if len(p) != bitmapBytes {
		return bm
	}
	for i := range mnist.Pixels {
		if p[i>>3]&(0x80>>(i&7)) != 0 {
			bm.Set(i%mnist.Side, i/mnist.Side, true)
		}
	}
	return bm
}
