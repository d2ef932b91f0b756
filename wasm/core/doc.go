// Package core is the page's logic, apart from the browser: everything the
// page does that can be tested on the host.
//
// An App holds the network (engine.Network) and the memory of what it
// stored (wasm/store: the learned items, the names of the symbols taught on
// the page, recent codes for the nearest stored items), the drawing pad
// (wasm/pad) and what the canvas shows (wasm/viz). Its jobs run in time
// slices, one per Tick: learning the training digits and testing on the
// test digits take at most IdleBudget per tick, or BusyBudget while the
// visitor draws, so drawing stays smooth. A drawing is recalled when it
// changes (at most once per frame drawn); Learn teaches it as a digit or
// a new symbol in one trial; Save and Load read and write the memory file,
// and a file that cannot be used leaves the memory as it was. The teaching
// views' data are wasm/teach's types (CSA, Map, Capacity, Sequence); the
// App decides when each is updated. State is the page's state() for
// scripts, typed.
//
// The App is handed its dependencies as small interfaces: a Source of
// samples for training and one for testing (the page's Download, which is
// written as the sample data arrives over the network; an *mnist.Dataset
// in tests) and a Sink for its events (a recall was done, the memory
// changed and should be kept, the taught names changed). Options.Now is
// its clock, so tests count time budgets with a fake one.
//
// A recall shows both memories of the network: the top level's familiarity
// G and the stored item whose top-level code is nearest (episodic), the
// class scores of the chosen readout (Readouts: softmax from naive Bayes,
// naive Bayes or the paper's class-node field, calibrated) and every level's G, said in words by
// Familiarity from thresholds measured on the default network
// (familiarity.go). The receptive fields the visitor points at on the
// hierarchy or the pad, with the pointer, a tap or the keys, are in
// focus.go (State.Focus).
//
// Encoder is the one path from an image to the network's input, for MNIST
// digits and drawings alike: preprocessing (mnist.Preprocess with
// mnist.DefaultOptions) then encoding for the network's input grid
// (mnist.Encode, the grid from net.Config().Input); every input the App
// gives the network comes through it.
//
// Params are the scene chosen by the address (?train=N&seed=S&q=Q&k=K&
// embed=1&view=V&readout=R&origin=O); the other parameters are settings
// (the views', and the drawing). An address the page cannot use stops the
// App with a message naming the parameters (phase "error").
//
// Boot restores the memory kept in the browser, else the one the site
// serves (Serve), decoding it first without changing the App, calling
// Options.Pause between pieces so the page can answer meanwhile. When the
// restored memory has nothing left to learn, the training digits (for the
// stored items' pictures) wait until the first recall is shown.
//
// The package has no dependency on Ebiten or syscall/js. Package main
// (wasm/) keeps only the adapters: Ebiten's Game, the DOM, fetch,
// IndexedDB and the window.sparsey API.
package core
