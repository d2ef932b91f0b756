package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// ErrFile reports a memory file that is corrupt, truncated or of another
// version.
var ErrFile = errors.New("store: invalid memory file")

// Format constants.
const (
	Magic       = "SPSM"
	Version     = 2
	MaxNameLen  = 32
	bitmapBytes = (mnist.Pixels + 7) / 8
)

// Marshal encodes the network snapshot net and the memory m.
func Marshal(net []byte, m *Memory) []byte {
	b := make([]byte, 0, 64+len(net)+len(m.Items)*6+len(m.ring))
	b = append(b, Magic...)
	b = append(b, Version, 0, 0, 0)
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
			b = appendBitmap(b, it.Image)
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

// Unmarshal decodes a memory file into the network snapshot and the memory.
// maxLabel is the largest valid label id (Classes − 1).
func Unmarshal(b []byte, maxLabel int) (net []byte, m *Memory, err error) {
	if len(b) < 12 || string(b[:4]) != Magic {
		return nil, nil, fmt.Errorf("%w: not a Sparsey memory file", ErrFile)
	}
	if b[4] != Version {
		return nil, nil, fmt.Errorf("%w: version %d, this page reads version %d", ErrFile, b[4], Version)
	}
	body, sum := b[:len(b)-4], binary.BigEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, nil, fmt.Errorf("%w: checksum mismatch (the file is damaged or truncated)", ErrFile)
	}
	r := reader{b: body[8:]}
	if body[5] != 0 || body[6] != 0 || body[7] != 0 {
		return nil, nil, fmt.Errorf("%w: reserved bytes set", ErrFile)
	}
	net = r.bytes(int(r.u32()))
	next := int(r.u32())
	names := map[int]string{}
	for range int(r.u16()) {
		id, n := int(r.u8()), int(r.u8())
		name := string(r.bytes(n))
		if r.err == nil && (id < mnist.Classes || id > maxLabel || n == 0 || n > MaxNameLen || !utf8.ValidString(name) || names[id] != "") {
			return nil, nil, fmt.Errorf("%w: bad symbol name %q for label %d", ErrFile, name, id)
		}
		names[id] = name
	}
	codeLen, window := int(r.u32()), int(r.u32())
	if r.err == nil && (codeLen <= 0 || codeLen > 1<<16 || codeLen%CMBytes != 0 || window <= 0 || window > 1<<20) {
		return nil, nil, fmt.Errorf("%w: bad code length %d or window %d", ErrFile, codeLen, window)
	}
	nItems := int(r.u32())
	if r.err == nil && nItems > len(r.b)/6+1 {
		return nil, nil, fmt.Errorf("%w: %d items do not fit in the file", ErrFile, nItems)
	}
	if r.err != nil {
		return nil, nil, r.err
	}
	m = New(codeLen, window)
	m.NextTrain, m.Names = next, names
	items := make([]Item, 0, nItems)
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
			it.Image = readBitmap(r.bytes(bitmapBytes))
			it.Code = append([]byte(nil), r.bytes(codeLen)...)
		default:
			return nil, nil, fmt.Errorf("%w: item kind %d", ErrFile, kind)
		}
		if r.err != nil {
			return nil, nil, r.err
		}
		if label > maxLabel || (label >= mnist.Classes && names[label] == "") {
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
	for i, it := range items {
		var code []byte
		if j := i - (nItems - nr); j >= 0 {
			code = r.b[j*codeLen : (j+1)*codeLen]
		}
		m.Add(it, code)
		if it.Taught() {
			m.Items[i].Code = it.Code
		}
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
