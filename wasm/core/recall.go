package core

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/store"
	"github.com/sparsey-web/sparsey/wasm/viz"
)

// Recall recalls the drawing now (Tick does it whenever the drawing
// changes) and tells the sink.
func (a *App) Recall() {
	if a.net == nil {
		return
	}
	a.recall()
}

// recall recalls the drawing, updates the scene and tells the sink.
func (a *App) recall() {
	t0 := a.now()
	a.recalledVer = a.pad.Version()
	a.drawnSince = false
	a.lastRecall = t0
	a.dirty = true
	a.hasRecall = false
	a.label, a.labelName, a.g = -1, "", 0
	a.scores = a.scores[:0]
	a.trace = engine.Trace{}
	a.scene.Input, a.scene.Recon, a.scene.Thumbs = nil, nil, nil
	defer a.sink.Recalled()
	if a.pad.Empty() {
		return
	}
	bm, in, err := a.enc.Pad(&a.pad)
	if err != nil {
		if !errors.Is(err, mnist.ErrEmpty) {
			a.notice = err.Error()
		}
		return
	}
	tr, err := a.net.Recall(in)
	if err != nil {
		a.notice = err.Error()
		return
	}
	a.trace = tr
	a.hasRecall = true
	a.scene.Input = &bm
	if rec, err := a.net.Reconstruct(&tr, 1); err == nil { // level 1 sees the full resolution
		a.scene.Recon = bitmapPart(rec, a.enc.Grid())
	}
	a.label, a.g = tr.Class, tr.G
	a.scores = append(a.scores, tr.Scores...)

	// Nearest stored codes. A symbol taught once has a single item, so the
	// naive-Bayes readout's class prior weighs against it; when the nearest
	// stored code is a taught symbol's and shares at least half of the CMs,
	// that symbol is the answer.
	a.codeBuf = store.PackCode(a.codeBuf[:0], &tr.Levels[len(tr.Levels)-1], store.QuerySilent)
	active := store.ActiveCMs(a.codeBuf)
	for i, h := range a.mem.Nearest(a.codeBuf, nThumbs) {
		it := &a.mem.Items[h.Item]
		bm, _ := a.itemBitmap(it)
		frac := float64(h.Agree) / float64(max(active, 1))
		a.scene.Thumbs = append(a.scene.Thumbs, viz.Thumb{Image: bm, Name: a.name(it.Label), Overlap: frac})
		if i == 0 && it.Taught() && frac >= symbolMatch && a.label != it.Label {
			a.label = it.Label
		}
	}
	a.labelName = a.name(a.label)
	a.recallMs = append(a.recallMs, float64(a.now().Sub(t0).Microseconds())/1000)
	if len(a.recallMs) > 500 {
		a.recallMs = append(a.recallMs[:0], a.recallMs[250:]...)
	}
}

// itemBitmap is the preprocessed image of a stored item: a taught
// drawing's own, or its training record's if that has arrived.
func (a *App) itemBitmap(it *store.Item) (mnist.Bitmap, bool) {
	if it.Taught() {
		return it.Image, true
	}
	if it.Record >= a.train.Len() {
		return mnist.Bitmap{}, false
	}
	bm, err := a.enc.Preprocess(a.train.Image(it.Record), a.train.Width(), a.train.Height())
	return bm, err == nil
}

// bitmapPart returns the 28×28 full-resolution part (the first rows) of a
// reconstruction of the input grid g, which every input grid of engine/mnist
// starts with; nil for another grid.
func bitmapPart(rec []uint8, g engine.Grid) []uint8 {
	if len(rec) != g.N() || g.W != mnist.Side || g.H < mnist.Side {
		return nil
	}
	return append([]uint8(nil), rec[:mnist.Pixels]...)
}

// MaxNameLen is the longest name of a taught symbol, in characters.
const MaxNameLen = 16

// Learn stores the drawing in one trial as label: a digit, the name of a
// symbol taught before, or a new name (which takes a free class). It
// returns the class.
func (a *App) Learn(label string) (int, error) {
	if a.net == nil {
		return -1, a.stopped()
	}
	label = strings.TrimSpace(label)
	if label == "" {
		return -1, errors.New("give a digit or a name to learn the drawing as")
	}
	if len([]rune(label)) > MaxNameLen || len(label) > store.MaxNameLen {
		return -1, fmt.Errorf("names are at most %d characters", MaxNameLen)
	}
	id := -1
	if d, err := strconv.Atoi(label); err == nil && d >= 0 && d < mnist.Classes && len(label) == 1 {
		id = d
	} else {
		for k, v := range a.mem.Names {
			if strings.EqualFold(v, label) {
				id = k
			}
		}
		if id < 0 {
			for k := mnist.Classes; k < a.net.Config().Classes; k++ {
				if a.mem.Names[k] == "" {
					id = k
					break
				}
			}
			if id < 0 {
				return -1, fmt.Errorf("no room for a new symbol: %d names taught already", len(a.mem.Names))
			}
		}
	}
	if a.pad.Empty() {
		return -1, errors.New("draw something first")
	}
	bm, in, err := a.enc.Pad(&a.pad)
	if err != nil {
		return -1, fmt.Errorf("nothing to learn: %w", err)
	}
	newName := id >= mnist.Classes && a.mem.Names[id] == "" // a known name keeps its spelling
	if newName {
		a.mem.Names[id] = label
	}
	if _, err := a.learn(bm, in, id, -1); err != nil {
		return -1, err
	}
	a.status = fmt.Sprintf("Learned the drawing as %q in one trial.", a.name(id))
	a.recalledVer = a.pad.Version() - 1 // recall it now
	a.drawnSince = true
	a.sink.MemoryChanged()
	if newName {
		a.sink.NamesChanged()
	}
	return id, nil
}

// Name is the display name of a class ("" for −1).
func (a *App) Name(label int) string { return a.name(label) }
