//go:build js && wasm

package main

import (
	"fmt"
	"net/url"
	"strconv"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/sparsey-web/sparsey/engine"
)

// params are the URL parameters choosing the scene.
type params struct {
	train int    // training digits to learn at start
	seed  uint64 // network seed
	q, k  int    // overrides of level 1's Q and K (0: preset)
	embed bool   // only the pad and the recall views
	view  string // teaching view (views.go), "" for the main view
}

func parseParams(search string) params {
	p := params{train: 60000, seed: 1}
	v, _ := url.ParseQuery(search)
	if n, err := strconv.Atoi(v.Get("train")); err == nil && n >= 0 {
		p.train = n
	}
	if n, err := strconv.ParseUint(v.Get("seed"), 10, 64); err == nil {
		p.seed = n
	}
	if n, err := strconv.Atoi(v.Get("q")); err == nil && n > 0 {
		p.q = n
	}
	if n, err := strconv.Atoi(v.Get("k")); err == nil && n > 0 {
		p.k = n
	}
	p.embed = v.Get("embed") == "1" || v.Get("embed") == "true"
	p.view = validView(v.Get("view"))
	return p
}

// config is the "mnist" preset with the scene's seed, Q and K, and room
// for 22 taught symbols besides the ten digits.
func (p params) config() (engine.Config, error) {
	cfg, err := engine.Preset("mnist")
	if err != nil {
		return cfg, err
	}
	cfg.Seed = p.seed
	cfg.Classes = maxClasses
	if p.q > 0 {
		cfg.Levels[0].Q = p.q
	}
	if p.k > 0 {
		cfg.Levels[0].K = p.k
	}
	return cfg, cfg.Validate()
}

// storageKey names the scene's memory in browser storage.
func (p params) storageKey() string {
	return fmt.Sprintf("mnist/seed=%d/q=%d/k=%d", p.seed, p.q, p.k)
}

func main() {
	loc := js.Global().Get("location")
	p := parseParams(trimQ(loc.Get("search").String()))
	a := newApp(p)
	a.exposeAPI()
	a.exposeViewAPI()
	a.bindDOM()
	a.bindViewDOM()
	go a.boot()

	ebiten.SetScreenClearedEveryFrame(false)
	ebiten.SetWindowTitle("Sparsey")
	if err := ebiten.RunGame(&game{a: a}); err != nil {
		a.fail(fmt.Errorf("ebiten: %w", err))
	}
}

func trimQ(s string) string {
	if len(s) > 0 && s[0] == '?' {
		return s[1:]
	}
	return s
}
