// Command server serves the Sparsey page: a small static file server that a
// teacher can run anywhere, built from the standard library only.
//
// Usage:
//
//	go run ./server                  # the page embedded in the binary, on http://127.0.0.1:8080/
//	go run ./server -dir dist        # a folder from disk instead
//	go run ./server -addr :8080      # every interface, e.g. for a classroom network
//
// Once listening it prints the URL to open (http://HOST:PORT/) on stdout;
// with -addr HOST:0 the port is chosen by the system and the printed URL
// holds the real one. Logs go to stderr. It stops on SIGINT or SIGTERM,
// letting open requests finish for up to -shutdown-timeout. Exit codes: 0
// after a clean shutdown or -h, 2 for bad flags, 1 for any other failure.
//
// # Flags
//
//	-addr host:port          listen address (default 127.0.0.1:8080; port 0: any free port;
//	                         an unspecified host such as :8080 is printed as localhost)
//	-dir folder              serve this folder instead of the embedded assets
//	-frame-ancestors sources CSP frame-ancestors: who may show the page in an iframe
//	                         (default *, since teachers embed it in course pages;
//	                         'self', 'none' or a space-separated list of origins)
//	-log-format text|json    log format (default text)
//	-log-level level         debug, info, warn or error (default info)
//	-access-log=false        no per-request log lines
//	-shutdown-timeout d      grace period for open requests on shutdown (default 10s)
//	-write-timeout d         longest time to send one response (default 2m; raise it
//	                         for very slow networks)
//
// # Embedded assets or a folder
//
// Without -dir the server serves the files embedded from server/webroot/ at
// build time (//go:embed). The build copies the output of tools/mkdist
// (dist/) there; in git the folder holds only README.txt, so the server
// always compiles. When the embedded assets have no index.html the server
// logs a warning at start and answers / with 503 and the plain-text message
// "assets not built: run `make dist` (or `make run`)"; webroot's README.txt
// is never served. With -dir the folder is opened as an os.Root, so no path
// and no symbolic link can lead outside it; files edited under -dir are
// served as they change.
//
// # Requests
//
// Only GET and HEAD are allowed; other methods get 405 with
// "Allow: GET, HEAD", except "OPTIONS *" (a question about the server, not
// a file), which gets 204 with "Allow: GET, HEAD" and, like every answer
// of the handler, the security headers below. /healthz answers 200 "ok"
// (Cache-Control: no-store).
// A path naming a directory serves its index.html (a path without the
// final slash is redirected to the one with it); there are no directory
// listings: a directory without index.html is 404. Any path element
// starting with a dot (.env, .git/, .well-known/) is 404. Paths with "." or
// ".." elements, backslashes or NUL bytes, after percent-decoding, are 400;
// a double-encoded %252e%252e is just a file name that does not exist (404).
// A request whose line and headers (with their line ends) take more than
// 16 KiB (16,384 bytes) gets 431; net/http would read 4 KiB more than its
// MaxHeaderBytes, so the server sets it to 12 KiB to make 16 KiB the real
// limit (tested over HTTP at 16,384 and 16,385 bytes).
//
// # Precompressed files
//
// For a compressible file X (.html .css .js .mjs .wasm .json .map
// .webmanifest .bin .svg .txt) the server looks for X.br and X.gz beside
// it, written by tools/mkdist. If the request's Accept-Encoding allows a
// coding (q-values are honoured: "br;q=0" forbids brotli; "*" and "x-gzip"
// are understood; no header means identity), the best one by q-value, then
// brotli before gzip, is sent with Content-Encoding, the Content-Type of X
// (application/wasm for .wasm, application/octet-stream for .bin,
// text/javascript for .js), the copy's Content-Length and its own ETag.
// Responses for compressible files carry "Vary: Accept-Encoding". Requests
// with a Range header always get X itself, so byte ranges refer to the
// original bytes. The copies are not resources of their own: a request for
// X.br or X.gz gets 404 while X exists (a lone archive.tar.gz is served as
// a normal file). The server does not check that a copy is up to date with
// X: regenerate both together (tools/mkdist does).
//
// # Caching
//
// Every file response has a strong ETag (a SHA-256 prefix of the bytes,
// computed once per file and recomputed when its size or modification time
// changes) and, for files on disk, Last-Modified; If-None-Match and
// If-Modified-Since give 304. A name with a content hash as tools/mkdist
// writes it, name.<8 to 16 lower-case hex digits, with at least one
// letter a-f and one digit 0-9>.ext (e.g. game.3f2a9c01b7de.wasm), gets
// "Cache-Control: public, max-age=31536000, immutable"; index.html and
// every other file get "no-cache" (use, but revalidate first). A "hash" of
// digits only is a date (scores.20240915.csv), one of letters only a word
// (notes.deadbeef.txt): neither is cached, as either may change under the
// same name. tools/mkdist gives every hash both a letter and a digit, so
// every file it renames is cached. Error responses are no-store.
//
// # Security headers
//
// Every response answered by the handler (all but net/http's own 400 and
// 431 for unparsable or oversized requests; "OPTIONS *" included) carries:
//
//	X-Content-Type-Options: nosniff
//	Referrer-Policy: no-referrer
//	Cross-Origin-Resource-Policy: same-origin
//	Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';
//	  connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; object-src 'none';
//	  base-uri 'none'; frame-ancestors <-frame-ancestors>
//
// The page may load nothing from another origin and run no inline script or
// style. X-Frame-Options is sent only when it says the same as the CSP
// ('none': DENY, 'self': SAMEORIGIN), never for the default *, so the page
// can be embedded.
//
// # Limits and logs
//
// The http.Server has ReadHeaderTimeout 5s, ReadTimeout 10s, WriteTimeout
// (-write-timeout), IdleTimeout 60s and a limit of 16 KiB on the request
// line and headers (MaxHeaderBytes 12 KiB plus net/http's 4 KiB). Each request
// is logged with log/slog (method, path, status, bytes, duration,
// encoding); clients' addresses are not logged, as pupils' IP addresses are
// personal data. The server speaks plain HTTP: put it behind a
// TLS-terminating proxy to serve it beyond localhost or a classroom network.
package main
