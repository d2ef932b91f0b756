//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

// game is the Ebiten side: pointer input to the App's pad tracker, one
// App.Tick per tick, and a blit of the App's frame when it changed.
type game struct {
	p      *page
	screen *ebiten.Image // the frame in CSS pixels
	dpr    float64
	w, h   int // CSS size
	// presses and touches are the mouse's and the finger's presses seen by
	// the last Update.
	presses, touches int
}

// pointer is the left mouse button (or a pen), or one finger, as the
// page's own listeners see it (listenMouse, listenTouch), read once per
// tick like Ebiten's input. Ebiten's own state forgets a press when the
// canvas loses focus, which happens right after the first press into a
// page embedded from another site when the pointer did not move over it
// first (the browser moves the focus to the frame): that first stroke was
// lost (e2e TestFirstStroke).
//
// Every position since the press is kept (trail) until the tick draws it
// (pad.Trail): a stroke drawn while the page was busy (its memory
// decoding, a slow machine) arrives all at once, and was a dot where the
// button was released or the finger lifted.
type pointer struct {
	x, y    float64 // CSS pixels of the canvas
	down    bool
	presses int          // presses so far
	trail   [][2]float64 // positions since the press or the last tick, while it draws
	pointer bool         // pointermove events keep the mouse's trail (not mousemove)
	id      int          // the finger's touch identifier, while down
}

// maxTrail bounds the positions kept between two ticks (a minute of a
// 120 Hz pointer; older ones are dropped).
const maxTrail = 8192

// pointerSource is the mouse or the finger while it draws.
type pointerSource struct{ m *pointer }

func (s pointerSource) Position() (float64, float64) { return s.m.x, s.m.y }
func (s pointerSource) Released() bool               { return !s.m.down }

// Trail is pad.Trail.
func (s pointerSource) Trail() [][2]float64 {
	t := s.m.trail
	s.m.trail = nil
	return t
}

// follow keeps the position while the button is down.
func (m *pointer) follow() {
	if len(m.trail) >= maxTrail {
		m.trail = m.trail[:copy(m.trail, m.trail[len(m.trail)-maxTrail/2:])]
	}
	m.trail = append(m.trail, [2]float64{m.x, m.y})
}

// press starts a stroke at (x, y).
func (m *pointer) press(x, y float64) {
	m.x, m.y = x, y
	m.down = true
	m.presses++
	m.trail = m.trail[:0]
	m.follow()
}

// listenMouse keeps p.mouse up to date from the canvas's and the window's
// mouse events (capture phase, before Ebiten's).
func (p *page) listenMouse() {
	at := func(e js.Value) {
		p.mouse.x, p.mouse.y = e.Get("clientX").Float(), e.Get("clientY").Float()
	}
	on := func(target js.Value, name string, f func(e js.Value)) { p.onEvent("a mouse event", target, name, f) }
	on(window, "mousedown", func(e js.Value) {
		if e.Get("button").Int() != 0 || !e.Get("target").Get("tagName").Equal(js.ValueOf("CANVAS")) {
			return
		}
		p.mouse.press(e.Get("clientX").Float(), e.Get("clientY").Float())
	})
	on(window, "mousemove", func(e js.Value) {
		at(e)
		if e.Get("buttons").Int()&1 == 0 {
			p.mouse.down = false // released outside the window
		}
		if p.mouse.down && !p.mouse.pointer {
			p.mouse.follow()
		}
	})
	// The browser sends one mousemove per frame when the page is busy; the
	// pointermove before it lists the positions merged into it
	// (getCoalescedEvents), which the trail keeps instead.
	on(window, "pointermove", func(e js.Value) {
		if !p.mouse.down || e.Get("pointerType").String() == "touch" {
			return
		}
		co := e.Get("getCoalescedEvents")
		if co.Type() != js.TypeFunction {
			return
		}
		// Whole CSS pixels, as the mouse events give them (a pointer event's
		// are fractional): a trail mixing both had a spur at the release.
		p.mouse.pointer = true
		list := e.Call("getCoalescedEvents")
		n := list.Length()
		whole := func(e js.Value) {
			p.mouse.x, p.mouse.y = math.Floor(e.Get("clientX").Float()), math.Floor(e.Get("clientY").Float())
			p.mouse.follow()
		}
		if n == 0 {
			whole(e)
		}
		for i := range n {
			whole(list.Index(i))
		}
	})
	on(window, "mouseup", func(e js.Value) {
		if e.Get("button").Int() == 0 {
			at(e)
			if p.mouse.down {
				p.mouse.follow()
			}
			p.mouse.down = false
		}
	})
}

// onEvent adds an event listener (capture phase, before Ebiten's) calling f
// with the page's lock held; a panic in f is shown as a message about what
// (the page carries on). (One function, not a closure per call site: each
// copy of the callback's code made the program larger.)
//
//go:noinline
func (p *page) onEvent(what string, target js.Value, name string, f func(e js.Value)) {
	target.Call("addEventListener", name, js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		defer func() {
			if r := recover(); r != nil {
				p.c.SetNotice(fmt.Sprintf("internal error in %s (the page carries on; please report it): %v", what, r))
			}
		}()
		f(args[0])
		return nil
	}), true)
}

// listenTouch keeps p.finger up to date from the touch events of the
// first finger that touches the canvas (others are ignored while it
// draws), as listenMouse does for the mouse: Ebiten's touch state is read
// once per tick and lost a stroke that began and ended between two.
func (p *page) listenTouch() {
	on := func(target js.Value, name string, f func(e js.Value)) { p.onEvent("a touch event", target, name, f) }
	f := &p.finger
	// mine returns the finger's touch among e's changed touches.
	mine := func(e js.Value) (js.Value, bool) {
		ts := e.Get("changedTouches")
		if !f.down || !ts.Truthy() {
			return js.Undefined(), false
		}
		for i := range ts.Length() {
			if t := ts.Index(i); t.Get("identifier").Int() == f.id {
				return t, true
			}
		}
		return js.Undefined(), false
	}
	on(window, "touchstart", func(e js.Value) {
		ts := e.Get("changedTouches")
		if f.down || !ts.Truthy() || ts.Length() == 0 || !e.Get("target").Get("tagName").Equal(js.ValueOf("CANVAS")) {
			return
		}
		t := ts.Index(0)
		f.id = t.Get("identifier").Int()
		f.press(t.Get("clientX").Float(), t.Get("clientY").Float())
	})
	on(window, "touchmove", func(e js.Value) {
		if t, ok := mine(e); ok {
			f.x, f.y = t.Get("clientX").Float(), t.Get("clientY").Float()
			f.follow()
		}
	})
	lift := func(e js.Value) {
		if t, ok := mine(e); ok {
			f.x, f.y = t.Get("clientX").Float(), t.Get("clientY").Float()
			f.follow()
			f.down = false
		}
	}
	on(window, "touchend", lift)
	on(window, "touchcancel", lift)
}

func (g *game) Update() (err error) {
	p := g.p
	p.mu.Lock()
	defer p.mu.Unlock()
	defer func() {
		// A panic in a tick (pointer and key input, the jobs, the views) is
		// shown and the page carries on; one on every tick for a second
		// (60 ticks) stops it with that message.
		if r := recover(); r != nil {
			p.panics++
			msg := fmt.Errorf("internal error (please report it): %v", r)
			if p.panics >= 60 {
				p.c.Fail(msg)
			} else {
				p.c.SetNotice(msg.Error() + "; the page carries on")
			}
		} else {
			p.panics = 0
		}
		err = nil
		p.publish()
	}()
	c := p.c
	dpr := g.dpr
	if dpr <= 0 {
		dpr = 1
	}
	tr := c.Tracker()
	cx, cy := ebiten.CursorPosition()
	x, y := int(float64(cx)/dpr), int(float64(cy)/dpr)
	if m := &p.mouse; m.presses != g.presses {
		g.presses = m.presses
		if !tr.Start(pointerSource{m}) {
			c.Click(int(m.x), int(m.y))
		}
	}
	if f := &p.finger; f.presses != g.touches {
		g.touches = f.presses
		if !tr.Start(pointerSource{f}) {
			c.Click(int(f.x), int(f.y))
		}
	}
	c.Tick()
	if text, changed := c.Hover(x, y, !tr.Active() && x >= 0 && y >= 0 && x < g.w && y < g.h); changed {
		p.showTooltip(text, x, y)
	}
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	p := g.p
	p.mu.Lock()
	defer p.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			p.c.SetNotice(fmt.Sprintf("internal error while drawing (please report it): %v", r))
		}
	}()
	if p.firstFrameMs < 0 {
		p.firstFrameMs = js.Global().Get("performance").Call("now").Float()
		hideLoading()
	}
	img, changed := p.c.Frame(g.w, g.h)
	p.placePanel()
	if !changed {
		return
	}
	if g.screen == nil || g.screen.Bounds().Dx() != g.w || g.screen.Bounds().Dy() != g.h {
		if g.screen != nil {
			g.screen.Deallocate()
		}
		g.screen = ebiten.NewImage(g.w, g.h)
	}
	g.screen.WritePixels(img.Pix)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(g.dpr, g.dpr)
	op.Filter = ebiten.FilterNearest
	op.Blend = ebiten.BlendCopy
	screen.DrawImage(g.screen, op)
}

// Layout is not called: Ebiten uses LayoutF.
func (g *game) Layout(w, h int) (int, int) { return w, h }

// LayoutF makes the screen as large as the canvas in device pixels, so the
// page is crisp on HiDPI screens; the frame is drawn in CSS pixels and
// scaled by the device pixel ratio (nearest neighbour).
func (g *game) LayoutF(w, h float64) (float64, float64) {
	g.dpr = ebiten.Monitor().DeviceScaleFactor()
	if g.dpr <= 0 {
		g.dpr = 1
	}
	g.w, g.h = int(w), int(h)
	return math.Ceil(w * g.dpr), math.Ceil(h * g.dpr)
}
