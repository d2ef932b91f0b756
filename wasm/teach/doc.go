// Package teach computes the data of the page's teaching views, apart from
// drawing (wasm/viz) and the browser (package main). Each view is its own
// type, taking a network and its input, not the whole page; each has a
// State with its fields of the page's state() (JSON names as in
// web/README.md):
//
//   - CSA, the "csa" view: the Code Selection Algorithm of one mac of any
//     level for an input, step by step (V, μ, ρ, G, η), with a G override
//     and a walk through the grid's active macs.
//   - Map, the "map" view: the code overlaps of a sample of stored digits
//     (MapItems) at the top level (episodic: each its own code) and at
//     level 1 (semantic: classes share codes), recalled again in time
//     slices as more are stored; built on Overlaps and its summaries
//     (WithinBetween, Curve, NearestOther).
//   - Capacity, the "capacity" view (the page feeds it a copy of its
//     network learning its digits from scratch): weights set per mac, learn, recall and
//     nearest-neighbour time per item as items are stored (the baseline is
//     NNStore, a linear-scan nearest-neighbour search over the stored
//     bitmaps), and the episodic curve: the top level's familiarity of
//     stored and of unseen items as the memory fills (AUROC).
//   - Sequence, the "sequence" view: Seq, a small network with horizontal
//     (H) weights that learns a drawing as a sequence of frames in one
//     trial, measures the familiarity of a drawing's frames in order, and
//     replays the rest of a stored drawing from its first frames; Frames
//     cuts a drawing into those frames.
//
// The package has no dependency on Ebiten or syscall/js; it builds and
// tests on the host.
package teach
