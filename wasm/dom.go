//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"image"
	"strconv"
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

// result is what API calls that can fail return to scripts.
func result(err error, ok map[string]any) map[string]any {
	if err != nil {
		return map[string]any{"ok": false, "error": err.Error()}
	}
	if ok == nil {
		ok = map[string]any{}
	}
	ok["ok"] = true
	return ok
}

// exposeAPI replaces the loader's placeholder window.sparsey functions
// (the contract: DESIGN.md, web/README.md).
func (p *page) exposeAPI() {
	c := p.c
	s := window.Get("sparsey")
	if s.Type() != js.TypeObject {
		s = js.ValueOf(map[string]any{})
		window.Set("sparsey", s)
	}
	s.Set("state", p.guard(func([]js.Value) any { return p.stateValue() }))
	s.Set("padRect", p.guard(func([]js.Value) any {
		r := c.Layout().Pad
		return map[string]any{"x": r.Min.X, "y": r.Min.Y, "width": r.Dx(), "height": r.Dy()}
	}))
	s.Set("clear", p.guard(func([]js.Value) any { c.Clear(); return nil }))
	s.Set("undo", p.guard(func([]js.Value) any { c.Undo(); return nil }))
	s.Set("recall", p.guard(func([]js.Value) any { c.Recall(); return p.stateValue() }))
	s.Set("learn", p.guard(func(args []js.Value) any {
		v := argAt(args, 0)
		label := v.Str
		switch {
		case v.Type == "number":
			n, err := v.Int("learn", "label", 0, 9)
			if err != nil {
				return p.refuse(&core.ArgError{Call: "learn", Name: "label", Want: "a digit from 0 to 9 or a name", Got: v.String()})
			}
			label = fmt.Sprint(n)
		case v.Type != "string":
			return p.refuse(&core.ArgError{Call: "learn", Name: "label", Want: "a digit from 0 to 9 or a name", Got: v.String()})
		}
		id, err := c.Learn(label)
		p.noticeOf(err)
		return result(err, map[string]any{"label": id, "name": c.Name(id)})
	}))
	s.Set("train", p.guard(func(args []js.Value) any {
		n, err := argAt(args, 0).Int("train", "n", 1, core.MaxTrainArg)
		if err != nil {
			return p.refuse(err)
		}
		c.Train(n)
		return nil
	}))
	s.Set("test", p.guard(func(args []js.Value) any {
		n := 1000
		if v := argAt(args, 0); !v.Absent() {
			var err error
			if n, err = v.Int("test", "n", 1, core.MaxTestArg); err != nil {
				return p.refuse(err)
			}
		}
		c.Test(n)
		return nil
	}))
	s.Set("save", p.guard(func([]js.Value) any {
		b, err := c.Save()
		if err != nil {
			c.SetNotice(err.Error())
			return js.Null()
		}
		return toJS(b)
	}))
	s.Set("download", p.guard(func([]js.Value) any { p.download(); return nil }))
	s.Set("load", p.guard(func(args []js.Value) any {
		var raw js.Value
		if len(args) > 0 {
			raw = args[0]
		}
		b, err := bytesArg("load", "bytes", argAt(args, 0), raw)
		if err != nil {
			return p.refuse(err)
		}
		return result(c.Load(b, "the bytes given to sparsey.load"), nil)
	}))
	s.Set("forget", p.guard(func([]js.Value) any { p.forgetStored(); return nil }))
	s.Set("setView", p.guard(func(args []js.Value) any {
		v := argAt(args, 0)
		want := `"" (the main view) or one of ` + strings.Join(core.ViewNames, ", ")
		name, err := v.Text("setView", "name", want, 16)
		if err == nil && name != "" && core.ValidView(name) == "" {
			err = &core.ArgError{Call: "setView", Name: "name", Want: want, Got: v.String()}
		}
		if err != nil {
			return p.refuse(err)
		}
		p.setView(name)
		return c.View()
	}))
	s.Set("setReadout", p.guard(func(args []js.Value) any {
		v := argAt(args, 0)
		const want = `"softmax", "naive-bayes" or "class-nodes"`
		name, err := v.Text("setReadout", "name", want, 16)
		if _, ok := core.Readouts[name]; err == nil && !ok {
			err = &core.ArgError{Call: "setReadout", Name: "name", Want: want, Got: v.String()}
		}
		if err != nil {
			return p.refuse(err)
		}
		p.setReadout(name)
		return c.Readout()
	}))
	// macRect(level, grid, mac): where a mac of the hierarchy is, in CSS
	// pixels (null when it is not shown).
	s.Set("macRect", p.guard(func(args []js.Value) any {
		l, g, m, err := c.MacArgs("macRect", argAt(args, 0), argAt(args, 1), argAt(args, 2), false)
		if err != nil {
			return p.refuse(err)
		}
		r := c.MacRect(l, g, m)
		if r.Empty() {
			return js.Null()
		}
		return map[string]any{"x": r.Min.X, "y": r.Min.Y, "width": r.Dx(), "height": r.Dy()}
	}))
	// focus({level, grid, mac}) pins a mac's receptive field; focus(null)
	// or focus() unpins it.
	s.Set("focus", p.guard(func(args []js.Value) any {
		v := argAt(args, 0)
		switch {
		case v.Absent() || v.Type == "null":
			c.PinMac(0, 0, 0, false)
			return true
		case v.Type != "object" || v.Desc != "":
			return p.refuse(&core.ArgError{Call: "focus", Name: "the argument", Want: "{level, grid, mac} or null", Got: v.String()})
		}
		o := args[0]
		l, g, m, err := c.MacArgs("focus", field(o, "level"), field(o, "grid"), field(o, "mac"), false)
		if err != nil {
			return p.refuse(err)
		}
		return c.PinMac(l, g, m, true)
	}))
	// csa({level, grid, mac, cm, g, redraw, walk}): mac −1 is the default;
	// g null ends the override.
	s.Set("csa", p.guard(func(args []js.Value) any {
		v := argAt(args, 0)
		if v.Type != "object" || v.Desc != "" {
			return p.refuse(&core.ArgError{Call: "csa", Name: "the argument", Want: "an object {level, grid, mac, cm, g, redraw, walk}", Got: v.String()})
		}
		o := args[0]
		if err := c.CSAArgs(field(o, "level"), field(o, "grid"), field(o, "mac"), field(o, "cm"), field(o, "g")); err != nil {
			return p.refuse(err)
		}
		if o.Get("redraw").Truthy() {
			c.CSA().Seed++
		}
		if o.Get("walk").Truthy() {
			c.StartWalk()
		}
		return nil
	}))
	s.Set("learnSequence", p.guard(func([]js.Value) any {
		err := c.LearnSequence()
		p.noticeOf(err)
		return result(err, nil)
	}))
	s.Set("ready", true)
}

// refuse answers a call whose arguments the page cannot use: it shows
// the message (state().error) and returns {ok: false, error}.
func (p *page) refuse(err error) any {
	p.c.SetNotice(err.Error())
	return result(err, nil)
}

// noticeOf shows err (or clears the notice).
func (p *page) noticeOf(err error) {
	if err != nil {
		p.c.SetNotice(err.Error())
	} else {
		p.c.SetNotice("")
	}
}

// pageState is state(): the App's State and what only the browser knows.
type pageState struct {
	core.State
	FirstFrameMs *float64 `json:"firstFrameMs"` // performance.now() at the first frame
	WasmMs       any      `json:"wasmMs"`       // the loader's download and compile time
	DataLoaded   float64  `json:"dataLoaded"`   // part of the training data received
	Saved        int      `json:"saved"`        // writes to browser storage completed
	Forgotten    int      `json:"forgotten"`    // deletions from browser storage completed
}

// stateValue is state() as a JS object.
func (p *page) stateValue() js.Value {
	st := pageState{State: p.c.State(), WasmMs: loaderField("wasmMs"),
		DataLoaded: p.train.Fraction(), Saved: p.saved, Forgotten: p.forgotten}
	if p.firstFrameMs >= 0 {
		st.FirstFrameMs = &p.firstFrameMs
	}
	b, err := json.Marshal(st)
	if err != nil {
		// A value JSON cannot hold (NaN) must not make the page look
		// stopped: the phase and counters stay true.
		b, _ = json.Marshal(map[string]any{"phase": st.Phase, "error": "internal error (the page carries on): state: " + err.Error(),
			"ticks": st.Ticks, "trained": st.Trained, "items": st.Items, "padVersion": st.PadVersion, "recalledVersion": st.RecalledVersion})
	}
	return js.Global().Get("JSON").Call("parse", string(b))
}

// emitRecall dispatches sparsey:recall and, when embedded, posts it to the
// parent frame.
func (p *page) emitRecall() {
	detail := p.stateValue()
	ev := js.Global().Get("CustomEvent").New("sparsey:recall", map[string]any{"detail": detail})
	window.Call("dispatchEvent", ev)
	if parent := window.Get("parent"); parent.Truthy() && !parent.Equal(window) {
		msg := js.ValueOf(map[string]any{"type": "sparsey:recall", "state": detail})
		parent.Call("postMessage", msg, "*")
	}
	setText("recall-text", p.c.RecallText())
}

// published holds what was last written to the DOM, to write only changes.
type published struct {
	phase, status, errText, job string
	address                     string
	progress, data              int
	panel                       image.Rectangle
	csaMac, csaGrid             string
	csaOverride                 bool
	focus                       string
}

// publish updates the panel's progress bars and texts when they change.
func (p *page) publish() {
	c, sh := p.c, &p.shown
	if ph := c.Phase(); ph != sh.phase {
		sh.phase = ph
		doc.Get("body").Get("dataset").Set("phase", ph)
		if ph == "error" {
			setText("stopped-text", c.Error())
			byID("stopped").Set("hidden", false)
		}
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
		setText("job-text", job)
		byID("job-progress").Set("value", float64(prog)/1000)
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
	if m := strconv.Itoa(c.CSA().Mac); m != sh.csaMac { // a walk or a click moves it
		sh.csaMac = m
		setValue("csa-mac", m)
	}
	if o := c.CSA().Override; o != sh.csaOverride { // a script may end the override
		sh.csaOverride = o
		if e := byID("csa-override"); e.Truthy() {
			e.Set("checked", o)
		}
	}
	if g := fmt.Sprintf("%d/%d", c.CSA().Level, c.CSA().Grid); g != sh.csaGrid {
		sh.csaGrid = g
		setValue("csa-grid", g)
	}
	if f := c.FocusText(); f != sh.focus {
		sh.focus = f
		if f == "" {
			f = macHelp
		}
		setText("mac-status", f)
	}
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
// reserved room for it, when that changed.
func (p *page) placePanel() {
	r := p.c.Layout().Panel
	if r == p.shown.panel {
		return
	}
	p.shown.panel = r
	el := byID("panel")
	if !el.Truthy() {
		return
	}
	if p.c.Params().Embed || r.Empty() {
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

// setView switches the view and updates the address so that a reload
// keeps it.
func (p *page) setView(name string) {
	if !p.c.SetView(name) {
		return
	}
	p.showTooltip("", 0, 0)
	p.showViewControls()
	loc := window.Get("location")
	u := loc.Get("pathname").String()
	if q := core.WithView(loc.Get("search").String(), p.c.View()); q != "" {
		u += "?" + q
	}
	window.Get("history").Call("replaceState", js.Null(), "", u)
}

func (p *page) showViewControls() {
	v := p.c.View()
	doc.Get("body").Get("dataset").Set("view", v)
	setValue("view", v)
	for _, n := range core.ViewNames {
		if e := byID(n + "-controls"); e.Truthy() {
			e.Set("hidden", n != v)
		}
	}
}

// setReadout chooses the readout of the class scores and updates the
// address so that a reload keeps it.
func (p *page) setReadout(name string) {
	if !p.c.SetReadout(name) {
		p.c.SetNotice(fmt.Sprintf("unknown readout %q", name))
		return
	}
	setValue("readout", p.c.Readout())
	loc := window.Get("location")
	u := loc.Get("pathname").String()
	r := p.c.Readout()
	if r == core.DefaultReadout {
		r = ""
	}
	if q := core.WithParam(loc.Get("search").String(), "readout", r); q != "" {
		u += "?" + q
	}
	window.Get("history").Call("replaceState", js.Null(), "", u)
}

// syncCSAControls shows the csa view's settings in its controls.
func (p *page) syncCSAControls() {
	set := p.c.CSA()
	setValue("csa-grid", fmt.Sprintf("%d/%d", set.Level, set.Grid))
	setValue("csa-mac", strconv.Itoa(set.Mac))
	setValue("csa-cm", strconv.Itoa(set.CM))
	if e := byID("csa-override"); e.Truthy() {
		e.Set("checked", set.Override)
	}
	setValue("csa-g", fmt.Sprint(set.G))
	setText("csa-g-text", fmt.Sprintf("%.2f", set.G))
}

// bindDOM connects the panel's buttons and inputs, and the keyboard.
func (p *page) bindDOM() {
	c := p.c
	if c.Params().Embed {
		doc.Get("body").Get("classList").Call("add", "embed")
	}
	on := func(id, event string, f func(el, e js.Value)) {
		el := byID(id)
		if !el.Truthy() {
			return
		}
		el.Call("addEventListener", event, p.guard(func(args []js.Value) any {
			var e js.Value
			if len(args) > 0 {
				e = args[0]
			}
			f(el, e)
			return nil
		}))
	}
	num := func(id string, def int) int {
		if n, err := strconv.Atoi(byID(id).Get("value").String()); err == nil && n > 0 {
			return n
		}
		return def
	}
	on("clear", "click", func(_, _ js.Value) { c.Clear() })
	on("undo", "click", func(_, _ js.Value) { c.Undo() })
	on("teach", "submit", func(_, e js.Value) {
		e.Call("preventDefault")
		_, err := c.Learn(byID("teach-name").Get("value").String())
		p.noticeOf(err)
	})
	on("test-form", "submit", func(_, e js.Value) { e.Call("preventDefault"); c.Test(num("test-n", 1000)) })
	on("train-form", "submit", func(_, e js.Value) { e.Call("preventDefault"); c.Train(num("train-n", 1000)) })
	on("save", "click", func(_, _ js.Value) { p.download() })
	on("forget", "click", func(_, _ js.Value) {
		p.forgetStored()
		c.SetStatus("The copy in this browser's storage was deleted; the memory in the page is kept until you reload.")
	})
	on("load-file", "change", func(el, _ js.Value) {
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
	on("address-close", "click", func(_, _ js.Value) {
		p.addressDismissed = true
		byID("address").Set("hidden", true)
	})

	// The teaching views' controls.
	num64 := func(el js.Value) float64 { return el.Get("valueAsNumber").Float() }
	set := c.CSA()
	on("view", "change", func(el, _ js.Value) { p.setView(el.Get("value").String()) })
	on("readout", "change", func(el, _ js.Value) { p.setReadout(el.Get("value").String()) })
	if sel := byID("csa-grid"); sel.Truthy() {
		sel.Set("textContent", "")
		for _, g := range c.GridNames() {
			o := doc.Call("createElement", "option")
			o.Set("value", g[0])
			o.Set("textContent", g[1])
			sel.Call("appendChild", o)
		}
	}
	on("csa-grid", "change", func(el, _ js.Value) {
		var l, g int
		if _, err := fmt.Sscanf(el.Get("value").String(), "%d/%d", &l, &g); err == nil {
			set.Level, set.Grid, set.Mac = l, g, -1
			setValue("csa-mac", "-1")
		}
	})
	// The number fields accept what a visitor types: a value that is not a
	// number of a sane size is ignored (the view clamps the rest).
	sane := func(n float64) bool { return n == n && n > -1e6 && n < 1e6 }
	on("csa-mac", "input", func(el, _ js.Value) {
		if n := num64(el); sane(n) {
			set.Mac = int(n)
		}
	})
	on("csa-cm", "input", func(el, _ js.Value) {
		if n := num64(el); sane(n) {
			set.CM = int(n)
		}
	})
	on("csa-override", "change", func(el, _ js.Value) { set.Override = el.Get("checked").Bool() })
	on("csa-g", "input", func(el, _ js.Value) {
		if n := num64(el); n >= 0 && n <= 1 {
			set.G, set.Override = n, true
		}
		p.syncCSAControls()
	})
	on("csa-redraw", "click", func(_, _ js.Value) { set.Seed++ })
	on("csa-walk", "click", func(_, _ js.Value) { c.StartWalk() })
	on("seq-learn", "click", func(_, _ js.Value) { p.noticeOf(c.LearnSequence()) })

	// Keys: Ctrl+Z or Cmd+Z undoes a stroke, Escape clears the pad, except
	// while typing in a field.
	window.Call("addEventListener", "keydown", p.guard(func(args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		e := args[0]
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

	setValue("readout", c.Readout())
	p.syncCSAControls()
	p.showViewControls()
	p.updateDatalist()
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
