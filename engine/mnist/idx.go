package mnist

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Limits applied by DecodeIDX before it allocates anything.
const (
	MaxIDXDim   = 1 << 20 // largest accepted size of one dimension
	MaxIDXElems = 1 << 27 // largest accepted number of elements (128 MiB of bytes)
	MaxIDXDims  = 4       // most dimensions accepted
)

// Errors returned (wrapped) by DecodeIDX and the loaders built on it.
var (
	ErrMagic     = errors.New("mnist: bad magic number")
	ErrType      = errors.New("mnist: unsupported IDX element type (only 0x08, unsigned byte)")
	ErrDims      = errors.New("mnist: bad IDX dimensions")
	ErrTooLarge  = errors.New("mnist: data exceeds size limits")
	ErrTruncated = errors.New("mnist: truncated data")
	ErrTrailing  = errors.New("mnist: unexpected data after the end")
)

// IDX is a decoded IDX file of unsigned bytes: Data holds the product of
// Dims elements in row-major order (the last dimension varies fastest).
type IDX struct {
	Dims []int
	Data []byte
}

// DecodeIDX reads one IDX file of unsigned bytes (type 0x08) with one to
// four dimensions, gzip-compressed or plain; a stream starting with the
// gzip magic 0x1f 0x8b is decompressed.
//
// Every dimension must be in [1, MaxIDXDim] and their product at most
// MaxIDXElems. Memory grows with the data actually read, so a header that
// promises more than the stream holds costs no large allocation.
//
// Trailing data policy: the stream must end exactly after the last
// element. Any byte after it, including a second gzip member or garbage
// after the gzip stream, is an error (ErrTrailing or the gzip error); reading
// to the end also verifies the gzip checksum.
func DecodeIDX(r io.Reader) (*IDX, error) {
	br := bufio.NewReader(r)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("mnist: gzip: %w", err)
		}
		defer zr.Close()
		src = zr
	}

	var head [4]byte
	if _, err := io.ReadFull(src, head[:]); err != nil {
		return nil, readErr(err, "header")
	}
	if head[0] != 0 || head[1] != 0 {
		return nil, fmt.Errorf("%w: % x", ErrMagic, head[:])
	}
	if head[2] != 0x08 {
		return nil, fmt.Errorf("%w: got 0x%02x", ErrType, head[2])
	}
	nd := int(head[3])
	if nd < 1 || nd > MaxIDXDims {
		return nil, fmt.Errorf("%w: %d dimensions, want 1 to %d", ErrDims, nd, MaxIDXDims)
	}
	var raw [4 * MaxIDXDims]byte
	if _, err := io.ReadFull(src, raw[:4*nd]); err != nil {
		return nil, readErr(err, "dimensions")
	}
	dims := make([]int, nd)
	total := 1
	for i := range dims {
		d := binary.BigEndian.Uint32(raw[4*i:])
		if d == 0 || d > MaxIDXDim {
			return nil, fmt.Errorf("%w: dimension %d is %d, want 1 to %d", ErrDims, i, d, MaxIDXDim)
		}
		dims[i] = int(d)
		// total ≤ MaxIDXElems and d ≤ MaxIDXDim, so the product fits in int64.
		if int64(total)*int64(d) > MaxIDXElems {
			return nil, fmt.Errorf("%w: more than %d elements", ErrTooLarge, MaxIDXElems)
		}
		total *= dims[i]
	}

	// Grow geometrically from 64 KiB so a lying header costs at most about
	// twice the bytes the stream really provides.
	const step = 64 << 10
	data := make([]byte, 0, min(total, step))
	for len(data) < total {
		n := min(total-len(data), max(len(data), step))
		data = slices.Grow(data, n)
		k, err := io.ReadFull(src, data[len(data):len(data)+n])
		data = data[:len(data)+k]
		if err != nil {
			return nil, readErr(err, fmt.Sprintf("data (%d of %d bytes)", len(data), total))
		}
	}

	var one [1]byte
	switch n, err := io.ReadFull(src, one[:]); {
	case n > 0:
		return nil, fmt.Errorf("%w: bytes after %d elements", ErrTrailing, total)
	case err == io.ErrUnexpectedEOF:
		return nil, fmt.Errorf("%w: in the gzip trailer", ErrTruncated)
	case err != io.EOF:
		return nil, fmt.Errorf("mnist: after the data: %w", err)
	}
	return &IDX{Dims: dims, Data: data}, nil
}

// readErr turns a short read into ErrTruncated and keeps other errors.
func readErr(err error, what string) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%w: in %s", ErrTruncated, what)
	}
	return fmt.Errorf("mnist: reading %s: %w", what, err)
}
