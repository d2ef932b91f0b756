//go:build js && wasm

package main

import (
	"fmt"
	"image"
	"strings"
	"syscall/js"

	"github.com/sparsey-web/sparsey/wasm/core"
)

var (
	doc    = js.Global().Get("document")
	window = js.Global()
)

func byID(id string) js.Value { return doc.Call("getElementById", id) }

// guard wraps a JS callback: it takes the page's lock, turns a panic into
// a message (state().error) and updates the DOM afterwards.
func (p *page) guard(f func(args []js.Value) any) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (res any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		defer func() {
			if r := recover(); r != nil {
				err := fmt.Errorf("internal error (the page carries on; please report it): %v", r)
				p.c.SetNotice(err.Error())
				res = result(err, nil)
			}
			p.publish()
		}()
		return f(args)
	})
}

// noticeOf shows err (or clears the notice).
func (p *page) noticeOf(err error) {
	if err != nil {
		p.c.SetNotice(err.Error())
	} else {
		p.c.SetNotice("")
	}
}

// published holds what was last written to the DOM, to write only changes.
type published struct {
	phase, status, errText, job, recall string
	address                             string
	progress, data                      int
	panel                               image.Rectangle
	bar                                 int
	view                                string
	controls                            map[string]string
	focus                               string
	link                                string
	ready, busy                         bool
}

// publish updates the page's texts, progress bars, controls and address
// when they change.
func (p *page) publish() {
	c, sh := p.c, &p.shown
	if ph := c.Phase(); ph != sh.phase {
		sh.phase = ph
		doc.Get("body").Get("dataset").Set("phase", ph)
		if ph == "error" {
			setText("stopped-text", c.Error())
			byID("stopped").Set("hidden", false)
		}
		p.announceReady()
	}
	if e := c.Error(); e != sh.errText {
		sh.errText = e
		if e == c.AddressError() {
			e = "" // shown by the banner at the top
		}
		setText("error", e)
		byID("error").Set("hidden", e == "")
	}
	if a := c.AddressError(); a != sh.address {
		sh.address = a
		setText("address-text", a)
		if el := byID("address"); el.Truthy() {
			el.Set("hidden", a == "" || p.addressDismissed)
		}
	}
	job, prog := c.JobText(), int(c.Progress()*1000)
	if job != sh.job || prog != sh.progress {
		sh.job, sh.progress = job, prog
		for _, id := range []string{"job-text", "bar-job-text"} {
			setText(id, job)
		}
		for _, id := range []string{"job-progress", "bar-job"} {
			if e := byID(id); e.Truthy() {
				e.Set("value", float64(prog)/1000)
			}
		}
	}
	// The bar's progress shows only while something loads or learns.
	if busy := c.Phase() != "ready" || c.Progress() < 1; busy != sh.busy {
		sh.busy = busy
		if e := byID("bar-progress"); e.Truthy() {
			e.Set("hidden", !busy)
		}
	}
	if d := int(p.train.Fraction() * 1000); d != sh.data {
		sh.data = d
		byID("data-progress").Set("value", float64(d)/1000)
		setText("data-text", fmt.Sprintf("Training data: %.0f%%", float64(d)/10))
	}
	if s := c.Status(); s != sh.status {
		sh.status = s
		setText("status", s)
	}
	if r := c.RecallText(); r != sh.recall {
		sh.recall = r
		setText("recall-text", r)
		setText("bar-recall", r)
	}
	p.syncControls()
	if f := c.FocusText(); f != sh.focus {
		sh.focus = f
		if f == "" {
			f = macHelp
		}
		setText("mac-status", f)
	}
	p.writeLink()
	p.publishAccess()
}

// announceReady posts sparsey:ready to the host page, once, when the
// memory can recall (before any recall is posted).
func (p *page) announceReady() {
	if ph := p.c.Phase(); ph == "loading" || ph == "error" || p.shown.ready {
		return
	}
	p.shown.ready = true
	p.readyMs = js.Global().Get("performance").Call("now").Float()
	p.post(map[string]any{"type": "sparsey:ready", "state": p.stateValue()})
}

// loaderField reads a number the loader recorded (window.sparsey.loader).
func loaderField(name string) any {
	v := window.Get("sparsey").Get("loader")
	if v.Type() != js.TypeObject {
		return nil
	}
	if f := v.Get(name); f.Type() == js.TypeNumber {
		return f.Float()
	}
	return nil
}

func setText(id, s string) {
	if e := byID(id); e.Truthy() {
		e.Set("textContent", s)
	}
}

func setValue(id, v string) {
	if e := byID(id); e.Truthy() {
		e.Set("value", v)
	}
}

// placePanel positions the HTML panel over the canvas where the layout
// reserved room for it, when that changed; an embedded page shows its bar
// of controls instead, whose height the layout keeps free.
func (p *page) placePanel() {
	if p.c.Params().Embed {
		if bar := byID("bar"); bar.Truthy() {
			if h := bar.Get("offsetHeight").Int(); h != p.shown.bar {
				p.shown.bar = h
				p.c.SetBar(h)
			}
		}
		return
	}
	r := p.c.Layout().Panel
	if r == p.shown.panel {
		return
	}
	p.shown.panel = r
	el := byID("panel")
	if !el.Truthy() {
		return
	}
	if r.Empty() {
		el.Set("hidden", true)
		return
	}
	el.Set("hidden", false)
	st := el.Get("style")
	st.Set("left", fmt.Sprintf("%dpx", r.Min.X))
	st.Set("top", fmt.Sprintf("%dpx", r.Min.Y))
	st.Set("width", fmt.Sprintf("%dpx", r.Dx()))
	st.Set("height", fmt.Sprintf("%dpx", r.Dy()))
}

// macHelp is the panel's line about the hierarchy when nothing is pointed
// at.
const macHelp = "Point at a mac of the hierarchy, or tap it (the arrow keys and Page Up/Down move it, Escape lets go), to see the macs it reads and the part of the pad it sees; point at the pad to see the macs that read it."

func (p *page) showTooltip(text string, x, y int) {
	t := byID("tooltip")
	if !t.Truthy() {
		return
	}
	if text == "" {
		t.Set("hidden", true)
		return
	}
	t.Set("textContent", text)
	t.Set("hidden", false)
	st := t.Get("style")
	st.Set("left", fmt.Sprintf("%dpx", min(x+14, max(0, p.c.Layout().W-260))))
	st.Set("top", fmt.Sprintf("%dpx", y+14))
}

func hideLoading() {
	if l := byID("loading"); l.Truthy() {
		l.Set("hidden", true)
	}
}

// setView switches the view (the address follows: writeLink).
func (p *page) setView(name string) {
	if !p.c.SetView(name) {
		return
	}
	p.showTooltip("", 0, 0)
	p.buildControls()
}

// setReadout chooses the readout of the class scores.
func (p *page) setReadout(name string) {
	if !p.c.SetReadout(name) {
		p.c.SetNotice(fmt.Sprintf("unknown readout %q", name))
		return
	}
	setValue("readout", p.c.Readout())
}

// bindDOM connects the panel's buttons and inputs, and the keyboard; an
// embedded page moves the pad's buttons and the view's controls into its
// bar.
func (p *page) bindDOM() {
	c := p.c
	if c.Params().Embed {
		doc.Get("body").Get("classList").Call("add", "embed")
		if bar := byID("bar"); bar.Truthy() {
			for _, id := range []string{"undo", "clear", "copy-link", "link-text"} {
				if e := byID(id); e.Truthy() {
					byID("bar-pad").Call("appendChild", e)
				}
			}
			if e := byID("view-controls"); e.Truthy() {
				byID("bar-view").Call("appendChild", e)
			}
			bar.Set("hidden", false)
		}
	}
	num := func(id string, def int) int {
		var n int
		if _, err := fmt.Sscan(byID(id).Get("value").String(), &n); err == nil && n > 0 {
			return n
		}
		return def
	}
	p.on("clear", "click", func(_, _ js.Value) { c.Clear() })
	p.on("undo", "click", func(_, _ js.Value) { c.Undo() })
	p.on("copy-link", "click", func(_, _ js.Value) { p.copyLink() })
	p.on("relearn", "click", func(_, _ js.Value) { p.noticeOf(c.Relearn()) })
	p.on("teach", "submit", func(_, e js.Value) {
		e.Call("preventDefault")
		_, err := c.Learn(byID("teach-name").Get("value").String())
		p.noticeOf(err)
	})
	p.on("test-form", "submit", func(_, e js.Value) { e.Call("preventDefault"); c.Test(num("test-n", 1000)) })
	p.on("train-form", "submit", func(_, e js.Value) { e.Call("preventDefault"); c.Train(num("train-n", 1000)) })
	p.on("save", "click", func(_, _ js.Value) { p.download() })
	p.on("forget", "click", func(_, _ js.Value) {
		p.forgetStored()
		c.SetStatus("The copy in this browser's storage was deleted; the memory in the page is kept until you reload.")
	})
	p.on("load-file", "change", func(el, _ js.Value) {
		files := el.Get("files")
		if !files.Truthy() || files.Get("length").Int() == 0 {
			return
		}
		f := files.Index(0)
		name := f.Get("name").String()
		el.Set("value", "") // the same file may be chosen again
		if size := f.Get("size").Float(); size > core.MaxFileBytes {
			c.SetNotice(fmt.Sprintf("Could not load %s: a file of %.0f MiB is larger than any memory this page can load (%d MiB). The current memory is kept.",
				name, size/(1<<20), core.MaxFileBytes>>20))
			return
		}
		go p.recovering("loading "+name, func() {
			buf, err := await(f.Call("arrayBuffer"))
			p.mu.Lock()
			defer p.mu.Unlock()
			defer p.publish()
			if err != nil {
				c.SetNotice(fmt.Sprintf("Could not read %s: %v. The current memory is kept.", name, err))
				return
			}
			_ = c.Load(fromJS(buf), name)
		})
	})
	p.on("address-close", "click", func(_, _ js.Value) {
		p.addressDismissed = true
		byID("address").Set("hidden", true)
	})
	p.on("view", "change", func(el, _ js.Value) { p.setView(el.Get("value").String()) })
	p.on("readout", "change", func(el, _ js.Value) { p.setReadout(el.Get("value").String()) })

	// Keys: Ctrl+Z or Cmd+Z undoes a stroke, Escape clears the pad, except
	// while typing in a field or in a dialog (the list of terms: Escape
	// shuts it).
	window.Call("addEventListener", "keydown", p.guard(func(args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		e := args[0]
		if t := e.Get("target"); t.Get("closest").Type() == js.TypeFunction && t.Call("closest", "dialog").Truthy() {
			return nil
		}
		switch strings.ToLower(e.Get("target").Get("tagName").String()) {
		case "input", "textarea", "select":
			return nil
		}
		key := e.Get("key").String()
		mod := e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool()
		switch {
		case !mod && c.FocusKey(key):
			// The arrows, Page Up/Down and Escape move or let go of the
			// pinned mac of the hierarchy.
		case (key == "z" || key == "Z") && (e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()) &&
			!e.Get("shiftKey").Bool() && !e.Get("altKey").Bool():
			c.Undo()
		case key == "Escape":
			c.Clear()
		default:
			return nil
		}
		e.Call("preventDefault")
		return nil
	}))

	p.buildMenu()
	setValue("readout", c.Readout())
	p.buildControls()
	p.updateDatalist()
}

// on calls f on the event of the element id, under the page's lock.
func (p *page) on(id, event string, f func(el, e js.Value)) {
	el := byID(id)
	if !el.Truthy() {
		return
	}
	p.onEl(el, event, f)
}

func (p *page) onEl(el js.Value, event string, f func(el, e js.Value)) {
	el.Call("addEventListener", event, p.guard(func(args []js.Value) any {
		var e js.Value
		if len(args) > 0 {
			e = args[0]
		}
		f(el, e)
		return nil
	}))
}

// updateDatalist offers the taught names in the "learn as" input.
func (p *page) updateDatalist() {
	dl := byID("symbols")
	if !dl.Truthy() {
		return
	}
	dl.Set("textContent", "")
	for _, n := range p.c.Names() {
		o := doc.Call("createElement", "option")
		o.Set("value", n)
		dl.Call("appendChild", o)
	}
}

// toJS copies b into a new Uint8Array.
func toJS(b []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// fromJS copies an ArrayBuffer or typed array into Go.
func fromJS(v js.Value) []byte {
	u8 := js.Global().Get("Uint8Array").New(v)
	b := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(b, u8)
	return b
}

// download offers the memory file as a download.
func (p *page) download() {
	b, err := p.c.Save()
	if err != nil {
		p.c.SetNotice(err.Error())
		return
	}
	blob := js.Global().Get("Blob").New([]any{toJS(b)}, map[string]any{"type": "application/octet-stream"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	link := doc.Call("createElement", "a")
	link.Set("href", url)
	link.Set("download", "sparsey-memory.spsm")
	doc.Get("body").Call("appendChild", link)
	link.Call("click")
	link.Call("remove")
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	js.Global().Call("setTimeout", revoke, 10000)
	p.c.SetStatus(fmt.Sprintf("Memory file downloaded (%d items).", p.c.State().Items))
}
