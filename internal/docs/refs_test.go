package docs

import (
	"bytes"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// mdRef matches a path ending in .md, e.g. docs/MODEL.md, a relative link
// or README.md#loading, with what precedes it so that web addresses can be
// told apart.
var mdRef = regexp.MustCompile(`([A-Za-z0-9_:/.-]*?)([A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md)\b`)

// refs returns the Markdown paths that text names, web addresses left out.
func refs(text string) []string {
	var out []string
	for _, m := range mdRef.FindAllStringSubmatch(text, -1) {
		if strings.Contains(m[0], "://") || strings.HasPrefix(m[0], "www.") {
			continue
		}
		out = append(out, m[2])
	}
	return out
}

// exists reports whether ref names a file of files, looked up beside the
// file that names it (dir) or at the top of the repository.
func exists(files map[string]bool, dir, ref string) bool {
	ref = strings.TrimPrefix(ref, "./")
	return files[path.Clean(path.Join(dir, ref))] || files[path.Clean(ref)]
}

func TestRefs(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"see docs/MODEL.md §3", []string{"docs/MODEL.md"}},
		{"[numbers](../BENCHMARKS" + ".md) and README.md#loading", []string{"../BENCHMARKS" + ".md", "README.md"}},
		{"(" + "DESIGN" + ".md)", []string{"DESIGN" + ".md"}},
		{"https://example.org/a/b" + ".md and www.example.org/c" + ".md", nil},
		{"*.md, x.md5, .md, foo.mdx", nil},
	} {
		if got := refs(tc.text); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("refs(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	files := map[string]bool{"README.md": true, "docs/MODEL.md": true, "web/README.md": true, "BENCHMARKS.md": true}
	for _, tc := range []struct {
		dir, ref string
		want     bool
	}{
		{"docs", "../BENCHMARKS" + ".md", true},
		{"docs", "MODEL" + ".md", true},
		{"engine", "docs/MODEL.md", true},
		{"web", "README.md", true},
		{"engine", "MODEL" + ".md", false},
		{"engine", "DESIGN" + ".md", false},
		{"docs", "../../README" + ".md", false},
	} {
		if got := exists(files, tc.dir, tc.ref); got != tc.want {
			t.Errorf("exists(%q, %q) = %v, want %v", tc.dir, tc.ref, got, tc.want)
		}
	}
}

// notRefs are names of Markdown files that are not references to a
// document: a file's path → the names, each with its reason.
var notRefs = map[string]map[string]string{
	"server/fixtures_test.go": {"empty/readme" + ".md": "a fixture the test writes into a temporary folder"},
}

// TestMarkdownRefsExist: every .md file that a tracked file names is a
// tracked file of the repository. (This file writes the names its own
// tests need in two pieces, so that it does not name them itself.)
func TestMarkdownRefsExist(t *testing.T) {
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not in a git work tree (%v): the tracked files are unknown", err)
	}
	root := strings.TrimSpace(string(out))
	out, err = exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	names := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	files := map[string]bool{}
	for _, n := range names {
		files[n] = true
	}
	if !files["docs/MODEL.md"] || !files["internal/docs/refs_test.go"] {
		t.Fatalf("git ls-files from %s does not list this repository's files", root)
	}
	var bad []string
	checked := 0
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(n)))
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree, not yet committed
			}
			t.Fatal(err)
		}
		if bytes.IndexByte(b, 0) >= 0 {
			continue // binary
		}
		for _, r := range refs(string(b)) {
			checked++
			if _, ok := notRefs[n][r]; !ok && !exists(files, path.Dir(n), r) {
				bad = append(bad, n+": "+r)
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("%s: no such file in the repository", b)
	}
	if checked == 0 {
		t.Error("no Markdown reference found at all: the pattern is broken")
	}
	t.Logf("%d references to Markdown files checked in %d tracked files", checked, len(names))
}
