package core

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/wasm/store"
)

// Save encodes the memory (network, items, names, recent codes) as a
// memory file (format: wasm/store).
func (a *App) Save() ([]byte, error) {
	if a.net == nil {
		return nil, a.stopped()
	}
	net, err := a.net.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("saving the network: %w", err)
	}
	return store.Marshal(net, a.fp, a.mem), nil
}

// Load replaces the memory by a memory file; from names the file in
// messages. On any error the memory is kept as it was, and the error is
// also shown (State.Error). A memory loaded from elsewhere than "storage"
// is worth keeping: the sink hears MemoryChanged.
func (a *App) Load(b []byte, from string) error {
	if a.net == nil {
		return a.stopped()
	}
	if err := a.restore(b); err != nil {
		a.notice = fmt.Sprintf("Could not load %s: %v. The current memory is kept.", from, err)
		return fmt.Errorf("loading %s: %w", from, err)
	}
	a.notice = ""
	if from != "storage" {
		a.memSource = "file"
	}
	a.status = fmt.Sprintf("Loaded %s: %d items, %d taught symbols.", from, len(a.mem.Items), len(a.mem.Names))
	if from != "storage" {
		a.sink.MemoryChanged()
	}
	a.sink.NamesChanged()
	return nil
}

// restore installs a memory file; on error nothing changed. The file must
// have been learned by this page's network (its fingerprint): a memory of
// another network is refused, with the address that opens the page with
// that network when it can be told.
func (a *App) restore(b []byte) error {
	return a.install(a.readMemory(b, nil))
}

// decoded is a memory file decoded for this page's network (readMemory),
// not yet installed.
type decoded struct {
	n   *engine.Network
	m   *store.Memory
	err error
}

// install installs a decoded memory file (restore); on error nothing
// changed.
func (a *App) install(d decoded) error {
	n, m, err := d.n, d.m, d.err
	if err != nil {
		return err
	}
	oldTarget := a.trainTarget
	if err := a.setNetwork(n, m); err != nil {
		return err
	}
	a.testN = 0
	if a.trainTarget < m.NextTrain || oldTarget == 0 {
		a.trainTarget = max(a.trainTarget, m.NextTrain)
	}
	a.jobStart = m.NextTrain
	startStream(a.train) // thumbnails of training digits need the data
	return nil
}

// readMemory decodes a memory file of this page's network (restore). It
// changes nothing in the App; pause (nil: none) is called between pieces
// of the work (Options.Pause).
func (a *App) readMemory(b []byte, pause func()) (d decoded) {
	defer func() {
		// A decoder's panic would be a bug; the file is refused, not the page.
		if r := recover(); r != nil {
			d = decoded{err: fmt.Errorf("internal error while reading it: %v", r)}
		}
	}()
	if len(b) > MaxFileBytes {
		return decoded{err: fmt.Errorf("a file of %d MiB is larger than any memory this page can load (%d MiB)", len(b)>>20, MaxFileBytes>>20)}
	}
	want := store.Want{Fingerprint: a.fp, CodeLen: a.mem.CodeLen, MaxLabel: MaxClasses - 1, Pause: pause}
	netBytes, m, err := store.Unmarshal(b, want)
	switch {
	case errors.Is(err, store.ErrOtherNetwork):
		return decoded{err: a.otherNetwork(b)}
	case errors.Is(err, store.ErrOldFile):
		return decoded{err: fmt.Errorf("it was saved by an older version of this page, which did not record which network learned it, so it cannot be checked against this page's network; learn again and save a new file")}
	case err != nil:
		return decoded{err: err}
	}
	n, err := engine.LoadPaced(netBytes, pause)
	if err != nil {
		return decoded{err: err}
	}
	// The network inside must be the one the file names. (It is checked
	// after loading: Load allocates no more than the snapshot's own size,
	// and a check before would read the snapshot's checksum twice.)
	if n.Config().Fingerprint() != a.fp {
		return decoded{err: fmt.Errorf("%w: its network is not the one its header names (the file is damaged or was altered)", store.ErrFile)}
	}
	return decoded{n: n, m: m}
}

// restoreServed installs the site's learned memory if it fits the scene:
// the scene's network (its fingerprint, checked as for any memory file)
// and no more training digits than the scene learns. On error nothing
// changed.
func (a *App) restoreServed(d decoded) error {
	n, m, err := d.n, d.m, d.err
	if err != nil {
		return err
	}
	if m.NextTrain > a.par.Train {
		return fmt.Errorf("it learned %d digits, the address asks for %d", m.NextTrain, a.par.Train)
	}
	if err := a.setNetwork(n, m); err != nil {
		return err
	}
	a.testN = 0
	a.jobStart = m.NextTrain
	return nil
}

// Relearn forgets the memory (taught symbols too) and learns the scene's
// training digits again from nothing, live ("Watch it learn").
func (a *App) Relearn() error {
	if a.net == nil {
		return a.stopped()
	}
	n, err := engine.New(a.net.Config())
	if err != nil {
		return err
	}
	if err := a.setNetwork(n, nil); err != nil {
		return err
	}
	a.memSource = "new"
	a.testN = 0
	a.jobStart, a.trainTarget = 0, max(a.par.Train, 1)
	a.status = fmt.Sprintf("Learning the first %d training digits again, one trial each.", a.trainTarget)
	a.sink.NamesChanged()
	startStream(a.train)
	return nil
}

// otherNetwork is the error for a memory file of another network: it says
// which network, when the file's snapshot can be read, and the address
// that opens the page with it.
func (a *App) otherNetwork(b []byte) error {
	const msg = "it was learned by another network than this page's"
	snap, ok := store.FileSnapshot(b)
	if !ok {
		return errors.New(msg)
	}
	cfg, err := engine.SnapshotConfig(snap)
	if err != nil || len(cfg.Levels) == 0 || len(cfg.Levels[0].Grids) == 0 {
		return errors.New(msg)
	}
	theirs, ok := sceneOf(cfg)
	if !ok {
		return fmt.Errorf("%s (a network this page does not build)", msg)
	}
	return fmt.Errorf("%s (%s; this page: %s): open the page with ?%s to use it",
		msg, theirs.describe(), a.par.describe(), theirs.query())
}

// sceneOf returns the address parameters (seed, q, k) whose network is
// cfg, if the page builds it.
func sceneOf(cfg engine.Config) (Params, bool) {
	g := cfg.Levels[0].Grids[0]
	p := Params{Seed: cfg.Seed, Q: g.Q, K: g.K}
	mine, err := p.Config()
	if err != nil || mine.Fingerprint() != cfg.Fingerprint() {
		return p, false
	}
	return p, true
}

// describe names the network's parameters: "seed 7, q 8, k 32" (q and k 0:
// the preset's).
func (p Params) describe() string {
	cfg, err := p.Config()
	if err != nil {
		return fmt.Sprintf("seed %d", p.Seed)
	}
	g := cfg.Levels[0].Grids[0]
	return fmt.Sprintf("seed %d, q %d, k %d", p.Seed, g.Q, g.K)
}

// query is the address query that builds p's network (q and k only when
// they are not the preset's).
func (p Params) query() string {
	s := fmt.Sprintf("seed=%d", p.Seed)
	def, err := (Params{}).Config()
	if err != nil {
		return s
	}
	g := def.Levels[0].Grids[0]
	if p.Q != g.Q {
		s += fmt.Sprintf("&q=%d", p.Q)
	}
	if p.K != g.K {
		s += fmt.Sprintf("&k=%d", p.K)
	}
	return s
}

// Names are the taught symbols' names, by class.
func (a *App) Names() []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(a.mem.Names)) {
		out = append(out, a.mem.Names[id])
	}
	return out
}
