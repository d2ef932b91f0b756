//go:build js && wasm

// Command wasm is the page's program: built with GOOS=js GOARCH=wasm into
// game.wasm and started by web/main.js.
//
// It keeps only the adapters between the browser and wasm/core, which has
// all of the page's logic (the network and its memory, the jobs and their
// time slices, recall, teaching, save and load, the teaching views, what
// the canvas shows) and is unit-tested on the host. What stays here cannot
// run outside a browser, so it is kept thin enough to be checked by the
// browser tests (e2e/):
//
//   - game.go, Ebiten's Game: the mouse and the finger that draws as
//     pad.Trails for the App's Tracker, from the page's own listeners
//     (Ebiten forgets a press when the canvas loses focus, which happens
//     to the first press into an embed from another site, and reads its
//     input once per tick): every position since the last tick is kept
//     (pointermove's coalesced events for the mouse), so a stroke drawn
//     while the page is busy is the pointer's path; one App.Tick per
//     Ebiten tick;
//     App.Frame's image blitted to the screen only when it changed
//     (redrawing every frame costs a core under software WebGL).
//   - api.go, the window.sparsey API (the contract for page scripts,
//     embedding hosts and tests: web/README.md): state() is core.State
//     plus what only the browser knows (first frame, memory ready,
//     program start, the loader's wasm time, the data received, storage
//     writes, the link copied, host messages), sent as JSON; the
//     "sparsey:recall" event after each recall.
//   - args.go: window.sparsey's arguments described for core.Arg (the
//     value's JavaScript type and, for a number, string or boolean, the
//     value; nothing of an object is called) and a memory file's bytes
//     taken from an ArrayBuffer or typed array only.
//   - dom.go, the panel: its buttons, inputs, progress bars and texts;
//     an embedded page's bar of controls (its measured height kept free
//     of the canvas, core.App.SetBar); the address banner; the keys
//     (Ctrl/Cmd+Z undoes a stroke, Escape clears the pad; the arrows,
//     Page Up/Down and Escape move or let go of a pinned mac,
//     core.App.FocusKey).
//   - controls.go, the View menu and each view's controls, made as HTML
//     from the table of views (core.Views, core.Control); the state
//     written into the address as it changes (core.App.Link,
//     history.replaceState) and "Copy link" (Clipboard API, else the copy
//     command, else the link shown selected).
//   - embed.go, the host page's messages (core.Command), obeyed only from
//     the origins of the address's origin=, answered to the sender's
//     origin; sparsey:ready and sparsey:recall posted only to those
//     origins (only to the parent's, where location.ancestorOrigins tells
//     it), never to "*".
//   - fetch.go: the sample data streamed with fetch into core.Downloads,
//     so learning starts before the download ends; the learned memory the
//     site serves, which the loader fetches at once (core.App.Serve) and
//     hands over as the chunks it came in, copied once.
//   - storage.go: the memory file kept in IndexedDB under a key naming the
//     scene and its network's fingerprint (core.App.StorageKey), so a
//     reload keeps what was learned and taught and a memory is only ever
//     restored into the network that learned it; every callback given to
//     IndexedDB is released; boot: the stored memory, else the served one.
//     The loader opens the database (the program uses its connection) and
//     lists its keys while the program downloads (sparsey.storedHas), so a
//     first visit does not wait for browser storage.
//   - main.go: the program's start; Boot decodes the memory in pieces
//     (core.Options.Pause, engine.LoadPaced), and between them the page
//     lets go of its lock and the browser runs: the pad answers the
//     visitor while tens of megabytes decode.
//
// One lock (page.mu) serialises every call into the App: Ebiten's Update
// and Draw, the JS callbacks and the goroutines of fetch and IndexedDB.
//
// Nothing a visitor, a link, a script or a file does stops the page. The
// address's problems are described in a banner (#address, role=alert,
// state().addressError) and replaced by defaults. Every entry point
// recovers from a panic and shows it as a message (state().error) rather
// than ending the program: the JS callbacks (guard), the mouse listeners,
// the host page's messages, the file input, the IndexedDB, storage, served
// memory and clipboard goroutines (recovering), the fetch of the data, and
// Ebiten's Update and Draw, where pointer and key input are read (a panic
// on 60 ticks in a row stops the page with its message). A
// window.sparsey call with an argument it cannot use (wrong type, out of
// range, NaN, an infinity, an unknown name) returns {ok: false, error},
// the error naming the call, the argument, what it accepts and what it
// got, shows it, and changes nothing; so does a host page's command that
// the page cannot use (its reply has ok: false and the error).
package main
