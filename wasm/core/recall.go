package core

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/recall"
	"github.com/sparsey-web/sparsey/wasm/store"
)

// Recall recalls the drawing now (Tick does it whenever the drawing
// changes) and tells the sink.
func (a *App) Recall() {
	if a.net == nil {
		return
	}
	a.recall()
}

// Recollection is the last recall of the drawing (nil before one, or when
// the pad is empty): one value, which the canvas and state() read.
func (a *App) Recollection() *recall.Recollection { return a.rec }

// recall recalls the drawing into a new Recollection, the canvas's and
// state()'s, and tells the sink.
func (a *App) recall() {
	t0 := a.now()
	a.recalledVer = a.pad.Version()
	a.drawnSince = false
	a.lastRecall = t0
	a.dirty = true
	a.rec = nil
	a.reconPending = false
	a.padMap = padMap{}
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
	a.padMap = a.enc.placement(&a.pad)
	tr, err := a.net.Recall(in)
	if err != nil {
		a.notice = err.Error()
		return
	}
	r := &recall.Recollection{Version: a.recalledVer, Input: bm, Units: unitsOf(in, nil), UnitsW: a.enc.Grid().W,
		Trace: tr, Readout: a.Readout(), Items: len(a.mem.Items)}
	class := tr.Class
	r.Scores = append([]float64(nil), tr.Scores...)
	if a.readout != a.net.Config().Readout {
		if c, sc, err := a.net.Classify(&tr, a.readout); err == nil {
			class, r.Scores = c, append(r.Scores[:0], sc...)
		}
	}
	for i := range tr.Levels {
		r.LevelG = append(r.LevelG, tr.Levels[i].G)
	}
	r.Familiarity = a.familiarity(r.LevelG)

	// Nearest stored codes. A symbol taught once has a single item, so the
	// naive-Bayes readout's class prior weighs against it; when the nearest
	// stored code is a taught symbol's and shares at least half of the CMs,
	// that symbol is the answer, and a sure one (the episode is recalled).
	a.codeBuf = store.PackCode(a.codeBuf[:0], &tr.Levels[len(tr.Levels)-1], store.QuerySilent)
	active := store.ActiveCMs(a.codeBuf)
	taught := false
	for i, h := range a.mem.Nearest(a.codeBuf, nThumbs+1) {
		it := a.item(h.Item)
		it.Agree = float64(h.Agree) / float64(max(active, 1))
		if i == 0 {
			r.Nearest = &it
			if it.Taught && it.Agree >= symbolMatch && class != it.Label {
				class, taught = it.Label, true
			}
			continue
		}
		r.Others = append(r.Others, it)
	}
	r.Verdict = a.decide(r.Scores, class)
	if taught {
		r.Verdict.Sure = true
	}
	// The reconstruction from the top level's code costs a few
	// milliseconds: it waits until the pen is up (reconstruct).
	a.reconPending = true
	a.lastRecallCost = a.now().Sub(t0)
	r.Ms = float64(a.lastRecallCost.Microseconds()) / 1000
	a.rec = r
	a.recallMs = append(a.recallMs, r.Ms)
	if len(a.recallMs) > 500 {
		a.recallMs = append(a.recallMs[:0], a.recallMs[250:]...)
	}
}

// familiarity is the page's one familiarity rule for this network
// (Familiarity).
func (a *App) familiarity(levelG []float64) recall.Familiarity {
	return Familiarity(a.fp, levelG)
}

// decide is the page's one rule for whether it is sure of an answer
// (recall.Decide), with the classes' names.
func (a *App) decide(scores []float64, class int) recall.Verdict {
	v := recall.Decide(scores, class)
	v.Name, v.RunnerUpName = a.name(v.Class), a.name(v.RunnerUp)
	return v
}

// item describes stored item i.
func (a *App) item(i int) recall.Item {
	it := &a.mem.Items[i]
	out := recall.Item{Index: i, Label: it.Label, Name: a.name(it.Label), Taught: it.Taught(), Record: it.Record}
	out.Image, out.HasImage = a.itemBitmap(it)
	return out
}

// reconstruct computes the pending reconstruction from the top level's
// code (a few milliseconds: Tick calls it when the pen is up, or now and
// then while drawing).
func (a *App) reconstruct() {
	r := a.rec
	if !a.reconPending || r == nil {
		return
	}
	a.reconPending = false
	top := len(r.Trace.Levels)
	if rec, err := a.net.Reconstruct(&r.Trace, top); err == nil {
		r.Recon = bitmapPart(rec, a.enc.Grid())
		r.ReconLevel = top
	}
	a.lastRecon = a.now()
	a.dirty = true
}

// unitsOf returns the input SDR as one bool per unit, reusing buf.
func unitsOf(in *engine.SDR, buf []bool) []bool {
	n := in.Len()
	if cap(buf) < n {
		buf = make([]bool, n)
	}
	buf = buf[:n]
	clear(buf)
	in.ForEach(func(i int) bool { buf[i] = true; return true })
	return buf
}

// Readouts are the readouts the page offers, by their names in the address
// and state(): softmax regression on the winners started from naive Bayes
// (the default network's readout, which measured best), naive Bayes over
// the winners and the paper's class-node field (binary weights from code
// cells to class nodes).
var Readouts = map[string]engine.Readout{
	"softmax":     engine.ReadoutSoftmax,
	"naive-bayes": engine.ReadoutNaiveBayes,
	"class-nodes": engine.ReadoutBinary,
}

// readoutName is the name of r in Readouts.
func readoutName(r engine.Readout) string {
	for n, k := range Readouts {
		if k == r {
			return n
		}
	}
	return ""
}

// SetReadout chooses the readout of the class scores by its name in
// Readouts; the drawing is recalled again. It reports whether the name is
// known.
func (a *App) SetReadout(name string) bool {
	r, ok := Readouts[name]
	if !ok {
		return false
	}
	if r != a.readout {
		a.readout = r
		a.par.Readout = name
		a.recalledVer = a.pad.Version() - 1 // recall again
		a.drawnSince = true
		a.dirty = true
	}
	return true
}

// Readout is the name of the readout of the class scores.
func (a *App) Readout() string { return readoutName(a.readout) }

// itemBitmap is the preprocessed image of a stored item: a taught
// drawing's own, or its training record's if that has arrived.
func (a *App) itemBitmap(it *store.Item) (mnist.Bitmap, bool) {
	if it.Taught() {
		if it.Image == nil {
			return mnist.Bitmap{}, false
		}
		return *it.Image, true
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
