package engine

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"runtime"
	"strings"
	"testing"
)

// budgetConfigs are networks of every shape New builds: the presets, the
// test hierarchy (H and D input, fields of several sources), and level-1
// grids with H radii larger than the grid and overlapping fields.
func budgetConfigs(t testing.TB) map[string]Config {
	out := map[string]Config{"hierarchy": testHierarchy()}
	for _, name := range PresetNames() {
		c, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = c
	}
	page := MNISTConfig()
	page.Classes = 32
	out["page"] = page
	wide := testHierarchy()
	wide.Levels[0].Grids[0].HRadius = 9 // wider than the 7×7 grid
	wide.Levels[1].Grids[0].Fields = append(wide.Levels[1].Grids[0].Fields, Field{Source: 0, RF: Grid{W: 4, H: 2}})
	wide.ReadoutLevels = []int{1, 3}
	wide.Classes = 40
	out["wide"] = wide
	return out
}

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc).
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// The payload size a decoder computes from a config alone is the size
// MarshalBinary writes, and the budget's footprint bounds what New
// allocates.
func TestPayloadSizeAndFootprint(t *testing.T) {
	for name, cfg := range budgetConfigs(t) {
		t.Run(name, func(t *testing.T) {
			var n *Network
			var err error
			got := allocated(func() { n, err = New(cfg) })
			if err != nil {
				t.Fatal(err)
			}
			d := cfg.Defaults()
			if want, have := int64(n.payloadSize()), d.payloadSize(); want != have {
				t.Errorf("payload from the config: %d bytes, the network's: %d", have, want)
			}
			b, _ := n.MarshalBinary()
			total, readout := d.footprint()
			t.Logf("New allocated %.2f MiB, footprint %.2f MiB (readout %.2f MiB), snapshot %.2f MiB",
				float64(got)/(1<<20), float64(total)/(1<<20), float64(readout)/(1<<20), float64(len(b))/(1<<20))
			if int64(got) > total {
				t.Errorf("New allocated %d bytes, over the footprint %d", got, total)
			}
		})
	}
}

func TestValidateBudget(t *testing.T) {
	// Readout tables of 2 GiB: 64 macs of 16,384 cells, 1,024 classes.
	// Its weights are 8 MiB, within the weight limit.
	readout := Config{Input: Grid{W: 8, H: 8}, Classes: 1024, Levels: []LevelConfig{{Grids: []GridConfig{
		{Macs: Grid{W: 8, H: 8}, Q: 64, K: 256, HRadius: NoH, Fields: []Field{{RF: Grid{W: 1, H: 1}}}}}}}}
	// Field lists of ~2 GiB: 4,096 macs reading 256×256 pixels each, with
	// one word of weights per cell (Q = 1, K = 2).
	fields := Config{Input: Grid{W: 256, H: 256}, Levels: []LevelConfig{{Grids: []GridConfig{
		{Macs: Grid{W: 64, H: 64}, Q: 1, K: 2, HRadius: NoH, Fields: []Field{{RF: Grid{W: 256, H: 256}}}}}}}}
	for _, tc := range []struct {
		name, field string
		cfg         Config
	}{{"readout", "ReadoutLevels:", readout}, {"fields", "Levels:", fields}} {
		err := tc.cfg.Validate()
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%s: Validate = %v, want an ErrConfig naming %s", tc.name, err, tc.field)
		}
		t.Logf("%s: %v", tc.name, err)
	}
}

// snapshotOf assembles a snapshot with a valid checksum from its parts.
func snapshotOf(cfgJSON, rng, payload []byte) []byte {
	b := append([]byte(nil), snapshotMagic...)
	b = binary.BigEndian.AppendUint16(b, snapshotVersion)
	b = binary.BigEndian.AppendUint32(b, uint32(len(cfgJSON)))
	b = append(b, cfgJSON...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(rng)))
	b = append(b, rng...)
	b = append(b, payload...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// withCRC returns b with its last four bytes set to the CRC-32 of the rest
// (b of at least 4 bytes), so that a mutated snapshot reaches the parsers.
func withCRC(b []byte) []byte {
	if len(b) < 4 {
		return b
	}
	out := append([]byte(nil), b...)
	binary.BigEndian.PutUint32(out[len(out)-4:], crc32.ChecksumIEEE(out[:len(out)-4]))
	return out
}

// craftedSnapshots are small files with a valid checksum that declare far
// more than they hold.
func craftedSnapshots(t testing.TB) map[string][]byte {
	t.Helper()
	net, _ := New(testHierarchy())
	good, _ := net.MarshalBinary()
	rng := []byte(nil)
	{
		rd := reader{b: good[len(snapshotMagic)+2:]}
		rd.bytes(int(rd.u32()))
		rng = rd.bytes(int(rd.u32()))
	}
	js := func(c Config) []byte {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page := MNISTConfig()
	page.Classes = 32
	big := Config{Input: Grid{W: 64, H: 64}, Classes: 256, Levels: []LevelConfig{{Grids: []GridConfig{
		{Macs: Grid{W: 16, H: 16}, Q: 8, K: 64, HRadius: NoH, Fields: []Field{{RF: Grid{W: 8, H: 8}}}}}}}}
	if err := big.Validate(); err != nil {
		t.Fatalf("the large network must be valid: %v", err)
	}
	readout := Config{Input: Grid{W: 8, H: 8}, Classes: 1024, Levels: []LevelConfig{{Grids: []GridConfig{
		{Macs: Grid{W: 8, H: 8}, Q: 64, K: 256, HRadius: NoH, Fields: []Field{{RF: Grid{W: 1, H: 1}}}}}}}}
	huge := func(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }
	return map[string][]byte{
		// The page's network with nothing of its state.
		"page network, no state": snapshotOf(js(page), rng, make([]byte, 100)),
		// A network near the budget (tens of MiB) in a few hundred bytes.
		"large network, 1 KiB of state": snapshotOf(js(big), rng, make([]byte, 1024)),
		// The file: readout tables of 2 GiB declared in < 1 KiB.
		"readout of 2 GiB": snapshotOf(js(readout), rng, make([]byte, 64)),
		// Lengths of 4 GiB for the config and the RNG state.
		"config length 4 GiB": withCRC(append(append(append([]byte(nil), snapshotMagic...), 0, snapshotVersion), append(huge(0xFFFFFFFF), make([]byte, 40)...)...)),
		// The page's config, then an RNG state of 4 GiB and nothing more.
		"rng length 4 GiB": withCRC(append(snapshotOf(js(page), nil, nil)[:len(snapshotOf(js(page), nil, nil))-8],
			append(huge(0xFFFFFFF0), make([]byte, 36)...)...)),
		// The largest counts in the JSON.
		"absurd config": snapshotOf([]byte(`{"Input":{"W":1024,"H":1024},"Classes":1024,"Levels":[{"Grids":[{"Macs":{"W":64,"H":64},"Q":64,"K":256,"Fields":[{"RF":{"W":1024,"H":1024}}]}]}]}`), rng, nil),
	}
}

// No crafted snapshot allocates more than twice its size plus the size of
// the page's network; each is refused.
func TestCraftedSnapshotsAllocate(t *testing.T) {
	page := MNISTConfig()
	page.Classes = 32
	var netErr error
	netBytes := allocated(func() { _, netErr = New(page) })
	if netErr != nil {
		t.Fatal(netErr)
	}
	t.Logf("the page's network: %.1f MiB", float64(netBytes)/(1<<20))
	files := craftedSnapshots(t)
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			var err error
			got := allocated(func() { _, err = Load(b) })
			if !errors.Is(err, ErrSnapshot) {
				t.Fatalf("Load = %v, want ErrSnapshot", err)
			}
			limit := 2*uint64(len(b)) + netBytes
			t.Logf("%d bytes: allocated %d bytes (limit %d): %v", len(b), got, limit, err)
			if got > limit {
				t.Errorf("allocated %d bytes for a %d-byte file, over 2×size + network (%d)", got, len(b), limit)
			}
		})
	}
}

// An SDR encoding that declares the longest SDR allocates its bits (at most
// 128 KiB, the largest input a network may have); one that declares more
// is refused without allocating.
func TestCraftedSDRAllocate(t *testing.T) {
	page := MNISTConfig()
	page.Classes = 32
	var netErr error
	netBytes := allocated(func() { _, netErr = New(page) })
	if netErr != nil {
		t.Fatal(netErr)
	}
	be := binary.BigEndian
	for _, tc := range []struct {
		name string
		b    []byte
		ok   bool
	}{
		{"longest, empty", be.AppendUint32(be.AppendUint32(nil, maxSDRLen), 0), true},
		{"4 Gi bits", be.AppendUint32(be.AppendUint32(nil, 0xFFFFFFFF), 0), false},
		{"4 Gi indices", be.AppendUint32(be.AppendUint32(nil, maxSDRLen), 0xFFFFFFFF), false},
	} {
		var s SDR
		var err error
		got := allocated(func() { err = s.UnmarshalBinary(tc.b) })
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
		}
		limit := 2*uint64(len(tc.b)) + netBytes
		t.Logf("%s: %d bytes: allocated %d bytes (limit %d)", tc.name, len(tc.b), got, limit)
		if got > limit || !tc.ok && got > 1024 {
			t.Errorf("%s: allocated %d bytes", tc.name, got)
		}
	}
}

// corruptSnapshots are snapshots with a valid checksum of a network whose
// state was set out of its range before encoding: each names the check of
// the decoder that must refuse it.
func corruptSnapshots(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, spoil := range map[string]func(n *Network){
		"centre out of range":          func(n *Network) { n.grids[0].macs[0].center = vOne + 1 },
		"items stored":                 func(n *Network) { n.items = 1<<53 + 1 },
		"labelled items":               func(n *Network) { n.read.labeled++ },
		"readout count over the items": func(n *Network) { n.read.counts[0] = 60000 },
		"mac count over the items":     func(n *Network) { n.read.perMac[0] = 60000 },
		"calibration: samples":         func(n *Network) { n.read.cal.n = n.read.cal.seen + 1 },
		"calibration: 1/T":             func(n *Network) { n.read.cal.beta[0] = 2e6 },
		"calibration: label":           func(n *Network) { n.read.cal.label[0] = 10 },
		"calibration: sample":          func(n *Network) { n.read.cal.code[0] = 200 },
	} {
		n := trained(t, 30)
		spoil(n)
		b, err := n.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		out[name] = b
	}
	return out
}

// Each field the decoder checks refuses a value out of its range, behind a
// valid checksum.
func TestSnapshotFieldChecks(t *testing.T) {
	says := map[string]string{
		"centre out of range":          "centre out of range",
		"items stored":                 "items stored",
		"labelled items":               "labelled items, their classes count",
		"readout count over the items": "readout count 60000 over the",
		"mac count over the items":     "readout count 60000 over the",
		"calibration: samples":         "calibration: ",
		"calibration: 1/T":             "calibration: 1/T = 2e+06 out of range",
		"calibration: label":           "calibration: label 10 of 10 classes",
		"calibration: sample":          "has a winner outside its CM",
	}
	for name, b := range corruptSnapshots(t) {
		_, err := Load(b)
		if !errors.Is(err, ErrSnapshot) || !strings.Contains(err.Error(), says[name]) {
			t.Errorf("%s: %v, want an ErrSnapshot saying %q", name, err, says[name])
		}
	}
}
