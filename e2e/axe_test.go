//go:build !js

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeVersion is the axe-core release the accessibility test runs (the npm
// package, fetched at test time into .cache/axe-core, which git ignores).
const axeVersion = "4.11.0"

var axeOnce = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(repoRoot(), ".cache", "axe-core")
	js := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if b, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "package.json")); err == nil &&
		strings.Contains(string(b), `"version": "`+axeVersion+`"`) {
		src, err := os.ReadFile(js)
		return string(src), err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	cmd := exec.Command("npm", "install", "--no-save", "--no-audit", "--no-fund", "--no-package-lock", "--prefix", dir, "axe-core@"+axeVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install axe-core@%s (npm and the npm registry are needed): %v\n%s", axeVersion, err, out)
	}
	src, err := os.ReadFile(js)
	return string(src), err
})

// violation is one of axe's violations on the page.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe runs axe-core on the page as it is and returns its violations.
func (p *page) axe() []violation {
	p.t.Helper()
	src, err := axeOnce()
	if err != nil {
		p.t.Fatal(err)
	}
	if !eval[bool](p, "typeof window.axe === 'object'") {
		eval[any](p, src+"\n;null")
	}
	return eval[[]violation](p, `axe.run(document, {resultTypes: ["violations"]}).then((r) => r.violations.map((v) =>
		({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" "))})))`)
}

// TestAxe: axe-core finds no serious or critical violation on the page,
// in each view, embedded, and on the lesson (every violation is logged). First, the
// harness: an image without a text alternative and a button without a
// name, added to the page, must be reported.
func TestAxe(t *testing.T) {
	p := newBrowser(t, "")
	t.Run("harness", func(t *testing.T) {
		p.t = t
		p.open(800, 600, "")
		eval[any](p, `document.body.insertAdjacentHTML("beforeend", '<img src="favicon.svg" id="bad-img"><button id="bad-button"></button>'), null`)
		found := map[string]bool{}
		for _, v := range p.axe() {
			found[v.ID] = true
		}
		if !found["image-alt"] || !found["button-name"] {
			t.Fatalf("axe did not report the planted violations: %v", found)
		}
	})
	// The lesson (/lesson/): its own HTML, with the first embed loading
	// (the others are lazy and below the first screen).
	t.Run("lesson", func(t *testing.T) {
		p.t = t
		p.do(chromedp.EmulateViewport(1280, 720), chromedp.Navigate(serverURL+"/lesson/"))
		p.waitDoc()
		n := 0
		for _, v := range p.axe() {
			n++
			msg := fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s", msg)
			} else {
				t.Logf("%s", msg)
			}
		}
		t.Logf("the lesson: %d violations", n)
	})
	for _, q := range []string{"", "?view=csa", "?view=map", "?view=capacity", "?view=sequence", "?embed=1", "?embed=1&view=csa"} {
		t.Run("query="+q, func(t *testing.T) {
			p.t = t
			p.open(1280, 720, q)
			p.waitFor(`s.phase === "ready"`, 60*time.Second)
			p.waitTicks(10)
			for _, v := range p.axe() {
				msg := fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s", msg)
				} else {
					t.Logf("%s", msg)
				}
			}
		})
	}
}
