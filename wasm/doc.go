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
//   - game.go, Ebiten's Game: the mouse, pen and fingers as pad.Sources
//     for the App's Tracker; one App.Tick per Ebiten tick; App.Frame's
//     image blitted to the screen only when it changed (redrawing every
//     frame costs a core under software WebGL).
//   - dom.go, the DOM and the window.sparsey API (the contract for page
//     scripts, embedding hosts and tests: DESIGN.md and web/README.md):
//     state() is core.State plus what only the browser knows (first frame
//     time, the loader's wasm time, the data received, storage writes),
//     sent as JSON; the panel's buttons, inputs, progress bars and texts;
//     the keys (Ctrl/Cmd+Z undoes a stroke, Escape clears the pad; the
//     arrows, Page Up/Down and Escape move or let go of a pinned mac of
//     the hierarchy, core.App.FocusKey); the "sparsey:recall" event after
//     each recall, also posted to the parent frame when embedded (the
//     App's Sink).
//
// The fields of state() that the page's second release added (core.State;
// web/README.md has the table): readout ("softmax", "naive-bayes" or
// "class-nodes", the readout of scores, which are calibrated
// probabilities); levelFamiliarity (every level's G, bottom first; the
// last is familiarity, the top level's); familiarityWords ("seen
// before", "like what I know", "new to me", or ""); unfamiliarLevels (the
// levels below the top under their threshold of "new to me"); nearest
// (the stored item whose top-level code is nearest: item, items, label,
// labelName, taught, record, agree; or null); reconLevel and reconVersion
// (the level of the reconstruction shown and the drawing's version it is
// for); focus (the receptive field pointed at: kind "mac" or "pixel",
// pinned, level, grid, mac, name, pixel, fields, pixels, inputBox,
// padBox; or null). The views added csaLevel, csaGrid, csaMap as a list
// of grids, mapLevels and capEpisodic. The functions added: setReadout,
// macRect(level, grid, mac) and focus({level, grid, mac} or null).
//   - args.go: window.sparsey's arguments described for core.Arg (the
//     value's JavaScript type and, for a number, string or boolean, the
//     value; nothing of an object is called) and a memory file's bytes
//     taken from an ArrayBuffer or typed array only.
//   - fetch.go: the sample data streamed with fetch into core.Downloads,
//     so learning starts before the download ends.
//   - storage.go: the memory file kept in IndexedDB under a key naming the
//     scene and its network's fingerprint (core.App.StorageKey), so a
//     reload keeps what was learned and taught and a memory is only ever
//     restored into the network that learned it; every callback given to
//     IndexedDB is released.
//
// One lock (page.mu) serialises every call into the App: Ebiten's Update
// and Draw, the JS callbacks and the goroutines of fetch and IndexedDB.
//
// Nothing a visitor, a link, a script or a file does stops the page. The
// address's problems are described in a banner (#address, role=alert,
// state().addressError) and replaced by defaults. Every entry point
// recovers from a panic and shows it as a message (state().error) rather
// than ending the program: the JS callbacks (guard), the file input, the
// IndexedDB and storage goroutines (recovering), the fetch of the data, and
// Ebiten's Update and Draw, where pointer and key input are read (a panic
// on 60 ticks in a row stops the page with its message). A
// window.sparsey call with an argument it cannot use (wrong type, out of
// range, NaN, an infinity, an unknown name) returns {ok: false, error},
// the error naming the call, the argument, what it accepts and what it
// got, shows it, and changes nothing.
package main
