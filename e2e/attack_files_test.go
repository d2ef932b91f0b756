//go:build !js

package e2e

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/wasm/store"
)

// pageConfig is the network the page builds for ?seed=S (wasm/core's
// Params.Config: the "mnist" preset with room for 32 classes).
func pageConfig(seed uint64) engine.Config {
	c := engine.MNISTConfig()
	c.Seed, c.Classes = seed, 32
	return c
}

// pageCodeLen is the length of the page network's top-level codes.
func pageCodeLen(cfg engine.Config) int {
	cms := 0
	for _, g := range cfg.Levels[len(cfg.Levels)-1].Grids {
		cms += g.Macs.N() * g.Q
	}
	return store.CodeLen(cms)
}

// snapshotWith is a network snapshot whose config is cfgJSON and whose
// state is payload, with a valid checksum (the header is a real
// snapshot's).
func snapshotWith(t *testing.T, cfgJSON, payload []byte) []byte {
	t.Helper()
	n, err := engine.New(pageConfig(1))
	if err != nil {
		t.Fatal(err)
	}
	real, _ := n.MarshalBinary()
	head := real[:10] // magic and version
	rd := real[10:]
	cl := binary.BigEndian.Uint32(rd)
	rng := rd[4+cl : 4+cl+4+binary.BigEndian.Uint32(rd[4+cl:])]
	b := append([]byte(nil), head...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(cfgJSON)))
	b = append(b, cfgJSON...)
	b = append(b, rng...)
	b = append(b, payload...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// memoryFile is a memory file (wasm/store's format) with the given
// fingerprint around a network snapshot, fields after the snapshot as
// given, and a valid checksum.
func memoryFile(fp string, net []byte, rest ...[]byte) []byte {
	b := []byte(store.Magic)
	b = append(b, store.Version, 0, 0, 0)
	b = append(b, fp...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(net)))
	b = append(b, net...)
	for _, r := range rest {
		b = append(b, r...)
	}
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// TestCraftedMemoryFiles loads crafted memory files through the page's
// real file input: each is refused with a message that names the file and
// says what is wrong, the memory in the page is kept, and the page then
// recalls a drawn digit; the page's own file still loads after them.
func TestCraftedMemoryFiles(t *testing.T) {
	start := time.Now()
	page := pageConfig(1)
	fp := page.Fingerprint()
	codeLen := pageCodeLen(page)
	js := func(c engine.Config) []byte {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	readout := engine.Config{Input: engine.Grid{W: 8, H: 8}, Classes: 1024, Levels: []engine.LevelConfig{{Grids: []engine.GridConfig{
		{Macs: engine.Grid{W: 8, H: 8}, Q: 64, K: 256, HRadius: engine.NoH, Fields: []engine.Field{{RF: engine.Grid{W: 1, H: 1}}}}}}}}
	other := pageConfig(7)
	otherNet, err := engine.New(other)
	if err != nil {
		t.Fatal(err)
	}
	otherSnap, _ := otherNet.MarshalBinary()
	emptyMem := func() *store.Memory { return store.New(codeLen, store.WindowFor(codeLen)) }
	noNames := []byte{0, 0}

	p := newBrowser(t, "")
	p.open(800, 600, "?train=200")
	p.waitFor(`s.phase === "ready"`, 60*time.Second)
	saved := eval[[]int](p, "Array.from(sparsey.save())")
	good := make([]byte, len(saved))
	for i, v := range saved {
		good[i] = byte(v)
	}
	if got, ok := store.FileFingerprint(good); !ok || got != fp {
		t.Fatalf("the page's memory has fingerprint %q, this test's network %q", got, fp)
	}
	old := bytes.Clone(good)
	old[4] = 2 // the format before fingerprints
	binary.BigEndian.PutUint32(old[len(old)-4:], crc32.ChecksumIEEE(old[:len(old)-4]))
	lying := store.Marshal(otherSnap, fp, emptyMem())

	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.spsm")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(600 << 20); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	f.Close()

	l1 := engine.MNISTConfig().Levels[0].Grids[0] // the page's level 1: its q and k
	files := []struct {
		name string
		b    []byte // nil: the file exists already
		says string
	}{
		{"ring-of-64-GiB.spsm", memoryFile(fp, nil, be32(0), noNames, be32(1<<16), be32(1<<20), be32(0), be32(0)), "codes of 65536 bytes in a window of 1048576"},
		{"window-of-2^30.spsm", memoryFile(fp, nil, be32(0), noNames, be32(uint32(codeLen)), be32(1<<30), be32(0), be32(0)), "in a window of 1073741824"},
		{"4-Gi-items.spsm", memoryFile(fp, nil, be32(0), noNames, be32(uint32(codeLen)), be32(16), be32(0xFFFFFFFF), be32(0)), "items do not fit in the file"},
		{"readout-of-2-GiB.spsm", memoryFile(fp, snapshotWith(t, js(readout), make([]byte, 64)), be32(0), noNames, be32(uint32(codeLen)), be32(16), be32(0), be32(0)), "readout tables and calibration of 2053 MiB"},
		{"page-network-no-state.spsm", memoryFile(fp, snapshotWith(t, js(page), make([]byte, 100)), be32(0), noNames, be32(uint32(codeLen)), be32(16), be32(0), be32(0)), "the network's state is 100 bytes, its config needs"},
		{"other-seed.spsm", store.Marshal(otherSnap, other.Fingerprint(), emptyMem()), fmt.Sprintf("learned by another network than this page's (seed 7, q %d, k %d; this page: seed 1, q %[1]d, k %[2]d): open the page with ?seed=7 to use it", l1.Q, l1.K)},
		{"header-lies.spsm", lying, "its network is not the one its header names"},
		{"old-format.spsm", old, "older version of this page"},
		{"truncated.spsm", good[:len(good)/2], "damaged or truncated"},
		{"not-a-memory.png", []byte("\x89PNG\r\n\x1a\nnot a memory at all"), "not a Sparsey memory file"},
		{"huge.spsm", nil, "a file of 600 MiB is larger than any memory this page can load (512 MiB)"},
	}
	before := p.state()
	for _, tc := range files {
		t.Run(tc.name, func(t *testing.T) {
			p.t = t
			path := filepath.Join(dir, tc.name)
			if tc.b != nil {
				if err := os.WriteFile(path, tc.b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			eval[any](p, "sparsey.setReadout('naive-bayes'), null") // clears the last message
			p.waitTicks(2)
			setFile(t, p, path)
			p.waitFor(fmt.Sprintf(`s.error && s.error.includes(%q)`, tc.name), 30*time.Second)
			st := p.state()
			msg := *st.Error
			t.Logf("%s: %s", tc.name, msg)
			if !strings.Contains(msg, tc.says) || !strings.Contains(msg, "current memory is kept") {
				t.Errorf("message %q does not say %q and that the memory is kept", msg, tc.says)
			}
			if shown := eval[string](p, "document.getElementById('error').hidden ? '' : document.getElementById('error').textContent"); shown != msg {
				t.Errorf("the panel shows %q", shown)
			}
			if st.Phase != "ready" || st.Items != before.Items || st.Trained != before.Trained {
				t.Errorf("after %s: phase %s, items %d, trained %d (before %d, %d)", tc.name, st.Phase, st.Items, st.Trained, before.Items, before.Trained)
			}
			p.recallsAfter("loading " + tc.name)
		})
	}
	p.t = t
	// The page's own file still loads.
	path := filepath.Join(dir, "good.spsm")
	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	setFile(t, p, path)
	p.waitFor(`s.status.startsWith("Loaded good.spsm")`, 30*time.Second)
	p.recallsAfter("loading good.spsm")
	t.Logf("%d crafted files in %v", len(files), time.Since(start).Round(time.Second))
}
