//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// game is the Ebiten side: pointer input to the App's pad tracker, one
// App.Tick per tick, and a blit of the App's frame when it changed.
type game struct {
	p      *page
	screen *ebiten.Image // the frame in CSS pixels
	dpr    float64
	w, h   int // CSS size
	touch  []ebiten.TouchID
	// presses is the mouse's presses seen by the last Update.
	presses int
}

// mouse is the left mouse button (or a pen) as the page's own listeners
// see it (listenMouse), read once per tick like Ebiten's input. Ebiten's
// own state forgets a press when the canvas loses focus, which happens
// right after the first press into a page embedded from another site
// when the pointer did not move over it first (the browser moves the
// focus to the frame): that first stroke was lost (e2e TestFirstStroke).
//
// Every position since the press is kept (trail) until the tick draws it
// (pad.Trail): a stroke drawn while the page was busy (its memory
// decoding, a slow machine) arrives all at once, and was a dot where the
// button was released.
type mouse struct {
	x, y    float64 // CSS pixels of the canvas
	down    bool
	presses int          // left-button presses so far
	trail   [][2]float64 // positions since the press or the last tick, while it draws
	pointer bool         // pointermove events keep the trail (not mousemove)
}

// maxTrail bounds the positions kept between two ticks (a minute of a
// 120 Hz pointer; older ones are dropped).
const maxTrail = 8192

// mouseSource is the mouse while it draws.
type mouseSource struct{ m *mouse }

func (s mouseSource) Position() (float64, float64) { return s.m.x, s.m.y }
func (s mouseSource) Released() bool               { return !s.m.down }

// Trail is pad.Trail.
func (s mouseSource) Trail() [][2]float64 {
	t := s.m.trail
	s.m.trail = nil
	return t
}

// follow keeps the position while the button is down.
func (m *mouse) follow() {
	if len(m.trail) >= maxTrail {
		m.trail = m.trail[:copy(m.trail, m.trail[len(m.trail)-maxTrail/2:])]
	}
	m.trail = append(m.trail, [2]float64{m.x, m.y})
}

// listenMouse keeps p.mouse up to date from the canvas's and the window's
// mouse events (capture phase, before Ebiten's).
func (p *page) listenMouse() {
	at := func(e js.Value) {
		p.mouse.x, p.mouse.y = e.Get("clientX").Float(), e.Get("clientY").Float()
	}
	on := func(target js.Value, name string, f func(e js.Value)) {
		target.Call("addEventListener", name, js.FuncOf(func(_ js.Value, args []js.Value) any {
			if len(args) == 0 {
				return nil
			}
			p.mu.Lock()
			defer p.mu.Unlock()
			defer func() {
				if r := recover(); r != nil {
					p.c.SetNotice(fmt.Sprintf("internal error in a mouse event (the page carries on; please report it): %v", r))
				}
			}()
			f(args[0])
			return nil
		}), true)
	}
	on(window, "mousedown", func(e js.Value) {
		if e.Get("button").Int() != 0 || !e.Get("target").Get("tagName").Equal(js.ValueOf("CANVAS")) {
			return
		}
		at(e)
		p.mouse.down = true
		p.mouse.presses++
		p.mouse.trail = p.mouse.trail[:0]
		p.mouse.follow()
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
		p.mouse.pointer = true
		list := e.Call("getCoalescedEvents")
		n := list.Length()
		if n == 0 {
			p.mouse.x, p.mouse.y = e.Get("clientX").Float(), e.Get("clientY").Float()
			p.mouse.follow()
		}
		for i := range n {
			at(list.Index(i))
			p.mouse.follow()
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

// touchSource is one finger while it draws.
type touchSource struct {
	id  ebiten.TouchID
	dpr float64
}

func (t touchSource) Position() (float64, float64) {
	x, y := ebiten.TouchPosition(t.id)
	return float64(x) / t.dpr, float64(y) / t.dpr
}

func (t touchSource) Released() bool { return inpututil.IsTouchJustReleased(t.id) }

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
		if !tr.Start(mouseSource{m}) {
			c.Click(int(m.x), int(m.y))
		}
	}
	g.touch = inpututil.AppendJustPressedTouchIDs(g.touch[:0])
	for _, id := range g.touch {
		if !tr.Start(touchSource{id, dpr}) {
			tx, ty := ebiten.TouchPosition(id)
			c.Click(int(float64(tx)/dpr), int(float64(ty)/dpr))
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
