//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// A hostile address: the query and what the banner (state().addressError)
// must say, each a substring; none when the page has nothing to say.
type hostileAddress struct {
	query string
	says  []string
}

// hostileAddresses are what a typo, a paste or an attacker may put in a
// link: every documented parameter negative, zero, huge, NaN, not a
// number, with HTML or script in it, broken percent-encodings, repeated
// parameters, and the README's own examples misspelled. train=40 is added
// where train is not the parameter attacked, so that the page is ready
// soon.
var hostileAddresses = []hostileAddress{
	{"train=-1", []string{"train=-1: want a whole number ≥ 0; using the default, 10000 digits"}},
	{"train=NaN", []string{"train=NaN: want a whole number ≥ 0"}},
	{"train=1e99", []string{"train=1e99: want a whole number ≥ 0"}},
	{"train=99999999999999999999999", []string{"train=99999999999999999999999: want a whole number ≥ 0"}},
	{"train=abc", []string{"train=abc: want a whole number ≥ 0"}},
	{"train=10,000", []string{"train=10,000: want a whole number ≥ 0"}},
	{"train=%3Cscript%3Ealert(1)%3C/script%3E", []string{"train=<script>alert(1)</script>: want a whole number"}},
	{"train=40&train=7", []string{"train is given 2 times (train=40, train=7); using the first"}},
	{"train=40&seed=-1", []string{"seed=-1: want a whole number ≥ 0; using seed 1"}},
	{"train=40&seed=abc", []string{"seed=abc: want a whole number ≥ 0"}},
	{"train=40&seed=18446744073709551616", []string{"seed=18446744073709551616: want a whole number ≥ 0"}},
	{"train=40&seed=1.5", []string{"seed=1.5: want a whole number ≥ 0"}},
	{"train=40&seed=%3Cimg%20src=x%20onerror=alert(1)%3E", []string{`seed="<img src=x onerror=alert(1)>": want a whole number ≥ 0`}},
	{"train=40&q=0", []string{"q=0: want a whole number from 1 to 64; using the default"}},
	{"train=40&q=-3", []string{"q=-3: want a whole number from 1 to 64"}},
	{"train=40&q=100000", []string{"q=100000: want a whole number from 1 to 64"}},
	{"train=40&q=NaN", []string{"q=NaN: want a whole number from 1 to 64"}},
	{"train=40&k=0", []string{"k=0: want a whole number from 2 to 256"}},
	{"train=40&k=1", []string{"k=1: want a whole number from 2 to 256"}},
	{"train=40&k=257", []string{"k=257: want a whole number from 2 to 256"}},
	{"train=40&k=Infinity", []string{"k=Infinity: want a whole number from 2 to 256"}},
	{"train=40&q=100000&k=0", []string{"q=100000", "k=0"}},
	// q=64 fits with the default K of level 1 only when level 2 stays small:
	// whichever part the page drops, the banner says no network can be built.
	{"train=40&q=64&k=256", []string{"no network can be built with this", "using the default"}},
	{"train=40&embed=2", []string{"embed=2: want 1 or 0; using the whole page (0)"}},
	{"train=40&embed=yes", []string{"embed=yes: want 1 or 0"}},
	{"train=40&embed=%3Cb%3Ex%3C/b%3E", []string{"embed=<b>x</b>: want 1 or 0"}},
	{"train=40&view=maps", []string{"view=maps: want one of csa, map, capacity, sequence; using the main view"}},
	{"train=40&view=CSA", []string{"view=CSA: want one of csa, map, capacity, sequence"}},
	{"train=40&view=%3Csvg%20onload=alert(1)%3E", []string{`view="<svg onload=alert(1)>": want one of`}},
	{"train=40&view=" + strings.Repeat("x", 5000), []string{`view="` + strings.Repeat("x", 40) + `"… (5000 characters): want one of`}},
	{"train=40&view=map&view=csa", []string{"view is given 2 times (view=map, view=csa); using the first"}},
	{"train=40&view=csa&level=0", []string{"level=0: want a whole number ≥ 1; using level 1"}},
	{"train=40&view=csa&level=99&mac=99999&cm=99", []string{"level=99: want a level from 1 to 3", "mac=99999: want a mac of that grid", "cm=99: want a CM of that grid's macs, from 0 to "}},
	{"train=40&view=csa&grid=-1&mac=-2", []string{"grid=-1: want a whole number ≥ 0", "mac=-2: want a whole number ≥ -1"}},
	{"train=40&view=csa&g=2", []string{"g=2: want a number from 0 to 1; using the mac's own G"}},
	{"train=40&view=csa&g=NaN", []string{"g=NaN: want a number from 0 to 1"}},
	{"train=40&view=csa&g=-Infinity", []string{"g=-Infinity: want a number from 0 to 1"}},
	{"train=40&readout=bayes", []string{"readout=bayes: want softmax, naive-bayes or class-nodes; using softmax"}},
	{"train=40&readout=naive_bayes", []string{"readout=naive_bayes: want softmax, naive-bayes or class-nodes"}},
	{"train=40&veiw=map", []string{"veiw=map: no such parameter (did you mean view?); ignored"}},
	{"train=40&trian=100", []string{"trian=100: no such parameter (did you mean train?)"}},
	{"train=40&embd=1", []string{"embd=1: no such parameter (did you mean embed?)"}},
	{"train=40&Readout=class-nodes", []string{"Readout=class-nodes: no such parameter (did you mean readout?)"}},
	{"train=40&sead=7", []string{"sead=7: no such parameter (did you mean seed?)"}},
	{"train=40&%zz", []string{`"%zz": broken percent-encoding`}},
	{"train=40&view=%", []string{`"view=%": broken percent-encoding`}},
	{"train=40&view=%E0%A4%A", []string{`"view=%E0%A4%A": broken percent-encoding`}},
	{"train=40&view=%00", []string{`view="\x00": want one of`}},
	{"train=40;seed=2", []string{`"train=40;seed=2": ';' does not separate parameters (use '&'); ignored`}},
}

// hostileCall is a window.sparsey call and what its answer's error must
// say.
type hostileCall struct {
	call string
	says string
}

var hostileCalls = []hostileCall{
	{`macRect("a", 0, 0)`, `sparsey.macRect: level must be a whole number from 1 to 3 (got "a")`},
	{`macRect(1, 0)`, `sparsey.macRect: mac must be a whole number from 0 to 143 (got nothing)`},
	{`macRect(NaN, 0, 0)`, `level must be a whole number from 1 to 3 (got NaN)`},
	{`macRect(1e308, 0, 0)`, `level must be a whole number from 1 to 3 (got 1e+308)`},
	{`macRect(1, 99, 0)`, `sparsey.macRect: grid must be a whole number from 0 to 2 (got 99)`},
	{`macRect(3, 0, Infinity)`, `mac must be a whole number from 0 to 3 (got Infinity)`},
	{`macRect(1.5, 0, 0)`, `level must be a whole number from 1 to 3 (got 1.5)`},
	{`focus({level: "1", grid: 0, mac: 0})`, `sparsey.focus: level must be a whole number from 1 to 3 (got "1")`},
	{`focus(42)`, `sparsey.focus: the argument must be {level, grid, mac} or null (got 42)`},
	{`focus({level: 1, grid: 0, mac: -1})`, `sparsey.focus: mac must be a whole number from 0 to 143 (got -1)`},
	{`focus([1, 0, 0])`, `sparsey.focus: the argument must be {level, grid, mac} or null (got an array)`},
	{`csa({g: NaN})`, `sparsey.csa: g must be a number from 0 to 1 (got NaN)`},
	{`csa({g: Infinity})`, `sparsey.csa: g must be a number from 0 to 1 (got Infinity)`},
	{`csa({g: "0.5"})`, `sparsey.csa: g must be a number from 0 to 1 (got "0.5")`},
	{`csa({level: 4})`, `sparsey.csa: level must be a whole number from 1 to 3 (got 4)`},
	{`csa({cm: 1e9})`, `sparsey.csa: cm must be a whole number from 0 to `},
	{`csa("csa")`, `sparsey.csa: the argument must be an object`},
	{`csa()`, `sparsey.csa: the argument must be an object {level, grid, mac, cm, g, redraw, walk} (got nothing)`},
	{`setView("maps")`, `sparsey.setView: name must be "" (the main view) or one of csa, map, capacity, sequence (got "maps")`},
	{`setView(42)`, `sparsey.setView: name must be`},
	{`setView("x".repeat(100000))`, `(got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"… (100000 characters))`},
	{`setView({})`, `sparsey.setView: name must be "" (the main view) or one of csa, map, capacity, sequence (got an object)`},
	{`setReadout("bayes")`, `sparsey.setReadout: name must be "softmax", "naive-bayes" or "class-nodes" (got "bayes")`},
	{`setReadout(null)`, `sparsey.setReadout: name must be "softmax", "naive-bayes" or "class-nodes" (got null)`},
	{`train(-5)`, `sparsey.train: n must be a whole number from 1 to 1000000 (got -5)`},
	{`train(NaN)`, `sparsey.train: n must be a whole number from 1 to 1000000 (got NaN)`},
	{`train("100")`, `sparsey.train: n must be a whole number from 1 to 1000000 (got "100")`},
	{`train(1e300)`, `sparsey.train: n must be a whole number from 1 to 1000000 (got 1e+300)`},
	{`train()`, `sparsey.train: n must be a whole number from 1 to 1000000 (got nothing)`},
	{`train(100n)`, `sparsey.train: n must be a whole number from 1 to 1000000 (got a bigint)`},
	{`learn(Symbol("3"))`, `sparsey.learn: label must be a digit from 0 to 9 or a name (got a symbol)`},
	{`test(Infinity)`, `sparsey.test: n must be a whole number from 1 to 1000000 (got Infinity)`},
	{`test({})`, `sparsey.test: n must be a whole number from 1 to 1000000 (got an object)`},
	{`learn()`, `sparsey.learn: label must be a digit from 0 to 9 or a name (got nothing)`},
	{`learn(NaN)`, `sparsey.learn: label must be a digit from 0 to 9 or a name (got NaN)`},
	{`learn({toString() { throw new Error("boom"); }})`, `sparsey.learn: label must be a digit from 0 to 9 or a name (got an object)`},
	{`learn("x".repeat(100000))`, `names are at most`},
	{`learn(12)`, `sparsey.learn: label must be a digit from 0 to 9 or a name (got 12)`},
	{`load("abc")`, `sparsey.load: bytes must be an ArrayBuffer or a Uint8Array (a memory file's bytes) (got "abc")`},
	{`load(123456789)`, `sparsey.load: bytes must be an ArrayBuffer or a Uint8Array (a memory file's bytes) (got 123456789)`},
	{`load({byteLength: 1e12})`, `sparsey.load: bytes must be an ArrayBuffer or a Uint8Array (a memory file's bytes) (got an object)`},
	{`load()`, `sparsey.load: bytes must be an ArrayBuffer or a Uint8Array (a memory file's bytes) (got nothing)`},
	{`load(new Uint8Array(10))`, `not a Sparsey memory file`},
	{`load(new ArrayBuffer(0))`, `not a Sparsey memory file`},
	{`load(new Float64Array([NaN, Infinity, 1e308]))`, `not a Sparsey memory file`},
	// The 38-byte file, made for this page: a ring of 64 GiB.
	{`load(ringOf64GiB())`, `codes of 65536 bytes in a window of 1048576`},
	// A host page's commands (the same as its messages from an allowed
	// origin, core.Command), malformed.
	{`command()`, `sparsey.command: the command must be an object {type: "sparsey", cmd, …} (got nothing)`},
	{`command(42)`, `sparsey.command: the command must be an object {type: "sparsey", cmd, …} (got 42)`},
	{`command([{type: "sparsey", cmd: "clear"}])`, `(got an array)`},
	{`command({type: "other", cmd: "clear"})`, `want "sparsey"`},
	{`command({type: "sparsey", cmd: "explode"})`, `no command "explode"`},
	{`command({type: "sparsey", cmd: 42})`, `bad command`},
	{`command({type: "sparsey", cmd: "setG", g: NaN})`, `sparsey.setG: g must be a number from 0 to 1, or null (got NaN)`},
	{`command({type: "sparsey", cmd: "setG", g: "0.5"})`, `g must be a number from 0 to 1, or null (got "0.5")`},
	{`command({type: "sparsey", cmd: "selectMac", level: 99})`, `sparsey.selectMac: level must be a whole number from 1 to 3 (got 99)`},
	{`command({type: "sparsey", cmd: "selectMac", mac: -Infinity})`, `mac must be a whole number from -1 to 143 (got -Infinity)`},
	{`command({type: "sparsey", cmd: "selectMac", cm: 1e300})`, `cm must be a whole number from 0 to 1 (got 1e+300)`},
	{`command({type: "sparsey", cmd: "teach", label: {}})`, `sparsey.teach: label must be a digit from 0 to 9 or a name (got an object)`},
	{`command({type: "sparsey", cmd: "teach", label: 10})`, `label must be a digit from 0 to 9 or a name (got 10)`},
	{`command({type: "sparsey", cmd: "draw", strokes: [[[NaN, 0.5]]]})`, `bad command`},
	{`command({type: "sparsey", cmd: "draw", strokes: [[[2, 0.5]]]})`, `stroke point [2 0.5]`},
	{`command({type: "sparsey", cmd: "draw", strokes: "x".repeat(2e6)})`, `a message of`},
	{`command({type: "sparsey", cmd: "setView", view: "<img src=x onerror=alert(1)>"})`, `no view`},
	{`command({type: "sparsey", cmd: "setReadout", readout: null})`, `no readout`},
	{`command({type: "sparsey", cmd: "set", param: "level", value: "99"})`, `level=99: want a level from 1 to 3`},
	{`command({type: "sparsey", cmd: "set", param: "d", value: "%%%"})`, `d=%%%: want the drawing of a link`},
	{`command({type: "sparsey", cmd: "set", param: "__proto__", value: "1"})`, `no setting __proto__`},
	{`command({type: "sparsey", cmd: "control", control: "nope"})`, `no control "nope"`},
	{`command((() => { const o = {type: "sparsey", cmd: "clear"}; o.self = o; return o; })())`, `bad command`},
	{`command({type: "sparsey", cmd: "clear", n: 1n})`, `bad command`},
	{`command({get type() { throw new Error("boom"); }})`, `bad command`},
}

// ringOf64GiBJS builds, in the page, a memory file with the page's own
// fingerprint (read from sparsey.save()) that declares a ring of codes of
// 64 KiB in a window of a million.
const ringOf64GiBJS = `window.ringOf64GiB = () => {
	const fp = sparsey.save().slice(8, 24);
	const b = [..."SPSM"].map(c => c.charCodeAt(0)).concat([3, 0, 0, 0], Array.from(fp));
	const u32 = (v) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
	b.push(...u32(0), ...u32(0), 0, 0, ...u32(65536), ...u32(1 << 20), ...u32(0), ...u32(0));
	let c = ~0; // CRC-32 (IEEE)
	for (const x of b) { c ^= x; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xEDB88320 & -(c & 1)); }
	b.push(...u32((~c) >>> 0));
	return new Uint8Array(b);
}`

// TestAttackTable walks the hostile addresses and API calls: none stops the
// page (state().phase is never "error", "the program stopped" never
// shows), each is answered with a message that names the parameter or
// argument (the banner, state().addressError, or the call's {ok: false,
// error}), the message is text (no element of HTML in it runs), and the
// page then recalls a digit drawn with real, paced pointer events.
func TestAttackTable(t *testing.T) {
	start := time.Now()
	p := newBrowser(t, "")
	crashes := 0
	for i, a := range hostileAddresses {
		ok := t.Run(fmt.Sprintf("address %d", i), func(t *testing.T) {
			p.t = t
			p.openAttacked(a)
			p.recallsAfter(fmt.Sprintf("?%.60s", a.query))
		})
		if !ok {
			crashes++
		}
	}
	addrTime := time.Since(start)

	p.t = t
	p.open(800, 600, "?train=300")
	p.waitFor(`s.phase === "ready"`, 60*time.Second)
	eval[any](p, ringOf64GiBJS+", null")
	items := p.state().Items
	for i, c := range hostileCalls {
		ok := t.Run(fmt.Sprintf("call %d", i), func(t *testing.T) {
			p.t = t
			type answer struct {
				OK    *bool  `json:"ok"`
				Error string `json:"error"`
			}
			raw := eval[json.RawMessage](p, fmt.Sprintf(`(() => { try { return sparsey.%s; } catch (e) { return {thrown: String(e)}; } })()`, c.call))
			var ans answer
			_ = json.Unmarshal(raw, &ans)
			if ans.OK == nil || *ans.OK || !strings.Contains(ans.Error, c.says) {
				t.Errorf("sparsey.%.60s answered %.300s; want {ok: false} with an error saying %q", c.call, raw, c.says)
			}
			st := p.memState()
			if st.Phase == "error" || st.Error == nil || !strings.Contains(*st.Error, c.says) {
				t.Errorf("after sparsey.%.60s: phase %q, state().error %v (want the message shown)", c.call, st.Phase, st.Error)
			}
			if st.Items != items {
				t.Errorf("after sparsey.%.60s: %d items stored, before %d", c.call, st.Items, items)
			}
			p.recallsAfter("sparsey." + c.call)
		})
		if !ok {
			crashes++
		}
	}
	t.Logf("%d hostile addresses (%v), %d hostile API calls: %d failed; %v in all",
		len(hostileAddresses), addrTime.Round(time.Second), len(hostileCalls), crashes, time.Since(start).Round(time.Second))
}

// openAttacked opens the page at a hostile address and checks that it
// starts, shows the banner with what a.says, and that nothing of the
// address became an element of the page.
func (p *page) openAttacked(a hostileAddress) {
	p.t.Helper()
	p.do(chromedp.EmulateViewport(800, 600), chromedp.Navigate(serverURL+"/index.html?"+a.query))
	p.waitFor(`s.firstFrameMs != null`, 60*time.Second)
	type banner struct {
		Address  *string `json:"address"`
		Text     string  `json:"text"`
		Shown    bool    `json:"shown"`
		Children int     `json:"children"`
		Injected int     `json:"injected"`
		Stopped  bool    `json:"stopped"`
	}
	b := eval[banner](p, `(() => { const e = document.getElementById("address"), t = document.getElementById("address-text");
		return {address: sparsey.state().addressError, text: t.textContent, shown: !e.hidden && getComputedStyle(e).display !== "none",
			children: t.children.length, injected: document.querySelectorAll("svg, img, b, iframe, script:not([src])").length,
			stopped: !document.getElementById("stopped").hidden}; })()`)
	if b.Stopped {
		p.t.Fatalf("the page shows that it stopped")
	}
	if b.Children != 0 || b.Injected != 0 {
		p.t.Errorf("the address made elements: %d in the banner, %d in the page", b.Children, b.Injected)
	}
	if b.Address == nil || !b.Shown || b.Text != *b.Address {
		p.t.Fatalf("no banner (shown %v, text %q, state().addressError %v)", b.Shown, b.Text, b.Address)
	}
	for _, w := range a.says {
		if !strings.Contains(b.Text, w) {
			p.t.Errorf("the banner %q does not say %q", b.Text, w)
		}
	}
	// The visitor closes the banner with a real click.
	r := eval[Rect](p, `(() => { const r = document.getElementById("address-close").getBoundingClientRect();
		return {x: r.left, y: r.top, width: r.width, height: r.height}; })()`)
	x, y := r.X+r.Width/2, r.Y+r.Height/2
	for _, typ := range []input.DispatchMouseEventType{input.DispatchMouseEventTypeMousePressed, input.DispatchMouseEventTypeMouseReleased} {
		if _, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1}); err != nil {
			p.t.Fatal(err)
		}
	}
	p.waitTicks(2)
	if shown := eval[bool](p, `!document.getElementById("address").hidden`); shown {
		p.t.Error("the banner does not close")
	}
}

// recallsAfter checks that the page is alive after what was done: it has
// learned some digits (asking for 40 more through sparsey.train when it
// has none), and a drawn 1 (real paced mouse events) is recalled with a
// class.
func (p *page) recallsAfter(what string) {
	p.t.Helper()
	if s := p.state(); s.Trained == 0 && (s.Phase == "ready" || s.Phase == "loading") {
		eval[any](p, "sparsey.train(40), null")
	}
	p.waitFor(`s.trained >= 20`, 60*time.Second)
	p.clear()
	s := p.draw(false, one())
	if s.Phase == "error" || s.Label == nil || s.RecalledVersion != s.PadVersion {
		p.t.Errorf("after %s: no recall of a drawn 1 (phase %s, label %v)", what, s.Phase, s.Label)
	}
	p.clear()
}
