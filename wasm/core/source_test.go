package core

import (
	"bytes"
	"errors"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// TestDownload: sample data written in chunks of any size gives the
// dataset's images as soon as their records have arrived.
func TestDownload(t *testing.T) {
	data := digits(t, 25, 11)
	up, err := mnist.UprightDataset(data) // as tools/mksample stores them
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := mnist.EncodeSample(&buf, up); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	for _, chunk := range []int{1, 7, 99, 1000, len(b)} {
		starts := 0
		d := NewDownload(func() { starts++ })
		if d.Len() != 0 || d.Fraction() != 0 || d.Width() != 0 {
			t.Fatalf("empty download: len %d", d.Len())
		}
		if _, ok := d.Total(); ok {
			t.Error("total known before the header")
		}
		prev := 0
		for off := 0; off < len(b); off += chunk {
			if _, err := d.Write(b[off:min(off+chunk, len(b))]); err != nil {
				t.Fatalf("chunk %d at %d: %v", chunk, off, err)
			}
			if n := d.Len(); n < prev {
				t.Fatalf("Len went from %d to %d", prev, n)
			} else {
				prev = n
			}
		}
		if err := d.Close(nil); err != nil {
			t.Fatalf("chunk %d: Close: %v", chunk, err)
		}
		if n, ok := d.Total(); !ok || n != 25 || d.Len() != 25 || d.Fraction() != 1 || d.Err() != nil {
			t.Errorf("chunk %d: total %d %v, len %d, fraction %v, err %v", chunk, n, ok, d.Len(), d.Fraction(), d.Err())
		}
		for i := range 25 {
			want, err1 := mnist.Preprocess(data.Image(i), 28, 28, mnist.DefaultOptions)
			got, err2 := mnist.Preprocess(d.Image(i), d.Width(), d.Height(), mnist.DefaultOptions)
			if err1 != nil || err2 != nil || got != want || d.Label(i) != data.Label(i) {
				t.Fatalf("chunk %d: image %d differs (label %d, want %d)", chunk, i, d.Label(i), data.Label(i))
			}
		}
		if starts != 0 {
			t.Error("started without Start")
		}
	}
}

func TestDownloadErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := mnist.EncodeSample(&buf, digits(t, 5, 12)); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()

	d := NewDownload(nil)
	d.Start() // no start function: nothing happens
	if _, err := d.Write(b[:len(b)-3]); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(nil); err == nil || d.Err() == nil || d.Len() != 4 {
		t.Errorf("truncated: Close %v, Err %v, len %d", err, d.Err(), d.Len())
	}

	d = NewDownload(nil)
	if _, err := d.Write([]byte("this is not sample data at all, not at all")); err == nil {
		t.Error("garbage accepted")
	}
	if _, err := d.Write(b); err == nil || d.Err() == nil {
		t.Error("writes after an error succeed")
	}

	boom := errors.New("network down")
	d = NewDownload(nil)
	if _, err := d.Write(b[:40]); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(boom); !errors.Is(err, boom) || !errors.Is(d.Err(), boom) {
		t.Errorf("Close(boom) = %v", err)
	}

	started := make(chan struct{}, 3)
	d = NewDownload(func() { started <- struct{}{} })
	d.Start()
	d.Start()
	<-started
	select {
	case <-started:
		t.Error("started twice")
	default:
	}
}

// TestEncoder: the page's one path is mnist.Input, plus the bitmap; the
// pad takes the same path.
func TestEncoder(t *testing.T) {
	net := New(Options{}).Net()
	g := net.Config().Input
	e, err := NewEncoder(g)
	if err != nil {
		t.Fatal(err)
	}
	data := digits(t, 20, 13)
	for i := range data.Len() {
		bm, in, err := e.Image(data.Image(i), 28, 28)
		want, werr := mnist.Input(data.Image(i), 28, 28, g)
		if err != nil || werr != nil || !in.Equal(want) || bm.Count() == 0 {
			t.Fatalf("image %d: %v %v", i, err, werr)
		}
	}
	if _, _, err := e.Image(make([]byte, 28*28), 28, 28); !errors.Is(err, mnist.ErrEmpty) {
		t.Errorf("empty image: %v", err)
	}
	if _, err := NewEncoder(engine.Grid{W: 5, H: 5}); err == nil {
		t.Error("an encoder for a 5×5 grid")
	}
	var p pad.Pad
	p.SetStrokes(shapes[3])
	bm, in, err := e.Pad(&p)
	grey := make([]byte, PadRes*PadRes)
	p.InputImage(grey)
	want, werr := mnist.Input(grey, PadRes, PadRes, g)
	if err != nil || werr != nil || !in.Equal(want) {
		t.Fatalf("pad: %v %v", err, werr)
	}
	if in2, _ := e.Bitmap(bm); !in2.Equal(in) {
		t.Error("Bitmap(Pad's bitmap) differs from Pad's input")
	}
}
