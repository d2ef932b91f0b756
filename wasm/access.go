//go:build js && wasm

package main

import (
	"syscall/js"
)

// access makes the canvas reachable without a mouse and the recall
// audible (web/README.md, "Keyboard and screen readers"):
//
//   - the canvas comes first in the document (in #main, the page's main
//     landmark), in the tab order as any
//     element (tabindex 0; Ebiten gives it 1, which puts it before
//     everything), as an application with a label that says what it
//     shows, its keys described by #pad-keys;
//   - Tab and Shift+Tab on the canvas are kept from Ebiten, which cancels
//     every keydown on its canvas, so the browser moves the focus;
//   - the keyboard's pen (core.App.PenKey) takes its keys on the canvas
//     before Ebiten and the page's other keys see them;
//   - the visitor's prefers-reduced-motion is followed (SetReducedMotion).
//
// publishAccess, called with publish, writes the canvas's label and the
// announcement of each recall (#announce, a live region outside the panel
// and the bar, so it speaks in every mode).
func (p *page) access() {
	canvas := doc.Call("querySelector", "canvas")
	if canvas.Truthy() {
		canvas.Call("setAttribute", "tabindex", "0")
		canvas.Call("setAttribute", "role", "application")
		canvas.Call("setAttribute", "aria-roledescription", "drawing canvas")
		canvas.Call("setAttribute", "aria-describedby", "pad-keys")
		canvas.Call("setAttribute", "aria-label", p.c.CanvasLabel())
		if m := byID("main"); m.Truthy() {
			m.Call("prepend", canvas) // the page's main landmark
		} else {
			doc.Get("body").Call("prepend", canvas)
		}
	}
	window.Call("addEventListener", "keydown", p.guard(func(args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		e := args[0]
		if !e.Get("target").Equal(canvas) {
			return nil
		}
		key := e.Get("key").String()
		if key == "Tab" {
			e.Call("stopImmediatePropagation") // the browser's default: the next control
			return nil
		}
		if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
			return nil
		}
		if p.c.PenKey(key, e.Get("shiftKey").Bool()) {
			e.Call("preventDefault")
			e.Call("stopImmediatePropagation")
		}
		return nil
	}), true)
	if mm := window.Get("matchMedia"); mm.Type() == js.TypeFunction {
		mq := window.Call("matchMedia", "(prefers-reduced-motion: reduce)")
		p.c.SetReducedMotion(mq.Get("matches").Bool())
		if mq.Get("addEventListener").Type() == js.TypeFunction {
			mq.Call("addEventListener", "change", p.guard(func(args []js.Value) any {
				if len(args) > 0 {
					p.c.SetReducedMotion(args[0].Get("matches").Bool())
				}
				return nil
			}))
		}
	}
}

// publishAccess writes what changed of the canvas's label and the
// announcement.
func (p *page) publishAccess() {
	sh := &p.accessShown
	if l := p.c.CanvasLabel(); l != sh.canvasLabel {
		sh.canvasLabel = l
		if canvas := doc.Call("querySelector", "canvas"); canvas.Truthy() {
			canvas.Call("setAttribute", "aria-label", l)
		}
	}
	if a := p.c.Announcement(); a != sh.announce && a != "" {
		sh.announce = a
		setText("announce", a)
	}
}

// accessShown is what publishAccess last wrote.
type accessShown struct{ canvasLabel, announce string }
