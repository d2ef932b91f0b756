//go:build !js

package e2e

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

var profileDir = flag.String("profile", "", "TestPageProfile writes Chromium CPU profiles of the page learning and recalling to this directory (skipped without it)")

// TestPageProfile profiles the page's main thread (JavaScript and the wasm,
// built with its function names) with Chromium's sampling profiler while it
// learns 10,000 digits and while it recalls (drawings, then a test job),
// writes the profiles (open them in Chrome DevTools) and logs where the
// time goes. It only measures; it is skipped unless -profile is given.
func TestPageProfile(t *testing.T) {
	if *profileDir == "" {
		t.Skip("profiling: run with -profile DIR")
	}
	if err := os.MkdirAll(*profileDir, 0o755); err != nil {
		t.Fatal(err)
	}
	// The page with a wasm that keeps its name section.
	cmd := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(webDir, "game-prof.wasm"), "./wasm")
	cmd.Dir = repoRoot()
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the profiling wasm: %v\n%s", err, out)
	}
	html, err := os.ReadFile(filepath.Join(webDir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html = []byte(strings.Replace(string(html), `data-wasm="game.wasm"`, `data-wasm="game-prof.wasm"`, 1))
	if err := os.WriteFile(filepath.Join(webDir, "index-prof.html"), html, 0o644); err != nil {
		t.Fatal(err)
	}

	// Starting: from navigation (a fresh profile) to the first recall of
	// a 1 drawn as soon as the pad shows, as in TestFirstRecall.
	ps := newBrowser(t, "")
	ps.do(chromedp.EmulateViewport(800, 600), chromedp.Navigate(serverURL+"/favicon.svg"))
	if _, err := chromedp.Call(ps.ctx, profiler.Enable, struct{}{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ps.ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		t.Fatal(err)
	}
	profile(t, ps, "start", func() {
		ps.do(chromedp.Navigate(serverURL + "/index-prof.html"))
		ps.waitFor(`s.firstFrameMs != null && s.padRect != null`, 60*time.Second)
		ps.draw1()
		ps.waitFor(`s.recalledVersion === s.padVersion && s.strokes > 0 && s.memory === "served" && s.label !== null`, 60*time.Second)
		t.Logf("start: timings %v", eval[map[string]any](ps, "sparsey.state().timings"))
	})
	ps.close()

	const n = 10000
	p := newBrowser(t, "")
	p.do(chromedp.EmulateViewport(800, 600), chromedp.Navigate(fmt.Sprintf("%s/index-prof.html?train=%d", serverURL, n)))
	p.waitFor(`s.firstFrameMs != null`, 60*time.Second)
	if _, err := chromedp.Call(p.ctx, profiler.Enable, struct{}{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		t.Fatal(err)
	}
	profile(t, p, "learn", func() {
		p.waitFor(fmt.Sprintf(`s.phase === "ready" && s.trained >= %d`, n), trainTimeout(n))
	})
	profile(t, p, "draw", func() {
		for range 3 {
			p.clear()
			p.draw(false, zero())
			p.clear()
			p.draw(true, one())
		}
	})
	profile(t, p, "test", func() {
		eval[any](p, "sparsey.test(5000), null")
		p.waitFor(`s.testAccuracy !== null`, 10*time.Minute)
	})
}

// profile records a CPU profile while f runs, writes it to
// <profile>/<name>.cpuprofile and logs the functions with the most samples,
// on top of the stack (self) and anywhere on it (total).
func profile(t *testing.T, p *page, name string, f func()) {
	t.Helper()
	if _, err := chromedp.Call(p.ctx, profiler.Start, struct{}{}); err != nil {
		t.Fatal(err)
	}
	w0 := time.Now()
	f()
	wall := time.Since(w0)
	res, err := chromedp.Call(p.ctx, profiler.Stop, struct{}{})
	if err != nil {
		t.Fatal(err)
	}
	prof := res.Profile
	b, err := json.Marshal(prof)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(*profileDir, name+".cpuprofile")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	self, total, all := summarize(prof)
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s: %v wall, %d samples (%s)\n  self:", name, wall.Round(time.Millisecond), all, path)
	for _, e := range top(self, 25) {
		fmt.Fprintf(&sb, "\n    %5.1f%%  %s", 100*float64(e.n)/float64(all), e.name)
	}
	sb.WriteString("\n  total (on the stack):")
	for _, e := range top(total, 40) {
		fmt.Fprintf(&sb, "\n    %5.1f%%  %s", 100*float64(e.n)/float64(all), e.name)
	}
	t.Log(sb.String())
}

type entry struct {
	name string
	n    int64
}

func top(m map[string]int64, k int) []entry {
	var out []entry
	for name, n := range m {
		out = append(out, entry{name, n})
	}
	slices.SortFunc(out, func(a, b entry) int { return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.name, b.name)) })
	return out[:min(k, len(out))]
}

// summarize counts samples per function: self (on top of the stack) and
// total (anywhere on the stack, once per sample).
func summarize(prof *profiler.Profile) (self, total map[string]int64, all int64) {
	self, total = map[string]int64{}, map[string]int64{}
	parent := map[int64]int64{}
	byID := map[int64]*profiler.ProfileNode{}
	for _, n := range prof.Nodes {
		byID[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	name := func(n *profiler.ProfileNode) string {
		f := n.CallFrame.FunctionName
		if f == "" {
			f = "(anonymous)"
		}
		if u := n.CallFrame.URL; u != "" && !strings.HasPrefix(f, "(") {
			f += " [" + filepath.Base(u) + "]"
		}
		return f
	}
	for _, n := range prof.Nodes {
		if n.HitCount == 0 {
			continue
		}
		all += n.HitCount
		self[name(n)] += n.HitCount
		seen := map[string]bool{}
		for id, ok := n.ID, true; ok; id, ok = parent[id] {
			nm := name(byID[id])
			if !seen[nm] {
				seen[nm] = true
				total[nm] += n.HitCount
			}
		}
	}
	return self, total, all
}
