//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/sparsey-web/sparsey/wasm/viz"
)

// game is the thin Ebiten side: input to the pad, work slices, and a blit
// of the viz image when something changed.
type game struct {
	a      *app
	screen *ebiten.Image // the viz image in CSS pixels
	dpr    float64
	w, h   int // CSS size
	touch  []ebiten.TouchID
}

// mouseSource is the left mouse button (or a pen) while it draws.
type mouseSource struct{ dpr float64 }

func (m mouseSource) Position() (float64, float64) {
	x, y := ebiten.CursorPosition()
	return float64(x) / m.dpr, float64(y) / m.dpr
}

func (m mouseSource) Released() bool {
	return inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) || !ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
}

// touchSource is one finger while it draws.
type touchSource struct {
	id  ebiten.TouchID
	dpr float64
}

func (t touchSource) Position() (float64, float64) {
	x, y := ebiten.TouchPosition(t.id)
	return float64(x) / t.dpr, float64(y) / t.dpr
}

func (t touchSource) Released() bool { return inpututil.IsTouchJustReleased(t.id) }

func (g *game) Update() (err error) {
	a := g.a
	a.mu.Lock()
	defer a.mu.Unlock()
	defer func() {
		if r := recover(); r != nil && a.fatal == nil {
			a.fatal = fmt.Errorf("internal error: %v", r)
		}
		err = nil
		a.publish()
	}()
	dpr := g.dpr
	if dpr <= 0 {
		dpr = 1
	}
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		a.tracker.Start(mouseSource{dpr})
	}
	g.touch = inpututil.AppendJustPressedTouchIDs(g.touch[:0])
	for _, id := range g.touch {
		a.tracker.Start(touchSource{id, dpr})
		if a.par.view != "" && !a.tracker.Active() {
			tx, ty := ebiten.TouchPosition(id)
			a.viewClick(int(float64(tx)/dpr), int(float64(ty)/dpr))
		}
	}
	a.update()
	cx, cy := ebiten.CursorPosition()
	x, y := int(float64(cx)/dpr), int(float64(cy)/dpr)
	a.hoverAt(x, y, a.par.view == "" && !a.tracker.Active() && x >= 0 && y >= 0 && x < g.w && y < g.h)
	if a.par.view != "" {
		if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) && !a.tracker.Active() {
			a.viewClick(x, y)
		}
		a.updateView()
	}
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	a := g.a
	a.mu.Lock()
	defer a.mu.Unlock()
	defer func() {
		if r := recover(); r != nil && a.fatal == nil {
			a.fatal = fmt.Errorf("internal error while drawing: %v", r)
		}
	}()
	if a.firstFrameMs < 0 {
		a.firstFrameMs = js.Global().Get("performance").Call("now").Float()
		hideLoading()
	}
	a.drawnSince = true
	if g.w != a.layout.W || g.h != a.layout.H {
		a.relayout(g.w, g.h)
	}
	if !a.dirty || g.w == 0 || g.h == 0 || a.net == nil {
		return
	}
	a.dirty = false
	a.frames++
	a.buildScene()
	if a.par.view != "" {
		viz.DrawView(a.img, &a.layout, &a.scene, &a.v.view)
	} else {
		viz.Draw(a.img, &a.layout, &a.scene)
	}
	if g.screen == nil || g.screen.Bounds().Dx() != g.w || g.screen.Bounds().Dy() != g.h {
		if g.screen != nil {
			g.screen.Deallocate()
		}
		g.screen = ebiten.NewImage(g.w, g.h)
	}
	g.screen.WritePixels(a.img.Pix)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(g.dpr, g.dpr)
	op.Filter = ebiten.FilterNearest
	op.Blend = ebiten.BlendCopy
	screen.DrawImage(g.screen, op)
}

// Layout is not called: Ebiten uses LayoutF.
func (g *game) Layout(w, h int) (int, int) { return w, h }

// LayoutF makes the screen as large as the canvas in device pixels, so the
// page is crisp on HiDPI screens; the viz image is drawn in CSS pixels and
// scaled by the device pixel ratio (nearest neighbour).
func (g *game) LayoutF(w, h float64) (float64, float64) {
	g.dpr = ebiten.Monitor().DeviceScaleFactor()
	if g.dpr <= 0 {
		g.dpr = 1
	}
	g.w, g.h = int(w), int(h)
	return math.Ceil(w * g.dpr), math.Ceil(h * g.dpr)
}
