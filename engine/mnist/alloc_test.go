package mnist_test

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc).
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// pageNetworkBytes is what the page's network allocates (the "mnist"
// preset with room for 32 classes).
func pageNetworkBytes(t *testing.T) uint64 {
	t.Helper()
	cfg := engine.MNISTConfig()
	cfg.Classes = 32
	var err error
	n := allocated(func() { _, err = engine.New(cfg) })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Files that declare far more than they hold: each is refused, and no
// decoder allocates more than twice the bytes it was given plus the page's
// network's size; the test logs what each allocated.
func TestCraftedFilesAllocate(t *testing.T) {
	net := pageNetworkBytes(t)
	sample := func(w, h byte, count uint32, records ...[]byte) []byte {
		b := []byte{'S', 'P', 'M', 'N', mnist.SampleVersion, w, h, 0}
		b = binary.BigEndian.AppendUint32(b, count)
		b = append(b, 0, 0, 0, 0)
		for _, r := range records {
			b = append(b, r...)
		}
		return b
	}
	record := make([]byte, 1+(28*28+7)/8)
	files := []struct {
		name string
		b    []byte
		dec  func([]byte) error
	}{
		{"IDX of 128 Mi elements, 100 bytes of data", idxFile([]uint32{1 << 13, 1 << 14}, seq(100)), decodeIDX},
		{"IDX of 60,000 28×28 images, no data", idxFile([]uint32{60000, 28, 28}, nil), decodeIDX},
		{"gzip IDX of 128 Mi elements, 100 bytes", gz(idxFile([]uint32{1 << 13, 1 << 14}, seq(100))), decodeIDX},
		{"sample of 4 Gi records, 1 record", sample(28, 28, 0xFFFFFFFF, record), decodeSample},
		{"sample of 255×255 images, 4 Gi records, none", sample(255, 255, 0xFFFFFFFF), decodeSample},
		{"sample in chunks of 7 bytes, 4 Gi records, 3 records", sample(28, 28, 0xFFFFFFFF, record, record, record), chunked},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			var err error
			got := allocated(func() { err = f.dec(f.b) })
			if err == nil {
				t.Fatal("accepted")
			}
			limit := 2*uint64(len(f.b)) + net
			t.Logf("%d bytes: allocated %d bytes (limit %d): %v", len(f.b), got, limit, err)
			if got > limit {
				t.Errorf("allocated %d bytes for %d, over 2×size + network (%d)", got, len(f.b), limit)
			}
		})
	}
}

func decodeIDX(b []byte) error {
	_, err := mnist.DecodeIDX(bytes.NewReader(b))
	return err
}

func decodeSample(b []byte) error {
	_, err := mnist.DecodeSample(bytes.NewReader(b))
	return err
}

// chunked feeds b to a SampleDecoder 7 bytes at a time, as a download
// arrives.
func chunked(b []byte) error {
	var d mnist.SampleDecoder
	for len(b) > 0 {
		k := min(7, len(b))
		if _, err := d.Write(b[:k]); err != nil {
			return err
		}
		b = b[k:]
	}
	return d.Close()
}
