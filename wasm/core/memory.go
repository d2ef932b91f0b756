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

// Names are the taught symbols' names, by class.
func (a *App) Names() []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(a.mem.Names)) {
		out = append(out, a.mem.Names[id])
	}
	return out
}
