// Package teach computes the data of the page's teaching views, apart from
// drawing (wasm/viz) and the browser (package main):
//
//   - Seq, the sequence memory of the "sequence" view: a small network with
//     horizontal (H) weights that learns a drawing as a sequence of frames
//     in one trial, measures the familiarity of a drawing's frames in order,
//     and replays the rest of a stored drawing from its first frames;
//     Frames cuts a drawing into those frames.
//   - Overlaps and its summaries (Within/Between, Curve), the code-overlap
//     matrix of the "map" view.
//   - NNStore, a linear-scan nearest-neighbour search over stored input
//     bitmaps, the baseline of the "capacity" view.
//
// The package has no dependency on Ebiten or syscall/js; it builds and
// tests on the host.
package teach
