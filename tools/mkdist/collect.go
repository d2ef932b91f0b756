package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// asset is one input file and the slash-separated name it gets in the
// output, before hashing.
type asset struct {
	src  string // path on disk
	name string // e.g. "main.js", "img/logo.png"
}

// collect lists the files of the source folders, in name order. Dot files
// and dot folders are skipped, and so are Markdown files (the folders'
// documentation, not part of the page), and so are .br/.gz copies of a file beside
// them (they are made again) and any folder in skip (the output, or a data
// folder inside the source). A name found twice is an error.
func collect(dirs []string, skip []string) ([]asset, error) {
	seen := map[string]string{}
	var assets []asset
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p == dir {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") {
				return skipEntry(d)
			}
			if d.IsDir() {
				if sameAsAny(p, skip) {
					return filepath.SkipDir
				}
				return nil
			}
			if !isRegular(p, d) || isCompressedCopy(p) || strings.EqualFold(filepath.Ext(p), ".md") {
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			name := filepath.ToSlash(rel)
			if other, ok := seen[name]; ok {
				return fmt.Errorf("%s: also in %s; names must be unique in the output", p, other)
			}
			seen[name] = p
			assets = append(assets, asset{src: p, name: name})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(assets, func(i, j int) bool { return assets[i].name < assets[j].name })
	return assets, nil
}

func skipEntry(d fs.DirEntry) error {
	if d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

// isRegular reports whether p is a regular file, following a symbolic link
// (web/wasm_exec.js may link to the one in GOROOT).
func isRegular(p string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// isCompressedCopy reports whether p is X.br or X.gz with X beside it.
func isCompressedCopy(p string) bool {
	for _, suffix := range []string{".br", ".gz"} {
		if base, ok := strings.CutSuffix(p, suffix); ok {
			if fi, err := os.Stat(base); err == nil && fi.Mode().IsRegular() {
				return true
			}
		}
	}
	return false
}

// sameAsAny reports whether p names the same folder as one of dirs.
func sameAsAny(p string, dirs []string) bool {
	fi, err := os.Stat(p)
	if err != nil {
		return false
	}
	for _, d := range dirs {
		if di, err := os.Stat(d); err == nil && os.SameFile(fi, di) {
			return true
		}
	}
	return false
}

// within reports whether path p is dir or lies inside it (both absolute
// and clean).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// checkOutput refuses an output folder that overlaps an input folder or
// that holds files mkdist did not write (no manifest.json), so a typo in
// -out cannot wipe a source tree.
func checkOutput(out string, inputs []string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	for _, in := range inputs {
		absIn, err := filepath.Abs(in)
		if err != nil {
			return err
		}
		if within(absOut, absIn) || within(absIn, absOut) {
			return fmt.Errorf("-out %s overlaps the input folder %s", out, in)
		}
	}
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("-out: %w", err)
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, manifestName)); err != nil {
		return fmt.Errorf("-out %s is not empty and has no %s, so mkdist did not make it: refusing to delete it", out, manifestName)
	}
	return nil
}

// keepsName reports whether an asset keeps its name: the page's entry point,
// every folder's index.html (a folder's address, e.g. /lesson/, serves it)
// and the files that browsers and robots fetch by a fixed name.
func keepsName(name string) bool {
	if path.Base(name) == "index.html" {
		return true
	}
	switch name {
	case "index.html", "favicon.ico", "robots.txt":
		return true
	}
	return false
}

// contentHash is the hash in an output name: the first hashLen hex digits
// of the SHA-256 sum, with at least one letter (a–f) and one digit (0–9),
// so that it can be read neither as a date (20240915) nor as a word
// (deadbeef): the server caches a name as immutable only then. When the
// digits have no letter the last becomes one, chosen by the next digit of
// the sum; when they have no digit, the last becomes a digit likewise
// (both rare: (10/16)^12 ≈ 0.4% and (6/16)^12 ≈ 0.001% of files).
func contentHash(sum []byte) string {
	h := []byte(hex.EncodeToString(sum))
	next := h[hashLen] // a hex digit not in the hash
	v := byte(strings.IndexByte("0123456789abcdef", next))
	out := h[:hashLen]
	switch {
	case !bytes.ContainsAny(out, "abcdef"):
		out[hashLen-1] = 'a' + v%6
	case !bytes.ContainsAny(out, "0123456789"):
		out[hashLen-1] = '0' + v%10
	}
	return string(out)
}

// hashedName inserts the hash before the extension:
// "img/logo.png" -> "img/logo.<hash>.png"; "LICENSE" -> "LICENSE.<hash>".
func hashedName(name, hash string) string {
	dir, base := path.Split(name)
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return dir + base[:i] + "." + hash + base[i:]
	}
	return name + "." + hash
}
