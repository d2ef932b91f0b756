package main

import (
	"log/slog"
	"net/http"
)

// newHandler returns the server's whole handler: access log, security
// headers, the method check, /healthz and the static site.
func newHandler(s *site, frameAncestors string, accessLog bool, log *slog.Logger) http.Handler {
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions && r.RequestURI == "*" {
			// The server's methods (RFC 9110 §9.3.7), with the headers every
			// response carries.
			w.Header().Set("Allow", "GET, HEAD")
			w.Header().Set("Cache-Control", cacheNever)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			httpError(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
			return
		}
		if r.URL.Path == "/healthz" {
			healthz(w)
			return
		}
		s.ServeHTTP(w, r)
	})
	h = withSecurityHeaders(frameAncestors, h)
	if accessLog {
		h = withAccessLog(log, h)
	}
	return h
}

// healthz answers 200 "ok" for load balancers and scripts; never cached.
func healthz(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", cacheNever)
	_, _ = w.Write([]byte("ok\n"))
}
