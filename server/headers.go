package main

import (
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"
)

// Cache-Control values.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
	cacheNever      = "no-store"
)

// csp returns the Content-Security-Policy for the given frame-ancestors
// sources. Nothing may come from another origin and no inline script or
// style may run; 'wasm-unsafe-eval' lets the page compile its WebAssembly.
func csp(frameAncestors string) string {
	return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
		"img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; " +
		"frame-ancestors " + frameAncestors
}

// withSecurityHeaders sets the headers that every response carries,
// whatever handler answers. X-Frame-Options is only sent when it says the
// same as frame-ancestors ('none' or 'self'); for * or a list of origins
// the CSP alone governs framing.
func withSecurityHeaders(frameAncestors string, next http.Handler) http.Handler {
	policy := csp(frameAncestors)
	xfo := ""
	switch strings.TrimSpace(frameAncestors) {
	case "'none'":
		xfo = "DENY"
	case "'self'":
		xfo = "SAMEORIGIN"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", policy)
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if xfo != "" {
			h.Set("X-Frame-Options", xfo)
		}
		next.ServeHTTP(w, r)
	})
}

// hashedName matches names produced by tools/mkdist: name.<8-16 hex>.ext.
var hashedName = regexp.MustCompile(`^[^.].*\.([0-9a-f]{8,16})\.[A-Za-z0-9]+$`)

// cacheControl returns the Cache-Control value for a file name. A content
// hash in the name makes the file immutable; all else must be revalidated.
// The hash must hold a letter a-f and a digit 0-9, as every hash
// tools/mkdist writes does: so a date (scores.20240915.csv) or a word
// spelled in hex letters (notes.deadbeef.txt, report.facade.txt), which
// may change under the same name, is never cached for a year.
func cacheControl(name string) string {
	m := hashedName.FindStringSubmatch(path.Base(name))
	if m != nil && strings.ContainsAny(m[1], "abcdef") && strings.ContainsAny(m[1], "0123456789") {
		return cacheImmutable
	}
	return cacheRevalidate
}

// mimeTypes fixes the types the page depends on, so they do not vary with
// the host's mime tables.
var mimeTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".wasm":        "application/wasm",
	".bin":         "application/octet-stream",
	".svg":         "image/svg+xml",
	".txt":         "text/plain; charset=utf-8",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".gz":          "application/gzip",
	".br":          "application/octet-stream",
}

// contentType returns the media type of a file name; unknown types are
// application/octet-stream (never sniffed).
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := mimeTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressible reports whether files of this name may have precompressed
// copies; their responses carry Vary: Accept-Encoding.
func compressible(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".css", ".js", ".mjs", ".wasm", ".json", ".map", ".webmanifest", ".bin", ".svg", ".txt":
		return true
	}
	return false
}
