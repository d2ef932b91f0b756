package main

import (
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// notBuiltMessage answers / when the embedded web root has no index.html.
const notBuiltMessage = "assets not built: run `make dist` (or `make run`)"

// site serves the files of one web root. The root is an fs.FS: an os.Root
// (which refuses every path, symlink included, that leads outside the
// folder) or the embedded assets; the checks on the URL path below come on
// top, they are not the only defence.
type site struct {
	root     fs.FS
	embedded bool // hide webroot's README.txt; a missing index.html is a build mistake: 503
	etags    *etagCache
	log      *slog.Logger
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, status := s.resolve(r.URL.Path)
	switch status {
	case http.StatusOK:
		s.serveFile(w, r, name)
	case http.StatusMovedPermanently:
		target := url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, target.String(), status)
	case http.StatusServiceUnavailable:
		httpError(w, notBuiltMessage, status)
	default:
		httpError(w, http.StatusText(status), status)
	}
}

// resolve maps a decoded URL path to the name of a regular file in the
// root, or to an error status: 400 for malformed paths (.., ., backslash,
// NUL), 404 for what is hidden or missing, 301 to add the slash to a
// directory that has an index.html.
func (s *site) resolve(urlPath string) (string, int) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", http.StatusBadRequest
	}
	for _, seg := range strings.Split(urlPath[1:], "/") {
		switch {
		case seg == "." || seg == "..":
			return "", http.StatusBadRequest
		case strings.HasPrefix(seg, "."):
			return "", http.StatusNotFound // dot files and dot directories
		}
	}
	name := strings.TrimPrefix(path.Clean(urlPath), "/")
	if name == "" {
		name = "."
	}
	if !fs.ValidPath(name) {
		return "", http.StatusBadRequest
	}
	if (s.embedded && name == embeddedReadme) || s.isPrecompressedCopy(name) {
		return "", http.StatusNotFound
	}
	fi, err := fs.Stat(s.root, name)
	if err != nil {
		if name == "." && s.embedded {
			return "", http.StatusServiceUnavailable
		}
		return "", http.StatusNotFound
	}
	if fi.Mode().IsRegular() {
		if strings.HasSuffix(urlPath, "/") {
			return "", http.StatusNotFound
		}
		return name, http.StatusOK
	}
	if !fi.IsDir() {
		return "", http.StatusNotFound
	}
	// A directory: its index.html or nothing; never a listing.
	index := path.Join(name, "index.html")
	if fi, err := fs.Stat(s.root, index); err != nil || !fi.Mode().IsRegular() {
		if name == "." && s.embedded {
			return "", http.StatusServiceUnavailable
		}
		return "", http.StatusNotFound
	}
	if !strings.HasSuffix(urlPath, "/") {
		return name, http.StatusMovedPermanently
	}
	return index, http.StatusOK
}

// isPrecompressedCopy reports whether name is the .br or .gz copy of a
// file beside it. Such copies are representations of that file, not
// resources of their own: a direct request gets 404.
func (s *site) isPrecompressedCopy(name string) bool {
	for _, c := range codings {
		base, ok := strings.CutSuffix(name, c.suffix)
		if ok && base != "" && compressible(base) {
			if fi, err := fs.Stat(s.root, base); err == nil && fi.Mode().IsRegular() {
				return true
			}
		}
	}
	return false
}

// serveFile answers with the file name, or with a precompressed copy of it
// when the client accepts that coding. Requests with a Range header always
// get the original, so byte ranges refer to the original bytes.
func (s *site) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	h := w.Header()
	h.Set("Cache-Control", cacheControl(name))
	h.Set("Content-Type", contentType(name))
	var f fs.File
	served := name
	if compressible(name) {
		h.Set("Vary", "Accept-Encoding")
		if r.Header.Get("Range") == "" {
			for _, c := range acceptedCodings(r.Header.Values("Accept-Encoding")) {
				if f = s.openRegular(name + c.suffix); f != nil {
					served = name + c.suffix
					h.Set("Content-Encoding", c.name)
					break
				}
			}
		}
	}
	if f == nil {
		if f = s.openRegular(name); f == nil {
			httpError(w, http.StatusText(http.StatusNotFound), http.StatusNotFound)
			return
		}
	}
	defer f.Close()
	if err := s.send(w, r, name, served, f); err != nil {
		s.log.Error("serving file", "file", served, "err", err)
		httpError(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
	}
}

// send writes f (the file served, named for its ETag) with the headers
// of name, handling HEAD, conditional requests and ranges.
func (s *site) send(w http.ResponseWriter, r *http.Request, name, served string, f fs.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		return errors.New("file does not support seeking")
	}
	tag, err := s.etags.get(served, fi.Size(), fi.ModTime(), rs)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", tag)
	if w.Header().Get("Content-Encoding") != "" {
		// ServeContent leaves out Content-Length when Content-Encoding is
		// set; the copy's size is the right one, but only for a 200.
		w = &lengthOn200{ResponseWriter: w, length: fi.Size()}
	}
	http.ServeContent(w, r, name, fi.ModTime(), rs)
	return nil
}

// lengthOn200 sets Content-Length when the status is 200, and only then:
// 304 and 412 answers from ServeContent have no body.
type lengthOn200 struct {
	http.ResponseWriter
	length int64
}

func (l *lengthOn200) WriteHeader(code int) {
	if code == http.StatusOK {
		l.Header().Set("Content-Length", strconv.FormatInt(l.length, 10))
	}
	l.ResponseWriter.WriteHeader(code)
}

// ReadFrom keeps the underlying writer's sendfile path.
func (l *lengthOn200) ReadFrom(src io.Reader) (int64, error) {
	return io.Copy(l.ResponseWriter, src)
}

// openRegular opens name if it is a regular file, else returns nil.
func (s *site) openRegular(name string) fs.File {
	f, err := s.root.Open(name)
	if err != nil {
		return nil
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil
	}
	return f
}

// httpError writes a plain-text error and drops the headers that describe
// a file, so an error is never taken for an encoded or cacheable file.
func httpError(w http.ResponseWriter, msg string, code int) {
	h := w.Header()
	for _, k := range []string{"Content-Encoding", "ETag", "Last-Modified", "Vary"} {
		h.Del(k)
	}
	h.Set("Cache-Control", cacheNever)
	http.Error(w, msg, code)
}
