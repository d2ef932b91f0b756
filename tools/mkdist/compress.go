package main

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// compressible lists the extensions that get .gz and .br copies.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".mjs": true, ".wasm": true, ".json": true,
	".bin": true, ".svg": true, ".txt": true, ".map": true, ".webmanifest": true,
}

// codec writes one kind of precompressed copy.
type codec struct {
	suffix string
	writer func(io.Writer) (io.WriteCloser, error)
}

// codecs returns gzip (best compression) and brotli at the given quality.
// Brotli at quality 10 and 11 gains about 2% more with a 16 MiB window
// (lgwin 24) on a 11 MB wasm; below that the default window is as good.
func codecs(brQuality int) []codec {
	opts := brotli.WriterOptions{Quality: brQuality}
	if brQuality >= 10 {
		opts.LGWin = 24
	}
	return []codec{
		{".gz", func(w io.Writer) (io.WriteCloser, error) { return gzip.NewWriterLevel(w, gzip.BestCompression) }},
		{".br", func(w io.Writer) (io.WriteCloser, error) { return brotli.NewWriterOptions(w, opts), nil }},
	}
}

// sizes of a file and of its kept compressed copies (0: none kept).
type sizes struct{ raw, gz, br int64 }

// compressAll writes X.gz and X.br beside each file X of dir named in files
// that is compressible and at least minSize bytes, keeping a copy only
// when it is smaller than X. Work runs on GOMAXPROCS goroutines, the
// largest files first. It returns the sizes per name.
func compressAll(dir string, files []string, cs []codec, minSize int64) (map[string]sizes, error) {
	type task struct {
		name string
		size int64
		c    codec
	}
	result := map[string]sizes{}
	var tasks []task
	for _, name := range files {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, err
		}
		result[name] = sizes{raw: fi.Size()}
		if fi.Size() >= minSize && compressible[strings.ToLower(path.Ext(name))] {
			for _, c := range cs {
				tasks = append(tasks, task{name, fi.Size(), c})
			}
		}
	}
	slices.SortStableFunc(tasks, func(a, b task) int { return cmp.Compare(b.size, a.size) })

	var mu sync.Mutex
	var errs []error
	jobs := make(chan task)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(tasks), 1)) {
		wg.Go(func() {
			for t := range jobs {
				n, err := compressFile(filepath.Join(dir, filepath.FromSlash(t.name)), t.c)
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Errorf("%s%s: %w", t.name, t.c.suffix, err))
				}
				s := result[t.name]
				if t.c.suffix == ".gz" {
					s.gz = n
				} else {
					s.br = n
				}
				result[t.name] = s
				mu.Unlock()
			}
		})
	}
	for _, t := range tasks {
		jobs <- t
	}
	close(jobs)
	wg.Wait()
	return result, errors.Join(errs...)
}

// compressFile writes p+c.suffix and returns its size, or removes it and
// returns 0 when it is not smaller than p.
func compressFile(p string, c codec) (int64, error) {
	in, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return 0, err
	}
	outPath := p + c.suffix
	out, err := os.Create(outPath)
	if err != nil {
		return 0, err
	}
	n, err := writeCompressed(out, in, c)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil || n >= fi.Size() {
		return 0, errors.Join(err, os.Remove(outPath))
	}
	return n, nil
}

// writeCompressed compresses src into dst and returns the bytes written.
func writeCompressed(dst io.Writer, src io.Reader, c codec) (int64, error) {
	counter := &countingWriter{w: dst}
	buf := bufio.NewWriterSize(counter, 256<<10)
	zw, err := c.writer(buf)
	if err != nil {
		return 0, err
	}
	if _, err := io.Copy(zw, src); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	if err := buf.Flush(); err != nil {
		return 0, err
	}
	return counter.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
