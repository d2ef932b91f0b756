package depcheck

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/sparsey-web/sparsey"

type pkg struct {
	ImportPath string
	Imports    []string
	Standard   bool
}

// rules: for each package prefix (longest match wins), the module packages
// and third-party modules it may import, and standard packages it must not.
// A denied standard package is denied with everything under it: "image"
// also denies "image/png". No package imports "testing" unless its rule says
// testing (helpers imported only from _test.go files).
var rules = []struct {
	prefix  string
	allow   []string // module-internal or third-party prefixes
	denyStd []string
	stdOnly bool
	testing bool
}{
	{prefix: "engine", allow: []string{"github.com/bits-and-blooms/bitset"},
		denyStd: []string{"os", "net", "time", "image", "syscall", "io/fs"}},
	{prefix: "engine/mnist", allow: []string{module + "/engine"},
		denyStd: []string{"net", "os/exec", "syscall/js"}},
	{prefix: "engine/baseline", allow: []string{module + "/engine"}, denyStd: []string{"net", "os/exec", "syscall/js"}},
	{prefix: "cmd", allow: []string{module + "/engine", module + "/internal/gomnist", module + "/wasm/pad"}},
	{prefix: "internal/gomnist", allow: []string{module + "/engine"}},
	{prefix: "internal/gomnist/gomnisttest", allow: []string{module + "/engine", module + "/internal/gomnist"}, testing: true},
	{prefix: "server", stdOnly: true},
	// The page: package main holds the browser's adapters over wasm/core;
	// below it nothing knows Ebiten or the browser (syscall/js) and
	// arrows point down: core → pad, viz, teach, store → engine.
	{prefix: "wasm", allow: []string{module + "/wasm/", "github.com/hajimehoshi/ebiten/v2"},
		denyStd: []string{"net/http", "os"}},
	{prefix: "wasm/core", allow: []string{module + "/engine", module + "/wasm/pad", module + "/wasm/viz", module + "/wasm/teach", module + "/wasm/store", module + "/wasm/recall"},
		denyStd: []string{"syscall/js", "net/http", "os"}},
	{prefix: "wasm/teach", allow: []string{module + "/engine", module + "/wasm/pad", module + "/wasm/viz", module + "/wasm/recall"},
		denyStd: []string{"syscall/js", "net", "os"}},
	{prefix: "wasm/store", allow: []string{module + "/engine"}, denyStd: []string{"syscall/js", "net", "os", "time"}},
	{prefix: "wasm/pad", allow: []string{module + "/engine"}, denyStd: []string{"syscall/js", "net", "os"}},
	{prefix: "wasm/pad/pen", allow: []string{module + "/engine", module + "/wasm/pad"}, denyStd: []string{"syscall/js", "net", "os", "time"}},
	{prefix: "wasm/viz", allow: []string{module + "/engine", module + "/wasm/recall"}, denyStd: []string{"syscall/js", "net", "os"}},
	{prefix: "wasm/recall", allow: []string{module + "/engine"}, denyStd: []string{"syscall/js", "net", "os", "time"}},
	{prefix: "tools", allow: []string{module + "/engine", module + "/internal/gomnist", "github.com/andybalholm/brotli"}},
	// mkmemory learns through the page's own logic, so its memory is the page's.
	{prefix: "tools/mkmemory", allow: []string{module + "/engine", module + "/internal/gomnist", module + "/wasm/core"}},
	{prefix: "e2e", allow: []string{module + "/engine", module + "/internal/gomnist", module + "/wasm/pad", module + "/wasm/store", "github.com/chromedp/", "github.com/andybalholm/brotli"}},
	{prefix: "internal/depcheck"},
	{prefix: "internal/docs"},
}

// under reports whether path is prefix or a package under it.
func under(path, prefix string) bool {
	prefix = strings.TrimSuffix(prefix, "/")
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

func listPackages(t *testing.T, env ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "-e", module+"/...")
	cmd.Env = append(cmd.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func TestImportRules(t *testing.T) {
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		for _, p := range listPackages(t, env...) {
			rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
			best := -1
			for i, r := range rules {
				if under(rel, r.prefix) && (best < 0 || len(r.prefix) > len(rules[best].prefix)) {
					best = i
				}
			}
			if best < 0 {
				t.Errorf("%s: no import rule; add one to depcheck", p.ImportPath)
				continue
			}
			r := rules[best]
			for _, imp := range p.Imports {
				if isStd(imp) {
					for _, d := range r.denyStd {
						if under(imp, d) {
							t.Errorf("%s (%v) imports %s, which its rule forbids (%s)", p.ImportPath, env, imp, d)
						}
					}
					if imp == "testing" && !r.testing {
						t.Errorf("%s (%v) imports testing outside its tests", p.ImportPath, env)
					}
					continue
				}
				if r.stdOnly {
					t.Errorf("%s imports %s: standard library only", p.ImportPath, imp)
					continue
				}
				ok := false
				for _, a := range r.allow {
					if under(imp, a) {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s imports %s, not allowed by its rule", p.ImportPath, imp)
				}
			}
		}
	}
}

// TestRuleMatching: a denied or allowed path covers the packages under it,
// and only those.
func TestRuleMatching(t *testing.T) {
	for _, tc := range []struct {
		path, prefix string
		want         bool
	}{
		{"image", "image", true},
		{"image/png", "image", true},
		{"image/color/palette", "image", true},
		{"imagery", "image", false},
		{"net/http", "net", true},
		{"netx", "net", false},
		{module + "/wasm/core", module + "/wasm/", true},
		{module + "/wasm", module + "/wasm/", true},
		{module + "/wasmx", module + "/wasm/", false},
	} {
		if got := under(tc.path, tc.prefix); got != tc.want {
			t.Errorf("under(%q, %q) = %v", tc.path, tc.prefix, got)
		}
	}
}

// TestCommandsWithoutTesting: no command links package testing (test
// helpers must stay in _test.go files).
func TestCommandsWithoutTesting(t *testing.T) {
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{if eq .Name \"main\"}}{{.ImportPath}}{{end}}", module+"/...")
		cmd.Env = append(cmd.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list: %v", err)
		}
		mains := strings.Fields(string(out))
		if len(mains) == 0 {
			t.Fatal("no commands found")
		}
		for _, m := range mains {
			cmd := exec.Command("go", "list", "-deps", m)
			cmd.Env = append(cmd.Environ(), env...)
			deps, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list -deps %s: %v", m, err)
			}
			for _, d := range strings.Fields(string(deps)) {
				if d == "testing" {
					t.Errorf("%s (%v) links package testing", m, env)
				}
			}
		}
	}
}
