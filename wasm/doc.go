//go:build js && wasm

// Command wasm is the page's program: built with GOOS=js GOARCH=wasm into
// game.wasm and started by web/main.js.
//
// It wires the pieces together and does little itself: pointer input goes
// to a wasm/pad Tracker; the pad's drawing and the MNIST sample data stream
// (fetched with the browser's fetch and fed chunk by chunk to an
// engine/mnist SampleDecoder) go through mnist.Preprocess and mnist.Encode
// (together mnist.Input, the one preprocessing path) to the engine.Network;
// its Trace goes to wasm/viz, whose RGBA image is blitted into the Ebiten
// screen only when something changed. Learning the training set runs in
// slices per tick: 6 ms while the visitor draws (and for a second after),
// 30 ms otherwise, so drawing stays responsive and idle training is fast.
//
// The teaching views (views.go; ?view=csa|map|capacity|sequence, see
// web/README.md) draw with viz.DrawView below the pad; their data comes
// from wasm/teach and the engine.
//
// window.sparsey is the page's JavaScript API (see DESIGN.md): state(),
// padRect(), clear(), undo(), recall(), learn(label), train(n), test(n),
// save(), load(bytes), download(), forget(); a "sparsey:recall" event after
// each recall, also posted to the parent frame when embedded. The memory
// (network, items, symbol names, recent codes; format in wasm/store) is kept
// in IndexedDB under a key naming the scene, so a reload keeps what was
// learned and taught.
package main
