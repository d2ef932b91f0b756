package pad

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The drawing in a link: strokes as text for a URL parameter, compact and
// versioned. A point's coordinates are whole multiples of 1/LinkGrid of
// the pad (a Pad with Grid LinkGrid draws on exactly those points, so a
// drawing read back from its link is the same drawing).
//
// Format, version 1, before base64url (no padding):
//
//	byte      1 (the version)
//	uvarint   number of strokes, 1..MaxLinkStrokes
//	per stroke:
//	  uvarint  number of points, 1..MaxLinkPoints
//	  uvarint  x, uvarint y of the first point (0..LinkGrid)
//	  per further point: varint dx, varint dy (zigzag) from the one before
//
// DecodeStrokes reads no more than the text holds: every count is checked
// against the bytes left before anything is allocated for it, and at most
// MaxLinkTotal points are read in all.
const (
	LinkVersion    = 1
	LinkGrid       = 4095
	MaxLinkStrokes = 64
	MaxLinkPoints  = 4096
	MaxLinkTotal   = 16384
)

// ErrLink reports text that is not a drawing's link encoding.
var ErrLink = errors.New("pad: bad drawing in the link")

// q is a coordinate in link units.
func q(v float64) int64 { return int64(math.Round(min(max(v, 0), 1) * LinkGrid)) }

// EncodeStrokes encodes strokes (points rounded to the link's grid) as
// text for a URL; "" for none. A drawing beyond the format's limits (far
// beyond any drawing's) loses its last strokes or points.
func EncodeStrokes(strokes []Stroke) string {
	var kept []Stroke
	total := 0
	for _, s := range strokes {
		k := min(len(s), MaxLinkPoints, MaxLinkTotal-total)
		if k <= 0 || len(kept) == MaxLinkStrokes {
			continue
		}
		kept = append(kept, s[:k])
		total += k
	}
	if len(kept) == 0 {
		return ""
	}
	b := []byte{LinkVersion}
	b = binary.AppendUvarint(b, uint64(len(kept)))
	for _, s := range kept {
		b = binary.AppendUvarint(b, uint64(len(s)))
		px, py := q(s[0].X), q(s[0].Y)
		b = binary.AppendUvarint(b, uint64(px))
		b = binary.AppendUvarint(b, uint64(py))
		for _, p := range s[1:] {
			x, y := q(p.X), q(p.Y)
			b = binary.AppendVarint(b, x-px)
			b = binary.AppendVarint(b, y-py)
			px, py = x, y
		}
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeStrokes decodes EncodeStrokes's text.
func DecodeStrokes(text string) ([]Stroke, error) {
	if len(text) > base64.RawURLEncoding.EncodedLen(1+2+MaxLinkTotal*6+MaxLinkStrokes*8) {
		return nil, fmt.Errorf("%w: %d characters, more than a drawing takes", ErrLink, len(text))
	}
	b, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrLink, err)
	}
	if len(b) == 0 || b[0] != LinkVersion {
		return nil, fmt.Errorf("%w: not version %d", ErrLink, LinkVersion)
	}
	r := b[1:]
	uv := func(what string, lo, hi uint64) (uint64, error) {
		v, n := binary.Uvarint(r)
		if n <= 0 || v < lo || v > hi {
			return 0, fmt.Errorf("%w: %s", ErrLink, what)
		}
		r = r[n:]
		return v, nil
	}
	sv := func(what string) (int64, error) {
		v, n := binary.Varint(r)
		if n <= 0 {
			return 0, fmt.Errorf("%w: %s", ErrLink, what)
		}
		r = r[n:]
		return v, nil
	}
	ns, err := uv("stroke count", 1, MaxLinkStrokes)
	if err != nil {
		return nil, err
	}
	// Each stroke takes at least 3 bytes: check before allocating.
	if ns*3 > uint64(len(r)) {
		return nil, fmt.Errorf("%w: %d strokes in %d bytes", ErrLink, ns, len(r))
	}
	strokes := make([]Stroke, 0, ns)
	total := uint64(0)
	for range ns {
		np, err := uv("point count", 1, MaxLinkPoints)
		if err != nil {
			return nil, err
		}
		// The first point takes at least 2 bytes, each other 2.
		if total += np; total > MaxLinkTotal || np*2 > uint64(len(r)) {
			return nil, fmt.Errorf("%w: %d points in %d bytes", ErrLink, np, len(r))
		}
		x, err := uv("x", 0, LinkGrid)
		if err != nil {
			return nil, err
		}
		y, err := uv("y", 0, LinkGrid)
		if err != nil {
			return nil, err
		}
		s := make(Stroke, 0, np)
		px, py := int64(x), int64(y)
		s = append(s, Point{float64(px) / LinkGrid, float64(py) / LinkGrid})
		for range np - 1 {
			dx, err := sv("dx")
			if err != nil {
				return nil, err
			}
			dy, err := sv("dy")
			if err != nil {
				return nil, err
			}
			px, py = px+dx, py+dy
			if px < 0 || px > LinkGrid || py < 0 || py > LinkGrid {
				return nil, fmt.Errorf("%w: a point off the pad", ErrLink)
			}
			s = append(s, Point{float64(px) / LinkGrid, float64(py) / LinkGrid})
		}
		strokes = append(strokes, s)
	}
	if len(r) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last stroke", ErrLink, len(r))
	}
	return strokes, nil
}
