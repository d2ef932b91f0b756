package main

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

const testIndex = `<!doctype html>
<link rel="stylesheet" href="style.css">
<!-- main.js loads game.wasm -->
<script src="main.js" data-wasm="game.wasm" data-train="mnist-train.bin" data-noise="noise.bin"></script>
`

// testInputs writes a page folder and a data folder and returns their
// paths and the content of every input, keyed by its original name.
func testInputs(t *testing.T) (web, data string, files map[string][]byte) {
	t.Helper()
	root := t.TempDir()
	web, data = filepath.Join(root, "web"), filepath.Join(root, "data")
	noise := make([]byte, 4096)
	rand.Read(noise)
	files = map[string][]byte{
		"index.html":      []byte(testIndex),
		"main.js":         []byte(strings.Repeat("console.log(document.currentScript.dataset.wasm);\n", 40)),
		"style.css":       []byte("body { margin: 0 }\n"), // under 1 KiB: no copies
		"game.wasm":       append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("code"), 5000)...),
		"mnist-train.bin": bytes.Repeat([]byte{0, 0, 0, 200, 255, 0, 0}, 2000),
		"noise.bin":       noise, // incompressible: copies not kept
	}
	for name, b := range files {
		dir := web
		if strings.HasSuffix(name, ".bin") {
			dir = data
		}
		write(t, filepath.Join(dir, name), b)
	}
	write(t, filepath.Join(web, ".hidden"), []byte("dot file"))
	write(t, filepath.Join(web, "README.md"), []byte("the folder's documentation"))
	write(t, filepath.Join(web, ".git", "HEAD"), []byte("dot folder"))
	write(t, filepath.Join(web, "game.wasm.br"), []byte("stale copy from an older build"))
	return web, data, files
}

func write(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func runMkdist(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBuild(t *testing.T) {
	web, data, files := testInputs(t)
	out := filepath.Join(t.TempDir(), "dist")
	write(t, filepath.Join(out, manifestName), []byte("{}")) // a previous build
	write(t, filepath.Join(out, "old.0123456789ab.js"), nil) // stale

	code, stdout, stderr := runMkdist(t, "-src", web, "-data", data, "-out", out)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("unexpected stderr:\n%s", stderr)
	}
	t.Logf("summary:\n%s", stdout)

	// Hashed names: name.<12 hex of sha256>.ext, except index.html.
	want := map[string]string{}
	for name, b := range files {
		sum := sha256.Sum256(b)
		want[name] = hashedName(name, contentHash(sum[:]))
	}
	want["index.html"] = "index.html"
	var manifest map[string]string
	if err := json.Unmarshal(read(t, filepath.Join(out, manifestName)), &manifest); err != nil {
		t.Fatal(err)
	}
	if len(manifest) != len(want) {
		t.Errorf("manifest %v, want %v", manifest, want)
	}
	for name, hashed := range want {
		if manifest[name] != hashed {
			t.Errorf("manifest[%s] = %q, want %q", name, manifest[name], hashed)
		}
		if name != "index.html" && !bytes.Equal(read(t, filepath.Join(out, hashed)), files[name]) {
			t.Errorf("%s: content differs from %s", hashed, name)
		}
	}

	// Only the expected files, nothing stale, no dot or Markdown files.
	wantFiles := map[string]bool{"index.html": true, manifestName: true}
	for _, n := range []string{"main.js", "game.wasm", "mnist-train.bin"} {
		wantFiles[want[n]], wantFiles[want[n]+".gz"], wantFiles[want[n]+".br"] = true, true, true
	}
	wantFiles[want["style.css"]], wantFiles[want["noise.bin"]] = true, true
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !wantFiles[e.Name()] {
			t.Errorf("unexpected file in the output: %s", e.Name())
		}
		delete(wantFiles, e.Name())
	}
	for name := range wantFiles {
		t.Errorf("missing from the output: %s", name)
	}

	// index.html: every attribute reference rewritten, the comment kept.
	page := string(read(t, filepath.Join(out, "index.html")))
	for _, name := range []string{"main.js", "style.css", "game.wasm", "mnist-train.bin", "noise.bin"} {
		if !strings.Contains(page, `"`+want[name]+`"`) {
			t.Errorf("index.html does not reference %s:\n%s", want[name], page)
		}
	}
	if !strings.Contains(page, "<!-- main.js loads game.wasm -->") {
		t.Errorf("index.html comment was rewritten:\n%s", page)
	}
	if regexp.MustCompile(`="(main\.js|style\.css|game\.wasm|[a-z-]+\.bin)"`).MatchString(page) {
		t.Errorf("index.html still has an original name in an attribute:\n%s", page)
	}

	// Compressed copies decompress to the original.
	for _, name := range []string{"main.js", "game.wasm", "mnist-train.bin"} {
		p := filepath.Join(out, want[name])
		zr, err := gzip.NewReader(bytes.NewReader(read(t, p+".gz")))
		if err != nil {
			t.Fatal(err)
		}
		checkDecoded(t, p+".gz", zr, files[name])
		checkDecoded(t, p+".br", brotli.NewReader(bytes.NewReader(read(t, p+".br"))), files[name])
	}
	for _, col := range []string{"file", "raw", "gzip", "brotli", want["game.wasm"], "total"} {
		if !strings.Contains(stdout, col) {
			t.Errorf("summary lacks %q", col)
		}
	}
}

func checkDecoded(t *testing.T, name string, r io.Reader, want []byte) {
	t.Helper()
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s does not decompress to the original", name)
	}
	if len(read(t, name)) >= len(want) {
		t.Errorf("%s is not smaller than the original", name)
	}
}

func read(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBuildIsReproducible builds twice and compares every output byte.
func TestBuildIsReproducible(t *testing.T) {
	web, data, _ := testInputs(t)
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	for _, out := range []string{a, b} {
		if code, _, stderr := runMkdist(t, "-src", web, "-data", data, "-out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	entries, _ := os.ReadDir(a)
	for _, e := range entries {
		if !bytes.Equal(read(t, filepath.Join(a, e.Name())), read(t, filepath.Join(b, e.Name()))) {
			t.Errorf("%s differs between two builds", e.Name())
		}
	}
}

// TestDataInsideSource: web/data given as -data is copied once, flat;
// subfolders keep their place and symbolic links to files are followed.
func TestDataInsideSource(t *testing.T) {
	web, _, _ := testInputs(t)
	write(t, filepath.Join(web, "data", "mnist-test.bin"), bytes.Repeat([]byte{1}, 2000))
	write(t, filepath.Join(web, "img", "logo.svg"), []byte("<svg/>"))
	glue := filepath.Join(t.TempDir(), "wasm_exec.js")
	write(t, glue, []byte("// Go's glue"))
	if err := os.Symlink(glue, filepath.Join(web, "wasm_exec.js")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dist")
	code, _, stderr := runMkdist(t, "-src", web, "-data", filepath.Join(web, "data"), "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var manifest map[string]string
	if err := json.Unmarshal(read(t, filepath.Join(out, manifestName)), &manifest); err != nil {
		t.Fatal(err)
	}
	if _, ok := manifest["mnist-test.bin"]; !ok {
		t.Errorf("mnist-test.bin not at the top of the output: %v", manifest)
	}
	if _, ok := manifest["data/mnist-test.bin"]; ok {
		t.Errorf("data folder copied twice: %v", manifest)
	}
	if !strings.HasPrefix(manifest["img/logo.svg"], "img/logo.") {
		t.Errorf("subfolder asset: %v", manifest)
	}
	if got := read(t, filepath.Join(out, manifest["wasm_exec.js"])); string(got) != "// Go's glue" {
		t.Errorf("symbolic link not followed: %q", got)
	}
	for _, warn := range []string{"mnist-test.bin", "img/logo.svg", "wasm_exec.js"} { // not in testIndex
		if !strings.Contains(stderr, "no index.html references "+warn) {
			t.Errorf("no warning about the unreferenced %s in:\n%s", warn, stderr)
		}
	}
}

func TestRunFails(t *testing.T) {
	web, data, _ := testInputs(t)
	tmp := t.TempDir()
	foreign := filepath.Join(tmp, "foreign")
	write(t, filepath.Join(foreign, "precious.txt"), []byte("keep me"))
	noIndex := filepath.Join(tmp, "noindex")
	write(t, filepath.Join(noIndex, "main.js"), nil)
	dup := filepath.Join(tmp, "dup")
	write(t, filepath.Join(dup, "main.js"), []byte("same name as in web"))
	out := filepath.Join(tmp, "out")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"help", []string{"-h"}, 0, "usage: mkdist"},
		{"unknown flag", []string{"-x"}, 2, "flag provided but not defined"},
		{"argument", []string{"web"}, 2, "bad arguments"},
		{"quality", []string{"-br-quality", "12"}, 2, "bad arguments"},
		{"missing src", []string{"-src", filepath.Join(tmp, "nope"), "-out", out}, 1, "not a folder"},
		{"no index.html", []string{"-src", noIndex, "-out", out}, 1, "no index.html"},
		{"foreign output", []string{"-src", web, "-out", foreign}, 1, "refusing to delete"},
		{"output is the source", []string{"-src", web, "-out", web}, 1, "overlaps"},
		{"output inside the source", []string{"-src", web, "-out", filepath.Join(web, "dist")}, 1, "overlaps"},
		{"source inside the output", []string{"-src", web, "-out", filepath.Dir(web)}, 1, "overlaps"},
		{"output is the data", []string{"-src", web, "-data", data, "-out", data}, 1, "overlaps"},
		{"name in both folders", []string{"-src", web, "-data", dup, "-out", out}, 1, "names must be unique"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runMkdist(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.msg)
			}
		})
	}
	if string(read(t, filepath.Join(foreign, "precious.txt"))) != "keep me" {
		t.Error("a foreign output folder was changed")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed build left an output folder")
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, ".mkdist-*")); len(left) > 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
}

// serverHash is the server's test for a content hash in a name (server's
// cacheControl): 8 to 16 lower-case hex digits with a letter and a digit.
var serverHash = regexp.MustCompile(`^[0-9a-f]{8,16}$`)

// TestContentHash: every hash has a letter and a digit, so the server
// caches every renamed file as immutable; it is the SHA-256's first 12 hex
// digits but for the last one when they lack either.
func TestContentHash(t *testing.T) {
	check := func(sum []byte) string {
		t.Helper()
		h, raw := contentHash(sum), hex.EncodeToString(sum)[:hashLen]
		if len(h) != hashLen || !serverHash.MatchString(h) || !strings.ContainsAny(h, "abcdef") || !strings.ContainsAny(h, "0123456789") {
			t.Fatalf("hash %q of %s: not 12 hex digits with a letter and a digit", h, raw)
		}
		if h[:hashLen-1] != raw[:hashLen-1] {
			t.Fatalf("hash %q of %s changes more than the last digit", h, raw)
		}
		return h
	}
	digits, letters := 0, 0
	i := 0
	for ; digits < 3 || letters < 1; i++ {
		if i > 5_000_000 {
			t.Fatalf("no all-digit or all-letter prefix in %d sums (%d, %d)", i, digits, letters)
		}
		sum := sha256.Sum256([]byte(fmt.Sprint("asset ", i)))
		raw := hex.EncodeToString(sum[:])[:hashLen]
		h := check(sum[:])
		switch {
		case !strings.ContainsAny(raw, "abcdef"):
			if digits++; digits <= 3 {
				t.Logf("all digits: %s -> %s", raw, h)
			}
		case !strings.ContainsAny(raw, "0123456789"):
			letters++
			t.Logf("all letters: %s -> %s", raw, h)
		case h != raw:
			t.Fatalf("hash %q of %s changed", h, raw)
		}
	}
	t.Logf("%d sums: %d all digits, %d all letters", i, digits, letters)
}

// TestBuildSubfolderPage: a page in a subfolder (web/lesson/index.html,
// served at /lesson/) keeps its name, and its references, resolved against
// its folder, are rewritten to the hashed names: its own stylesheet, an
// asset of the top folder by "../" and by "/"; links to folders and
// addresses with a query are left alone.
func TestBuildSubfolderPage(t *testing.T) {
	root := t.TempDir()
	web := filepath.Join(root, "web")
	write(t, filepath.Join(web, "index.html"), []byte(`<link rel="icon" href="favicon.svg"><a href="lesson/">lesson</a>`))
	write(t, filepath.Join(web, "favicon.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`))
	write(t, filepath.Join(web, "lesson", "index.html"), []byte(`<link rel="icon" href="../favicon.svg"><link rel="stylesheet" href="lesson.css">`+
		`<img src="/favicon.svg"><iframe src="../?embed=1&amp;view=csa"></iframe><a href="../">back</a>`))
	write(t, filepath.Join(web, "lesson", "lesson.css"), []byte("body { margin: 0 }\n"))
	out := filepath.Join(root, "dist")
	code, _, stderr := runMkdist(t, "-src", web, "-out", out)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("unexpected stderr (every asset is referenced):\n%s", stderr)
	}
	var manifest map[string]string
	if err := json.Unmarshal(read(t, filepath.Join(out, manifestName)), &manifest); err != nil {
		t.Fatal(err)
	}
	if manifest["lesson/index.html"] != "lesson/index.html" {
		t.Fatalf("lesson/index.html renamed: %v", manifest)
	}
	css, icon := manifest["lesson/lesson.css"], manifest["favicon.svg"]
	if !strings.HasPrefix(css, "lesson/lesson.") || !strings.HasPrefix(icon, "favicon.") || icon == "favicon.svg" {
		t.Fatalf("manifest %v", manifest)
	}
	page := string(read(t, filepath.Join(out, "lesson", "index.html")))
	want := `<link rel="icon" href="../` + icon + `"><link rel="stylesheet" href="` + strings.TrimPrefix(css, "lesson/") + `">` +
		`<img src="/` + icon + `"><iframe src="../?embed=1&amp;view=csa"></iframe><a href="../">back</a>`
	if page != want {
		t.Errorf("lesson/index.html\n got %s\nwant %s", page, want)
	}
	if top := string(read(t, filepath.Join(out, "index.html"))); top != `<link rel="icon" href="`+icon+`"><a href="lesson/">lesson</a>` {
		t.Errorf("index.html: %s", top)
	}
}
