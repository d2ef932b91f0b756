package main

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
)

// webroot holds the page built by `make dist`. The pattern names the folder,
// so the package compiles while the folder holds only README.txt (names
// starting with . or _ are left out by go:embed).
//
//go:embed webroot
var webroot embed.FS

// embeddedReadme is webroot's own README.txt, which is never served.
const embeddedReadme = "README.txt"

// openSite returns the site to serve: the folder dir through an os.Root,
// or the embedded web root when dir is empty. release closes the folder.
func openSite(dir string, log *slog.Logger) (s *site, release func() error, err error) {
	if dir == "" {
		sub, err := fs.Sub(webroot, "webroot")
		if err != nil {
			return nil, nil, err
		}
		s = newSite(sub, true, log)
		return s, func() error { return nil }, s.checkIndex()
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("-dir: %w", err)
	}
	s = newSite(root.FS(), false, log)
	if err := s.checkIndex(); err != nil {
		return nil, nil, errors.Join(err, root.Close())
	}
	return s, root.Close, nil
}

// newSite returns a site serving root; embedded is true for the assets
// built into the binary.
func newSite(root fs.FS, embedded bool, log *slog.Logger) *site {
	return &site{root: root, embedded: embedded, etags: newETagCache(), log: log}
}

// checkIndex logs a warning when the root has no index.html, and fails
// only when the root cannot be read at all.
func (s *site) checkIndex() error {
	_, err := fs.Stat(s.root, "index.html")
	switch {
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return err
	case s.embedded:
		s.log.Warn("no index.html in the embedded assets: / answers 503; run `make dist` (or `make run`), or serve a folder with -dir")
	default:
		s.log.Warn("no index.html in the served folder: / answers 404")
	}
	return nil
}
