// Package pen turns digit images into the pen strokes a writer would draw,
// and draws them into a wasm/pad Pad exactly as the page's pointer does.
// It lets the drawn path (pointer → pad → grey image → mnist.Input) be
// measured on many digits, natively and in the browser, against the direct
// path (MNIST pixels → mnist.Input).
//
// The steps, each its own function:
//
//   - Trace follows a one-pixel-wide skeleton (a thinned mnist.Bitmap) as
//     a graph: ends, junctions and the branches between them, paired at
//     junctions by good continuation into strokes, each started where a
//     writer starts it and ordered top-left first. Digit does
//     mnist.Preprocess with thinning, Trace and Smooth in one call: the
//     strokes come from the skeleton only, so a drawn digit is a new
//     image, not its original pixels.
//   - Writer samples strokes as a pointer reports them while a person
//     draws: Rate positions per second (the page reads the pointer once
//     per tick, 60 per second), the pen's speed following the two-thirds
//     power law of human movement (slower in bends), never above Speed.
//   - Pointer rounds those positions to whole CSS pixels over the pad's
//     rectangle, as Ebiten's cursor position is, and Play feeds them to
//     a pad.Tracker one per tick, as the page's Update loop does with a
//     mouse whose events a test paces by ticks. The e2e test sends the
//     same positions as real mouse events to Chromium, so the page's pad
//     and a native pad get the same strokes.
//   - Variants are the ways people draw that MNIST does not show: small in
//     a corner, very large, slanted, shaky, lifted and restarted, fast.
//   - Hands are the perturbations of real hands the drawn-digit benchmark
//     measures one by one, each its own seeded generator: stroke width
//     (Variant.Pen), slant (Slant), size and place (Scatter), pointer
//     timing as browsers deliver it (Clock, Writer.WriteClock, a flicked
//     last stroke), stroke order and direction (ReverseOrder,
//     ReverseDirection), pen lifts (Lifts), and styles MNIST rarely has
//     (FlagAndBase, Crossed7, Open4, StraightTail9).
//
// Everything is deterministic: random choices (tremor, restarts) come from
// a *rand.Rand the caller seeds. The package has no dependency on Ebiten or
// syscall/js; it builds and tests on the host.
package pen
