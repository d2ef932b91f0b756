//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"strconv"
	"syscall/js"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/wasm/store"
)

var (
	doc    = js.Global().Get("document")
	window = js.Global()
)

func byID(id string) js.Value { return doc.Call("getElementById", id) }

// fail records a fatal error (phase "error") and shows it.
func (a *app) fail(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.fatal = err
	a.publish()
}

// guard wraps a JS API function: it locks the app, recovers from panics
// (reported in state().error) and converts the result.
func (a *app) guard(f func(args []js.Value) any) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (res any) {
		a.mu.Lock()
		defer a.mu.Unlock()
		defer func() {
			if r := recover(); r != nil {
				a.notice = fmt.Sprintf("internal error: %v", r)
				res = nil
			}
			a.publish()
		}()
		return f(args)
	})
}

// exposeAPI replaces the loader's placeholder window.sparsey functions.
func (a *app) exposeAPI() {
	s := window.Get("sparsey")
	if s.Type() != js.TypeObject {
		s = js.ValueOf(map[string]any{})
		window.Set("sparsey", s)
	}
	s.Set("state", a.guard(func([]js.Value) any { return a.stateValue() }))
	s.Set("padRect", a.guard(func([]js.Value) any {
		r := a.layout.Pad
		return map[string]any{"x": r.Min.X, "y": r.Min.Y, "width": r.Dx(), "height": r.Dy()}
	}))
	s.Set("clear", a.guard(func([]js.Value) any { a.tracker.Cancel(); a.pad.Clear(); a.dirty = true; return nil }))
	s.Set("undo", a.guard(func([]js.Value) any { a.tracker.Cancel(); a.pad.Undo(); a.dirty = true; return nil }))
	s.Set("recall", a.guard(func([]js.Value) any {
		a.recall()
		return a.stateValue()
	}))
	s.Set("learn", a.guard(func(args []js.Value) any {
		label := ""
		if len(args) > 0 {
			label = jsString(args[0])
		}
		id, err := a.learnDrawing(label)
		if err != nil {
			a.notice = err.Error()
			return map[string]any{"ok": false, "error": err.Error()}
		}
		a.notice = ""
		return map[string]any{"ok": true, "label": id, "name": a.name(id)}
	}))
	s.Set("train", a.guard(func(args []js.Value) any {
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			a.startTrain(args[0].Int())
		}
		return nil
	}))
	s.Set("test", a.guard(func(args []js.Value) any {
		n := 1000
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			n = args[0].Int()
		}
		a.startTest(n)
		return nil
	}))
	s.Set("save", a.guard(func([]js.Value) any { return a.saveBytes() }))
	s.Set("download", a.guard(func([]js.Value) any { a.download(); return nil }))
	s.Set("load", a.guard(func(args []js.Value) any {
		if len(args) == 0 {
			return map[string]any{"ok": false, "error": "no data"}
		}
		u8 := js.Global().Get("Uint8Array").New(args[0])
		b := make([]byte, u8.Get("length").Int())
		js.CopyBytesToGo(b, u8)
		if err := a.loadBytes(b, "file"); err != nil {
			return map[string]any{"ok": false, "error": err.Error()}
		}
		return map[string]any{"ok": true}
	}))
	s.Set("forget", a.guard(func([]js.Value) any { a.forgetStored(); return nil }))
	s.Set("ready", true)
}

// stateValue is state(): see DESIGN.md.
func (a *app) stateValue() map[string]any {
	var label any
	if a.hasRecall && a.label >= 0 {
		label = a.label
	}
	scores := make([]any, len(a.scores))
	for i, v := range a.scores {
		scores[i] = v
	}
	names := map[string]any{}
	for id, n := range a.mem.Names {
		names[strconv.Itoa(id)] = n
	}
	var errv, acc, ff, rm any
	if a.fatal != nil {
		errv = a.fatal.Error()
	} else if a.notice != "" {
		errv = a.notice
	}
	if a.testAcc >= 0 {
		acc = a.testAcc
	}
	if a.firstFrameMs >= 0 {
		ff = a.firstFrameMs
	}
	if m := a.medianRecallMs(); m >= 0 {
		rm = m
	}
	job := ""
	switch {
	case a.testN > 0:
		job = "test"
	case a.booted && a.training():
		job = "train"
	}
	st := map[string]any{
		"phase": a.phase(), "error": errv, "trained": a.mem.NextTrain, "items": len(a.mem.Items),
		"progress": a.progress(), "job": job, "label": label, "labelName": a.labelName,
		"scores": scores, "familiarity": a.g, "ticks": a.ticks, "firstFrameMs": ff,
		"recallMs": rm, "recalls": len(a.recallMs), "testAccuracy": acc, "testDone": a.testDone,
		"names": names, "strokes": a.pad.Len(), "padVersion": float64(a.pad.Version()),
		"dataLoaded": a.train.fraction(), "embed": a.par.embed, "status": a.status,
		"wasmMs": loaderField("wasmMs"), "saved": a.saved, "forgotten": a.forgotten, "frames": a.frames,
		"recalledVersion": float64(a.recalledVer),
	}
	for k, v := range a.viewState() {
		st[k] = v
	}
	return st
}

// emitRecall dispatches sparsey:recall and, when embedded, posts it to the
// parent frame.
func (a *app) emitRecall() {
	st := a.stateValue()
	detail := js.ValueOf(st)
	ev := js.Global().Get("CustomEvent").New("sparsey:recall", map[string]any{"detail": detail})
	window.Call("dispatchEvent", ev)
	if parent := window.Get("parent"); parent.Truthy() && !parent.Equal(window) {
		msg := js.ValueOf(map[string]any{"type": "sparsey:recall", "state": detail})
		parent.Call("postMessage", msg, "*")
	}
	txt := "Draw a digit."
	switch {
	case a.hasRecall && a.label >= 0:
		txt = fmt.Sprintf("Recalled: %s (familiarity G %.2f)", a.labelName, a.g)
	case a.hasRecall:
		txt = fmt.Sprintf("No class yet (familiarity G %.2f)", a.g)
	}
	setText("recall-text", txt)
}

// published holds what was last written to the DOM, to write only changes.
var published struct {
	phase, status, errText, job string
	progress, data              int
}

// publish updates the panel's progress bars and texts when they change.
func (a *app) publish() {
	ph := a.phase()
	if ph != published.phase {
		published.phase = ph
		doc.Get("body").Get("dataset").Set("phase", ph)
	}
	errText := ""
	if a.fatal != nil {
		errText = a.fatal.Error()
	} else if a.notice != "" {
		errText = a.notice
	}
	if errText != published.errText {
		published.errText = errText
		setText("error", errText)
		byID("error").Set("hidden", errText == "")
	}
	job := "Ready."
	p := int(a.progress() * 1000)
	switch {
	case a.fatal != nil:
		job = "Stopped by an error."
	case !a.booted:
		job = "Reading stored memory…"
	case a.testN > 0:
		job = fmt.Sprintf("Testing: %d of %d digits", a.testDone, a.testN)
	case a.training():
		job = fmt.Sprintf("Learning: %d of %d digits stored", a.mem.NextTrain, a.trainTarget)
		if a.train.records() <= a.mem.NextTrain {
			job += " (waiting for data)"
		}
	default:
		job = fmt.Sprintf("Ready: %d items stored (%d training digits).", len(a.mem.Items), a.mem.NextTrain)
	}
	if job != published.job || p != published.progress {
		published.job, published.progress = job, p
		setText("job-text", job)
		byID("job-progress").Set("value", float64(p)/1000)
	}
	if d := int(a.train.fraction() * 1000); d != published.data {
		published.data = d
		byID("data-progress").Set("value", float64(d)/1000)
		setText("data-text", fmt.Sprintf("Training data: %.0f%%", float64(d)/10))
	}
	if a.status != published.status {
		published.status = a.status
		setText("status", a.status)
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

// placePanel positions the HTML panel over the canvas where the layout
// reserved room for it.
func (a *app) placePanel() {
	p := byID("panel")
	if !p.Truthy() {
		return
	}
	r := a.layout.Panel
	if a.par.embed || r.Empty() {
		p.Set("hidden", true)
		return
	}
	p.Set("hidden", false)
	st := p.Get("style")
	st.Set("left", fmt.Sprintf("%dpx", r.Min.X))
	st.Set("top", fmt.Sprintf("%dpx", r.Min.Y))
	st.Set("width", fmt.Sprintf("%dpx", r.Dx()))
	st.Set("height", fmt.Sprintf("%dpx", r.Dy()))
}

func (a *app) showTooltip(text string, x, y int) {
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
	st.Set("left", fmt.Sprintf("%dpx", min(x+14, max(0, a.layout.W-260))))
	st.Set("top", fmt.Sprintf("%dpx", y+14))
	setText("mac-status", text)
}

func hideLoading() {
	if l := byID("loading"); l.Truthy() {
		l.Set("hidden", true)
	}
}

// bindDOM connects the panel's buttons and inputs.
func (a *app) bindDOM() {
	if a.par.embed {
		doc.Get("body").Get("classList").Call("add", "embed")
	}
	on := func(id, event string, f func(e js.Value)) {
		el := byID(id)
		if !el.Truthy() {
			return
		}
		el.Call("addEventListener", event, a.guard(func(args []js.Value) any {
			var e js.Value
			if len(args) > 0 {
				e = args[0]
			}
			f(e)
			return nil
		}))
	}
	num := func(id string, def int) int {
		if n, err := strconv.Atoi(byID(id).Get("value").String()); err == nil && n > 0 {
			return n
		}
		return def
	}
	on("clear", "click", func(js.Value) { a.tracker.Cancel(); a.pad.Clear(); a.dirty = true })
	on("undo", "click", func(js.Value) { a.tracker.Cancel(); a.pad.Undo(); a.dirty = true })
	on("teach", "submit", func(e js.Value) {
		e.Call("preventDefault")
		if _, err := a.learnDrawing(byID("teach-name").Get("value").String()); err != nil {
			a.notice = err.Error()
		} else {
			a.notice = ""
		}
	})
	on("test-form", "submit", func(e js.Value) { e.Call("preventDefault"); a.startTest(num("test-n", 1000)) })
	on("train-form", "submit", func(e js.Value) { e.Call("preventDefault"); a.startTrain(num("train-n", 1000)) })
	on("save", "click", func(js.Value) { a.download() })
	on("forget", "click", func(js.Value) {
		a.forgetStored()
		a.status = "The copy in this browser's storage was deleted; the memory in the page is kept until you reload."
	})
	on("load-file", "change", func(e js.Value) {
		files := e.Get("target").Get("files")
		if files.Get("length").Int() == 0 {
			return
		}
		f := files.Index(0)
		go func() {
			buf, err := await(f.Call("arrayBuffer"))
			a.mu.Lock()
			defer a.mu.Unlock()
			defer a.publish()
			if err != nil {
				a.notice = "Cannot read the file: " + err.Error()
				return
			}
			u8 := js.Global().Get("Uint8Array").New(buf)
			b := make([]byte, u8.Get("length").Int())
			js.CopyBytesToGo(b, u8)
			_ = a.loadBytes(b, f.Get("name").String())
		}()
	})
	a.updateDatalist()
}

// updateDatalist offers the taught names in the "learn as" input.
func (a *app) updateDatalist() {
	dl := byID("symbols")
	if !dl.Truthy() {
		return
	}
	dl.Set("textContent", "")
	for _, id := range sortedKeys(a.mem.Names) {
		o := doc.Call("createElement", "option")
		o.Set("value", a.mem.Names[id])
		dl.Call("appendChild", o)
	}
}

func sortedKeys(m map[int]string) []int {
	var k []int
	for id := range m {
		k = append(k, id)
	}
	for i := 1; i < len(k); i++ {
		for j := i; j > 0 && k[j] < k[j-1]; j-- {
			k[j], k[j-1] = k[j-1], k[j]
		}
	}
	return k
}

// saveBytes encodes the memory file as a Uint8Array.
func (a *app) saveBytes() js.Value {
	b, err := a.encode()
	if err != nil {
		a.notice = err.Error()
		return js.Null()
	}
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

func (a *app) encode() ([]byte, error) {
	net, err := a.net.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("saving the network: %w", err)
	}
	return store.Marshal(net, a.mem), nil
}

// download offers the memory file as a download.
func (a *app) download() {
	u8 := a.saveBytes()
	if u8.IsNull() {
		return
	}
	blob := js.Global().Get("Blob").New([]any{u8}, map[string]any{"type": "application/octet-stream"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	link := doc.Call("createElement", "a")
	link.Set("href", url)
	link.Set("download", "sparsey-memory.spsm")
	doc.Get("body").Call("appendChild", link)
	link.Call("click")
	link.Call("remove")
	js.Global().Call("setTimeout", js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		return nil
	}), 10000)
	a.status = fmt.Sprintf("Memory file downloaded (%d items).", len(a.mem.Items))
}

// loadBytes replaces the memory with a memory file. On any error the
// current memory is kept and the error is shown.
func (a *app) loadBytes(b []byte, from string) error {
	err := a.restore(b)
	if err != nil {
		a.notice = fmt.Sprintf("Could not load %s: %v. The current memory is kept.", from, err)
		return errors.New(a.notice)
	}
	a.notice = ""
	a.status = fmt.Sprintf("Loaded %s: %d items, %d taught symbols.", from, len(a.mem.Items), len(a.mem.Names))
	if from != "storage" {
		a.saveToStorage()
	}
	return nil
}

func (a *app) restore(b []byte) error {
	netBytes, m, err := store.Unmarshal(b, maxClasses-1)
	if err != nil {
		return err
	}
	n, err := engine.Load(netBytes)
	if err != nil {
		return err
	}
	old, oldMem, oldTarget := a.net, a.mem, a.trainTarget
	if err := a.setNetwork(n, m); err != nil {
		a.net, a.mem = old, oldMem
		return err
	}
	a.testN = 0
	if a.trainTarget < m.NextTrain || oldTarget == 0 {
		a.trainTarget = max(a.trainTarget, m.NextTrain)
	}
	a.jobStart = m.NextTrain
	a.updateDatalist()
	a.train.start() // thumbnails of training digits need the data
	return nil
}
