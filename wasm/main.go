//go:build js && wasm

package main

import (
	"fmt"
	"sync"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/sparsey-web/sparsey/wasm/core"
)

// page is the browser's side of the App: it holds the lock every call
// into the App takes (Ebiten's Update and Draw, the JS API and DOM
// callbacks, the fetch and IndexedDB goroutines all come here), and what
// only the browser knows.
type page struct {
	mu          sync.Mutex
	c           *core.App
	train, test *core.Download
	key         string // the scene's key in browser storage

	firstFrameMs float64 // performance.now() at the first Draw, −1 before
	readyMs      float64 // performance.now() when the memory was ready to recall, −1 before
	mainMs       float64 // performance.now() when the program started
	// marks are moments of loading by the browser's clock, for
	// state().timings: the App made ("app"), the storage read started
	// ("asked") and done ("stored"), the App booted ("booted").
	marks     map[string]float64
	saved     int    // writes to browser storage completed
	forgotten int    // deletions from browser storage completed
	copied    string // the last link copied
	copiedBy  string // how: "clipboard", "execCommand" or "shown"
	messages  int    // host messages obeyed
	ignored   int    // host messages ignored (an origin not allowed, or not a command)
	posted    int    // messages posted to the host
	linkAt    time.Time
	pausedAt  time.Time // the end of the last pause of a decoding
	mouse     pointer   // the mouse, as the page's listeners see it
	finger    pointer   // the finger that draws, as the page's listeners see it

	shown            published // what was last written to the DOM
	addressDismissed bool      // the visitor closed the address banner
	panics           int       // consecutive ticks that panicked
	accessShown      accessShown
}

func main() {
	p := &page{firstFrameMs: -1, readyMs: -1, mainMs: js.Global().Get("performance").Call("now").Float()}
	p.train = core.NewDownload(func() { fetchInto(p.train, "train") })
	p.test = core.NewDownload(func() { fetchInto(p.test, "test") })
	query := js.Global().Get("location").Get("search").String()
	p.c = core.New(core.Options{Query: query, Train: p.train, Test: p.test, Sink: p, Pause: p.pause})
	p.mark("app")
	p.key = p.c.StorageKey()
	p.exposeAPI()
	p.bindDOM()
	p.listen()
	p.listenMouse()
	p.listenTouch()
	p.access()
	go p.recovering("reading browser storage", p.boot)

	ebiten.SetScreenClearedEveryFrame(false)
	ebiten.SetWindowTitle("Sparsey")
	if err := ebiten.RunGame(&game{p: p}); err != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.c.Fail(fmt.Errorf("ebiten: %w", err))
		p.publish()
	}
}

// pause lets the browser run while Boot decodes a memory (core.Options.Pause;
// Boot runs in the boot goroutine with the lock held): after each
// pauseEvery of work it releases the lock and sleeps a moment, which hands
// the event loop back to the browser, so Ebiten's ticks (the visitor's
// first stroke) and the page's callbacks go on meanwhile.
func (p *page) pause() {
	if time.Since(p.pausedAt) < pauseEvery {
		return
	}
	p.mu.Unlock()
	time.Sleep(time.Millisecond)
	p.mu.Lock()
	p.pausedAt = time.Now()
}

// pauseEvery is the work between two pauses: the page draws at 15–20
// frames a second meanwhile (the mouse trail keeps every position between
// two), and the decoding gives up less of its time than with a pause
// every frame.
const pauseEvery = 50 * time.Millisecond

// mark records a moment of loading (state().timings).
func (p *page) mark(name string) {
	if p.marks == nil {
		p.marks = map[string]float64{}
	}
	p.marks[name] = js.Global().Get("performance").Call("now").Float()
}

// recovering runs f (a goroutine's body): a panic in it is shown as a
// message, and the page carries on.
func (p *page) recovering(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.c.SetNotice(fmt.Sprintf("internal error while %s (the page carries on; please report it): %v", what, r))
			p.publish()
		}
	}()
	f()
}

// Recalled dispatches sparsey:recall (core.Sink).
func (p *page) Recalled() { p.emitRecall() }

// MemoryChanged keeps the memory in browser storage (core.Sink).
func (p *page) MemoryChanged() { p.saveToStorage() }

// NamesChanged offers the taught names in the "learn as" input (core.Sink).
func (p *page) NamesChanged() { p.updateDatalist() }
