//go:build !js

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Modifier bits of Input.dispatchKeyEvent.
const (
	modCtrl  = 2
	modMeta  = 4 // Command on a Mac
	modShift = 8
)

// key presses a key with modifiers as real key events (keyDown, then keyUp
// two ticks later) to the focused element.
func (p *page) key(key, code string, vk, mods int64) {
	p.t.Helper()
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Modifiers: mods, Key: key, Code: code,
			WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}); err != nil {
			p.t.Fatal(err)
		}
		p.waitTicks(2)
	}
}

// TestKeys: Ctrl+Z and Cmd+Z undo the last stroke, Escape clears the pad,
// sent as real key events after drawing; while typing in a text field they
// are the field's.
func TestKeys(t *testing.T) {
	p := newBrowser(t, "")
	p.open(800, 600, "?train=0")
	p.waitFor(`s.phase === "ready"`, 60*time.Second)
	three := append(cross(), one())
	p.draw(false, three...)
	if s := p.state(); s.Strokes != 3 {
		t.Fatalf("%d strokes drawn, want 3", s.Strokes)
	}
	if tag := eval[string](p, "document.activeElement.tagName"); tag != "CANVAS" {
		t.Logf("focus after drawing: %s", tag)
	}
	p.key("z", "KeyZ", 90, modCtrl)
	p.waitFor("s.strokes === 2 && s.recalledVersion === s.padVersion", 10*time.Second)
	p.key("z", "KeyZ", 90, modMeta)
	p.waitFor("s.strokes === 1 && s.recalledVersion === s.padVersion", 10*time.Second)
	p.key("z", "KeyZ", 90, 0) // z alone does nothing
	p.key("Z", "KeyZ", 90, modCtrl|modShift)
	p.waitTicks(4)
	if s := p.state(); s.Strokes != 1 {
		t.Errorf("z without Ctrl/Cmd, or with Shift, changed the drawing: %d strokes", s.Strokes)
	}
	// In the "learn as" field, Escape and Ctrl+Z are the field's.
	eval[any](p, `document.getElementById("teach-name").focus(), null`)
	p.key("Escape", "Escape", 27, 0)
	p.key("z", "KeyZ", 90, modCtrl)
	p.waitTicks(4)
	if s := p.state(); s.Strokes != 1 {
		t.Errorf("keys typed in a text field changed the drawing: %d strokes", s.Strokes)
	}
	p.draw(false, zero())
	p.key("Escape", "Escape", 27, 0)
	p.waitFor("s.strokes === 0 && s.label === null && s.recalledVersion === s.padVersion", 10*time.Second)
}

// TestBadAddress: an address with values the page cannot use
// (?q=100000&k=0) does not stop it: a banner at the top of an 800×600
// window, in front of everything, also when embedded, names the bad
// parameters, and the page carries on with the defaults.
func TestBadAddress(t *testing.T) {
	p := newBrowser(t, "")
	for _, query := range []string{"?q=100000&k=0&train=50", "?q=100000&k=0&train=50&embed=1"} {
		p.do(chromedp.EmulateViewport(800, 600), chromedp.Navigate(serverURL+"/index.html"+query))
		v, err := chromedp.Run(p.ctx, chromedp.Poll[string](`(() => { const sp = window.sparsey;
			return sp && sp.ready && sp.state().firstFrameMs !== null ? sp.state().phase + ": " + sp.state().addressError : false; })()`,
			chromedp.WithPollingTimeout(60*time.Second), chromedp.WithPollingInterval(25*time.Millisecond)))
		if err != nil {
			t.Fatalf("%s: the page does not start: %v", query, err)
		}
		if strings.HasPrefix(v, "error") {
			t.Fatalf("%s: the page stopped: %s", query, v)
		}
		for _, w := range []string{"q=100000", "k=0"} {
			if !strings.Contains(v, w) {
				t.Errorf("%s: state().addressError %q does not name %s", query, v, w)
			}
		}
		type box struct {
			Top, Bottom, Left, Right float64
			Text                     string
			Hidden, OnTop            bool
		}
		b := eval[box](p, `(() => { const e = document.getElementById("address"), r = e.getBoundingClientRect();
			const at = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
			return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: e.innerText,
				hidden: e.hidden || getComputedStyle(e).display === "none", onTop: !!at && e.contains(at)}; })()`)
		t.Logf("%s: message at y %.0f..%.0f, x %.0f..%.0f: %q", query, b.Top, b.Bottom, b.Left, b.Right, b.Text)
		if b.Hidden || b.Top < 0 || b.Top > 20 || b.Bottom > 300 || b.Right-b.Left < 400 || !b.OnTop {
			t.Errorf("%s: the message is not in sight at the top (hidden %v, y %.0f..%.0f, width %.0f, in front %v)",
				query, b.Hidden, b.Top, b.Bottom, b.Right-b.Left, b.OnTop)
		}
		if !strings.Contains(b.Text, "q=100000") || !strings.Contains(b.Text, "k=0") {
			t.Errorf("%s: the message %q does not name the parameters", query, b.Text)
		}
		screenshot(t, p, fmt.Sprintf("bad-address-%d.png", strings.Count(query, "&")))
	}
}
