package pad

// Source is one input device while it draws a stroke: a mouse button, a
// pen or a finger.
type Source interface {
	// Position is the current position in CSS pixels of the page.
	Position() (x, y float64)
	// Released reports that the button was released or the finger lifted:
	// the stroke ends, and Position is no longer meaningful.
	Released() bool
}

// A Trail is a Source that keeps every position it passed through since
// the stroke began: a browser delivers several pointer events between two
// ticks, and all of them at once after the page was busy (a memory
// decoding, a slow machine). The Tracker draws the stroke through all of
// them, so a stroke drawn while the page was busy is the pointer's path,
// not a dot where it was released or a straight line to where it is now.
type Trail interface {
	Source
	// Trail returns the positions (CSS pixels of the page), oldest first,
	// since the stroke began (its first is where it began) or since the
	// last call, and forgets them.
	Trail() [][2]float64
}

// Rect is a rectangle in CSS pixels.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether (x, y) is inside r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && y >= r.Y && x < r.X+r.W && y < r.Y+r.H
}

// ToPad converts a position in CSS pixels to pad coordinates.
func (r Rect) ToPad(x, y float64) Point {
	if r.W <= 0 || r.H <= 0 {
		return Point{}
	}
	return Point{(x - r.X) / r.W, (y - r.Y) / r.H}
}

// Tracker follows at most one Source at a time and feeds it into a Pad
// whose drawing area is Rect. Call Start when a press lands on the pad and
// Update once per tick.
type Tracker struct {
	Pad     *Pad
	Rect    Rect
	src     Source
	pending [][2]float64 // a Trail's positions Start took and Update draws
}

// Active reports whether a stroke is being tracked.
func (t *Tracker) Active() bool { return t.src != nil }

// Start begins a stroke from src at its current position, if no other
// source is drawing and that position is inside Rect. It reports whether
// it started.
func (t *Tracker) Start(src Source) bool {
	if t.src != nil || src == nil {
		return false
	}
	x, y := src.Position()
	var pending [][2]float64
	if tr, ok := src.(Trail); ok {
		if pts := tr.Trail(); len(pts) > 0 {
			x, y, pending = pts[0][0], pts[0][1], pts[1:]
		}
	}
	if !t.Rect.Contains(x, y) {
		return false
	}
	t.src, t.pending = src, pending
	t.Pad.Begin(t.Rect.ToPad(x, y))
	return true
}

// Update samples the tracked source: a new position extends the stroke
// (positions outside the pad are clamped to its edge); a release ends it.
// A Trail's positions since the last Update (and only they) extend the
// stroke, the last of them included when it was released.
func (t *Tracker) Update() {
	if t.src == nil {
		return
	}
	tr, trail := t.src.(Trail)
	if trail {
		for _, q := range append(t.pending, tr.Trail()...) {
			t.Pad.Extend(t.Rect.ToPad(q[0], q[1]))
		}
		t.pending = nil
	}
	if t.src.Released() {
		t.Pad.End()
		t.src = nil
		return
	}
	if trail {
		return // the trail holds every position; Position is the last of them
	}
	x, y := t.src.Position()
	t.Pad.Extend(t.Rect.ToPad(x, y))
}

// Cancel drops the tracked source and ends its stroke.
func (t *Tracker) Cancel() {
	if t.src != nil {
		t.Pad.End()
		t.src, t.pending = nil, nil
	}
}
