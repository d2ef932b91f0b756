package mnist_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

func TestDecodeIDX(t *testing.T) {
	valid3 := idxFile([]uint32{2, 3, 4}, seq(24))
	gzValid := gz(valid3)
	badCRC := slices.Clone(gzValid)
	badCRC[len(badCRC)-8] ^= 0xff // CRC-32 in the gzip trailer
	tests := []struct {
		name string
		in   []byte
		dims []int
		err  error // nil: success; else errors.Is target (or ErrAny)
	}{
		{"1d plain", idxFile([]uint32{5}, seq(5)), []int{5}, nil},
		{"3d plain", valid3, []int{2, 3, 4}, nil},
		{"3d gzip", gzValid, []int{2, 3, 4}, nil},
		{"4d plain", idxFile([]uint32{1, 2, 1, 2}, seq(4)), []int{1, 2, 1, 2}, nil},
		{"max dim", idxFile([]uint32{mnist.MaxIDXDim}, make([]byte, mnist.MaxIDXDim)), []int{mnist.MaxIDXDim}, nil},
		{"empty", nil, nil, mnist.ErrTruncated},
		{"short header", []byte{0, 0, 8}, nil, mnist.ErrTruncated},
		{"bad magic", []byte{1, 0, 8, 1, 0, 0, 0, 1, 7}, nil, mnist.ErrMagic},
		{"int32 type", []byte{0, 0, 0x0c, 1, 0, 0, 0, 1, 0, 0, 0, 7}, nil, mnist.ErrType},
		{"no dims", []byte{0, 0, 8, 0}, nil, mnist.ErrDims},
		{"five dims", idxFile([]uint32{1, 1, 1, 1, 1}, []byte{1}), nil, mnist.ErrDims},
		{"zero dim", idxFile([]uint32{3, 0}, nil), nil, mnist.ErrDims},
		{"huge dim", idxFile([]uint32{mnist.MaxIDXDim + 1}, nil), nil, mnist.ErrDims},
		{"too many elements", idxFile([]uint32{1 << 20, 1 << 20}, nil), nil, mnist.ErrTooLarge},
		{"too many elements 4d", idxFile([]uint32{1 << 10, 1 << 10, 1 << 10, 1 << 10}, seq(10)), nil, mnist.ErrTooLarge},
		{"truncated dims", []byte{0, 0, 8, 2, 0, 0, 0, 1, 0, 0}, nil, mnist.ErrTruncated},
		{"truncated data", idxFile([]uint32{2, 3, 4}, seq(23)), nil, mnist.ErrTruncated},
		{"lying header, 128 MiB promised", idxFile([]uint32{1 << 13, 1 << 14}, seq(10)), nil, mnist.ErrTruncated},
		{"truncated gzip", gzValid[:len(gzValid)-5], nil, mnist.ErrTruncated},
		{"trailing byte", append(slices.Clone(valid3), 0), nil, mnist.ErrTrailing},
		{"trailing inside gzip", gz(append(slices.Clone(valid3), 1, 2)), nil, mnist.ErrTrailing},
		{"second gzip member", append(slices.Clone(gzValid), gz([]byte{9})...), nil, mnist.ErrTrailing},
		{"garbage after gzip", append(slices.Clone(gzValid), 'x', 'y', 'z'), nil, errAny},
		{"gzip checksum", badCRC, nil, errAny},
		{"gzip magic only", []byte{0x1f, 0x8b}, nil, errAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := mnist.DecodeIDX(bytes.NewReader(tc.in))
			if tc.err != nil {
				if err == nil {
					t.Fatalf("got dims %v, want error %v", got.Dims, tc.err)
				}
				if tc.err != errAny && !errors.Is(err, tc.err) {
					t.Fatalf("error %q, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Dims, tc.dims) {
				t.Errorf("dims %v, want %v", got.Dims, tc.dims)
			}
			if want := tc.in[4+4*len(tc.dims):]; !slices.Equal(got.Data, want) && tc.name != "3d gzip" {
				t.Errorf("data differs")
			}
			if tc.name == "3d gzip" && !slices.Equal(got.Data, seq(24)) {
				t.Errorf("data differs")
			}
		})
	}
}

// errAny marks a test case that must fail with any error.
var errAny = errors.New("any error")

func FuzzDecodeIDX(f *testing.F) {
	valid := idxFile([]uint32{2, 3, 4}, seq(24))
	seeds := [][]byte{
		nil,
		valid,
		gz(valid),
		idxFile([]uint32{7}, seq(7)),
		gz(idxFile([]uint32{1, 1, 1, 1}, []byte{255})),
		valid[:len(valid)-3],                     // truncated data
		valid[:6],                                // truncated dims
		gz(valid)[:20],                           // truncated gzip
		append(slices.Clone(valid), 1),           // trailing byte
		idxFile([]uint32{1 << 20, 1 << 7}, nil),  // huge, at the limit, no data
		idxFile([]uint32{1 << 20, 1 << 20}, nil), // over the limit
		idxFile([]uint32{0xffffffff}, nil),       // absurd dim
		gz(idxFile([]uint32{1 << 13, 1 << 14}, seq(100))),
		{0, 0, 0x0d, 1, 0, 0, 0, 1, 1, 2, 3, 4}, // float type
		{0x1f, 0x8b, 8, 0},
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := mnist.DecodeIDX(bytes.NewReader(in))
		if err != nil {
			if got != nil {
				t.Fatalf("error %v with a result", err)
			}
			return
		}
		if len(got.Dims) < 1 || len(got.Dims) > mnist.MaxIDXDims {
			t.Fatalf("dims %v", got.Dims)
		}
		n := 1
		for _, d := range got.Dims {
			if d < 1 || d > mnist.MaxIDXDim {
				t.Fatalf("dims %v", got.Dims)
			}
			n *= d
		}
		if n > mnist.MaxIDXElems || len(got.Data) != n {
			t.Fatalf("dims %v with %d bytes", got.Dims, len(got.Data))
		}
		// Success means the input was exactly one file (maybe gzipped):
		// re-encoding and decoding gives the same result.
		dims := make([]uint32, len(got.Dims))
		for i, d := range got.Dims {
			dims[i] = uint32(d)
		}
		again, err := mnist.DecodeIDX(bytes.NewReader(idxFile(dims, got.Data)))
		if err != nil || !slices.Equal(again.Dims, got.Dims) || !bytes.Equal(again.Data, got.Data) {
			t.Fatalf("re-encoded file decodes differently: %v", err)
		}
	})
}
