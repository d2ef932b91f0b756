//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// stream is sample data arriving over the network: a goroutine reads the
// fetch response body chunk by chunk into a SampleDecoder, so records can
// be used as soon as they arrive.
type stream struct {
	name    string // "train" or "test": its URL comes from the loader
	mu      sync.Mutex
	dec     mnist.SampleDecoder
	started bool
	bytes   int64
	done    bool
	err     error
}

func newStream(name string) *stream { return &stream{name: name} }

// start begins the download once.
func (s *stream) start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return
	}
	s.started = true
	go s.fetch()
}

func (s *stream) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

func (s *stream) fetch() {
	defer func() {
		if r := recover(); r != nil {
			s.fail(fmt.Errorf("reading %s data: %v", s.name, r))
		}
	}()
	url := assetURL(s.name)
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		s.fail(fmt.Errorf("fetching %s: %w", url, err))
		return
	}
	if !resp.Get("ok").Bool() {
		s.fail(fmt.Errorf("fetching %s: HTTP %d", url, resp.Get("status").Int()))
		return
	}
	reader := resp.Get("body").Call("getReader")
	var buf []byte
	for {
		res, err := await(reader.Call("read"))
		if err != nil {
			s.fail(fmt.Errorf("reading %s: %w", url, err))
			return
		}
		if res.Get("done").Bool() {
			break
		}
		chunk := res.Get("value")
		n := chunk.Get("length").Int()
		if cap(buf) < n {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		js.CopyBytesToGo(buf, chunk)
		s.mu.Lock()
		_, err = s.dec.Write(buf)
		s.bytes += int64(n)
		s.mu.Unlock()
		if err != nil {
			s.fail(fmt.Errorf("%s: %w", url, err))
			reader.Call("cancel")
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done = true
	if err := s.dec.Close(); err != nil && s.err == nil {
		s.err = fmt.Errorf("%s: %w", url, err)
	}
}

func (s *stream) records() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dec.Len()
}

func (s *stream) header() (mnist.SampleHeader, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dec.Header()
}

func (s *stream) size() (int, int) {
	h, _ := s.header()
	return h.Width, h.Height
}

func (s *stream) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// fraction is the part of the data received, 0..1.
func (s *stream) fraction() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.dec.Header()
	if !ok || h.Size() == 0 {
		return 0
	}
	return min(1, float64(s.bytes)/float64(h.Size()))
}

// image returns record i's grey image (appended to dst) and label, if it
// has arrived.
func (s *stream) image(i int, dst []byte) ([]byte, int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i < 0 || i >= s.dec.Len() {
		return dst, 0, false
	}
	return s.dec.Image(i, dst), s.dec.Label(i), true
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
