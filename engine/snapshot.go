package engine

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
)

// Snapshot format (all integers big endian):
//
//	magic     8 bytes  "SPARSEY\x00"
//	version   uint16   snapshotVersion
//	config    uint32 length + JSON of the Config (defaults filled in)
//	rng       uint32 length + the PCG state (math/rand/v2 MarshalBinary)
//	items     uint64
//	per level, per mac: frozen byte, centre int32, best mean V int32,
//	          set U weights uint32, U, H, D weight words (uint64 each),
//	          bundle counters (uint16 each), per-cell set counts (uint32),
//	          frozen-bundle words (uint64)
//	readout   labelled uint64, per-class items and per-mac-class counts
//	          (uint32 each), per-cell-class counts (uint16 each)
//	calib     labelled frames seen uint64, samples taken uint64, 1/T per
//	          readout (float64 bits), then the ring of calibration
//	          samples: labels (uint16 each), active flags (a byte per
//	          mac), codes (a byte per CM); 1/T of the three counting
//	          readouts only
//	softmax   only when the config's readout is ReadoutSoftmax: its 1/T
//	          (float64 bits), then its weights (float32 bits each)
//	born      per level, per mac, per cell: 1 + the item at which the cell
//	          was first chosen, 0 for never (uint32 each; version 3)
//	crc       uint32   CRC-32 (IEEE) of everything before it
//
// The sizes of the weight blocks, readout tables and calibration ring follow
// from the config, so the decoder validates the config (its budget
// included: budget.go) and checks the exact length of the state it
// computes from the config alone before it builds the network: a snapshot
// that declares more than it holds is refused having allocated little more
// than its config.

const snapshotVersion = 3

var snapshotMagic = []byte("SPARSEY\x00")

// ErrSnapshot reports a snapshot that is corrupt, truncated, of another
// version or of an invalid configuration.
var ErrSnapshot = errors.New("engine: invalid snapshot")

// MarshalBinary encodes the whole network: config, weights, learning state,
// readout and RNG state. The sequence context is not saved (a loaded network
// starts after a Reset).
func (n *Network) MarshalBinary() ([]byte, error) {
	cfgJSON, err := json.Marshal(n.cfg)
	if err != nil {
		return nil, err
	}
	rngState, err := n.pcg.MarshalBinary()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, 64+len(cfgJSON)+n.payloadSize())
	b = append(b, snapshotMagic...)
	b = binary.BigEndian.AppendUint16(b, snapshotVersion)
	b = binary.BigEndian.AppendUint32(b, uint32(len(cfgJSON)))
	b = append(b, cfgJSON...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(rngState)))
	b = append(b, rngState...)
	b = binary.BigEndian.AppendUint64(b, uint64(n.items))
	for _, l := range n.grids {
		for m := range l.macs {
			mc := &l.macs[m]
			fr := byte(0)
			if mc.frozen {
				fr = 1
			}
			b = append(b, fr)
			b = binary.BigEndian.AppendUint32(b, uint32(mc.center))
			b = binary.BigEndian.AppendUint32(b, uint32(mc.maxMeanV))
			b = binary.BigEndian.AppendUint32(b, uint32(mc.setU))
			for _, ws := range [][]uint64{mc.wU, mc.wH, mc.wD} {
				for _, w := range ws {
					b = binary.BigEndian.AppendUint64(b, w)
				}
			}
			for _, c := range mc.bundle {
				b = binary.BigEndian.AppendUint16(b, c)
			}
			for _, c := range mc.rowSet {
				b = binary.BigEndian.AppendUint32(b, c)
			}
			for _, w := range mc.bundleFrozen {
				b = binary.BigEndian.AppendUint64(b, w)
			}
		}
	}
	r := n.read
	b = binary.BigEndian.AppendUint64(b, uint64(r.labeled))
	for _, s := range [][]uint32{r.nClass, r.perMac} {
		for _, v := range s {
			b = binary.BigEndian.AppendUint32(b, v)
		}
	}
	for _, c := range r.counts {
		b = binary.BigEndian.AppendUint16(b, c)
	}
	c := &r.cal
	b = binary.BigEndian.AppendUint64(b, c.seen)
	b = binary.BigEndian.AppendUint64(b, c.n)
	for _, beta := range c.beta[:countReadouts] {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(beta))
	}
	for _, y := range c.label {
		b = binary.BigEndian.AppendUint16(b, y)
	}
	for _, a := range c.active {
		if a {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	b = append(b, c.code...)
	if r.soft != nil {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.beta[ReadoutSoftmax-1]))
		for _, w := range r.soft {
			b = binary.BigEndian.AppendUint32(b, math.Float32bits(w))
		}
	}
	b = n.appendBorn(b)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// payloadSize is the exact byte size of the items..readout part.
func (n *Network) payloadSize() int {
	s := 8
	for _, l := range n.grids {
		for m := range l.macs {
			mc := &l.macs[m]
			s += 13 + 8*(len(mc.wU)+len(mc.wH)+len(mc.wD)+len(mc.bundleFrozen)) + 2*len(mc.bundle) + 4*len(mc.rowSet)
		}
	}
	r := n.read
	c := &r.cal
	s += 8 + 4*(len(r.nClass)+len(r.perMac)) + 2*len(r.counts)
	s += 16 + 8*countReadouts + 2*len(c.label) + len(c.active) + len(c.code)
	if r.soft != nil {
		s += 8 + 4*len(r.soft)
	}
	return s + n.bornSize()
}

// UnmarshalBinary replaces n with the network encoded in b. Corrupt,
// truncated or foreign input returns an error wrapping ErrSnapshot and
// leaves n unchanged; it never panics.
func (n *Network) UnmarshalBinary(b []byte) error {
	out, err := decodeSnapshot(b, nil)
	if err != nil {
		return err
	}
	*n = *out
	n.cur = n.current // bound to n, not to out
	return nil
}

// Load decodes a snapshot into a new network.
func Load(b []byte) (*Network, error) { return decodeSnapshot(b, nil) }

// LoadPaced is Load calling pause between pieces of the work (PaceBytes of
// the checksum, one mac's state, a readout table): a browser page
// that decodes a memory of many megabytes lets its event loop run there,
// so that it still answers the visitor. pause must not change the network
// being decoded (it cannot reach it). The result is Load's.
func LoadPaced(b []byte, pause func()) (*Network, error) { return decodeSnapshot(b, pause) }

// PaceBytes is the most of a snapshot LoadPaced checksums between pauses.
const PaceBytes = 1 << 20

// ChecksumPaced is crc32.ChecksumIEEE(b), calling pause (when not nil)
// after each PaceBytes.
func ChecksumPaced(b []byte, pause func()) uint32 {
	if pause == nil {
		return crc32.ChecksumIEEE(b)
	}
	var sum uint32
	for len(b) > 0 {
		k := min(len(b), PaceBytes)
		sum = crc32.Update(sum, crc32.IEEETable, b[:k])
		b = b[k:]
		if len(b) > 0 {
			pause()
		}
	}
	return sum
}

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrSnapshot, fmt.Sprintf(format, args...))
}

// SnapshotConfig returns the configuration a snapshot holds (as Config
// returns it, defaults filled in), checking the snapshot's header and
// checksum but neither building the network nor reading its state. A page
// uses it to tell which network a memory file belongs to.
func SnapshotConfig(b []byte) (Config, error) {
	cfg, _, _, err := snapshotHeader(b, nil)
	if err != nil {
		return Config{}, err
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, bad("config: %v", err)
	}
	return cfg.Defaults(), nil
}

// snapshotHeader checks a snapshot's magic, version and checksum and
// returns its config, its RNG state and the network's state after them.
func snapshotHeader(b []byte, pause func()) (cfg Config, rngState []byte, rd reader, err error) {
	if len(b) < len(snapshotMagic)+2+4 {
		return cfg, nil, rd, bad("%d bytes is too short", len(b))
	}
	if string(b[:len(snapshotMagic)]) != string(snapshotMagic) {
		return cfg, nil, rd, bad("not a Sparsey snapshot (bad magic)")
	}
	body, sum := b[:len(b)-4], binary.BigEndian.Uint32(b[len(b)-4:])
	if v := binary.BigEndian.Uint16(b[len(snapshotMagic):]); v != snapshotVersion {
		return cfg, nil, rd, bad("version %d, this build reads %d", v, snapshotVersion)
	}
	if ChecksumPaced(body, pause) != sum {
		return cfg, nil, rd, bad("checksum mismatch (corrupt or truncated)")
	}
	rd = reader{b: body[len(snapshotMagic)+2:]}
	cfgJSON := rd.bytes(int(rd.u32()))
	rngState = rd.bytes(int(rd.u32()))
	if rd.err != nil {
		return cfg, nil, rd, rd.err
	}
	if err := json.Unmarshal(cfgJSON, &cfg); err != nil {
		return cfg, nil, rd, bad("config: %v", err)
	}
	return cfg, rngState, rd, nil
}

func decodeSnapshot(b []byte, pause func()) (*Network, error) {
	if pause == nil {
		pause = func() {}
	}
	cfg, rngState, rd, err := snapshotHeader(b, pause)
	if err != nil {
		return nil, err
	}
	// The config's network is within Validate's budget; the snapshot must
	// hold all of its state before anything of that size is allocated.
	if err := cfg.Validate(); err != nil {
		return nil, bad("config: %v", err)
	}
	def := cfg.Defaults()
	if want := def.payloadSize(); int64(len(rd.b)) != want {
		return nil, bad("the network's state is %d bytes, its config needs %d", len(rd.b), want)
	}
	pcg := &rand.PCG{}
	if err := pcg.UnmarshalBinary(rngState); err != nil {
		return nil, bad("rng: %v", err)
	}
	pause()
	n, err := New(cfg)
	if err != nil {
		return nil, bad("config: %v", err)
	}
	pause()
	n.pcg, n.rng = pcg, rand.New(pcg)
	if len(rd.b) != n.payloadSize() {
		return nil, bad("payload is %d bytes, config needs %d", len(rd.b), n.payloadSize())
	}
	items := rd.u64()
	if items > 1<<53 {
		return nil, bad("%d items stored", items)
	}
	n.items = int(items)
	for _, l := range n.grids {
		for m := range l.macs {
			mc := &l.macs[m]
			fr := rd.bytes(1)
			mc.frozen = len(fr) == 1 && fr[0] == 1
			mc.center = int32(rd.u32())
			mc.maxMeanV = int32(rd.u32())
			mc.setU = int(rd.u32())
			rd.u64s(mc.wU)
			rd.u64s(mc.wH)
			rd.u64s(mc.wD)
			rd.u16s(mc.bundle)
			rd.u32s(mc.rowSet)
			l.resetTies(mc)
			rd.u64s(mc.bundleFrozen)
			if mc.center < 0 || mc.center > vOne {
				return nil, bad("level %d grid %d mac %d: centre out of range", l.level+1, l.idx, m)
			}
			pause()
		}
	}
	r := n.read
	labeled := rd.u64()
	rd.u32s(r.nClass)
	rd.u32s(r.perMac)
	// Every count is of labelled items of its class, and the classes' items
	// add up to the labelled items.
	perClass := uint64(0)
	for _, v := range r.nClass {
		perClass += uint64(v)
	}
	if perClass != labeled {
		return nil, bad("%d labelled items, their classes count %d", labeled, perClass)
	}
	r.labeled = int(labeled)
	C := r.classes
	for i, v := range r.perMac {
		if v > r.nClass[i%C] {
			return nil, bad("readout count %d over the %d items of class %d", v, r.nClass[i%C], i%C)
		}
	}
	pause()
	rd.u16s(r.counts)
	// In pieces of whole cells (decodeChunk, as the block decoders), class
	// by class without a division per count.
	for at, step := 0, max(decodeChunk/C, 1)*C; at < len(r.counts); at += step {
		piece := r.counts[at:min(at+step, len(r.counts))]
		if i := countOver(piece, r.nClass[:C]); i >= 0 {
			return nil, bad("readout count %d over the %d items of class %d", piece[i], r.nClass[i%C], i%C)
		}
	}
	c := &r.cal
	c.seen, c.n = rd.u64(), rd.u64()
	if c.n > c.seen {
		return nil, bad("calibration: %d samples of %d labelled frames", c.n, c.seen)
	}
	for k := range c.beta[:countReadouts] {
		c.beta[k] = math.Float64frombits(rd.u64())
		if !(c.beta[k] >= 0 && c.beta[k] <= 1e6) {
			return nil, bad("calibration: 1/T = %v out of range", c.beta[k])
		}
	}
	rd.u16s(c.label)
	for _, y := range c.label {
		if int(y) >= r.classes {
			return nil, bad("calibration: label %d of %d classes", y, r.classes)
		}
	}
	for i, v := range rd.bytes(len(c.active)) {
		c.active[i] = v == 1
	}
	copy(c.code, rd.bytes(len(c.code)))
	for gi, g := range r.grids {
		for s := range calibRing {
			for i := range g.code {
				if int(c.code[s*c.codes+r.codeOff[gi]+i]) >= g.k {
					return nil, bad("calibration: sample %d has a winner outside its CM", s)
				}
			}
		}
	}
	pause()
	if r.soft != nil {
		k := ReadoutSoftmax - 1
		c.beta[k] = math.Float64frombits(rd.u64())
		if !(c.beta[k] >= 0 && c.beta[k] <= 1e6) {
			return nil, bad("calibration: 1/T = %v out of range", c.beta[k])
		}
		// Each labelled item moved a weight by at most the rate.
		lim := float32(r.rate*float64(r.labeled)) * (1 + 1e-5)
		// Read in one piece and decoded in pieces, as the weight blocks (u64s).
		if p := rd.bytes(4 * len(r.soft)); p != nil {
			for at := 0; at < len(r.soft); at += decodeChunk {
				end := min(at+decodeChunk, len(r.soft))
				if i := softWeights(r.soft[at:end], p[4*at:4*end], lim); i >= 0 {
					w := math.Float32frombits(binary.BigEndian.Uint32(p[4*(at+i):]))
					return nil, bad("softmax readout: weight %v beyond %d items × rate %v", w, r.labeled, r.rate)
				}
			}
		}
	}
	if err := n.readBorn(&rd); err != nil {
		return nil, err
	}
	if rd.err != nil {
		return nil, rd.err
	}
	r.rebuildLogs()
	return n, nil
}

// bornSize is the byte size of the cells' birth marks.
func (n *Network) bornSize() int {
	s := 0
	for _, l := range n.grids {
		s += 4 * len(l.macs) * l.cells
	}
	return s
}

func (n *Network) appendBorn(b []byte) []byte {
	for _, l := range n.grids {
		for m := range l.macs {
			for _, v := range l.macs[m].born {
				b = binary.BigEndian.AppendUint32(b, v)
			}
		}
	}
	return b
}

// readBorn reads the cells' birth marks, checks them against the items
// stored and the weights (a cell never chosen has none), and derives what
// depends on them: each CM's unchosen cells and youngest cell, the tie keys.
func (n *Network) readBorn(rd *reader) error {
	for _, l := range n.grids {
		for m := range l.macs {
			mc := &l.macs[m]
			for i := range mc.born {
				v := rd.u32()
				if uint64(v) > uint64(n.items) || v == 0 && mc.rowSet[i] != 0 {
					return bad("level %d grid %d mac %d cell %d: birth mark %d (items %d, weights %d)", l.level+1, l.idx, m, i, v, n.items, mc.rowSet[i])
				}
				mc.born[i] = v
			}
			mc.deriveBorn(l.k)
			l.resetTies(mc)
		}
	}
	return nil
}

// reader reads big-endian values, recording the first short read.
type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes(k int) []byte {
	if r.err != nil || k < 0 || k > len(r.b) {
		if r.err == nil {
			r.err = bad("truncated")
		}
		return nil
	}
	out := r.b[:k]
	r.b = r.b[k:]
	return out
}

func (r *reader) u32() uint32 {
	if p := r.bytes(4); p != nil {
		return binary.BigEndian.Uint32(p)
	}
	return 0
}

// u64s, u32s and u16s fill dst (the weight blocks: read in one piece,
// which matters in the browser, where a memory of tens of megabytes is
// decoded while the visitor waits), decodeChunk values per call of their
// loops: a browser's wasm engine optimises a function after some calls,
// never inside one long call, and a page decodes its memory once, at its
// start, mostly in the engine's first, unoptimised code otherwise.
func (r *reader) u64s(dst []uint64) {
	if p := r.bytes(8 * len(dst)); p != nil {
		for len(dst) > 0 {
			k := min(len(dst), decodeChunk)
			be64s(dst[:k], p)
			dst, p = dst[k:], p[8*k:]
		}
	}
}

func (r *reader) u32s(dst []uint32) {
	if p := r.bytes(4 * len(dst)); p != nil {
		for len(dst) > 0 {
			k := min(len(dst), decodeChunk)
			be32s(dst[:k], p)
			dst, p = dst[k:], p[4*k:]
		}
	}
}

func (r *reader) u16s(dst []uint16) {
	if p := r.bytes(2 * len(dst)); p != nil {
		for len(dst) > 0 {
			k := min(len(dst), decodeChunk)
			be16s(dst[:k], p)
			dst, p = dst[k:], p[2*k:]
		}
	}
}

// decodeChunk is the most values a block decoder's loop converts per call
// (be64s … softWeights: not inlined, so that each call is one).
const decodeChunk = 1 << 12

//go:noinline
func be64s(dst []uint64, p []byte) {
	for i := range dst {
		dst[i] = binary.BigEndian.Uint64(p[8*i:])
	}
}

//go:noinline
func be32s(dst []uint32, p []byte) {
	for i := range dst {
		dst[i] = binary.BigEndian.Uint32(p[4*i:])
	}
}

//go:noinline
func be16s(dst []uint16, p []byte) {
	for i := range dst {
		dst[i] = binary.BigEndian.Uint16(p[2*i:])
	}
}

// countOver returns the index of the first count over its class's items
// (counts are class by class, C = len(nClass) per cell; counts starts at
// class 0), or −1.
//
//go:noinline
func countOver(counts []uint16, nClass []uint32) int {
	for i, k := 0, 0; i < len(counts); i, k = i+1, k+1 {
		if k == len(nClass) {
			k = 0
		}
		if uint32(counts[i]) > nClass[k] {
			return i
		}
	}
	return -1
}

// softWeights decodes float32 weights from p into dst and returns the index
// of the first beyond ±lim (or NaN), or −1.
//
//go:noinline
func softWeights(dst []float32, p []byte, lim float32) int {
	for i := range dst {
		w := math.Float32frombits(binary.BigEndian.Uint32(p[4*i:]))
		if !(w >= -lim && w <= lim) {
			return i
		}
		dst[i] = w
	}
	return -1
}

func (r *reader) u64() uint64 {
	if p := r.bytes(8); p != nil {
		return binary.BigEndian.Uint64(p)
	}
	return 0
}
