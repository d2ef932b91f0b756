//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"
)

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

// jsonOf is a JS value as JSON (JSON.stringify); "" when it has none.
func jsonOf(v js.Value) string {
	defer func() { _ = recover() }()
	s := js.Global().Get("JSON").Call("stringify", v)
	if s.Type() != js.TypeString {
		return ""
	}
	return s.String()
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
		label := ""
		if len(args) > 0 {
			label = jsString(args[0])
		}
		id, err := c.Learn(label)
		p.noticeOf(err)
		return result(err, map[string]any{"label": id, "name": c.Name(id)})
	}))
	s.Set("train", p.guard(func(args []js.Value) any {
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			c.Train(args[0].Int())
		}
		return nil
	}))
	s.Set("test", p.guard(func(args []js.Value) any {
		n := 1000
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			n = args[0].Int()
		}
		c.Test(n)
		return nil
	}))
	s.Set("relearn", p.guard(func([]js.Value) any {
		err := c.Relearn()
		p.noticeOf(err)
		return result(err, nil)
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
		if len(args) == 0 {
			return result(fmt.Errorf("no data"), nil)
		}
		return result(c.Load(fromJS(args[0]), "file"), nil)
	}))
	s.Set("forget", p.guard(func([]js.Value) any { p.forgetStored(); return nil }))
	s.Set("setView", p.guard(func(args []js.Value) any {
		if len(args) > 0 {
			p.setView(jsString(args[0]))
		}
		return c.View()
	}))
	s.Set("setReadout", p.guard(func(args []js.Value) any {
		if len(args) > 0 {
			p.setReadout(jsString(args[0]))
		}
		return c.Readout()
	}))
	// macRect(level, grid, mac): where a mac of the hierarchy is, in CSS
	// pixels (null when it is not shown).
	s.Set("macRect", p.guard(func(args []js.Value) any {
		if len(args) < 3 {
			return js.Null()
		}
		r := c.MacRect(args[0].Int(), args[1].Int(), args[2].Int())
		if r.Empty() {
			return js.Null()
		}
		return map[string]any{"x": r.Min.X, "y": r.Min.Y, "width": r.Dx(), "height": r.Dy()}
	}))
	// focus({level, grid, mac}) pins a mac's receptive field; focus(null)
	// unpins it.
	s.Set("focus", p.guard(func(args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeObject {
			c.PinMac(0, 0, 0, false)
			return true
		}
		o := args[0]
		return c.PinMac(o.Get("level").Int(), o.Get("grid").Int(), o.Get("mac").Int(), true)
	}))
	// csa({level, grid, mac, cm, g, redraw, walk}): mac −1 is the default;
	// g null ends the override.
	s.Set("csa", p.guard(func(args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeObject {
			return nil
		}
		o, set := args[0], c.CSA()
		if l := o.Get("level"); l.Type() == js.TypeNumber {
			set.Level = l.Int()
		}
		if g := o.Get("grid"); g.Type() == js.TypeNumber {
			set.Grid = g.Int()
		}
		if m := o.Get("mac"); m.Type() == js.TypeNumber {
			set.Mac = m.Int()
		}
		if cm := o.Get("cm"); cm.Type() == js.TypeNumber {
			set.CM = cm.Int()
		}
		if g := o.Get("g"); g.Type() == js.TypeNumber {
			if f := g.Float(); f >= 0 && f <= 1 {
				set.Override, set.G = true, f
			}
		} else if g.Type() == js.TypeNull {
			set.Override = false
		}
		if o.Get("redraw").Truthy() {
			set.Seed++
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
	// command(obj) runs a host page's command here (the same as a message
	// from an allowed origin; see core.Command) and returns its reply.
	s.Set("command", p.guard(func(args []js.Value) any {
		if len(args) == 0 {
			return result(fmt.Errorf("no command"), nil)
		}
		return p.reply(jsonOf(args[0]))
	}))
	// link() is the page's link now; copyLink() copies it.
	s.Set("link", p.guard(func([]js.Value) any { return p.linkURL() }))
	s.Set("copyLink", p.guard(func([]js.Value) any { p.copyLink(); return nil }))
	s.Set("ready", true)
}

// pageFields are the fields of state() only the browser knows.
type pageFields struct {
	FirstFrameMs *float64 `json:"firstFrameMs"` // performance.now() at the first frame
	ReadyMs      *float64 `json:"readyMs"`      // performance.now() when the memory was ready to recall
	WasmMs       any      `json:"wasmMs"`       // the loader's download and compile time
	MainMs       float64  `json:"mainMs"`       // performance.now() when the program started
	// Timings are the moments of loading, by the browser's clock: the
	// WebGL check done, the program started, the served memory received
	// by the loader, browser storage read, the memory ready.
	Timings map[string]any `json:"timings"`
	DataLoaded   float64  `json:"dataLoaded"`   // part of the training data received
	Saved        int      `json:"saved"`        // writes to browser storage completed
	Forgotten    int      `json:"forgotten"`    // deletions from browser storage completed
	Copied       string   `json:"copied"`       // the last link copied ("" for none)
	CopiedBy     string   `json:"copiedBy"`     // "clipboard", "execCommand" or "shown"
	Messages     int      `json:"messages"`     // host messages obeyed
	Ignored      int      `json:"ignored"`      // host messages ignored
	Posted       int      `json:"posted"`       // messages posted to the host page
}

// stateValue is state() as a JS object.
func (p *page) stateValue() js.Value {
	st := p.c.State()
	pf := pageFields{WasmMs: loaderField("wasmMs"), MainMs: p.mainMs, DataLoaded: p.train.Fraction(), Saved: p.saved, Forgotten: p.forgotten,
		Copied: p.copied, CopiedBy: p.copiedBy, Messages: p.messages, Ignored: p.ignored, Posted: p.posted}
	if p.firstFrameMs >= 0 {
		pf.FirstFrameMs = &p.firstFrameMs
	}
	if p.readyMs >= 0 {
		pf.ReadyMs = &p.readyMs
	}
	pf.Timings = map[string]any{"webgl": loaderField("webglMs"), "main": p.mainMs, "served": loaderField("servedMs"),
		"stored": p.storedMs, "booted": p.bootedMs, "ready": pf.ReadyMs, "firstFrame": pf.FirstFrameMs}
	st.Page = pf
	b, err := json.Marshal(st)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"phase": "error", "error": "state: " + err.Error()})
	}
	return js.Global().Get("JSON").Call("parse", string(b))
}

// emitRecall dispatches sparsey:recall and posts it to the host page's
// allowed origins.
func (p *page) emitRecall() {
	detail := p.stateValue()
	ev := js.Global().Get("CustomEvent").New("sparsey:recall", map[string]any{"detail": detail})
	window.Call("dispatchEvent", ev)
	p.announceReady()
	if p.shown.ready { // the host hears of recalls once the page is ready
		p.post(map[string]any{"type": "sparsey:recall", "state": detail})
	}
}
