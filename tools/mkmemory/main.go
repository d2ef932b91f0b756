// Command mkmemory writes the learned memory the page starts from: the
// page's default network learns the first training digits (the page's
// default number, core.DefaultTrain) natively, through the page's own
// logic (wasm/core: the same preprocessing, the same network, the same
// codes as learning them in the browser), and the memory file it would
// save (format: wasm/store) is written to DIR/mnist-memory.bin.
//
//	go run ./tools/mkmemory -out web
//
// The page fetches it on a first visit and recalls at once instead of
// learning for tens of seconds; it checks that the file's network is the
// scene's (the fingerprint in the file, engine.Config.Fingerprint) and
// learns live when it is not, or when the address asks for fewer digits. The file is a build output: `make dist`
// and the browser tests make it, it is never committed.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/sparsey-web/sparsey/internal/gomnist"
	"github.com/sparsey-web/sparsey/wasm/core"
)

// Name is the memory file's name in the page's folder (index.html's
// data-memory).
const Name = "mnist-memory.bin"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the command; it returns the exit status: 0 done, 1 failed, 2 bad
// usage.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mkmemory", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "`folder` to write "+Name+" into (created if missing)")
	train := fs.Int("train", core.DefaultTrain, "training `digits` to learn (the page's default)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: mkmemory -out DIR [-train N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() != 0 || *train < 0 {
		fs.Usage()
		return 2
	}
	start := time.Now()
	b, st, err := learn(*train)
	if err != nil {
		fmt.Fprintln(stderr, "mkmemory:", err)
		return 1
	}
	path := filepath.Join(*out, Name)
	if err := write(path, b); err != nil {
		fmt.Fprintln(stderr, "mkmemory:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d digits learned (%d items), network %s, %d bytes, in %v\n",
		path, st.Trained, st.Items, st.Network, len(b), time.Since(start).Round(time.Millisecond))
	return 0
}

// summary describes a memory made by learn.
type summary struct {
	Trained, Items int
	Network        string
}

// learn learns the first n training digits with the page's default scene,
// as the page does, and returns its memory file.
func learn(n int) ([]byte, summary, error) {
	trainSet, _, err := gomnist.Load()
	if err != nil {
		return nil, summary{}, err
	}
	a := core.New(core.Options{Query: fmt.Sprintf("train=%d", n), Train: trainSet})
	if e := a.Error(); e != "" {
		return nil, summary{}, errors.New(e)
	}
	a.Boot(nil, nil)
	for a.Phase() == "training" || a.Phase() == "loading" {
		a.Tick()
	}
	if e := a.Error(); e != "" {
		return nil, summary{}, errors.New(e)
	}
	b, err := a.Save()
	st := a.State()
	cfg := a.Net().Config()
	return b, summary{Trained: st.Trained, Items: st.Items, Network: cfg.Fingerprint()}, err
}

// write writes b to path through a temporary file renamed into place.
func write(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".mkmemory-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := io.Copy(f, bytes.NewReader(b)); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
