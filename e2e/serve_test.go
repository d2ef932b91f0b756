//go:build !js

package e2e

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The page as it is deployed: `make dist`'s folder (content-hashed names,
// precompressed .br/.gz copies), served by the project's server (server/)
// with its headers, so first visits transfer what a visitor's would.

var (
	distMu   sync.Mutex
	distURL  string
	distStop func()
)

// deployed returns the URL of the page served from a dist folder by the
// project's server, built on first use (mkdist takes a few seconds).
func deployed(t *testing.T) string {
	t.Helper()
	distMu.Lock()
	defer distMu.Unlock()
	if distURL != "" {
		return distURL
	}
	root := repoRoot()
	src := filepath.Join(filepath.Dir(webDir), filepath.Base(webDir)+"-page")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "style.css", "main.js", "webgl.js", "favicon.svg", "wasm_exec.js", "game.wasm",
		"mnist-train.bin", "mnist-test.bin", "mnist-memory.bin"} {
		if err := copyFile(filepath.Join(webDir, f), filepath.Join(src, f)); err != nil {
			t.Fatal(err)
		}
	}
	if err := copyDir(filepath.Join(webDir, "lesson"), filepath.Join(src, "lesson")); err != nil {
		t.Fatal(err)
	}
	dist := src + "-dist"
	t0 := time.Now()
	cmd := exec.Command("go", "run", "./tools/mkdist", "-src", src, "-out", dist)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mkdist: %v\n%s", err, out)
	}
	bin := filepath.Join(src+"-bin", "sparsey-server")
	cmd = exec.Command("go", "build", "-o", bin, "./server")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the server: %v\n%s", err, out)
	}
	srv := exec.Command(bin, "-dir", dist, "-addr", "127.0.0.1:0", "-access-log=false")
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		srv.Process.Kill()
		t.Fatalf("the server did not say its address: %v", err)
	}
	distURL = strings.TrimRight(strings.TrimSpace(line), "/")
	distStop = func() { srv.Process.Kill(); srv.Wait() }
	t.Logf("deployed page (mkdist and the server built in %v): %s", time.Since(t0).Round(time.Millisecond), distURL)
	return distURL
}

// stopDeployed stops the deployed page's server (TestMain).
func stopDeployed() {
	distMu.Lock()
	defer distMu.Unlock()
	if distStop != nil {
		distStop()
	}
}

// hostServer serves host pages (a lesson, a page that drives an embed)
// from a folder of their own, on another origin than the page's.
type hostServer struct {
	dir string
	url string
}

// newHost starts a host server for the test.
func newHost(t *testing.T) *hostServer {
	t.Helper()
	h := &hostServer{dir: t.TempDir()}
	srv := httptest.NewServer(http.FileServer(http.Dir(h.dir)))
	t.Cleanup(srv.Close)
	h.url = srv.URL
	return h
}

// page writes a host page and returns its URL.
func (h *hostServer) page(t *testing.T, name, html string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(h.dir, name), []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return h.url + "/" + name
}

// hostJS is the script of a host page: it keeps, per iframe, every
// message the embed sends with the host's clock at its arrival
// (window.got[i]: {type, t, state, …}), and send(i, msg) posts a command
// to iframe i (to the embed's origin) and resolves with its reply.
const hostJS = `
window.got = [];
const frames = () => Array.from(document.querySelectorAll("iframe"));
addEventListener("message", (e) => {
  const i = frames().findIndex((f) => f.contentWindow === e.source);
  if (i < 0 || !e.data || typeof e.data.type !== "string") return;
  (window.got[i] = window.got[i] || []).push(Object.assign({t: performance.now(), origin: e.origin}, e.data));
});
let nextID = 1;
window.send = (i, msg, origin) => new Promise((resolve) => {
  const id = nextID++;
  const f = frames()[i];
  const onReply = (e) => {
    if (e.source === f.contentWindow && e.data && e.data.type === "sparsey:reply" && e.data.id === id) {
      removeEventListener("message", onReply);
      resolve(e.data);
    }
  };
  addEventListener("message", onReply);
  f.contentWindow.postMessage(Object.assign({type: "sparsey", id}, msg), origin || EMBED);
  setTimeout(() => resolve(null), 3000); // no reply: the embed ignored it
});
window.last = (i, type) => (window.got[i] || []).filter((m) => m.type === type).pop() || null;
`

// hostPage is a host page embedding iframes (src, CSS position) with the
// host script; embed is the embeds' origin.
func hostPage(embed string, frames ...[2]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A lesson</title><link rel="icon" href="data:,">
<script>const EMBED = %q;%s</script></head><body style="margin:0;background:#fff">`, embed, hostJS)
	for i, f := range frames {
		fmt.Fprintf(&b, `<iframe id="f%d" title="Sparsey %d" src="%s" style="position:absolute;border:0;%s" allow="clipboard-write"></iframe>`,
			i, i, f[0], f[1])
	}
	b.WriteString("</body></html>")
	return b.String()
}
