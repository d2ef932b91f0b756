package mnist_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// tinySet is a dataset of three 3×3 images (9 pixels: one padding byte
// with 7 unused bits per record).
func tinySet(t testing.TB) *mnist.Dataset {
	pix := []byte{
		0, 255, 0, 127, 128, 129, 0, 0, 200,
		255, 255, 255, 255, 255, 255, 255, 255, 255,
		0, 0, 0, 0, 0, 0, 0, 0, 0,
	}
	d, err := mnist.NewDataset(3, 3, pix, []uint8{4, 9, 0})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func encode(t testing.TB, d *mnist.Dataset) []byte {
	var buf bytes.Buffer
	if err := mnist.EncodeSample(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEncodeSampleLayout(t *testing.T) {
	got := encode(t, tinySet(t))
	want := []byte{
		'S', 'P', 'M', 'N', 1, 3, 3, 0, 0, 0, 0, 3, 0, 0, 0, 0,
		4, 0b01001100, 0b10000000, // .#. .## ..# : bits 0 1 0 0 1 1 0 0 | 1
		9, 0xff, 0x80,
		0, 0, 0,
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encoded\n% x\nwant\n% x", got, want)
	}
}

// binarised returns d's images thresholded at 128 as 0/255.
func binarised(d *mnist.Dataset) []byte {
	var out []byte
	for i := range d.Len() {
		for _, v := range d.Image(i) {
			if v >= mnist.DefaultThreshold {
				out = append(out, 255)
			} else {
				out = append(out, 0)
			}
		}
	}
	return out
}

// TestSampleStreaming decodes the same data fed in chunks of many sizes.
func TestSampleStreaming(t *testing.T) {
	d := tinySet(t)
	data := encode(t, d)
	for _, chunk := range []int{1, 2, 5, 15, 16, 17, 18, 19, 100} {
		var dec mnist.SampleDecoder
		seen := 0
		for off := 0; off < len(data); off += chunk {
			p := data[off:min(off+chunk, len(data))]
			if n, err := dec.Write(p); err != nil || n != len(p) {
				t.Fatalf("chunk %d: Write = %d, %v", chunk, n, err)
			}
			// Records appear as soon as their last byte arrives.
			if want := max(0, (off+len(p)-mnist.SampleHeaderSize)/3); dec.Len() != want {
				t.Fatalf("chunk %d: %d records after %d bytes, want %d", chunk, dec.Len(), off+len(p), want)
			}
			seen = dec.Len()
		}
		if err := dec.Close(); err != nil || seen != 3 || !dec.Done() {
			t.Fatalf("chunk %d: Close = %v after %d records", chunk, err, seen)
		}
		h, ok := dec.Header()
		if !ok || h != (mnist.SampleHeader{Width: 3, Height: 3, Count: 3}) || h.RecordSize() != 3 || h.Size() != int64(len(data)) {
			t.Fatalf("header %+v %v", h, ok)
		}
		got := dec.Dataset()
		if !bytes.Equal(binarised(got), binarised(d)) || !slices.Equal(labelsOf(got), labelsOf(d)) {
			t.Fatalf("chunk %d: decoded data differs", chunk)
		}
	}
}

func TestSampleDecoderErrors(t *testing.T) {
	good := encode(t, tinySet(t))
	with := func(i int, v byte) []byte {
		b := slices.Clone(good)
		b[i] = v
		return b
	}
	withCount := func(n uint32) []byte {
		b := slices.Clone(good)
		binary.BigEndian.PutUint32(b[8:], n)
		return b
	}
	tests := []struct {
		name      string
		in        []byte
		writeErr  error // from Write
		closeErr  error // from Close, if Write succeeded
		wantValid int   // records decoded before the error
	}{
		{"good", good, nil, nil, 3},
		{"empty", nil, nil, mnist.ErrTruncated, 0},
		{"half header", good[:9], nil, mnist.ErrTruncated, 0},
		{"missing record", good[:len(good)-3], nil, mnist.ErrTruncated, 2},
		{"partial record", good[:len(good)-1], nil, mnist.ErrTruncated, 2},
		{"bad magic", with(0, 'X'), mnist.ErrMagic, nil, 0},
		{"version 2", with(4, 2), mnist.ErrSample, nil, 0},
		{"width 0", with(5, 0), mnist.ErrSample, nil, 0},
		{"height 0", with(6, 0), mnist.ErrSample, nil, 0},
		{"flags", with(7, 1), mnist.ErrSample, nil, 0},
		{"reserved", with(15, 1), mnist.ErrSample, nil, 0},
		{"label 10", with(16+3, 10), mnist.ErrLabel, nil, 1},
		{"padding bit", with(16+2, 0x81), mnist.ErrSample, nil, 0},
		{"trailing byte", append(slices.Clone(good), 0), mnist.ErrTrailing, nil, 3},
		{"count too small", withCount(2), mnist.ErrTrailing, nil, 2},
		{"count too large", withCount(4), nil, mnist.ErrTruncated, 3},
		{"count huge", withCount(0xffffffff), nil, mnist.ErrTruncated, 3},
		{"count zero", withCount(0)[:16], nil, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var dec mnist.SampleDecoder
			n, err := dec.Write(tc.in)
			if !errors.Is(err, tc.writeErr) || (tc.writeErr == nil && err != nil) {
				t.Fatalf("Write error %v, want %v", err, tc.writeErr)
			}
			if err != nil {
				if n > len(tc.in) || dec.Err() == nil {
					t.Errorf("Write = %d of %d; Err() = %v", n, len(tc.in), dec.Err())
				}
				if _, err2 := dec.Write([]byte{0}); err2 == nil {
					t.Error("error is not sticky")
				}
				if dec.Close() == nil {
					t.Error("Close after a format error returned nil")
				}
			} else if err := dec.Close(); !errors.Is(err, tc.closeErr) || (tc.closeErr == nil && err != nil) {
				t.Fatalf("Close error %v, want %v", err, tc.closeErr)
			}
			if dec.Len() != tc.wantValid {
				t.Errorf("%d records decoded, want %d", dec.Len(), tc.wantValid)
			}
		})
	}
}

func TestEncodeSampleErrors(t *testing.T) {
	big, err := mnist.NewDataset(256, 1, make([]byte, 256), []uint8{1})
	if err != nil {
		t.Fatal(err)
	}
	if err := mnist.EncodeSample(&bytes.Buffer{}, big); !errors.Is(err, mnist.ErrSample) {
		t.Errorf("256 wide: %v", err)
	}
}

// TestSampleRealMNIST: the real test set survives a round trip, with the
// expected size, and Preprocess of a decoded digit equals Preprocess of the
// original grey digit (first 1,000 training digits, with and without
// thinning).
func TestSampleRealMNIST(t *testing.T) {
	train, test := realMNIST(t)
	data := encode(t, test)
	if want := 16 + 99*test.Len(); len(data) != want {
		t.Fatalf("%d bytes, want %d", len(data), want)
	}
	got, err := mnist.DecodeSample(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != test.Len() || !slices.Equal(labelsOf(got), labelsOf(test)) || !bytes.Equal(binarised(got), binarised(test)) {
		t.Fatal("round trip of the test set differs")
	}

	const n = 1000
	var dec mnist.SampleDecoder
	if _, err := dec.Write(encode(t, train.Subset(n))); err != nil || dec.Close() != nil {
		t.Fatal(err)
	}
	var img []byte
	for i := range n {
		img = dec.Image(i, img[:0])
		for _, opt := range []mnist.Options{{}, {Thin: true}} {
			a, err1 := mnist.Preprocess(train.Image(i), 28, 28, opt)
			b, err2 := mnist.Preprocess(img, 28, 28, opt)
			if err1 != nil || err2 != nil || a != b {
				t.Fatalf("digit %d %+v: Preprocess differs (%v, %v)\n%v\n%v", i, opt, err1, err2, a, b)
			}
		}
	}
}

func FuzzSampleDecoder(f *testing.F) {
	d, err := mnist.NewDataset(3, 3, []byte{
		0, 255, 0, 127, 128, 129, 0, 0, 200,
		255, 255, 255, 255, 255, 255, 255, 255, 255,
	}, []uint8{4, 9})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := mnist.EncodeSample(&buf, d); err != nil {
		f.Fatal(err)
	}
	good := buf.Bytes()
	f.Add(good, uint8(1))
	f.Add(good, uint8(7))
	f.Add(good[:20], uint8(3))
	f.Add(append(slices.Clone(good), 1, 2, 3), uint8(5))
	f.Add([]byte("SPMN\x01\x1c\x1c\x00\xff\xff\xff\xff\x00\x00\x00\x00"), uint8(2)) // huge count
	f.Add([]byte("SPMN\x02\x1c\x1c\x00\x00\x00\x00\x01\x00\x00\x00\x00"), uint8(0))
	f.Add([]byte("SPMN\x01\xff\xff\x00\x00\x00\x00\x01\x00\x00\x00\x00\x05"), uint8(9))
	f.Add([]byte{}, uint8(0))
	f.Fuzz(func(t *testing.T, in []byte, chunk uint8) {
		// Feeding everything at once and in chunks must agree.
		var whole, parts mnist.SampleDecoder
		_, errWhole := whole.Write(in)
		step := int(chunk) + 1
		var errParts error
		for off := 0; off < len(in) && errParts == nil; off += step {
			_, errParts = parts.Write(in[off:min(off+step, len(in))])
		}
		if (errWhole == nil) != (errParts == nil) || whole.Len() != parts.Len() {
			t.Fatalf("whole: %v, %d records; chunks of %d: %v, %d records", errWhole, whole.Len(), step, errParts, parts.Len())
		}
		h, ok := whole.Header()
		if whole.Len() > 0 && (!ok || whole.Len() > h.Count) {
			t.Fatalf("%d records, header %+v %v", whole.Len(), h, ok)
		}
		var a, b []byte
		for i := range whole.Len() {
			if whole.Label(i) != parts.Label(i) || whole.Label(i) > 9 {
				t.Fatalf("record %d labels %d, %d", i, whole.Label(i), parts.Label(i))
			}
			a, b = whole.Image(i, a[:0]), parts.Image(i, b[:0])
			if !bytes.Equal(a, b) || len(a) != h.Width*h.Height {
				t.Fatalf("record %d differs", i)
			}
		}
		// Complete, valid data re-encodes to the same bytes.
		if errWhole == nil && whole.Close() == nil {
			var out bytes.Buffer
			if err := mnist.EncodeSample(&out, whole.Dataset()); err != nil || !bytes.Equal(out.Bytes(), in) {
				t.Fatalf("re-encoding differs: %v", err)
			}
		}
	})
}
