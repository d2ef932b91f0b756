//go:build !js

package e2e

import (
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
)

var (
	updateScreenshot = flag.Bool("update-screenshot", false, "write docs/screenshot.png from TestDrawDigits")
	trainN           = flag.Int("train", 10000, "training digits the page learns before the recall tests")
)

var (
	serverURL  string // the served web directory
	webDir     string
	chromePath string
	wasmPath   string
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if testing.Short() {
		return m.Run() // browser tests skip themselves
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromePath = p
			break
		}
	}
	if chromePath == "" {
		fmt.Fprintln(os.Stderr, "e2e: Chromium is not on PATH: install it (Debian: apt-get install chromium) or run with -short to skip the browser tests")
		return 1
	}
	dir, err := os.MkdirTemp("", "sparsey-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	webDir = dir
	if err := prepare(dir); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: preparing the page:", err)
		return 1
	}
	srv := httptest.NewServer(noStore(http.FileServer(http.Dir(dir))))
	defer srv.Close()
	serverURL = srv.URL
	defer stopDeployed()
	return m.Run()
}

// csp is the production server's Content-Security-Policy (server/headers.go),
// so a CSP violation (a console error) fails the tests.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
	"img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors *"

func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if r.URL.Path != "/host.html" { // the test's embedding page has inline styles
			w.Header().Set("Content-Security-Policy", csp)
		}
		h.ServeHTTP(w, r)
	})
}

// repoRoot is the module root (the parent of this package's directory).
func repoRoot() string {
	wd, _ := os.Getwd()
	return filepath.Dir(wd)
}

// prepare builds the page into dir: game.wasm, wasm_exec.js, the web files,
// the sample data and a host page for the embed test.
func prepare(dir string) error {
	root := repoRoot()
	wasmPath = filepath.Join(dir, "game.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasmPath, "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building game.wasm: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	if err := copyFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js")); err != nil {
		return err
	}
	for _, f := range []string{"index.html", "style.css", "main.js", "webgl.js", "favicon.svg"} {
		if err := copyFile(filepath.Join(root, "web", f), filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	// The lesson (/lesson/), a folder of its own.
	if err := copyDir(filepath.Join(root, "web", "lesson"), filepath.Join(dir, "lesson")); err != nil {
		return err
	}
	// The learned memory the page starts from, made as `make dist` does.
	mk := exec.Command("go", "run", "./tools/mkmemory", "-out", dir)
	mk.Dir = root
	if out, err := mk.CombinedOutput(); err != nil {
		return fmt.Errorf("making the served memory: %v\n%s", err, out)
	}
	train, test, err := gomnist.Load()
	if err != nil {
		return err
	}
	for name, d := range map[string]*mnist.Dataset{"mnist-train.bin": train, "mnist-test.bin": test} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		up, err := mnist.UprightDataset(d) // as tools/mksample stores them
		if err != nil {
			f.Close()
			return err
		}
		if err := mnist.EncodeSample(f, up); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	host := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embed host</title><link rel="icon" href="favicon.svg">
<script src="host.js"></script></head>
<body style="margin:0;background:#fff">
<p style="margin:0;height:40px">A course page embedding Sparsey.</p>
<iframe id="sparsey" title="Sparsey" style="position:absolute;left:30px;top:40px;width:480px;height:520px;border:0"></iframe>
</body></html>`
	// The embed allows its host's origin (origin=), so it posts its recalls.
	hostJS := `window.messages = [];
window.addEventListener("message", (e) => {
  if (e.data && e.data.type === "sparsey:recall") window.messages.push(e.data.state);
});
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("sparsey").src = "index.html?embed=1&train=3000&origin=" + encodeURIComponent(location.origin);
});`
	if err := os.WriteFile(filepath.Join(dir, "host.html"), []byte(host), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "host.js"), []byte(hostJS), 0o644)
}

// copyDir copies the files of folder src (not its subfolders, nor its
// Markdown files, which mkdist leaves out too) into dst.
func copyDir(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		if err := copyFile(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

// artifactDir is where screenshots go: $SPARSEY_ARTIFACTS, or one
// temporary directory per run that is kept (the log names it).
func artifactDir(t *testing.T) string {
	d, err := artifacts()
	if err != nil {
		return t.TempDir()
	}
	return d
}

var artifacts = sync.OnceValues(func() (string, error) {
	if d := os.Getenv("SPARSEY_ARTIFACTS"); d != "" {
		return d, os.MkdirAll(d, 0o755)
	}
	return os.MkdirTemp("", "sparsey-artifacts-")
})
