package mnist

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Sample format constants (see the package documentation).
const (
	SampleMagic      = "SPMN"
	SampleVersion    = 1
	SampleHeaderSize = 16
)

// ErrSample reports sample data that does not follow the format.
var ErrSample = errors.New("mnist: bad sample data")

// SampleHeader is the decoded 16-byte header of sample data.
type SampleHeader struct {
	Width, Height int // 1..255 each; 28×28 for MNIST
	Count         int // number of records
}

// RecordSize is the size of one record in bytes: a label byte and
// ceil(Width*Height/8) pixel bytes (99 for 28×28).
func (h SampleHeader) RecordSize() int { return 1 + (h.Width*h.Height+7)/8 }

// Size is the total size of the sample data in bytes.
func (h SampleHeader) Size() int64 {
	return SampleHeaderSize + int64(h.Count)*int64(h.RecordSize())
}

// EncodeSample writes d in the sample format, binarising every pixel at
// DefaultThreshold (grey ≥ 128 is a set bit). The images must be at most
// 255×255 and there at most 2³²−1 of them.
func EncodeSample(w io.Writer, d *Dataset) error {
	if d.w > 255 || d.h > 255 {
		return fmt.Errorf("%w: images of %d×%d, at most 255×255", ErrSample, d.w, d.h)
	}
	if int64(d.Len()) > math.MaxUint32 {
		return fmt.Errorf("%w: %d images, at most %d", ErrSample, d.Len(), uint32(math.MaxUint32))
	}
	h := SampleHeader{Width: d.w, Height: d.h, Count: d.Len()}
	var head [SampleHeaderSize]byte
	copy(head[:], SampleMagic)
	head[4], head[5], head[6] = SampleVersion, byte(d.w), byte(d.h)
	binary.BigEndian.PutUint32(head[8:], uint32(d.Len()))
	bw := bufio.NewWriter(w)
	if _, err := bw.Write(head[:]); err != nil {
		return err
	}
	rec := make([]byte, h.RecordSize())
	for i := range d.Len() {
		clear(rec)
		rec[0] = d.labels[i]
		for j, v := range d.Image(i) {
			if v >= DefaultThreshold {
				rec[1+j>>3] |= 0x80 >> (j & 7)
			}
		}
		if _, err := bw.Write(rec); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// DecodeSample reads complete sample data from r into a Dataset of grey
// images (0 or 255).
func DecodeSample(r io.Reader) (*Dataset, error) {
	var d SampleDecoder
	if _, err := io.Copy(&d, r); err != nil {
		return nil, err
	}
	if err := d.Close(); err != nil {
		return nil, err
	}
	return d.Dataset(), nil
}

// SampleDecoder decodes sample data fed to it in pieces of any size, as
// they arrive over the network: after each Write, the records complete so
// far are available. The zero value is ready to use.
//
// Decoded records are kept packed (1 bit per pixel); Image unpacks one.
// Memory grows with the bytes received, never with the count the header
// announces.
type SampleDecoder struct {
	hdr     SampleHeader
	haveHdr bool
	partial []byte  // bytes of an incomplete header or record
	labels  []uint8 // one per complete record
	bits    []byte  // packed pixels of complete records
	err     error   // sticky
}

// Write decodes p. It returns len(p) and nil, or, at the first format
// error, the number of bytes consumed up to and including the offending
// header or record, and the error; after an error every Write returns it
// again.
func (d *SampleDecoder) Write(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	total := len(p)
	for len(p) > 0 {
		if !d.haveHdr {
			k := min(len(p), SampleHeaderSize-len(d.partial))
			d.partial = append(d.partial, p[:k]...)
			p = p[k:]
			if len(d.partial) < SampleHeaderSize {
				break
			}
			if err := d.parseHeader(d.partial); err != nil {
				d.err = err
				return total - len(p), err
			}
			d.partial = d.partial[:0]
			continue
		}
		if len(d.labels) == d.hdr.Count {
			d.err = fmt.Errorf("%w: %d bytes after the last of %d records", ErrTrailing, len(p), d.hdr.Count)
			return total - len(p), d.err
		}
		rs := d.hdr.RecordSize()
		var rec []byte
		if len(d.partial) == 0 && len(p) >= rs {
			rec, p = p[:rs], p[rs:] // whole record in p: no copy
		} else {
			k := min(len(p), rs-len(d.partial))
			d.partial = append(d.partial, p[:k]...)
			p = p[k:]
			if len(d.partial) < rs {
				break
			}
			rec = d.partial
		}
		if err := d.addRecord(rec); err != nil {
			d.err = err
			return total - len(p), err
		}
		d.partial = d.partial[:0]
	}
	return total, nil
}

func (d *SampleDecoder) parseHeader(b []byte) error {
	switch {
	case string(b[:4]) != SampleMagic:
		return fmt.Errorf("%w: magic % x, want %q", ErrMagic, b[:4], SampleMagic)
	case b[4] != SampleVersion:
		return fmt.Errorf("%w: version %d, want %d", ErrSample, b[4], SampleVersion)
	case b[5] == 0 || b[6] == 0:
		return fmt.Errorf("%w: image size %d×%d", ErrSample, b[5], b[6])
	case b[7] != 0:
		return fmt.Errorf("%w: unknown flags 0x%02x", ErrSample, b[7])
	case binary.BigEndian.Uint32(b[12:]) != 0:
		return fmt.Errorf("%w: reserved bytes % x are not zero", ErrSample, b[12:16])
	}
	d.hdr = SampleHeader{Width: int(b[5]), Height: int(b[6]), Count: int(binary.BigEndian.Uint32(b[8:]))}
	d.haveHdr = true
	return nil
}

func (d *SampleDecoder) addRecord(rec []byte) error {
	i := len(d.labels)
	if rec[0] >= Classes {
		return fmt.Errorf("%w: record %d has label %d", ErrLabel, i, rec[0])
	}
	// Bits past the last pixel must be zero, so every image has one encoding.
	if pad := (8 - d.hdr.Width*d.hdr.Height%8) % 8; pad != 0 && rec[len(rec)-1]&(1<<pad-1) != 0 {
		return fmt.Errorf("%w: record %d has padding bits set", ErrSample, i)
	}
	d.labels = append(d.labels, rec[0])
	d.bits = append(d.bits, rec[1:]...)
	return nil
}

// Header returns the header once its 16 bytes have arrived; ok is false
// before that.
func (d *SampleDecoder) Header() (h SampleHeader, ok bool) { return d.hdr, d.haveHdr }

// Len returns the number of complete records decoded so far.
func (d *SampleDecoder) Len() int { return len(d.labels) }

// Done reports whether the header and all its records have arrived.
func (d *SampleDecoder) Done() bool { return d.haveHdr && len(d.labels) == d.hdr.Count }

// Err returns the first format error, or nil.
func (d *SampleDecoder) Err() error { return d.err }

// Close reports whether the data was complete: it returns the first format
// error, or ErrTruncated if the header or some records are missing.
func (d *SampleDecoder) Close() error {
	switch {
	case d.err != nil:
		return d.err
	case !d.haveHdr:
		return fmt.Errorf("%w: sample header incomplete (%d of %d bytes)", ErrTruncated, len(d.partial), SampleHeaderSize)
	case !d.Done():
		return fmt.Errorf("%w: %d of %d sample records", ErrTruncated, len(d.labels), d.hdr.Count)
	}
	return nil
}

// Label returns the label of record i (i < Len).
func (d *SampleDecoder) Label(i int) int { return int(d.labels[i]) }

// Image appends the pixels of record i (i < Len) to dst as a grey image of
// Width×Height bytes, 255 for a set bit and 0 otherwise, and returns the
// extended slice. Preprocess of this image equals Preprocess of the
// original grey image at the default threshold.
func (d *SampleDecoder) Image(i int, dst []byte) []byte {
	_ = d.labels[i]
	n := d.hdr.Width * d.hdr.Height
	rb := (n + 7) / 8
	src := d.bits[i*rb : (i+1)*rb]
	for j := range n {
		dst = append(dst, -(src[j>>3] >> (7 - j&7) & 1)) // 1 → 255, 0 → 0
	}
	return dst
}

// Dataset returns the records decoded so far as a new Dataset of grey
// images (0 or 255). It returns nil before the header has arrived.
func (d *SampleDecoder) Dataset() *Dataset {
	if !d.haveHdr {
		return nil
	}
	out := &Dataset{w: d.hdr.Width, h: d.hdr.Height, labels: append([]uint8(nil), d.labels...)}
	out.pix = make([]byte, 0, len(d.labels)*d.hdr.Width*d.hdr.Height)
	for i := range d.labels {
		out.pix = d.Image(i, out.pix)
	}
	return out
}
