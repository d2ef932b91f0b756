// Package viz draws the page's canvas into an *image.RGBA: the drawing pad,
// the preprocessed 28×28 input, the reconstruction from the top-level code,
// the familiarity meter, the class scores, thumbnails of the nearest stored
// items and the SDR grid of every level (each mac as its Q×K cells, winners
// lit, silent macs dimmed).
//
// Everything is a pure function of its arguments: NewLayout places the views
// for a canvas size (in CSS pixels; the caller scales the image to device
// pixels), Draw paints a Scene into a layout, and Layout.MacAt hit-tests a
// pixel position against the macs of the SDR grids. Text is drawn with a
// built-in 3×5 pixel font (digits, capitals and some punctuation), so the
// package needs no font files.
//
// DrawView paints a teaching view (CSA step by step, semantic map,
// capacity and cost, sequences) in Layout.ViewArea instead of the
// thumbnails and SDR grids.
//
// The package has no dependency on Ebiten or syscall/js. Its golden tests
// compare rendered scenes with testdata/*.png; regenerate them with
//
//	go test ./wasm/viz -update
package viz
