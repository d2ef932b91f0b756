//go:build !js

package e2e

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/sparsey-web/sparsey/wasm/core"
)

// reply is a command's answer, as the host page gets it.
type reply struct {
	Type  string  `json:"type"`
	ID    float64 `json:"id"`
	Cmd   string  `json:"cmd"`
	OK    bool    `json:"ok"`
	Error string  `json:"error"`
	State *State  `json:"state"`
}

// hostCommands are every documented command (core.CommandDoc) as a host
// page sends them, each with what it must do, read from the embed.
var hostCommands = []struct {
	msg   string
	check string // a condition on the embed's state s
}{
	{`{cmd: "draw", strokes: [[[0.52, 0.12], [0.5, 0.5], [0.47, 0.88]]]}`, `s.strokes === 1 && s.recalledVersion === s.padVersion && s.label !== null`},
	{`{cmd: "draw", strokes: [[[0.2, 0.2], [0.8, 0.8]], [[0.8, 0.2], [0.2, 0.8]]]}`, `s.strokes === 2`},
	{`{cmd: "undo"}`, `s.strokes === 1`},
	{`{cmd: "teach", label: "tick"}`, `s.names["10"] === "tick"`},
	{`{cmd: "setView", view: "csa"}`, `s.view === "csa"`},
	{`{cmd: "setG", g: 0.2}`, `s.csaOverride === true && Math.abs(s.csaG - 0.2) < 1e-9`},
	{`{cmd: "selectMac", level: 3, grid: 0, mac: 1, cm: 1}`, `s.csaLevel === 3 && s.csaMac === 1 && s.csaCM === 1`},
	{`{cmd: "setG", g: null}`, `s.csaOverride === false`},
	{`{cmd: "set", param: "cm", value: "2"}`, `s.csaCM === 2`},
	{`{cmd: "control", control: "csa-walk"}`, `s.csaWalk === true`},
	{`{cmd: "setReadout", readout: "class-nodes"}`, `s.readout === "class-nodes"`},
	{`{cmd: "setView", view: "sequence"}`, `s.view === "sequence"`},
	{`{cmd: "control", control: "seq-learn"}`, `s.seqLearned === 1`},
	{`{cmd: "clear"}`, `s.strokes === 0 && s.label === null`},
	{`{cmd: "state"}`, `true`},
}

// TestHostDrives: a host page on another origin drives an embed that
// allows it through every command and hears its recalls; a second embed
// that allows another origin ignores every command and posts nothing to
// the host.
func TestHostDrives(t *testing.T) {
	host := newHost(t)
	p := newBrowser(t, "")
	allowed := serverURL + "/index.html?embed=1&train=300&mark=allowed&origin=" + host.url
	denied := serverURL + "/index.html?embed=1&train=300&mark=denied&origin=https://elsewhere.example"
	u := host.page(t, "drive.html", hostPage(serverURL,
		[2]string{allowed, "left:0;top:0;width:640px;height:480px"},
		[2]string{denied, "left:650px;top:0;width:640px;height:480px"}))
	p.do(chromedp.EmulateViewport(1300, 500), chromedp.Navigate(u))
	a, _, _ := p.in("mark=allowed")
	d, dx, dy := p.in("mark=denied")
	a.waitFor(`s.phase === "ready" && s.trained >= 300`, trainTimeout(300))
	d.waitFor(`s.phase === "ready" && s.trained >= 300`, trainTimeout(300))
	if got := eval[[]string](p, `(window.got[0] || []).map((m) => m.type)`); len(got) == 0 || got[0] != "sparsey:ready" {
		t.Errorf("the allowed embed's first messages: %v", got)
	}

	var cmds []string
	for _, c := range hostCommands {
		r := eval[*reply](p, fmt.Sprintf(`send(0, %s)`, c.msg))
		if r == nil || !r.OK || r.Type != "sparsey:reply" {
			t.Fatalf("%s: reply %+v", c.msg, r)
		}
		cmds = append(cmds, r.Cmd)
		a.waitFor(c.check, 20*time.Second)
		if r.Cmd == "state" && (r.State == nil || r.State.Names["10"] != "tick") {
			t.Errorf("state reply %+v", r.State)
		}
	}
	t.Logf("commands obeyed: %s", strings.Join(cmds, ", "))
	for _, c := range core.CommandDoc { // a command added to the page is driven here too
		if !slices.Contains(cmds, c.Cmd) {
			t.Errorf("the documented command %q was not driven", c.Cmd)
		}
	}
	// Malformed commands from the allowed host: each answered with an
	// error, none obeyed, the embed carries on.
	before := a.state()
	for _, h := range []struct{ msg, says string }{
		{`{cmd: "setG", g: 7}`, "g must be a number from 0 to 1, or null (got 7)"},
		{`{cmd: "setG", g: NaN}`, "(got NaN)"},
		{`{cmd: "selectMac", level: 99, mac: Infinity}`, "level must be a whole number from 1 to 3 (got 99)"},
		{`{cmd: "teach", label: 10n}`, "bad command"},
		{`(() => { const o = {cmd: "clear"}; o.self = o; return o; })()`, "bad command"},
		{`{cmd: "draw", strokes: "x".repeat(2e6)}`, "a message of"},
		{`{cmd: "draw", strokes: [[[0.5, -1]]]}`, "stroke point"},
		{`{cmd: "set", param: "g", value: "2"}`, "g=2: want a number from 0 to 1"},
		{`{cmd: "control", control: "csa-g", value: "x"}`, "no control"},
		{`{cmd: "explode"}`, `no command "explode"`},
	} {
		r := eval[*reply](p, fmt.Sprintf(`send(0, %s)`, h.msg))
		if r == nil || r.OK || !strings.Contains(r.Error, h.says) {
			t.Errorf("%s: reply %+v, want an error saying %q", h.msg, r, h.says)
		}
	}
	if s := a.state(); s.Phase == "error" || s.Strokes != before.Strokes || s.View != before.View || len(s.Names) != len(before.Names) {
		t.Errorf("after the malformed commands: phase %s, %d strokes (before %d), view %q (%q), names %v (%v)",
			s.Phase, s.Strokes, before.Strokes, s.View, before.View, s.Names, before.Names)
	}
	if r := eval[*reply](p, `send(0, {cmd: "draw", strokes: [[[0.52, 0.12], [0.5, 0.5], [0.47, 0.88]]]})`); r == nil || !r.OK {
		t.Errorf("a command after the malformed ones: %+v", r)
	}
	a.waitFor(`s.strokes === 1 && s.recalledVersion === s.padVersion && s.label !== null`, 20*time.Second)
	recalls := eval[[]State](p, `(window.got[0] || []).filter((m) => m.type === "sparsey:recall").map((m) => m.state)`)
	if len(recalls) == 0 || eval[string](p, `window.got[0][0].origin`) != serverURL {
		t.Errorf("%d recalls heard from the allowed embed", len(recalls))
	}

	// The denied embed: every command ignored, nothing posted to the host.
	before = d.state()
	for _, c := range hostCommands {
		eval[any](p, fmt.Sprintf(`document.querySelectorAll("iframe")[1].contentWindow.postMessage(Object.assign({type: "sparsey", id: 99}, %s), %q), null`, c.msg, serverURL))
		// Also to "*": the origin of the sender is what counts.
		eval[any](p, fmt.Sprintf(`document.querySelectorAll("iframe")[1].contentWindow.postMessage(Object.assign({type: "sparsey", id: 98}, %s), "*"), null`, c.msg))
	}
	d.waitFor(fmt.Sprintf(`s.ignored >= %d`, before.Ignored+2*len(hostCommands)), 20*time.Second)
	d.stroke(d.padRect(), dx, dy, false, one()) // its own recalls are not posted to the host either
	d.waitFor("s.recalledVersion === s.padVersion && s.strokes > 0", 20*time.Second)
	time.Sleep(500 * time.Millisecond)
	after := d.state()
	if after.Messages != 0 || after.Posted != 0 || after.View != before.View || after.Names["10"] != "" || after.Readout != before.Readout {
		t.Errorf("the denied embed obeyed or posted: messages %d, posted %d, view %q, names %v, readout %s",
			after.Messages, after.Posted, after.View, after.Names, after.Readout)
	}
	if n := eval[int](p, `(window.got[1] || []).length`); n != 0 {
		t.Errorf("the host heard %d messages from the denied embed", n)
	}
	t.Logf("denied embed: %d messages ignored, 0 obeyed, 0 posted", after.Ignored)
}

// TestFirstStroke: the first stroke drawn into an embed on another origin,
// as a scripted mouse does (a press with no move before it) and as a
// person does (the pointer moves onto the pad, then presses), and with a
// finger; the embed on the same site (another port: the same renderer
// process) and on another site (localhost against 127.0.0.1: another
// process, as a lesson on a school's site). Logs what each gives; every
// stroke must be kept whole.
func TestFirstStroke(t *testing.T) {
	host := newHost(t)
	for _, site := range []string{"same-site", "cross-site"} {
		for _, how := range []string{"press-first", "move-then-press", "touch"} {
			t.Run(site+"/"+how, func(t *testing.T) {
				p := newBrowser(t, "")
				hostURL := host.url
				if site == "cross-site" {
					hostURL = strings.Replace(hostURL, "127.0.0.1", "localhost", 1)
				}
				name := site + "-" + how + ".html"
				host.page(t, name, hostPage(serverURL,
					[2]string{serverURL + "/index.html?embed=1&train=0&origin=" + hostURL, "left:30px;top:40px;width:640px;height:480px"}))
				p.do(chromedp.EmulateViewport(800, 600), chromedp.Navigate(hostURL+"/"+name))
				st := p.embedState(0, 60*time.Second)
				r := st.PadRect
				ox := eval[float64](p, `document.querySelector("iframe").getBoundingClientRect().left`)
				oy := eval[float64](p, `document.querySelector("iframe").getBoundingClientRect().top`)
				ticks := func() int { return eval[int](p, `send(0, {cmd: "state"}).then((r) => r ? r.state.ticks : -1)`) }
				pace := func() {
					t0 := ticks()
					for ticks() < t0+2 {
						time.Sleep(5 * time.Millisecond)
					}
				}
				at := func(q pt) (float64, float64) { return ox + r.X + q.X*r.Width, oy + r.Y + q.Y*r.Height }
				if how == "move-then-press" {
					for _, q := range []pt{{-0.2, 0.5}, {0.2, 0.3}, one()[0]} {
						x, y := at(q)
						if _, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
							Type: input.DispatchMouseEventTypeMouseMoved, X: x, Y: y}); err != nil {
							t.Fatal(err)
						}
						pace()
					}
				}
				pts := one()
				for j, q := range pts {
					x, y := at(q)
					var err error
					if how == "touch" {
						typ := input.DispatchTouchEventTypeTouchMove
						if j == 0 {
							typ = input.DispatchTouchEventTypeTouchStart
						}
						one, id := 1.0, 0.0
						_, err = chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{
							Type: typ, TouchPoints: []*input.TouchPoint{{X: x, Y: y, RadiusX: &one, RadiusY: &one, Force: &one, ID: &id}}})
					} else {
						typ := input.DispatchMouseEventTypeMouseMoved
						if j == 0 {
							typ = input.DispatchMouseEventTypeMousePressed
						}
						_, err = chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
							Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1})
					}
					if err != nil {
						t.Fatal(err)
					}
					pace()
				}
				x, y := at(pts[len(pts)-1])
				var err error
				if how == "touch" {
					_, err = chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{
						Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
				} else {
					_, err = chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
						Type: input.DispatchMouseEventTypeMouseReleased, X: x, Y: y, Button: input.MouseButtonLeft, ClickCount: 1})
				}
				if err != nil {
					t.Fatal(err)
				}
				pace()
				s := eval[State](p, `send(0, {cmd: "state"}).then((r) => r.state)`)
				q, _ := url.ParseQuery(s.Link)
				d := q.Get("d")
				t.Logf("%s, %s: the first stroke gave %d strokes, a link drawing of %d characters (the whole stroke: %d points)", site, how, s.Strokes, len(d), len(pts))
				if s.Strokes != 1 || len(d) < 20 {
					t.Errorf("%s, %s: the first stroke became %d strokes, %d characters of points (a dot or nothing)", site, how, s.Strokes, len(d))
				}
			})
		}
	}
}
