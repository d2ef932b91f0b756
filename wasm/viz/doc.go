// Package viz draws the page's canvas into an *image.RGBA: the drawing pad,
// the preprocessed 28×28 input, the reconstruction from the top-level code,
// the nearest stored item, the familiarity meter with its words, the class
// scores (each bar the calibrated score itself), thumbnails of the next
// nearest stored items, and the hierarchy drawn as one: the input at the
// bottom (the part of the input each level-1 grid reads), then every
// level's grids, the top level at the top, each level with its
// familiarity.
//
// A grid has the same side at every level (each level covers the whole
// input), so upper macs are larger, and a mac shows as much as its size
// allows (MacMode): a square in the colour of its familiarity G when small
// (MacSolid); a ring in that colour around one column per CM with the
// winner as a tick at the height of its index (MacStrips: codes compare CM
// by CM, which a hash colour of the whole code would not allow); every
// cell, the winners lit, when one pixel per cell fits (MacCells). A Focus
// draws a receptive field: a pointed mac with the macs below it that it
// reads, its part of the input and of the pad, everything else dimmed; or
// a pointed pixel with the macs that read it, outlined.
//
// Everything is a pure function of its arguments: NewLayout places the views
// for a canvas size (in CSS pixels; the caller scales the image to device
// pixels), placing the hierarchy right of the pad or below it, whichever
// lets its macs be larger; Draw paints a Scene into a layout; Layout.MacAt
// and Layout.InputAt hit-test a pixel position against the macs and the
// input views. Text is drawn with a built-in 3×5 pixel font (digits,
// capitals and some punctuation), so the package needs no font files,
// always at TextScale: glyphs 10 CSS pixels tall, a font size (em box) of
// 12 CSS pixels, at least the page's 11. A text that does not fit its
// width wraps (Wrap) or gives way to a shorter word, never a smaller
// font; every text drawn is recorded with its box (Texts), and a text
// cut all the same (shortened by Fit, or outside its clip) is marked so.
//
// The scene's recall is one value, a wasm/recall.Recollection: the input
// views, the familiarity meter (its words, bar and colour from one
// recall.Familiarity, with its reason on a line under the bar), the scores
// ("not sure: a or b" when the Verdict is not sure), the nearest items and
// the hierarchy are all drawn from it; an empty pad has no familiarity.
//
// DrawView paints a teaching view (a View: CSAView, MapView, CapacityView,
// SeqView, one file each) in Layout.ViewArea instead of the hierarchy. An
// embedded page's bar of HTML controls keeps Options.Bar pixels free at the
// bottom.
//
// The package has no dependency on Ebiten or syscall/js. Its golden tests
// compare rendered scenes with testdata/*.png; regenerate them with
//
//	go test ./wasm/viz -update
package viz
