//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// flags start Chromium for the tests (headless and user-data-dir are set
// separately): WebGL through SwiftShader (software, no GPU needed), no
// shared-memory limits of containers, no throttling of background tabs
// (the tests pace input by the page's ticks), and nothing that reaches the
// network or starts background work (updates, sync, metrics, extensions);
// every host name but 127.0.0.1 and localhost fails to resolve.
var flags = []string{
	"use-angle=swiftshader", "enable-unsafe-swiftshader", "disable-dev-shm-usage",
	"disable-background-networking", "disable-component-update", "disable-sync", "disable-quic",
	"no-first-run", "no-default-browser-check", "disable-default-apps", "disable-extensions",
	"disable-breakpad", "disable-background-timer-throttling", "disable-renderer-backgrounding",
	"disable-backgrounding-occluded-windows", "mute-audio", "hide-scrollbars", "metrics-recording-only",
	"password-store=basic", "use-mock-keychain", "no-pings", "disable-domain-reliability",
	"disable-client-side-phishing-detection",
	"disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication",
	"host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
}

// page is one browser tab with a console collector.
type page struct {
	t      *testing.T
	ctx    context.Context
	mu     sync.Mutex
	errors []string
	prefix string // JS expression of the window holding sparsey
	// frame, when set, is the execution context (an iframe's, frameCtx)
	// that eval and waitFor run in.
	frame runtime.ExecutionContextID
	// contexts are the frames' main execution contexts, by frame ID.
	contexts map[cdp.FrameID]runtime.ExecutionContextID
	// close ends the browser (also at the test's end): a test that opens
	// browsers one after the other closes each when done, so that the
	// pages left open do not slow the next one's measurements.
	close func()
}

// newBrowser starts Chromium with a fresh profile in userDir (a new temp
// dir when empty) and returns its first tab.
func newBrowser(t *testing.T, userDir string) *page {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test (-short)")
	}
	if userDir == "" {
		userDir = t.TempDir()
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromePath),
		chromedp.Flag("headless", "new"),
		chromedp.UserDataDir(userDir),
		chromedp.WindowSize(800, 600),
	}
	for _, f := range flags {
		name, val, ok := strings.Cut(f, "=")
		if ok {
			opts = append(opts, chromedp.Flag(name, val))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	closer := sync.OnceFunc(func() { cancelC(); cancelA() })
	t.Cleanup(closer)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	p := &page{t: t, ctx: ctx, prefix: "window", contexts: map[cdp.FrameID]runtime.ExecutionContextID{}, close: closer}
	if err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*runtime.EventExecutionContextCreated)
		if !ok || e.Context == nil {
			return
		}
		var aux struct {
			FrameID   cdp.FrameID `json:"frameId"`
			IsDefault bool        `json:"isDefault"`
		}
		if json.Unmarshal([]byte(e.Context.AuxData), &aux) == nil && aux.IsDefault {
			p.mu.Lock()
			p.contexts[aux.FrameID] = e.Context.ID
			p.mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				p.mu.Lock()
				p.errors = append(p.errors, fmt.Sprintf("%s: %s", m.Type, m.Text))
				p.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, e := range p.errors {
			t.Errorf("browser console: %s", e)
		}
	})
	return p
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatal(err)
	}
}

// eval evaluates a JS expression in the page (or in p.frame).
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	opts := []chromedp.EvaluateOption{chromedp.EvalAwaitPromise}
	if p.frame != 0 {
		id := p.frame
		opts = append(opts, func(e *runtime.EvaluateParams) { e.ContextID = id })
	}
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// open navigates to the page at the given query and waits for the first
// frame; it fails fast with the page's error.
func (p *page) open(w, h int64, query string) {
	p.t.Helper()
	p.do(chromedp.EmulateViewport(w, h), chromedp.Navigate(serverURL+"/index.html"+query))
	p.waitFor(`s.firstFrameMs != null`, 60*time.Second)
}

// waitFor polls a condition on s = sparsey.state() until it holds; a page
// error ends the wait with the error.
func (p *page) waitFor(cond string, timeout time.Duration) {
	p.t.Helper()
	expr := fmt.Sprintf(`(() => { try {
		const sp = %s.sparsey; if (!sp || !sp.ready) { const l = sp && sp.loader; return l && l.phase === "error" ? "error: " + l.error : false; }
		const s = sp.state();
		if (s.phase === "error") return "error: " + s.error;
		return (%s) ? "ok" : false; } catch (e) { return "error: " + e; } })()`, p.prefix, cond)
	var v string
	var err error
	if p.frame != 0 {
		v, err = p.pollFrame(expr, timeout)
	} else {
		v, err = chromedp.Run(p.ctx, chromedp.Poll[string](expr, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(25*time.Millisecond)))
	}
	if err != nil {
		p.t.Fatalf("waiting for %s: %v (state %v)", cond, err, p.state())
	}
	if v != "ok" {
		p.t.Fatalf("waiting for %s: page %s", cond, v)
	}
}

// pollFrame polls expr in p.frame every 25 ms until it is a string.
func (p *page) pollFrame(expr string, timeout time.Duration) (string, error) {
	id := p.frame
	deadline := time.Now().Add(timeout)
	for {
		v, err := chromedp.Run(p.ctx, chromedp.Evaluate[any](expr, func(e *runtime.EvaluateParams) { e.ContextID = id }))
		if err == nil {
			if s, ok := v.(string); ok {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("timed out (last: %v, %v)", v, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// frameCtx returns the main execution context of the iframe whose URL
// contains mark (waiting for it to exist).
func (p *page) frameCtx(mark string) runtime.ExecutionContextID {
	p.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		tree, err := chromedp.Call(p.ctx, cdppage.GetFrameTree, cdp.Empty{})
		if err == nil && tree.FrameTree != nil {
			for _, f := range tree.FrameTree.ChildFrames {
				if f.Frame != nil && strings.Contains(f.Frame.URL, mark) {
					p.mu.Lock()
					id, ok := p.contexts[f.Frame.ID]
					p.mu.Unlock()
					if ok {
						return id
					}
				}
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	p.t.Fatalf("no frame %q", mark)
	return 0
}

// in returns a view of p that evaluates in the iframe whose URL contains
// mark, with ox, oy its offset on the page.
func (p *page) in(mark string) (*page, float64, float64) {
	p.t.Helper()
	id := p.frameCtx(mark)
	q := &page{t: p.t, ctx: p.ctx, prefix: "window", frame: id, contexts: p.contexts}
	ox := eval[float64](p, fmt.Sprintf(`Array.from(document.querySelectorAll("iframe")).find((f) => f.src.includes(%q)).getBoundingClientRect().left`, mark))
	oy := eval[float64](p, fmt.Sprintf(`Array.from(document.querySelectorAll("iframe")).find((f) => f.src.includes(%q)).getBoundingClientRect().top`, mark))
	return q, ox, oy
}

// State is sparsey.state().
type State struct {
	Phase           string            `json:"phase"`
	Error           *string           `json:"error"`
	Trained         int               `json:"trained"`
	Items           int               `json:"items"`
	Progress        float64           `json:"progress"`
	Label           *int              `json:"label"`
	LabelName       string            `json:"labelName"`
	Scores          []float64         `json:"scores"`
	Familiarity     float64           `json:"familiarity"`
	Ticks           int               `json:"ticks"`
	FirstFrameMs    *float64          `json:"firstFrameMs"`
	RecallMs        *float64          `json:"recallMs"`
	Recalls         int               `json:"recalls"`
	TestAccuracy    *float64          `json:"testAccuracy"`
	Names           map[string]string `json:"names"`
	Strokes         int               `json:"strokes"`
	PadVersion      float64           `json:"padVersion"`
	RecalledVersion float64           `json:"recalledVersion"`
	Frames          int               `json:"frames"`
	Saved           int               `json:"saved"`
	WasmMs          *float64          `json:"wasmMs"`
	ReadyMs         *float64          `json:"readyMs"`
	Memory          string            `json:"memory"`
	Link            string            `json:"link"`
	View            string            `json:"view"`
	Readout         string            `json:"readout"`
	Sure            *bool             `json:"sure"`
	FamWords        string            `json:"familiarityWords"`
	FamWhy          string            `json:"familiarityWhy"`
	FamColor        string            `json:"familiarityColor"`
	PadRect         *Rect             `json:"padRect"`
	Copied          string            `json:"copied"`
	CopiedBy        string            `json:"copiedBy"`
	Messages        int               `json:"messages"`
	Ignored         int               `json:"ignored"`
	Posted          int               `json:"posted"`
	Job             string            `json:"job"`
	DataLoaded      float64           `json:"dataLoaded"`
}

func (p *page) state() State {
	p.t.Helper()
	return eval[State](p, p.prefix+".sparsey.state()")
}

// Rect is padRect().
type Rect struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

func (p *page) padRect() Rect {
	p.t.Helper()
	return eval[Rect](p, p.prefix+".sparsey.padRect()")
}

// waitTicks waits until the page's tick counter advanced by n.
func (p *page) waitTicks(n int) {
	p.t.Helper()
	t0 := eval[int](p, p.prefix+".sparsey.state().ticks")
	p.waitFor(fmt.Sprintf("s.ticks >= %d", t0+n), 30*time.Second)
}

// pt is a point in pad coordinates (0..1).
type pt struct{ X, Y float64 }

// stroke draws one stroke through pts (pad coordinates) with the mouse or
// a finger, one event per ≥ 2 ticks; offset is added to page coordinates
// (the iframe's position in the embed test).
func (p *page) stroke(r Rect, ox, oy float64, touch bool, pts []pt) {
	p.t.Helper()
	at := func(q pt) (float64, float64) { return ox + r.X + q.X*r.Width, oy + r.Y + q.Y*r.Height }
	for i, q := range pts {
		x, y := at(q)
		var err error
		switch {
		case touch:
			typ := input.DispatchTouchEventTypeTouchMove
			if i == 0 {
				typ = input.DispatchTouchEventTypeTouchStart
			}
			one, id := 1.0, 0.0
			_, err = chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{
				Type: typ, TouchPoints: []*input.TouchPoint{{X: x, Y: y, RadiusX: &one, RadiusY: &one, Force: &one, ID: &id}}})
		default:
			typ := input.DispatchMouseEventTypeMouseMoved
			if i == 0 {
				typ = input.DispatchMouseEventTypeMousePressed
			}
			_, err = chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
				Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1})
		}
		if err != nil {
			p.t.Fatal(err)
		}
		p.waitTicks(2)
	}
	var err error
	if touch {
		_, err = chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{
			Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
	} else {
		x, y := at(pts[len(pts)-1])
		_, err = chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: input.DispatchMouseEventTypeMouseReleased, X: x, Y: y, Button: input.MouseButtonLeft, ClickCount: 1})
	}
	if err != nil {
		p.t.Fatal(err)
	}
	p.waitTicks(2)
}

// draw draws strokes and waits until the drawing has been recalled.
func (p *page) draw(touch bool, strokes ...[]pt) State {
	p.t.Helper()
	r := p.padRect()
	for _, s := range strokes {
		p.stroke(r, 0, 0, touch, s)
	}
	p.waitFor("s.recalledVersion === s.padVersion && s.strokes > 0", 30*time.Second)
	return p.state()
}

func (p *page) clear() {
	p.t.Helper()
	eval[any](p, p.prefix+".sparsey.clear(), null")
	p.waitTicks(2)
}

// Shapes in pad coordinates, with an affine change (shift dx, dy; scale s
// about the centre) for "slightly different" second drawings.
func xf(pts []pt, dx, dy, s float64) []pt {
	out := make([]pt, len(pts))
	for i, q := range pts {
		out[i] = pt{0.5 + (q.X-0.5)*s + dx, 0.5 + (q.Y-0.5)*s + dy}
	}
	return out
}

func line(a, b pt, n int) []pt {
	var out []pt
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		out = append(out, pt{a.X + f*(b.X-a.X), a.Y + f*(b.Y-a.Y)})
	}
	return out
}

func one() []pt { return line(pt{0.52, 0.12}, pt{0.47, 0.88}, 6) }

func zero() []pt {
	var out []pt
	for i := 0; i <= 16; i++ {
		a := 2 * math.Pi * float64(i) / 16
		out = append(out, pt{0.5 + 0.24*math.Sin(a), 0.5 - 0.36*math.Cos(a)})
	}
	return out
}

func cross() [][]pt {
	return [][]pt{line(pt{0.2, 0.2}, pt{0.8, 0.8}, 5), line(pt{0.8, 0.2}, pt{0.2, 0.8}, 5)}
}
