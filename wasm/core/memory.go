package core

import (
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
	return store.Marshal(net, a.mem), nil
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

// restore installs a memory file; on error nothing changed.
func (a *App) restore(b []byte) error {
	netBytes, m, err := store.Unmarshal(b, MaxClasses-1)
	if err != nil {
		return err
	}
	n, err := engine.Load(netBytes)
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

// restoreServed installs the site's learned memory if it fits the scene:
// the scene's network (NetworkID) and no more training digits than the
// scene learns. On error nothing changed.
func (a *App) restoreServed(b []byte) error {
	netBytes, m, err := store.Unmarshal(b, MaxClasses-1)
	if err != nil {
		return err
	}
	if m.NextTrain > a.par.Train {
		return fmt.Errorf("it learned %d digits, the address asks for %d", m.NextTrain, a.par.Train)
	}
	n, err := engine.Load(netBytes)
	if err != nil {
		return err
	}
	if id := NetworkID(n.Config()); id != a.netID {
		return fmt.Errorf("it is of another network (%s, the scene's is %s)", id, a.netID)
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

// Names are the taught symbols' names, by class.
func (a *App) Names() []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(a.mem.Names)) {
		out = append(out, a.mem.Names[id])
	}
	return out
}
