package mnist_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the package usable in the browser: the standard
// library and package engine only (docs/ARCHITECTURE.md), no os/exec, net or
// syscall/js, and os only in dataset.go (Open).
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sources: %v", err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case path == "github.com/sparsey-web/sparsey/engine":
			case strings.Contains(strings.SplitN(path, "/", 2)[0], "."):
				t.Errorf("%s imports %s: only the standard library and engine are allowed", name, path)
			case path == "os/exec" || path == "syscall/js" || path == "net" || strings.HasPrefix(path, "net/") || path == "unsafe":
				t.Errorf("%s imports %s", name, path)
			case path == "os" && name != "dataset.go":
				t.Errorf("%s imports os: only dataset.go (Open) may", name)
			}
		}
	}
}
