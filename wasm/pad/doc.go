// Package pad turns pointer strokes into a grey image the network can see.
//
// A Pad holds strokes as polylines in pad coordinates, where (0, 0) is the
// top-left corner and (1, 1) the bottom-right corner of the square drawing
// area, so the same strokes render at any resolution. Every edit (a new
// stroke, a new point, Undo, Clear) bumps Version, which callers compare to
// decide whether to recall again.
//
// Render rasterises the strokes as round-capped thick lines with a pen whose
// width is a fixed fraction of the pad (PenWidth), with anti-aliased edges:
// what the visitor sees. InputImage renders what the network sees, the way
// MNIST digits were made from pen strokes: the drawing fitted, with a pen
// of InputPen pixels, into a 20-pixel box of a 28×28 grey image,
// anti-aliased, and sheared back into MNIST's usual range of slants when it
// leans more. That image goes to engine/mnist.Input like an MNIST digit. So
// the network sees the same digit whether it was drawn small in a corner or
// across the whole pad, and its strokes keep MNIST's small loops and gaps
// open (BENCHMARKS.md, "Drawn digits", measures this against MNIST digits
// traced into pen strokes by wasm/pad/pen).
//
// Input devices are behind one interface, Source (the idea of Ebiten's
// examples/drag): a Tracker follows one Source from press to release and
// feeds its positions into the Pad, so mouse, pen and touch share one code
// path that tests drive with fake sources. Segments between consecutive
// samples are drawn as straight lines, so a fast drag sampled once per tick
// still gives a continuous stroke; a Source that is also a Trail gives
// every position it passed through since the last tick, so a stroke drawn
// while the page was busy (its events all arriving at once) keeps its
// shape.
//
// The package has no dependency on Ebiten or syscall/js; it builds and tests
// on the host.
package pad
