package core

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// The page's state in its address: the scene (train, seed, q, k, embed,
// origin, as the address gave them), the view, the readout, the view's
// settings (its row's Settings) and the drawing (d=, pad.EncodeStrokes).
// Link is that address's query now; the page writes it into the address
// as it changes (history.replaceState) and its "Copy link" copies it, so
// opening the link in another browser shows the same view, settings and
// drawing, recalled.

// pageSettings are the settings of every view.
var pageSettings = []Setting{
	{Param: "d", Doc: "the drawing's strokes (pad.EncodeStrokes)", Using: "an empty pad",
		Get: func(a *App) string { return a.drawingText() },
		Set: func(a *App, v string) error {
			strokes, err := pad.DecodeStrokes(v)
			if err != nil {
				return fmt.Errorf("the drawing of a link (%v; copy the link again)", err)
			}
			a.SetDrawing(strokes)
			return nil
		}},
}

// allSettings are the page's settings and every view's.
func allSettings() []Setting {
	all := slices.Clone(pageSettings)
	for _, spec := range Views {
		all = append(all, spec.Settings...)
	}
	return all
}

// drawingText is the drawing as text for the link, computed once per
// version of the drawing.
func (a *App) drawingText() string {
	if v := a.pad.Version(); v != a.linkVer || !a.linkOK {
		a.linkVer, a.linkOK, a.linkText = v, true, pad.EncodeStrokes(a.pad.Strokes())
	}
	return a.linkText
}

// SetDrawing replaces the drawing by strokes (pad coordinates, 0..1), as
// if drawn; it is recalled at the next tick.
func (a *App) SetDrawing(strokes []pad.Stroke) {
	a.tracker.Cancel()
	a.pad.SetStrokes(strokes)
	a.drawnSince = true
	a.dirty = true
}

// applySettings applies the address's settings: the page's and every
// view's (a view's are kept for when it is shown), in the table's order.
// It describes each value it could not use (which keeps its default).
func (a *App) applySettings(q url.Values) []string {
	var bad []string
	for _, s := range allSettings() {
		v := q.Get(s.Param)
		if v == "" {
			continue
		}
		if err := s.Set(a, v); err != nil {
			using := s.Using
			if using == "" {
				using = "its default"
			}
			bad = append(bad, badValue(s.Param, v, err.Error(), using))
		}
	}
	return bad
}

// settings are the settings in effect: the page's and the shown view's.
func (a *App) settings() []Setting {
	return append(slices.Clone(pageSettings), a.ViewSpec().Settings...)
}

// Set changes a setting by its address parameter, as the address would
// (a host page's "set" message): the page's, or any view's (a view not
// shown keeps it for when it is).
func (a *App) Set(param, value string) error {
	for _, s := range allSettings() {
		if s.Param == param {
			err := s.Set(a, value)
			a.dirty = true
			if err != nil {
				return fmt.Errorf("%s=%s: want %v", param, shortValue(value), err)
			}
			return nil
		}
	}
	return fmt.Errorf("no setting %s", shortValue(param))
}

// Link is the address's query for the page as it is now (without the
// leading '?'): open it to see the same view, settings and drawing.
func (a *App) Link() string {
	q := url.Values{}
	for k, vs := range a.sceneQuery {
		q[k] = vs
	}
	if a.v.name != "" {
		q.Set("view", a.v.name)
	}
	if r := a.Readout(); r != DefaultReadout {
		q.Set("readout", r)
	}
	for _, s := range a.settings() {
		if v := s.Get(a); v != "" {
			q.Set(s.Param, v)
		}
	}
	// Fixed order, the scene first, the drawing last: the address stays
	// readable.
	var parts []string
	for _, k := range []string{"train", "seed", "q", "k", "embed", "origin", "view", "readout"} {
		for _, v := range q[k] {
			parts = append(parts, k+"="+url.QueryEscape(v))
		}
		delete(q, k)
	}
	d := q.Get("d")
	delete(q, "d")
	for _, k := range slices.Sorted(maps.Keys(q)) {
		for _, v := range q[k] {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	if d != "" {
		parts = append(parts, "d="+d) // base64url: nothing to escape
	}
	return strings.Join(parts, "&")
}
