package core

import (
	"fmt"
	"sync"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// Source is a set of labelled grey images: the MNIST sample data the page
// downloads (Download), or an *mnist.Dataset in tests and tools.
type Source interface {
	// Len is the number of images available now (a download's grows).
	Len() int
	// Width and Height are the size of every image (meaningful once Len > 0).
	Width() int
	Height() int
	// Image returns the grey pixels of image i < Len (ink high, row-major).
	// The caller neither modifies nor keeps the slice.
	Image(i int) []byte
	// Label returns the class of image i < Len.
	Label(i int) int
}

// Stream is a Source whose images are still arriving. The App starts it
// when it needs its images and stops waiting for more once Total is
// reached or Err is set. Download is the page's Stream.
type Stream interface {
	Source
	// Start begins the arrival of the images; later calls do nothing.
	Start()
	// Total is the number of images there will be, once known.
	Total() (n int, ok bool)
	// Err reports why no more images will arrive early, if so.
	Err() error
}

// Sink receives the App's events. Its methods are called with the App's
// caller's lock held (from a call into the App); they must not call back
// into the App except through State, Save and Names.
type Sink interface {
	// Recalled follows each recall of the drawing (also of an empty pad,
	// which clears the answer): State has the result.
	Recalled()
	// MemoryChanged says the memory changed in a way worth keeping: a
	// training job ended, a drawing was taught, a memory file was loaded.
	// The page then writes Save's bytes to browser storage.
	MemoryChanged()
	// NamesChanged says the taught symbols' names changed (see Names).
	NamesChanged()
}

// NopSink ignores every event.
type NopSink struct{}

func (NopSink) Recalled()      {}
func (NopSink) MemoryChanged() {}
func (NopSink) NamesChanged()  {}

// Download is sample data (engine/mnist's sample format) arriving in
// chunks, for instance the body of a fetch: Write each chunk, then Close.
// Images are usable as soon as their records have arrived. It is a Stream
// and safe for use by the writing goroutine and one reader at a time.
type Download struct {
	mu      sync.Mutex
	dec     mnist.SampleDecoder
	start   func()
	started bool
	bytes   int64
	closed  bool
	err     error
	buf     []byte // the last Image, reused
}

// NewDownload returns an empty download; start (may be nil) is called in a
// new goroutine by the first Start, typically to fetch the data and Write
// it here.
func NewDownload(start func()) *Download { return &Download{start: start} }

// Start calls the start function once.
func (d *Download) Start() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.started {
		return
	}
	d.started = true
	if d.start != nil {
		go d.start()
	}
}

// Write adds a chunk of the data. After a format error it keeps failing.
func (d *Download) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err != nil {
		return 0, d.err
	}
	d.bytes += int64(len(p))
	n, err := d.dec.Write(p)
	if err != nil {
		d.err = fmt.Errorf("sample data: %w", err)
	}
	return n, err
}

// Close ends the data: err is why it ended early (nil at the end of the
// data). A truncated download is an error too.
func (d *Download) Close(err error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	if err == nil {
		if cerr := d.dec.Close(); cerr != nil {
			err = fmt.Errorf("sample data: %w", cerr)
		}
	}
	if d.err == nil {
		d.err = err
	}
	return d.err
}

// Len is the number of images received.
func (d *Download) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dec.Len()
}

func (d *Download) header() mnist.SampleHeader {
	d.mu.Lock()
	defer d.mu.Unlock()
	h, _ := d.dec.Header()
	return h
}

// Width is the images' width (0 before the header arrived).
func (d *Download) Width() int { return d.header().Width }

// Height is the images' height (0 before the header arrived).
func (d *Download) Height() int { return d.header().Height }

// Image decodes image i (< Len) into a buffer that the next call reuses.
func (d *Download) Image(i int) []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.buf = d.dec.Image(i, d.buf[:0])
	return d.buf
}

// Label returns the label of image i (< Len).
func (d *Download) Label(i int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dec.Label(i)
}

// Total is the number of images the header announces, once it arrived.
func (d *Download) Total() (int, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	h, ok := d.dec.Header()
	return h.Count, ok
}

// Err is the error that ended the download early, if any.
func (d *Download) Err() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// Fraction is the part of the data received, 0..1.
func (d *Download) Fraction() float64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	h, ok := d.dec.Header()
	if !ok || h.Size() == 0 {
		return 0
	}
	return min(1, float64(d.bytes)/float64(h.Size()))
}
