package core

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
)

// The pad drawn with the keyboard: a pen cursor that the arrow keys move
// and Space or Enter puts down and lifts, fed to the pad's Tracker like
// the mouse (a pad.Source), so a keyboard stroke is an ordinary stroke.
// The keys (web/README.md, "Keyboard"):
//
//   - Space or Enter: the first press brings the pen out at the pad's
//     centre, lifted; later presses put it down and lift it;
//   - the arrows move the pen a PenStep of the pad (Shift: a quarter of
//     that), drawing while it is down;
//   - Escape puts the pen away (lifting it).
//
// While the pen is away the arrows keep their other use (moving the
// pinned mac of the hierarchy, FocusKey).

// PenStep is how far one arrow press moves the pen, as a fraction of the
// pad's side: 20 steps across, about a stroke's width, so a digit takes a
// few dozen presses.
const PenStep = 1.0 / 20

// keyPen is the keyboard's pen: where it is (pad coordinates, 0..1),
// whether it is out and whether it is down.
type keyPen struct {
	out, down bool
	x, y      float64
}

// penSource is the keyboard's pen as a pad.Source.
type penSource struct{ a *App }

func (s penSource) Position() (float64, float64) {
	r := s.a.tracker.Rect
	return r.X + s.a.pen.x*r.W, r.Y + s.a.pen.y*r.H
}

func (s penSource) Released() bool { return !s.a.pen.down }

// PenState is state().pen: the keyboard's pen while it is out.
type PenState struct {
	X    float64 `json:"x"` // pad coordinates: 0 left, 1 right
	Y    float64 `json:"y"` // 0 top, 1 bottom
	Down bool    `json:"down"`
}

func (a *App) penState() *PenState {
	if !a.pen.out {
		return nil
	}
	return &PenState{X: a.pen.x, Y: a.pen.y, Down: a.pen.down}
}

// PenKey handles a key pressed on the canvas for the keyboard's pen (see
// the keys above); it reports whether the key was used. Only the main
// view has the pad to draw on.
func (a *App) PenKey(key string, shift bool) bool {
	if a.v.name != "" || a.tracker.Rect.W <= 0 || a.tracker.Rect.H <= 0 {
		return false
	}
	p := &a.pen
	switch key {
	case " ", "Spacebar", "Enter":
		if !p.out {
			p.out, p.x, p.y = true, 0.5, 0.5 // lifted: move it first
			a.dirty = true
			return true
		}
		if p.down {
			p.down = false // the Tracker ends the stroke on its next Update
			a.dirty = true
			return true
		}
		p.down = a.tracker.Start(penSource{a})
		a.dirty = true
		return true
	case "Escape":
		if !p.out {
			return false
		}
		*p = keyPen{}
		a.dirty = true
		return true
	}
	if !p.out {
		return false
	}
	step := PenStep
	if shift {
		step /= 4
	}
	switch key {
	case "ArrowLeft":
		p.x -= step
	case "ArrowRight":
		p.x += step
	case "ArrowUp":
		p.y -= step
	case "ArrowDown":
		p.y += step
	default:
		return false
	}
	// Inside the pad: the Tracker takes positions in [0, 1).
	const last = 1 - 1.0/1024
	p.x, p.y = math.Min(math.Max(p.x, 0), last), math.Min(math.Max(p.y, 0), last)
	a.dirty = true
	return true
}

// The pen's ring: the page's focus colour, edged in its background colour
// so that it stays visible on ink.
var (
	penRing = color.RGBA{0xff, 0xb0, 0x3b, 0xff}
	penEdge = color.RGBA{0x10, 0x14, 0x1a, 0xff}
)

// drawPen draws the keyboard's pen on the canvas image: a ring, filled
// when the pen is down.
func (a *App) drawPen(img *image.RGBA) {
	if !a.pen.out || a.v.name != "" {
		return
	}
	pad := a.layout.Pad
	if pad.Empty() {
		return
	}
	cx := float64(pad.Min.X) + a.pen.x*float64(pad.Dx())
	cy := float64(pad.Min.Y) + a.pen.y*float64(pad.Dy())
	r := math.Max(5, float64(pad.Dx())/40)
	for y := int(cy - r - 2); y <= int(cy+r+2); y++ {
		for x := int(cx - r - 2); x <= int(cx+r+2); x++ {
			if !(image.Point{x, y}).In(pad) {
				continue
			}
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			switch {
			case d >= r-1.5 && d <= r:
				img.SetRGBA(x, y, penRing)
			case d > r && d <= r+1.5:
				img.SetRGBA(x, y, penEdge) // the ring stays visible on ink
			case a.pen.down && d <= r/2:
				img.SetRGBA(x, y, penRing)
			}
		}
	}
}

// Announcement is the recall in a few words for screen readers, e.g.
// "3, 97%, like what I know.": the class and its calibrated score (the
// runner-up too when the page is not sure), then the familiarity in
// words. It is "" while a stroke is being drawn and before any recall, so
// a live region speaks once per drawing, not once per frame. It changes
// when the drawing, the class or the words change, not with every new
// score while the memory learns.
func (a *App) Announcement() string {
	r := a.rec
	if r == nil || a.tracker.Active() || a.pad.Empty() {
		return ""
	}
	v, f := r.Verdict, r.Familiarity
	key := announceKey{ver: a.pad.Version(), class: v.Class, runnerUp: v.RunnerUp, sure: v.Sure, words: f.Words()}
	if key == a.annKey && a.annText != "" {
		return a.annText
	}
	var b strings.Builder
	switch {
	case v.Class < 0:
		b.WriteString("no class yet")
	case v.Sure:
		fmt.Fprintf(&b, "%s, %.0f%%", v.Name, 100*v.Score)
	case v.RunnerUp >= 0:
		fmt.Fprintf(&b, "not sure: %s, %.0f%%, or %s, %.0f%%", v.Name, 100*v.Score, v.RunnerUpName, 100*v.RunnerUpScore)
	default:
		fmt.Fprintf(&b, "not sure: %s, %.0f%%", v.Name, 100*v.Score)
	}
	if f.Shown() {
		b.WriteString(", " + f.Words())
	}
	b.WriteString(".")
	a.annKey, a.annText = key, b.String()
	return a.annText
}

// announceKey is what Announcement's text depends on, besides the scores.
type announceKey struct {
	ver             uint64
	class, runnerUp int
	sure            bool
	words           string
}

// CanvasLabel says what the canvas shows, for its aria-label.
func (a *App) CanvasLabel() string {
	s := a.ViewSpec()
	l := s.Title + ": " + s.Doc + "."
	if s.Name == "" {
		l += " Draw with the mouse, a finger or the keyboard: Space or Enter brings out a pen, then puts it down or lifts it; the arrows move it."
	}
	return l
}

// SetReducedMotion follows the visitor's wish for less motion (the
// browser's prefers-reduced-motion): while the memory learns, the canvas
// then stops showing each digit as it is learned (a new image four times
// a second); it shows the last one when the job ends.
func (a *App) SetReducedMotion(on bool) {
	if on != a.reducedMotion {
		a.reducedMotion = on
		a.dirty = true
	}
}
