//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"syscall/js"

	"github.com/sparsey-web/sparsey/wasm/core"
)

// A host page drives an embedded page with messages (window.postMessage;
// the commands: core.Command, web/README.md). The page obeys only the
// origins its address lists (origin=, none by default), answers to the
// sender's origin only, and posts its own messages (sparsey:ready,
// sparsey:recall) only to those origins, never to "*": a page on another
// origin neither drives it nor hears from it (nor learns its taught
// names).

// listen starts obeying host messages, first those the loader queued
// before the program ran.
func (p *page) listen() {
	handle := func(e js.Value) {
		p.mu.Lock()
		defer p.mu.Unlock()
		defer func() {
			if r := recover(); r != nil {
				p.ignored++
				p.c.SetNotice(fmt.Sprintf("internal error in a host message (the page carries on; please report it): %v", r))
			}
			p.publish()
		}()
		p.message(e)
	}
	s := window.Get("sparsey")
	if q := s.Get("queued"); q.Type() == js.TypeObject {
		for i := range q.Length() {
			handle(q.Index(i))
		}
		s.Set("queued", js.Null())
	}
	window.Call("addEventListener", "message", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 {
			handle(args[0])
		}
		return nil
	}))
}

// allowed reports whether the page obeys and posts to origin.
func (p *page) allowed(origin string) bool {
	for _, o := range p.c.Params().Origins {
		if o == origin {
			return true
		}
	}
	return false
}

// message obeys one host message (a MessageEvent, or the loader's record
// of one: {origin, data, source}) from an allowed origin, and answers it.
func (p *page) message(e js.Value) {
	origin := e.Get("origin")
	if t, _ := typeOf(origin); t != js.TypeString || !p.allowed(origin.String()) {
		p.ignored++ // (nothing of the message is read)
		return
	}
	data := e.Get("data")
	if t, _ := typeOf(data); t != js.TypeObject {
		p.ignored++
		return
	}
	if typ := data.Get("type"); !isString(typ, "sparsey") {
		p.ignored++
		return
	}
	p.messages++
	reply := p.reply(jsonOf(data), data)
	if src := e.Get("source"); src.Truthy() && src.Get("postMessage").Type() == js.TypeFunction {
		src.Call("postMessage", reply, origin.String())
		p.posted++
	}
}

// plainField is property name of object o when it is a number or a short
// string (else nil).
func plainField(o js.Value, name string) any {
	if t, _ := typeOf(o); t != js.TypeObject {
		return nil
	}
	v := o.Get(name)
	switch t, _ := typeOf(v); t {
	case js.TypeNumber:
		if f := v.Float(); !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	case js.TypeString:
		if s := v.String(); len(s) <= 256 {
			return s
		}
	}
	return nil
}

// isString reports whether v is the string s.
func isString(v js.Value, s string) bool {
	t, _ := typeOf(v)
	return t == js.TypeString && v.String() == s
}

// reply runs a command given as JSON (data: the command as the page
// received it) and returns its answer. The answer carries the command's
// id and cmd even when the JSON could not be made or read (a cycle, a
// BigInt, a message too long), so that the host can tell which command
// was refused.
func (p *page) reply(msg string, data js.Value) js.Value {
	out := map[string]any{"type": "sparsey:reply"}
	c, err := core.ParseCommand([]byte(msg))
	out["id"], out["cmd"] = c.ID, c.Cmd
	if len(c.ID) == 0 {
		out["id"] = plainField(data, "id")
	}
	if c.Cmd == "" {
		if cmd, ok := plainField(data, "cmd").(string); ok {
			out["cmd"] = cmd
		}
	}
	var res map[string]any
	if err == nil {
		res, err = p.c.Do(c)
		if c.Cmd == "setView" {
			p.buildControls()
		}
	}
	out["ok"] = err == nil
	if err != nil {
		out["error"] = err.Error()
		p.c.SetNotice(err.Error())
	}
	_, withState := res["state"]
	for k, v := range res {
		if k != "state" {
			out[k] = v
		}
	}
	b, jerr := json.Marshal(out)
	if jerr != nil {
		b, _ = json.Marshal(map[string]any{"type": "sparsey:reply", "ok": false, "error": jerr.Error()})
	}
	v := js.Global().Get("JSON").Call("parse", string(b))
	if withState {
		v.Set("state", p.stateValue())
	}
	return v
}

// post sends msg to the host page (the parent frame), to each allowed
// origin (the browser delivers it only if the host has that origin; where
// the browser tells the parent's origin, location.ancestorOrigins, only
// to that one, if allowed).
func (p *page) post(msg map[string]any) {
	parent := window.Get("parent")
	if !parent.Truthy() || parent.Equal(window) {
		return
	}
	host := ""
	if ao := window.Get("location").Get("ancestorOrigins"); ao.Truthy() && ao.Length() > 0 {
		host = ao.Index(0).String()
	}
	for _, o := range p.c.Params().Origins {
		if host != "" && o != host {
			continue
		}
		parent.Call("postMessage", msg, o)
		p.posted++
	}
}
