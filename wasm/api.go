//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"syscall/js"

	"github.com/sparsey-web/sparsey/wasm/core"
	"github.com/sparsey-web/sparsey/wasm/viz"
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

// jsonOf is a JS value as JSON (JSON.stringify); "" when it has none
// (a cycle, a BigInt, a getter that throws). A number JSON cannot hold
// (NaN, ±Infinity) is written as {"\u0000number": "NaN"}, which
// core.ParseCommand reads back as that number, so that it is refused
// as what it is instead of becoming null.
func jsonOf(v js.Value) (out string) {
	defer func() {
		if recover() != nil {
			out = ""
		}
	}()
	replacer := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 {
			return js.Undefined()
		}
		x := args[1]
		// (A BigInt is given back: JSON.stringify then refuses it.)
		if t, ok := typeOf(x); ok && t == js.TypeNumber {
			if f := x.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
				return map[string]any{core.NonFiniteKey: core.Arg{Type: "number", Num: f}.String()}
			}
		}
		return x
	})
	defer replacer.Release()
	s := js.Global().Get("JSON").Call("stringify", v, replacer)
	if s.Type() != js.TypeString {
		return ""
	}
	return s.String()
}

// exposeAPI replaces the loader's placeholder window.sparsey functions
// (the contract: web/README.md).
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
		want := `"" (the main view) or one of ` + strings.Join(core.ViewNames(), ", ")
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
	// command(obj) runs a host page's command here (the same as a message
	// from an allowed origin; see core.Command) and returns its reply.
	s.Set("command", p.guard(func(args []js.Value) any {
		if v := argAt(args, 0); v.Type != "object" || v.Desc != "" {
			return p.refuse(&core.ArgError{Call: "command", Name: "the command", Want: `an object {type: "sparsey", cmd, …}`, Got: v.String()})
		}
		return p.reply(jsonOf(args[0]), args[0])
	}))
	// link() is the page's link now; copyLink() copies it.
	s.Set("link", p.guard(func([]js.Value) any { return p.linkURL() }))
	s.Set("copyLink", p.guard(func([]js.Value) any { p.copyLink(); return nil }))
	// texts: every text the canvas drew last, its box in CSS pixels of
	// the canvas (viz.Texts), for the tests that check that text fits.
	s.Set("texts", p.guard(func([]js.Value) any {
		var out []any
		for _, t := range viz.Texts() {
			out = append(out, map[string]any{"text": t.Text, "x": t.X, "y": t.Y, "w": t.W, "h": t.H, "size": t.Size, "clipped": t.Clipped})
		}
		return out
	}))
	s.Set("ready", true)
}

// refuse answers a call whose arguments the page cannot use: it shows
// the message (state().error) and returns {ok: false, error}.
func (p *page) refuse(err error) any {
	p.c.SetNotice(err.Error())
	return result(err, nil)
}

// pageFields are the fields of state() only the browser knows.
type pageFields struct {
	FirstFrameMs *float64 `json:"firstFrameMs"` // performance.now() at the first frame
	ReadyMs      *float64 `json:"readyMs"`      // performance.now() when the memory was ready to recall
	WasmMs       any      `json:"wasmMs"`       // the loader's download and compile time
	MainMs       float64  `json:"mainMs"`       // performance.now() when the program started
	// Timings are the moments of loading, by the browser's clock: the
	// WebGL check done ("webgl"), the program compiled ("compiled"),
	// browser storage opened and its keys listed by the loader ("db",
	// "keys"), the program started
	// ("main"), the App made ("app"), the served memory received by the
	// loader ("served"), browser storage asked and read ("asked",
	// "stored"), the served memory handed to the App ("handed"), the App
	// booted ("booted"), the memory ready ("ready"), the first frame.
	Timings    map[string]any `json:"timings"`
	DataLoaded float64        `json:"dataLoaded"` // part of the training data received
	Saved      int            `json:"saved"`      // writes to browser storage completed
	Forgotten  int            `json:"forgotten"`  // deletions from browser storage completed
	Copied     string         `json:"copied"`     // the last link copied ("" for none)
	CopiedBy   string         `json:"copiedBy"`   // "clipboard", "execCommand" or "shown"
	Messages   int            `json:"messages"`   // host messages obeyed
	Ignored    int            `json:"ignored"`    // host messages ignored
	Posted     int            `json:"posted"`     // messages posted to the host page
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
	pf.Timings = map[string]any{"webgl": loaderField("webglMs"), "compiled": loaderField("compiledMs"), "db": loaderField("dbMs"), "keys": loaderField("keysMs"),
		"main": p.mainMs, "served": loaderField("servedMs"),
		"ready": pf.ReadyMs, "firstFrame": pf.FirstFrameMs}
	for k, v := range p.marks {
		pf.Timings[k] = v
	}
	st.Page = pf
	b, err := json.Marshal(st)
	if err != nil {
		// A value JSON cannot hold (NaN) must not make the page look
		// stopped: the phase and counters stay true.
		b, _ = json.Marshal(map[string]any{"phase": st.Phase, "error": "internal error (the page carries on): state: " + err.Error(),
			"ticks": st.Ticks, "trained": st.Trained, "items": st.Items, "padVersion": st.PadVersion, "recalledVersion": st.RecalledVersion})
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
