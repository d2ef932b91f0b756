//go:build js && wasm

package main

import (
	"fmt"
	"strconv"
	"syscall/js"
	"time"

	"github.com/sparsey-web/sparsey/wasm/core"
)

// The View menu and each view's controls are made from the table of views
// (core.Views): the menu's options from its rows, the controls from the
// shown view's row (core.Control), as HTML, in the panel or, on an
// embedded page, in its bar.

// buildMenu fills the View menu from the table of views.
func (p *page) buildMenu() {
	sel := byID("view")
	if !sel.Truthy() {
		return
	}
	sel.Set("textContent", "")
	for _, v := range core.Views {
		o := doc.Call("createElement", "option")
		o.Set("value", v.Name)
		o.Set("textContent", v.Title)
		sel.Call("appendChild", o)
	}
	sel.Set("value", p.c.View())
}

// buildControls makes the shown view's controls.
func (p *page) buildControls() {
	c := p.c
	spec := c.ViewSpec()
	doc.Get("body").Get("dataset").Set("view", spec.Name)
	setValue("view", spec.Name)
	box, ctl := byID("view-box"), byID("view-controls")
	if !ctl.Truthy() {
		return
	}
	ctl.Set("textContent", "")
	ctl.Get("dataset").Set("view", spec.Name)
	setText("view-title", spec.Title)
	if box.Truthy() {
		box.Set("hidden", len(spec.Controls) == 0)
	}
	p.shown.controls = map[string]string{}
	for _, k := range spec.Controls {
		ctl.Call("appendChild", p.makeControl(k))
	}
	p.shown.view = spec.Name
	p.syncControls()
}

// makeControl makes one control's element (a button, or a label holding
// an input or a select) and connects it.
func (p *page) makeControl(k core.Control) js.Value {
	el := func(tag string) js.Value { return doc.Call("createElement", tag) }
	use := func(v string) { p.noticeOf(p.c.UseControl(k.ID, v)) }
	if k.Kind == core.Button {
		b := el("button")
		b.Set("type", "button")
		b.Set("id", k.ID)
		b.Set("textContent", k.Label)
		b.Set("title", k.Help)
		p.onEl(b, "click", func(_, _ js.Value) { use("") })
		return b
	}
	label := el("label")
	label.Get("classList").Call("add", "control", k.Kind.String())
	label.Set("title", k.Help)
	var in js.Value
	switch k.Kind {
	case core.Select:
		in = el("select")
		for _, o := range k.Options(p.c) {
			opt := el("option")
			opt.Set("value", o.Value)
			opt.Set("textContent", o.Text)
			in.Call("appendChild", opt)
		}
		p.onEl(in, "change", func(e, _ js.Value) { use(e.Get("value").String()) })
	case core.Toggle:
		in = el("input")
		in.Set("type", "checkbox")
		p.onEl(in, "change", func(e, _ js.Value) {
			use(map[bool]string{true: "1", false: ""}[e.Get("checked").Bool()])
		})
	default: // Range, Number
		in = el("input")
		in.Set("type", map[core.ControlKind]string{core.Range: "range", core.Number: "number"}[k.Kind])
		in.Set("min", k.Min)
		in.Set("max", k.Max)
		in.Set("step", k.Step)
		p.onEl(in, "input", func(e, _ js.Value) {
			if v := e.Get("value").String(); v != "" {
				use(v)
			}
		})
	}
	in.Set("id", k.ID)
	text := el("span")
	text.Set("textContent", k.Label)
	if k.Kind == core.Toggle {
		label.Call("append", in, text)
	} else {
		label.Call("append", text, in)
	}
	if k.Kind == core.Range {
		out := el("output")
		out.Set("id", k.ID+"-text")
		out.Set("htmlFor", k.ID)
		label.Call("append", out)
	}
	return label
}

// syncControls shows the settings' values in the controls, when they
// changed (a script, a message, a walk or a click on the map may change
// them).
func (p *page) syncControls() {
	if p.shown.view != p.c.View() {
		p.buildControls()
		return
	}
	for _, k := range p.c.Controls() {
		if k.Get == nil {
			continue
		}
		v := k.Get(p.c)
		if last, ok := p.shown.controls[k.ID]; ok && last == v {
			continue
		}
		p.shown.controls[k.ID] = v
		e := byID(k.ID)
		if !e.Truthy() {
			continue
		}
		switch k.Kind {
		case core.Toggle:
			e.Set("checked", v != "")
		case core.Range:
			e.Set("value", v)
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				setText(k.ID+"-text", fmt.Sprintf("%.2f", f))
			}
		default:
			e.Set("value", v)
		}
	}
	if r := p.c.Readout(); byID("readout").Truthy() && byID("readout").Get("value").String() != r {
		setValue("readout", r)
	}
}

// linkURL is the page's link now: this address with the state's query.
func (p *page) linkURL() string {
	loc := window.Get("location")
	u := loc.Get("origin").String() + loc.Get("pathname").String()
	if q := p.c.Link(); q != "" {
		u += "?" + q
	}
	return u
}

// writeLink writes the state into the address as it changes
// (history.replaceState), not while a stroke is drawn and at most every
// 200 ms (browsers throttle frequent history changes).
func (p *page) writeLink() {
	if p.c.Tracker().Active() {
		return
	}
	q := p.c.Link()
	if q == p.shown.link || time.Since(p.linkAt) < 200*time.Millisecond {
		return
	}
	p.shown.link, p.linkAt = q, time.Now()
	loc := window.Get("location")
	u := loc.Get("pathname").String()
	if q != "" {
		u += "?" + q
	}
	window.Get("history").Call("replaceState", js.Null(), "", u)
}

// copyLink puts the page's link on the clipboard: the Clipboard API when
// the browser allows it (an embedding iframe needs
// allow="clipboard-write"), else the older copy command, else it shows
// the link selected in a field for the visitor to copy.
func (p *page) copyLink() {
	u := p.linkURL()
	p.copied = u
	clip := window.Get("navigator").Get("clipboard")
	if clip.Truthy() && clip.Get("writeText").Type() == js.TypeFunction {
		pr := clip.Call("writeText", u)
		go p.recovering("copying the link", func() {
			_, err := await(pr)
			p.mu.Lock()
			defer p.mu.Unlock()
			defer p.publish()
			if err == nil {
				p.copiedBy = "clipboard"
				p.c.SetStatus("Link copied: it opens this view, its settings and the drawing.")
				return
			}
			p.copyFallback(u)
		})
		return
	}
	p.copyFallback(u)
}

// copyFallback copies u with the copy command from a field, or shows it.
func (p *page) copyFallback(u string) {
	f := byID("link-text")
	if !f.Truthy() {
		return
	}
	f.Set("value", u)
	f.Set("hidden", false)
	f.Call("focus")
	f.Call("select")
	if doc.Call("execCommand", "copy").Truthy() {
		p.copiedBy = "execCommand"
		f.Set("hidden", true)
		p.c.SetStatus("Link copied: it opens this view, its settings and the drawing.")
		return
	}
	p.copiedBy = "shown"
	p.c.SetStatus("The browser did not allow copying: the link is selected in the field; copy it from there.")
}
