//go:build !js

package e2e

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// The floors of a first visit (fresh browser profile, the deployed page):
// from navigation to the first recall of a drawn digit within 3 s on this
// 2-core machine when quiet, and within 8 s with the CPU throttled 4×
// (a school laptop), for the page and for a lesson embedding three views.
//
// The floors are not met yet (BENCHMARKS.md, "First visit": 4.9–5.6 s
// for the page, 10 s at 4×, on 2026-12-06). As for the other unmet floors (e2e/doc.go),
// make test logs the medians of floorRuns runs against the floors and
// fails on a regression only: a median over floorMargin (4) times the
// floor: a 2-core machine shared with parallel test jobs was measured to
// slow these quiet times by up to 2.4× (BENCHMARKS.md, "First visit":
// 15.20 s against 6.31 s), and the lesson at 4× is already 3.3 times its
// floor when quiet (its limit is half as long again: three programs
// start at once on two cores; 10.2 s and 30.1 s measured on 2026-12-06
// against limits of 12 s and 32 s before); with
// SPARSEY_E2E_FLOORS=1 the limit is the floor itself (margin 1), for a
// run on a quiet machine.
var floorRuns = flag.Int("floor-runs", 3, "runs of each first-visit measurement (a fresh browser each)")

var floorMargin = func() time.Duration {
	if os.Getenv("SPARSEY_E2E_FLOORS") == "1" {
		return 1
	}
	return 4
}()

var floors = map[float64]time.Duration{1: 3 * time.Second, 4: 8 * time.Second}

// throttle slows the page's CPU by rate (1: none).
func (p *page) throttle(rate float64) {
	p.t.Helper()
	if rate <= 1 {
		return
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: rate}); err != nil {
		p.t.Fatal(err)
	}
}

// pageBytes is what the page transferred so far (compressed, as on the
// wire): the document and every resource, by the Resource Timing API.
func (p *page) pageBytes() float64 {
	return eval[float64](p, `performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((n, e) => n + e.transferSize, 0)`)
}

func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

// TestFirstRecall: a first visit to the deployed page; the visitor draws
// a 1 as soon as the pad shows. The page starts from the learned memory
// it serves and recalls the drawing.
func TestFirstRecall(t *testing.T) {
	url := deployed(t)
	for _, rate := range []float64{1, 4} {
		t.Run(fmt.Sprintf("cpu%gx", rate), func(t *testing.T) {
			var recall, ready, first, bytesAt, bytesAll, live []float64
			for run := range *floorRuns {
				p := newBrowser(t, "")
				p.throttle(rate)
				p.do(chromedp.EmulateViewport(800, 600), chromedp.Navigate(url+"/"))
				p.waitFor(`s.firstFrameMs != null && s.padRect != null`, 60*time.Second)
				p.draw1()
				drawn := eval[float64](p, "performance.now()")
				at := p.pollMs(`s.recalledVersion === s.padVersion && s.strokes > 0 && s.memory === "served" && s.label !== null`, 60*time.Second)
				s := p.state()
				if s.LabelName != "1" {
					t.Errorf("run %d: the drawn 1 recalled as %s", run, label(s))
				}
				recall, ready, first = append(recall, at), append(ready, deref(s.ReadyMs)), append(first, deref(s.FirstFrameMs))
				bytesAt = append(bytesAt, p.pageBytes())
				p.waitFor(`s.dataLoaded >= 1`, 60*time.Second)
				time.Sleep(200 * time.Millisecond) // the last resource entry
				bytesAll = append(bytesAll, p.pageBytes())
				t.Logf("run %d: timings %v", run, eval[map[string]any](p, "sparsey.state().timings"))
				t.Logf("run %d: first frame %.0f ms, memory ready %.0f ms, the 1 drawn by %.0f ms, first recall of the drawn 1 %.0f ms (page clock from navigation); %.2f MB transferred by then, %.2f MB with all the training data",
					run, deref(s.FirstFrameMs), deref(s.ReadyMs), drawn, at, bytesAt[run]/1e6, bytesAll[run]/1e6)
				if rate == 1 {
					// Learning the default digits live ("Watch it learn").
					start := eval[float64](p, `sparsey.relearn(), performance.now()`)
					p.waitFor(`s.phase === "ready" && s.trained >= 10000 && s.memory === "new"`, 5*time.Minute)
					end := eval[float64](p, "performance.now()")
					live = append(live, (end-start)/1000)
					t.Logf("run %d: learning the 10,000 default digits live took %.1f s", run, (end-start)/1000)
				}
				p.close()
			}
			limit := floorMargin * floors[rate]
			t.Logf("CPU %g×, medians of %d runs: first frame %.0f ms, memory ready %.0f ms, first recall %.0f ms (floor %v, test limit %v); %.2f MB by the first recall, %.2f MB in all",
				rate, len(recall), median(first), median(ready), median(recall), floors[rate], limit, median(bytesAt)/1e6, median(bytesAll)/1e6)
			if len(live) > 0 {
				t.Logf("learning the default 10,000 digits live: median %.1f s", median(live))
			}
			if m := median(recall); m > float64(floors[rate].Milliseconds()) && floorMargin > 1 {
				t.Logf("floor not met (SPARSEY_E2E_FLOORS=1 fails on it): first recall after %.0f ms (median), floor %v", m, floors[rate])
			}
			if m := median(recall); m > float64(limit.Milliseconds()) {
				t.Errorf("first recall after %.0f ms (median): over the test limit %v (floor %v × %d)", m, limit, floors[rate], int(floorMargin))
			}
		})
	}
}

// draw1 draws a 1 on the page's pad with the mouse, as a person does: an
// event every humanEvery, whatever the page is doing, not paced by its
// ticks nor waiting for it to take the last one (the page keeps every
// position of a stroke between two ticks, its mouse trail, so a stroke
// drawn while it is busy is not lost: TestBusyStroke). It returns when the
// page has taken every event.
func (p *page) draw1() {
	p.t.Helper()
	p.strokeUnpaced(p.padRect(), one())
}

// humanEvery is the time between two mouse events of a person drawing
// (a 1 of seven points and the release: 0.3 s).
const humanEvery = 40 * time.Millisecond

// strokeUnpaced draws one stroke through pts with the mouse, an event every
// humanEvery (sent in order; each is answered when the page took it).
func (p *page) strokeUnpaced(r Rect, pts []pt) {
	p.t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(pts)+1)
	send := func(ev *input.DispatchMouseEventParams) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, *ev); err != nil {
				errs <- err
			}
		}()
		time.Sleep(humanEvery)
	}
	for i, q := range pts {
		typ := input.DispatchMouseEventTypeMouseMoved
		if i == 0 {
			typ = input.DispatchMouseEventTypeMousePressed
		}
		send(&input.DispatchMouseEventParams{Type: typ, X: r.X + q.X*r.Width, Y: r.Y + q.Y*r.Height, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1})
	}
	q := pts[len(pts)-1]
	send(&input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseReleased, X: r.X + q.X*r.Width, Y: r.Y + q.Y*r.Height, Button: input.MouseButtonLeft, ClickCount: 1})
	wg.Wait()
	close(errs)
	for err := range errs {
		p.t.Fatal(err)
	}
}

// pollMs waits for a condition on the state and returns performance.now()
// when it first held (polled every 25 ms).
func (p *page) pollMs(cond string, timeout time.Duration) float64 {
	p.t.Helper()
	p.waitFor(cond, timeout)
	return eval[float64](p, "performance.now()")
}

// TestLesson: a first visit to a lesson on another origin that embeds
// three views of the deployed page (the csa view, the map view, the main
// view), each allowing the lesson's origin; the visitor draws a 1 in each
// in turn as soon as it answers. The host's clock times each embed's
// first recall of the drawing and when each was ready.
func TestLesson(t *testing.T) {
	url := deployed(t)
	host := newHost(t)
	origin := "&origin=" + host.url
	lesson := host.page(t, "lesson.html", hostPage(url,
		[2]string{url + "/?embed=1&view=csa" + origin, "left:0;top:0;width:640px;height:480px"},
		[2]string{url + "/?embed=1&view=map" + origin, "left:650px;top:0;width:640px;height:480px"},
		[2]string{url + "/?embed=1" + origin, "left:0;top:490px;width:640px;height:480px"}))
	for _, rate := range []float64{1, 4} {
		t.Run(fmt.Sprintf("cpu%gx", rate), func(t *testing.T) {
			var firsts, alls []float64
			for run := range *floorRuns {
				p := newBrowser(t, "")
				p.throttle(rate)
				p.do(chromedp.EmulateViewport(1300, 980), chromedp.Navigate(lesson))
				var recalls []string
				var first, all float64
				for i := range 3 {
					st := p.embedState(i, 60*time.Second)
					p.strokeInto(i, st, one())
					at := p.hostWait(fmt.Sprintf(`(() => { const m = last(%d, "sparsey:recall"); const s = m && m.state;
						return s && s.recalledVersion === s.padVersion && s.strokes > 0 && s.memory === "served" && s.label !== null ? m.t : null; })()`, i), 60*time.Second)
					if i == 0 {
						first = at
					}
					all = at
					got := eval[State](p, fmt.Sprintf(`last(%d, "sparsey:recall").state`, i))
					recalls = append(recalls, fmt.Sprintf("%s %.0f ms (%s)", []string{"csa", "map", "main"}[i], at, label(got)))
					if got.LabelName != "1" {
						t.Errorf("run %d, embed %d: the drawn 1 recalled as %s", run, i, label(got))
					}
				}
				readies := eval[[]float64](p, `[0, 1, 2].map((i) => { const m = last(i, "sparsey:ready"); return m ? m.t : -1; })`)
				firsts, alls = append(firsts, first), append(alls, all)
				t.Logf("run %d: first recall in each embed (host clock from navigation): %s; ready at %.0f ms", run, strings.Join(recalls, ", "), readies)
				p.close()
			}
			// Three programs start at once on a 2-core machine: each gets
			// at most 2/3 of a core, so the regression limit (not the
			// floor) is half as long again as the page's.
			limit := floorMargin * floors[rate]
			if floorMargin > 1 {
				limit = limit * 3 / 2
			}
			t.Logf("CPU %g×, medians of %d runs: first recall in the lesson %.0f ms, the third embed's %.0f ms (floor %v, test limit %v)",
				rate, len(firsts), median(firsts), median(alls), floors[rate], limit)
			if m := median(firsts); m > float64(floors[rate].Milliseconds()) && floorMargin > 1 {
				t.Logf("floor not met (SPARSEY_E2E_FLOORS=1 fails on it): first recall in the lesson after %.0f ms (median), floor %v", m, floors[rate])
			}
			if m := median(firsts); m > float64(limit.Milliseconds()) {
				t.Errorf("first recall after %.0f ms (median): over the test limit %v", m, limit)
			}
		})
	}
}

// embedState waits until embed i answers (its program runs) and returns
// its state, through the host's messages.
func (p *page) embedState(i int, timeout time.Duration) State {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		s, err := chromedp.Run(p.ctx, chromedp.Evaluate[*State](fmt.Sprintf(`send(%d, {cmd: "state"}).then((r) => r && r.ok && r.state.padRect ? r.state : null)`, i), chromedp.EvalAwaitPromise))
		if err == nil && s != nil {
			return *s
		}
		time.Sleep(25 * time.Millisecond)
	}
	p.t.Fatalf("embed %d does not answer", i)
	return State{}
}

// hostWait polls a host expression until it is a number and returns it.
func (p *page) hostWait(expr string, timeout time.Duration) float64 {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Poll[float64](expr, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(25*time.Millisecond)))
	if err != nil {
		p.t.Fatalf("waiting for %s: %v", expr, err)
	}
	return v
}

// strokeInto draws a stroke into embed i (pad from its state st) with the
// mouse, pacing each event by the embed's ticks, asked through messages.
func (p *page) strokeInto(i int, st State, pts []pt) {
	p.t.Helper()
	r := st.PadRect
	ox := eval[float64](p, fmt.Sprintf(`document.querySelectorAll("iframe")[%d].getBoundingClientRect().left`, i))
	oy := eval[float64](p, fmt.Sprintf(`document.querySelectorAll("iframe")[%d].getBoundingClientRect().top`, i))
	ticks := func() int {
		return eval[int](p, fmt.Sprintf(`send(%d, {cmd: "state"}).then((r) => r ? r.state.ticks : -1)`, i))
	}
	pace := func() {
		t0 := ticks()
		for ticks() < t0+2 {
			time.Sleep(5 * time.Millisecond)
		}
	}
	for j, q := range pts {
		typ := input.DispatchMouseEventTypeMouseMoved
		if j == 0 {
			typ = input.DispatchMouseEventTypeMousePressed
		}
		x, y := ox+r.X+q.X*r.Width, oy+r.Y+q.Y*r.Height
		if _, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1}); err != nil {
			p.t.Fatal(err)
		}
		pace()
	}
	last := pts[len(pts)-1]
	if _, err := chromedp.Call(p.ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
		Type: input.DispatchMouseEventTypeMouseReleased, X: ox + r.X + last.X*r.Width, Y: oy + r.Y + last.Y*r.Height,
		Button: input.MouseButtonLeft, ClickCount: 1}); err != nil {
		p.t.Fatal(err)
	}
	pace()
}

// TestBusyStroke: the whole stroke of a 0 reaches the page within one task
// (as it does after the page was busy: the browser delivers the events
// queued meanwhile at once, and a tick sees only their end) and is drawn
// through all of its positions: the same drawing (its link) as the same
// events sent one per two ticks, recalled alike; with the mouse and with a
// finger. Before the mouse trail the mouse's stroke was a dot where the
// button was released. (The events are made in the page: real input waits
// for the page to take each one.)
func TestBusyStroke(t *testing.T) {
	for _, dev := range []string{"mouse", "touch"} {
		t.Run(dev, func(t *testing.T) {
			p := newBrowser(t, "")
			p.open(800, 600, "?train=200")
			p.waitFor(`s.phase === "ready"`, 60*time.Second)
			pts, _ := json.Marshal(zero())
			eval[any](p, fmt.Sprintf(`window.synth = async (paced) => {
				const r = sparsey.padRect(), c = document.querySelector("canvas"), pts = %s, touch = %t;
				const at = (q) => ({ clientX: Math.round(r.x + q.X * r.width), clientY: Math.round(r.y + q.Y * r.height), bubbles: true, cancelable: true, view: window });
				const ticks = async () => { const t0 = sparsey.state().ticks; while (sparsey.state().ticks < t0 + 2) await new Promise((ok) => setTimeout(ok, 5)); };
				const fire = (kind, q) => {
					const ev = at(q);
					if (touch) {
						const tc = new Touch({ identifier: 7, target: c, clientX: ev.clientX, clientY: ev.clientY });
						const type = { down: "touchstart", move: "touchmove", up: "touchend" }[kind];
						c.dispatchEvent(new TouchEvent(type, { touches: kind === "up" ? [] : [tc], targetTouches: kind === "up" ? [] : [tc], changedTouches: [tc], bubbles: true, cancelable: true }));
						return;
					}
					const b = kind === "up" ? 0 : 1;
					c.dispatchEvent(new PointerEvent("pointer" + kind, { ...ev, pointerType: "mouse", button: kind === "move" ? -1 : 0, buttons: b }));
					c.dispatchEvent(new MouseEvent("mouse" + kind, { ...ev, button: 0, buttons: b }));
				};
				for (const [i, q] of pts.entries()) {
					fire(i === 0 ? "down" : "move", q);
					if (paced) await ticks();
				}
				fire("up", pts[pts.length - 1]);
				return null;
			}, null`, pts, dev == "touch"))
			drawing := func() (State, string) {
				p.waitFor("s.recalledVersion === s.padVersion && s.strokes > 0", 30*time.Second)
				_, d, _ := strings.Cut(eval[string](p, "sparsey.state().link"), "d=")
				d, _, _ = strings.Cut(d, "&")
				return p.state(), d
			}
			eval[any](p, `synth(true)`)
			ref, refD := drawing()
			p.clear()
			eval[any](p, `synth(false), null`) // one task: no await before the last event
			got, gotD := drawing()
			t.Logf("one event per two ticks: %s, %s; all in one task: %s, %s", label(ref), refD, label(got), gotD)
			if got.Strokes != 1 || gotD == "" || gotD != refD {
				t.Errorf("the stroke sent in one task is not the paced one: %d strokes, drawing %q, want %q", got.Strokes, gotD, refD)
			}
			if got.LabelName != ref.LabelName {
				t.Errorf("recalled as %s, the paced stroke as %s", label(got), label(ref))
			}
		})
	}
}
