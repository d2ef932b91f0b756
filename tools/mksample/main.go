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

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the command with its arguments and output streams; it returns
// the exit status: 0 done, 1 failed, 2 bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mksample", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory to write mnist-train.bin and mnist-test.bin into (created if missing)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: mksample -out DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	start := time.Now()
	train, test, err := gomnist.Load()
	if err != nil {
		fmt.Fprintln(stderr, "mksample:", err)
		return 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(stderr, "mksample:", err)
		return 1
	}
	for _, f := range []struct {
		name string
		d    *mnist.Dataset
	}{{"mnist-train.bin", train}, {"mnist-test.bin", test}} {
		path := filepath.Join(*out, f.name)
		// Stored upright, so that the page's preprocessing of the one-bit
		// digits equals that of the grey originals (mnist.Upright).
		up, err := mnist.UprightDataset(f.d)
		if err != nil {
			fmt.Fprintln(stderr, "mksample:", err)
			return 1
		}
		size, err := write(path, up)
		if err != nil {
			fmt.Fprintln(stderr, "mksample:", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s: %d digits, %d bytes\n", path, f.d.Len(), size)
	}
	fmt.Fprintf(stdout, "done in %v\n", time.Since(start).Round(time.Millisecond))
	return 0
}

// write encodes d into path through a temporary file in the same
// directory, and returns the size written.
func write(path string, d *mnist.Dataset) (int, error) {
	var buf bytes.Buffer
	if err := mnist.EncodeSample(&buf, d); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".mksample-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	return buf.Len(), os.Rename(tmp.Name(), path)
}
