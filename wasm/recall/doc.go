// Package recall holds the result of one recall of the page's drawing as
// one value, a Recollection, which the page's logic (wasm/core) produces
// once per recall and both the canvas (wasm/viz) and state() read: the
// preprocessed input, the network's trace (codes and G of every mac of
// every level), the class scores and the verdict on them (Verdict: sure
// or not), the familiarity as a typed value with its words, its colour and
// why (Familiarity), and the nearest stored items.
//
// The rules that turn numbers into words are values too: Thresholds.Judge
// says how familiar a drawing is, Decide whether the answer is sure, so
// the page uses one rule for the words, the bar and the colour, and a
// better rule replaces one function.
//
// The package has no dependency on Ebiten or syscall/js.
package recall
