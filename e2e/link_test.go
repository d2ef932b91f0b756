//go:build !js

package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestCopiedLink: in each view, embedded, the visitor changes its
// settings and draws, then taps "Copy link"; the link opens the same view,
// settings and drawing, recalled, in another browser (a fresh profile).
// The Clipboard API is used where it is allowed, the copy command where it
// is denied.
func TestCopiedLink(t *testing.T) {
	for _, tc := range []struct {
		view   string
		setup  string   // script run after drawing: settings changed as a host or script would
		fields []string // state fields that must come back the same
		clip   bool     // the clipboard allowed
	}{
		{"", `sparsey.setReadout("class-nodes")`, []string{"readout"}, true},
		{"csa", `sparsey.csa({level: 3, grid: 0, mac: 1, cm: 2, g: 0.3})`,
			[]string{"csaLevel", "csaGrid", "csaMac", "csaCM", "csaG", "csaOverride", "csaMaxV", "csaEta"}, false},
		{"map", ``, []string{"view"}, true},
		{"capacity", ``, []string{"view"}, false},
		{"sequence", ``, []string{"view", "seqFrames"}, true},
	} {
		t.Run("view="+tc.view, func(t *testing.T) {
			p := newBrowser(t, "")
			perm := browser.PermissionSettingDenied
			if tc.clip {
				perm = browser.PermissionSettingGranted
			}
			if _, err := chromedp.CallBrowser(p.ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: "clipboard-write"}, Setting: perm}); err != nil {
				t.Fatal(err)
			}
			p.open(640, 480, "?embed=1&view="+tc.view)
			p.waitFor(`s.phase === "ready" && s.memory === "served"`, 60*time.Second)
			p.draw(true, cross()...)
			if tc.setup != "" {
				eval[any](p, tc.setup+", null")
			}
			p.waitTicks(4)
			p.waitFor("s.recalledVersion === s.padVersion", 10*time.Second)
			p.tapOn("#copy-link", 0.5)
			p.waitFor(`s.copied !== "" && s.copiedBy !== ""`, 10*time.Second)
			s := p.state()
			how := map[bool]string{true: "clipboard", false: "execCommand"}[tc.clip]
			if s.CopiedBy != how {
				t.Errorf("copied by %s, want %s", s.CopiedBy, how)
			}
			if addr := eval[string](p, "location.href"); addr != s.Copied {
				t.Errorf("the address %s is not the link copied %s", addr, s.Copied)
			}
			u, err := url.Parse(s.Copied)
			if err != nil || u.Query().Get("d") == "" {
				t.Fatalf("link %q: %v", s.Copied, err)
			}
			fields := append([]string{"view", "strokes", "label", "familiarity", "padVersion"}, tc.fields...)
			js := "(() => { const s = sparsey.state(); return JSON.stringify([" + strings.Join(func() []string {
				var out []string
				for _, f := range fields {
					out = append(out, "s."+f)
				}
				return out
			}(), ", ") + "]); })()"
			before := eval[string](p, js)
			t.Logf("link (%d characters): %s", len(s.Copied), s.Copied)
			p.close() // (what it logged is still checked at the end)

			q := newBrowser(t, "")
			q.do(chromedp.EmulateViewport(640, 480), chromedp.Navigate(s.Copied))
			q.waitFor(`s.phase === "ready" && s.memory === "served" && s.strokes > 0 && s.recalledVersion === s.padVersion`, 60*time.Second)
			q.waitTicks(4)
			q.waitFor(`s.view !== "csa" || s.csaVersion === s.padVersion`, 20*time.Second)
			after := eval[string](q, js)
			// padVersion counts edits: one setting of the whole drawing in
			// the new browser, one edit per point here.
			b, a := strings.Split(before, ","), strings.Split(after, ",")
			for i, f := range fields {
				if f != "padVersion" && b[i] != a[i] {
					t.Errorf("%s: %s here, %s from the link", f, b[i], a[i])
				}
			}
			if ql := eval[string](q, "location.href"); ql != s.Copied {
				t.Errorf("the new browser's address %s, the link %s", ql, s.Copied)
			}
			screenshot(t, q, fmt.Sprintf("link-%s.png", map[string]string{"": "main"}[tc.view]+tc.view))
		})
	}
}
