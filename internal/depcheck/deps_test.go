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
var rules = []struct {
	prefix  string
	allow   []string // module-internal or third-party prefixes
	denyStd []string
	stdOnly bool
}{
	{prefix: "engine", allow: []string{"github.com/bits-and-blooms/bitset"},
		denyStd: []string{"os", "net", "net/http", "time", "image", "syscall/js", "os/exec", "io/fs"}},
	{prefix: "engine/mnist", allow: []string{module + "/engine"},
		denyStd: []string{"net", "net/http", "os/exec", "syscall/js"}},
	{prefix: "engine/baseline", allow: []string{module + "/engine"}, denyStd: []string{"net", "os/exec", "syscall/js"}},
	{prefix: "cmd", allow: []string{module + "/engine", module + "/internal/gomnist", module + "/wasm/pad"}},
	{prefix: "internal/gomnist", allow: []string{module + "/engine"}},
	{prefix: "server", stdOnly: true},
	{prefix: "wasm/pad", allow: []string{module + "/engine"}, denyStd: []string{"syscall/js", "net/http"}},
	{prefix: "wasm/pad/pen", allow: []string{module + "/engine", module + "/wasm/pad"}, denyStd: []string{"syscall/js", "net/http", "os", "time"}},
	{prefix: "wasm/viz", allow: []string{module + "/engine"}, denyStd: []string{"syscall/js", "net/http"}},
	{prefix: "wasm", allow: []string{module + "/engine", module + "/wasm/", "github.com/hajimehoshi/ebiten/v2"},
		denyStd: []string{"net/http"}},
	{prefix: "tools", allow: []string{module + "/engine", module + "/internal/gomnist", "github.com/andybalholm/brotli"}},
	{prefix: "e2e", allow: []string{module + "/engine", module + "/internal/gomnist", module + "/wasm/pad", "github.com/chromedp/", "github.com/andybalholm/brotli"}},
	{prefix: "internal/depcheck"},
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
				if (rel == r.prefix || strings.HasPrefix(rel, r.prefix+"/")) && (best < 0 || len(r.prefix) > len(rules[best].prefix)) {
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
						if imp == d {
							t.Errorf("%s (%v) imports %s, which its rule forbids", p.ImportPath, env, imp)
						}
					}
					continue
				}
				if r.stdOnly {
					t.Errorf("%s imports %s: standard library only", p.ImportPath, imp)
					continue
				}
				ok := false
				for _, a := range r.allow {
					if imp == a || strings.HasPrefix(imp, strings.TrimSuffix(a, "/")+"/") || imp == strings.TrimSuffix(a, "/") {
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
