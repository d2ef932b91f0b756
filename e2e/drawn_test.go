//go:build !js

package e2e

import (
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/pad/pen"
)

var drawnN = flag.Int("drawn", 12, "MNIST test digits TestDrawnParity traces and draws (one per class first, then a second of classes 0, 1, …)")

// TestDrawnParity draws MNIST test digits traced into pen strokes
// (wasm/pad/pen) with paced real mouse events, one pointer position per
// event, and checks that the page recalls each as the same class as the
// native drawn path: the same positions played into a pad.Pad, its
// InputImage through mnist.Input, recalled by a native network with the
// page's configuration and seed that learned the same training digits.
// Page and native engine compute the same codes, so any difference is in
// the drawn path (events, tracker, pad, rendering).
func TestDrawnParity(t *testing.T) {
	start := time.Now()
	p := newBrowser(t, "")
	p.open(800, 600, fmt.Sprintf("?train=%d", *trainN))
	p.waitFor(fmt.Sprintf(`s.phase === "ready" && s.trained >= %d`, *trainN), trainTimeout(*trainN))
	t.Logf("page ready with %d digits learned after %v", *trainN, time.Since(start).Round(time.Millisecond))

	pr := p.padRect()
	rect := pad.Rect{X: pr.X, Y: pr.Y, W: pr.Width, H: pr.Height}
	train, test, err := gomnist.Load()
	if err != nil {
		t.Fatal(err)
	}
	net := pageNetwork(t, train, *trainN)
	grid := net.Config().Input

	drawStart := time.Now()
	events, agree, right := 0, 0, 0
	idx := sampleByClass(test, *drawnN)
	for _, i := range idx {
		strokes, err := pen.Digit(test.Image(i), test.Width(), test.Height())
		if err != nil {
			t.Fatalf("test digit %d: %v", i, err)
		}
		ptr, err := pen.Pointer(rect, pen.Writer{}.Write(strokes))
		if err != nil {
			t.Fatal(err)
		}
		// Native: the same positions through the page's tracker, pad and input.
		var np pad.Pad
		if err := pen.Play(&np, rect, ptr); err != nil {
			t.Fatal(err)
		}
		in, err := mnist.Input(np.InputImage(nil), pad.InputSide, pad.InputSide, grid)
		if err != nil {
			t.Fatalf("test digit %d drawn natively: %v", i, err)
		}
		tr, err := net.Recall(in)
		if err != nil {
			t.Fatal(err)
		}
		native := tr.Class

		// The page: the same positions as paced mouse events.
		p.clear()
		for _, s := range ptr {
			p.mouseStroke(s)
			events += len(s) + 1
		}
		p.waitFor(fmt.Sprintf("s.recalledVersion === s.padVersion && s.strokes === %d", len(ptr)), 30*time.Second)
		s := p.state()
		got := -1
		if s.Label != nil {
			got = *s.Label
		}
		t.Logf("test digit %d (a %d): %d strokes, %d positions; page recalls %s, native drawn path %d",
			i, test.Label(i), len(ptr), count(ptr), label(s), native)
		if got != native {
			t.Errorf("test digit %d (a %d): the page recalls %s, the native drawn path %d", i, test.Label(i), label(s), native)
		} else {
			agree++
		}
		if got == test.Label(i) {
			right++
		}
	}
	t.Logf("%d/%d digits recalled as natively, %d/%d right; %d mouse events in %v (%v in all)",
		agree, len(idx), right, len(idx), events, time.Since(drawStart).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// pageNetwork is the page's default network (the "mnist" preset, seed 1,
// room for 22 taught symbols; see wasm/main.go) after learning the first n
// training digits in order through mnist.Input, as the page does.
func pageNetwork(t *testing.T, train *mnist.Dataset, n int) *engine.Network {
	t.Helper()
	cfg, err := engine.Preset("mnist")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Seed, cfg.Classes = 1, 32
	net, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range min(n, train.Len()) {
		in, err := mnist.Input(train.Image(i), train.Width(), train.Height(), net.Config().Input)
		if err != nil {
			continue // no ink: the page skips it too
		}
		if _, err := net.Learn(in, train.Label(i)); err != nil {
			t.Fatal(err)
		}
	}
	return net
}

// sampleByClass returns n test digit indices: the first digit of each
// class, then the second of each, and so on.
func sampleByClass(d *mnist.Dataset, n int) []int {
	byClass := make([][]int, mnist.Classes)
	for i := range d.Len() {
		c := d.Label(i)
		byClass[c] = append(byClass[c], i)
	}
	var out []int
	for k := 0; len(out) < n; k++ {
		added := false
		for c := range byClass {
			if k < len(byClass[c]) && len(out) < n {
				out = append(out, byClass[c][k])
				added = true
			}
		}
		if !added {
			break
		}
	}
	return out
}

func count(ptr [][]pen.Pos) int {
	n := 0
	for _, s := range ptr {
		n += len(s)
	}
	return n
}

// mouseStroke presses the left button at the first position, moves through
// the others and releases at the last, each event followed by two ticks
// of the page, so the page samples every position exactly once.
func (p *page) mouseStroke(s []pen.Pos) {
	p.t.Helper()
	send := func(typ input.DispatchMouseEventType, q pen.Pos, buttons int64) {
		p.t.Helper()
		_, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: typ, X: float64(q.X), Y: float64(q.Y), Button: input.MouseButtonLeft, Buttons: buttons, ClickCount: 1})
		if err != nil {
			p.t.Fatal(err)
		}
		p.pace(2)
	}
	send(input.DispatchMouseEventTypeMousePressed, s[0], 1)
	for _, q := range s[1:] {
		send(input.DispatchMouseEventTypeMouseMoved, q, 1)
	}
	send(input.DispatchMouseEventTypeMouseReleased, s[len(s)-1], 0)
}

// pace waits until the page's tick counter has advanced by n since the
// call, in one polling round trip (the first evaluation in the page
// records the target).
func (p *page) pace(n int) {
	p.t.Helper()
	expr := fmt.Sprintf(`(() => { const t = %s.sparsey.state().ticks;
		if (window.__paceTo === undefined) window.__paceTo = t + %d;
		if (t < window.__paceTo) return false;
		window.__paceTo = undefined; return true; })()`, p.prefix, n)
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(30*time.Second), chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		p.t.Fatalf("waiting for %d ticks: %v (state %v)", n, err, p.state())
	}
}
