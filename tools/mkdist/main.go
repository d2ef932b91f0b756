package main

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"
)

// manifestName is the output file mapping original names to output names.
const manifestName = "manifest.json"

// hashLen is how many hex digits of the SHA-256 go into a hashed name.
const hashLen = 12

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

type options struct {
	src, data, out string
	brQuality      int
	minSize        int64
}

// run builds the output folder; it returns 0 on success (or -h), 2 for bad
// flags and 1 when the build fails.
func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("mkdist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: mkdist [-src web] [-data DIR] [-out dist] [-br-quality 9]\n\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.src, "src", "web", "page `folder`: index.html and the assets it references")
	fs.StringVar(&o.data, "data", "", "optional `folder` of data files (e.g. mnist-train.bin) copied beside the page")
	fs.StringVar(&o.out, "out", "dist", "output `folder`, replaced as a whole; refused unless empty or made by mkdist")
	fs.IntVar(&o.brQuality, "br-quality", 9, "brotli `quality`, 0-11 (11: about 11% smaller wasm, 15x slower)")
	fs.Int64Var(&o.minSize, "min-size", 1024, "smallest file, in `bytes`, that gets .gz and .br copies")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || o.brQuality < 0 || o.brQuality > 11 || o.minSize < 0 || o.src == "" || o.out == "" {
		fmt.Fprintln(stderr, "mkdist: bad arguments (flags only; -br-quality 0-11; -min-size >= 0; -src and -out not empty)")
		return 2
	}
	if err := build(o, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "mkdist: %v\n", err)
		return 1
	}
	return 0
}

// build writes the output into a temporary folder beside it and swaps it
// in at the end, so a failed build leaves the previous output intact.
func build(o options, stdout, stderr io.Writer) error {
	start := time.Now()
	inputs := []string{o.src}
	if o.data != "" {
		inputs = append(inputs, o.data)
	}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s: not a folder", in)
		}
	}
	if fi, err := os.Stat(filepath.Join(o.src, "index.html")); err != nil || !fi.Mode().IsRegular() {
		return fmt.Errorf("%s has no index.html", o.src)
	}
	if err := checkOutput(o.out, inputs); err != nil {
		return err
	}
	assets, err := collect(inputs, inputs[1:])
	if err != nil {
		return err
	}

	parent := filepath.Dir(filepath.Clean(o.out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".mkdist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // nothing left to remove once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}

	names, err := copyHashed(assets, tmp)
	if err != nil {
		return err
	}
	if err := rewritePages(tmp, names, stderr); err != nil {
		return err
	}
	manifest, err := json.MarshalIndent(names, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, manifestName), append(manifest, '\n'), 0o644); err != nil {
		return err
	}

	files := []string{manifestName}
	for _, name := range names {
		files = append(files, name)
	}
	slices.Sort(files)
	sz, err := compressAll(tmp, files, codecs(o.brQuality), o.minSize)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(o.out); err != nil {
		return err
	}
	if err := os.Rename(tmp, o.out); err != nil {
		return err
	}
	printSummary(stdout, files, sz)
	fmt.Fprintf(stdout, "mkdist: %d files in %s (brotli quality %d) in %.1fs\n",
		len(files), o.out, o.brQuality, time.Since(start).Seconds())
	return nil
}

// copyHashed copies each asset into dir under its output name and returns
// the map from original to output name.
func copyHashed(assets []asset, dir string) (map[string]string, error) {
	names := map[string]string{}
	used := map[string]bool{}
	for _, a := range assets {
		tmp := filepath.Join(dir, filepath.FromSlash(a.name))
		sum, err := copyFile(a.src, tmp)
		if err != nil {
			return nil, err
		}
		final := a.name
		if !keepsName(a.name) {
			final = hashedName(a.name, contentHash(sum))
			if err := os.Rename(tmp, filepath.Join(dir, filepath.FromSlash(final))); err != nil {
				return nil, err
			}
		}
		if used[final] || final == manifestName {
			return nil, fmt.Errorf("%s: output name %s is taken", a.src, final)
		}
		used[final] = true
		names[a.name] = final
	}
	return names, nil
}

// copyFile copies src to dst, creating dst's folder, and returns the
// SHA-256 of the bytes.
func copyFile(src, dst string) ([]byte, error) {
	in, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return nil, err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(out, h), in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("copying %s: %w", src, err)
	}
	return h.Sum(nil), nil
}

// rewritePages replaces the original names of renamed assets in the
// attribute values of every index.html in dir (the page's and those of
// subfolders such as lesson/, each resolving references against its own
// folder), and warns about renamed assets that no index.html names (no
// page could find them).
func rewritePages(dir string, names map[string]string, stderr io.Writer) error {
	renamed := map[string]string{}
	var pages []string
	for from, to := range names {
		if from != to {
			renamed[from] = to
		}
		if path.Base(from) == "index.html" {
			pages = append(pages, from)
		}
	}
	slices.Sort(pages)
	total := map[string]int{}
	for _, name := range pages {
		p := filepath.Join(dir, filepath.FromSlash(name))
		page, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		folder := path.Dir(name)
		if folder == "." {
			folder = ""
		}
		page, counts := rewriteHTMLIn(page, folder, renamed)
		for k, n := range counts {
			total[k] += n
		}
		if err := os.WriteFile(p, page, 0o644); err != nil {
			return err
		}
	}
	var missing []string
	for from := range renamed {
		if total[from] == 0 {
			missing = append(missing, from)
		}
	}
	slices.Sort(missing)
	for _, name := range missing {
		fmt.Fprintf(stderr, "mkdist: warning: no index.html references %s in any attribute; no page can learn its hashed name\n", name)
	}
	return nil
}

// printSummary writes one line per file with its raw, gzip and brotli
// sizes ("-" where no smaller copy was kept), then the totals a browser
// would fetch with each encoding.
func printSummary(w io.Writer, files []string, sz map[string]sizes) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "file\traw\tgzip\tbrotli")
	var total sizes
	cell := func(n int64) string {
		if n == 0 {
			return "-"
		}
		return fmt.Sprint(n)
	}
	orRaw := func(n, raw int64) int64 {
		if n == 0 {
			return raw
		}
		return n
	}
	for _, f := range files {
		s := sz[f]
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", f, s.raw, cell(s.gz), cell(s.br))
		total.raw += s.raw
		total.gz += orRaw(s.gz, s.raw)
		total.br += orRaw(s.br, s.raw)
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\n", total.raw, total.gz, total.br)
	tw.Flush()
}
