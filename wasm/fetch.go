//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"github.com/sparsey-web/sparsey/wasm/core"
)

// fetchInto downloads the sample data named by the loader's script tag
// (data-train, data-test) and writes it, chunk by chunk as it arrives, into
// d, so records can be learned before the download ends.
func fetchInto(d *core.Download, name string) {
	var err error
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading %s data: %v", name, r)
		}
		d.Close(err)
	}()
	url := assetURL(name)
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		err = fmt.Errorf("fetching %s: %w", url, err)
		return
	}
	if !resp.Get("ok").Bool() {
		err = fmt.Errorf("fetching %s: HTTP %d", url, resp.Get("status").Int())
		return
	}
	reader := resp.Get("body").Call("getReader")
	var buf []byte
	for {
		res, rerr := await(reader.Call("read"))
		if rerr != nil {
			err = fmt.Errorf("reading %s: %w", url, rerr)
			return
		}
		if res.Get("done").Bool() {
			return
		}
		chunk := res.Get("value")
		n := chunk.Get("length").Int()
		if cap(buf) < n {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		js.CopyBytesToGo(buf, chunk)
		if _, werr := d.Write(buf); werr != nil {
			reader.Call("cancel")
			err = fmt.Errorf("%s: %w", url, werr)
			return
		}
	}
}

// await waits for a JS promise. It must not be called from a js.FuncOf
// callback (that would block the event loop): call it from a goroutine.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "promise rejected"
		if len(args) > 0 {
			msg = jsString(args[0])
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}

// jsString describes a JS value (an Error's message, or its string form).
func jsString(v js.Value) string {
	if v.Type() == js.TypeObject && v.Get("message").Type() == js.TypeString {
		return v.Get("message").String()
	}
	return js.Global().Call("String", v).String()
}

// assetURL is the URL of an asset named by the loader's script tag
// (data-train, data-test), so the deploy tool can rename it.
func assetURL(name string) string {
	cfg := js.Global().Get("sparsey").Get("assets")
	if cfg.Type() == js.TypeObject {
		if v := cfg.Get(name); v.Type() == js.TypeString && v.String() != "" {
			return v.String()
		}
	}
	return "mnist-" + name + ".bin"
}

// awaitServed waits for the learned memory the loader fetches
// (window.sparsey.served: a promise of an ArrayBuffer or of an array of
// Uint8Array chunks, or null when the scene has its own network),
// reporting its progress meanwhile. It returns nil, nil when there is
// none.
func (p *page) awaitServed() ([]byte, error) {
	sp := js.Global().Get("sparsey")
	// The loader's copy is let go once the program has its own.
	defer sp.Set("servedChunks", js.Null())
	defer sp.Set("served", js.Null())
	if ch := sp.Get("servedChunks"); ch.InstanceOf(js.Global().Get("Array")) {
		return fromChunks(ch), nil // already there: no need to wait for the event loop
	}
	pr := sp.Get("served")
	if pr.Type() != js.TypeObject || pr.Get("then").Type() != js.TypeFunction {
		return nil, nil
	}
	done := make(chan struct{})
	defer close(done)
	go p.recovering("showing the memory's download", func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
			p.mu.Lock()
			got, total := loaderField("servedBytes"), loaderField("servedTotal")
			text, frac := "Loading the learned memory…", 0.0
			if g, ok := got.(float64); ok {
				text = fmt.Sprintf("Loading the learned memory… %.1f MB", g/1e6)
				if t, ok := total.(float64); ok && t > 0 {
					frac = min(g/t, 1)
				}
			}
			p.c.SetLoading(text, frac)
			p.publish()
			p.mu.Unlock()
		}
	})
	v, err := await(pr)
	if err != nil {
		return nil, err
	}
	if v.IsNull() || v.IsUndefined() {
		return nil, nil
	}
	p.mu.Lock()
	p.c.SetLoading("Reading the learned memory…", 1)
	p.publish()
	p.mu.Unlock()
	if v.InstanceOf(js.Global().Get("Array")) {
		return fromChunks(v), nil
	}
	return fromJS(v), nil
}

// fromChunks copies an array of Uint8Arrays into one new slice.
func fromChunks(v js.Value) []byte {
	n, k := 0, v.Length()
	for i := range k {
		n += v.Index(i).Get("length").Int()
	}
	b := make([]byte, n)
	at := 0
	for i := range k {
		at += js.CopyBytesToGo(b[at:], v.Index(i))
	}
	return b[:at]
}
