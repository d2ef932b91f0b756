package main

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// absent marks a header that must not be in the response.
const absent = "<absent>"

type exchange struct {
	name   string
	method string // GET when empty
	target string // sent verbatim on the request line
	header [][2]string
	status int
	want   map[string]string // header values to check; absent: must be missing
	body   []byte            // exact body, when not nil
}

func TestHandler(t *testing.T) {
	root, files := makeRoot(t)
	ts := startDir(t, root, "*")
	size := func(name string) string { return strconv.Itoa(len(files[name])) }
	ae := func(v string) [][2]string { return [][2]string{{"Accept-Encoding", v}} }
	wasm := "/" + hashedWasm

	tests := []exchange{
		// Path traversal: nothing outside the root, whatever the spelling.
		{name: "raw dot-dot", target: "/../secret.txt", status: 400},
		{name: "deep dot-dot", target: "/../../../../etc/passwd", status: 400},
		{name: "dot-dot inside path", target: "/docs/../../secret.txt", status: 400},
		{name: "encoded dot-dot", target: "/%2e%2e/secret.txt", status: 400},
		{name: "encoded dot-dot-slash", target: "/%2e%2e%2fsecret.txt", status: 400},
		{name: "encoded slash only", target: "/..%2fsecret.txt", status: 400},
		{name: "upper-case encoding", target: "/%2E%2E%2Fsecret.txt", status: 400},
		{name: "double encoded", target: "/%252e%252e%252fsecret.txt", status: 404},
		{name: "backslash", target: `/..\secret.txt`, status: 400},
		{name: "encoded backslash", target: "/..%5csecret.txt", status: 400},
		{name: "NUL byte", target: "/index.html%00.png", status: 400},
		{name: "single dot", target: "/./index.html", status: 400},
		{name: "absolute path", target: "/etc/passwd", status: 404},
		{name: "double slash", target: "//etc/passwd", status: 404},
		{name: "absolute-form URI", target: "http://test/../secret.txt", status: 400},
		{name: "symlink out of root", target: "/link-out", status: 404},

		// Dot files and directories are hidden; no listings.
		{name: "dot file", target: "/.env", status: 404},
		{name: "dot directory", target: "/.git/config", status: 404},
		{name: "nested dot directory", target: "/sub/.hidden/x.txt", status: 404},
		{name: "encoded dot file", target: "/%2eenv", status: 404},
		{name: "directory without index", target: "/empty/", status: 404},
		{name: "directory without index, no slash", target: "/empty", status: 404},
		{name: "directory with index, no slash", target: "/docs?x=1", status: 301,
			want: map[string]string{"Location": "/docs/?x=1"}},
		{name: "redirect escapes the name", target: "/we%3Fird", status: 301,
			want: map[string]string{"Location": "/we%3Fird/"}},
		{name: "directory with index", target: "/docs/", status: 200,
			body: files["docs/index.html"]},
		{name: "file with trailing slash", target: "/index.html/", status: 404},
		{name: "missing file", target: "/nope.js", status: 404,
			want: map[string]string{"Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8"}},

		// Methods.
		{name: "POST", method: "POST", target: "/", status: 405, want: map[string]string{"Allow": "GET, HEAD"}},
		{name: "PUT", method: "PUT", target: "/index.html", status: 405, want: map[string]string{"Allow": "GET, HEAD"}},
		{name: "DELETE", method: "DELETE", target: "/index.html", status: 405, want: map[string]string{"Allow": "GET, HEAD"}},
		{name: "OPTIONS", method: "OPTIONS", target: "/", status: 405, want: map[string]string{"Allow": "GET, HEAD"}},
		{name: "OPTIONS *", method: "OPTIONS", target: "*", status: 204, body: []byte{},
			want: map[string]string{"Allow": "GET, HEAD", "Cache-Control": "no-store"}},
		{name: "PATCH healthz", method: "PATCH", target: "/healthz", status: 405, want: map[string]string{"Allow": "GET, HEAD"}},

		// MIME types, identity encoding.
		{name: "index", target: "/", status: 200, body: files["index.html"],
			want: map[string]string{"Content-Type": "text/html; charset=utf-8", "Content-Length": size("index.html")}},
		{name: "wasm", target: wasm, status: 200, body: files[hashedWasm],
			want: map[string]string{"Content-Type": "application/wasm", "Content-Length": size(hashedWasm)}},
		{name: "javascript", target: "/" + hashedJS, status: 200,
			want: map[string]string{"Content-Type": "text/javascript; charset=utf-8"}},
		{name: "css", target: "/style.css", status: 200, want: map[string]string{"Content-Type": "text/css; charset=utf-8"}},
		{name: "bin", target: "/mnist-train.bin", status: 200, want: map[string]string{"Content-Type": "application/octet-stream"}},
		{name: "png", target: "/image.png", status: 200, want: map[string]string{"Content-Type": "image/png"}},
		{name: "unknown type", target: "/notes.xyz", status: 200, want: map[string]string{"Content-Type": "application/octet-stream"}},
		{name: "README.txt under -dir", target: "/README.txt", status: 200, body: files["README.txt"]},

		// Compression negotiation.
		{name: "br", target: wasm, header: ae("br"), status: 200, body: files[hashedWasm+".br"],
			want: map[string]string{"Content-Encoding": "br", "Content-Type": "application/wasm",
				"Content-Length": size(hashedWasm + ".br"), "Vary": "Accept-Encoding"}},
		{name: "chromium header", target: wasm, header: ae("gzip, deflate, br, zstd"), status: 200,
			want: map[string]string{"Content-Encoding": "br"}},
		{name: "gzip only", target: wasm, header: ae("gzip"), status: 200, body: files[hashedWasm+".gz"],
			want: map[string]string{"Content-Encoding": "gzip", "Content-Type": "application/wasm",
				"Content-Length": size(hashedWasm + ".gz")}},
		{name: "x-gzip", target: wasm, header: ae("x-gzip"), status: 200, want: map[string]string{"Content-Encoding": "gzip"}},
		{name: "br q=0", target: wasm, header: ae("br;q=0, gzip"), status: 200, want: map[string]string{"Content-Encoding": "gzip"}},
		{name: "br q=0.0 spaced", target: wasm, header: ae("gzip , br ; q=0.0"), status: 200, want: map[string]string{"Content-Encoding": "gzip"}},
		{name: "gzip preferred by q", target: wasm, header: ae("br;q=0.5, gzip;q=0.8"), status: 200, want: map[string]string{"Content-Encoding": "gzip"}},
		{name: "equal q: server order", target: wasm, header: ae("gzip;q=0.5, br;q=0.5"), status: 200, want: map[string]string{"Content-Encoding": "br"}},
		{name: "all q=0", target: wasm, header: ae("br;q=0, gzip;q=0"), status: 200, body: files[hashedWasm],
			want: map[string]string{"Content-Encoding": absent, "Content-Length": size(hashedWasm), "Vary": "Accept-Encoding"}},
		{name: "no Accept-Encoding", target: wasm, status: 200, body: files[hashedWasm],
			want: map[string]string{"Content-Encoding": absent, "Vary": "Accept-Encoding"}},
		{name: "empty Accept-Encoding", target: wasm, header: ae(""), status: 200, want: map[string]string{"Content-Encoding": absent}},
		{name: "identity", target: wasm, header: ae("identity"), status: 200, want: map[string]string{"Content-Encoding": absent}},
		{name: "star", target: wasm, header: ae("*"), status: 200, want: map[string]string{"Content-Encoding": "br"}},
		{name: "star q=0 except gzip", target: wasm, header: ae("gzip, *;q=0"), status: 200, want: map[string]string{"Content-Encoding": "gzip"}},
		{name: "upper case", target: wasm, header: ae("BR"), status: 200, want: map[string]string{"Content-Encoding": "br"}},
		{name: "malformed q", target: wasm, header: ae("br;q=high"), status: 200, want: map[string]string{"Content-Encoding": absent}},
		{name: "q above 1", target: wasm, header: ae("br;q=2, gzip"), status: 200, want: map[string]string{"Content-Encoding": "gzip"}},
		{name: "only unsupported", target: wasm, header: ae("zstd, deflate"), status: 200, want: map[string]string{"Content-Encoding": absent}},
		{name: "br wanted, only gzip on disk", target: "/index.html", header: ae("br, gzip;q=0.1"), status: 200,
			body: files["index.html.gz"], want: map[string]string{"Content-Encoding": "gzip"}},
		{name: "no copies on disk", target: "/style.css", header: ae("br, gzip"), status: 200,
			want: map[string]string{"Content-Encoding": absent, "Vary": "Accept-Encoding"}},
		{name: "not compressible: no Vary", target: "/image.png", header: ae("br, gzip"), status: 200,
			want: map[string]string{"Content-Encoding": absent, "Vary": absent}},
		{name: "range gets identity", target: wasm, header: [][2]string{{"Accept-Encoding", "br"}, {"Range", "bytes=0-3"}},
			status: 206, body: []byte("\x00asm"),
			want: map[string]string{"Content-Encoding": absent, "Content-Range": "bytes 0-3/" + size(hashedWasm)}},
		{name: "unsatisfiable range", target: wasm, header: [][2]string{{"Range", "bytes=999999-"}}, status: 416},
		{name: "direct .gz of a file is hidden", target: "/" + hashedWasm + ".gz", status: 404},
		{name: "direct .br of a file is hidden", target: "/" + hashedJS + ".br", status: 404},
		{name: "lone .gz is a file", target: "/archive.tar.gz", status: 200,
			want: map[string]string{"Content-Type": "application/gzip", "Content-Encoding": absent}},

		// HEAD.
		{name: "HEAD br", method: "HEAD", target: wasm, header: ae("br"), status: 200, body: []byte{},
			want: map[string]string{"Content-Encoding": "br", "Content-Length": size(hashedWasm + ".br")}},
		{name: "HEAD identity", method: "HEAD", target: "/", status: 200, body: []byte{},
			want: map[string]string{"Content-Length": size("index.html")}},

		// Caching.
		{name: "hashed name is immutable", target: "/" + hashedJS, status: 200,
			want: map[string]string{"Cache-Control": "public, max-age=31536000, immutable"}},
		{name: "hashed brotli copy is immutable", target: wasm, header: ae("br"), status: 200,
			want: map[string]string{"Cache-Control": "public, max-age=31536000, immutable"}},
		{name: "index revalidates", target: "/", status: 200, want: map[string]string{"Cache-Control": "no-cache"}},
		{name: "index.html revalidates", target: "/index.html", status: 200, want: map[string]string{"Cache-Control": "no-cache"}},
		{name: "plain name revalidates", target: "/style.css", status: 200, want: map[string]string{"Cache-Control": "no-cache"}},
		{name: "dated name is not a hash", target: "/data.20240915.csv", status: 200, want: map[string]string{"Cache-Control": "no-cache"}},

		// Health and limits.
		{name: "healthz", target: "/healthz", status: 200, body: []byte("ok\n"),
			want: map[string]string{"Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8"}},
		{name: "HEAD healthz", method: "HEAD", target: "/healthz", status: 200},
		{name: "oversized header", target: "/", header: [][2]string{{"X-Big", strings.Repeat("a", 64<<10)}}, status: 431},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			resp, body := rawRequest(t, ts, method, tt.target, tt.header)
			if resp.StatusCode != tt.status {
				t.Fatalf("%s %s: status %d, want %d (body %q)", method, tt.target, resp.StatusCode, tt.status, trim(body))
			}
			checkHeaders(t, resp.Header, tt.want)
			if tt.body != nil && !bytes.Equal(body, tt.body) {
				t.Errorf("body %q, want %q", trim(body), trim(tt.body))
			}
			if bytes.Contains(body, []byte(secretOutside)) {
				t.Errorf("response leaks a file outside the root")
			}
			if tt.status != http.StatusRequestHeaderFieldsTooLarge { // answered by net/http itself
				checkSecurityHeaders(t, resp.Header, "*")
			}
		})
	}
}

func checkHeaders(t *testing.T, h http.Header, want map[string]string) {
	t.Helper()
	for k, v := range want {
		got, ok := h[http.CanonicalHeaderKey(k)]
		switch {
		case v == absent && ok:
			t.Errorf("%s: %q, want none", k, got)
		case v != absent && (len(got) != 1 || got[0] != v):
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
}

func checkSecurityHeaders(t *testing.T, h http.Header, frameAncestors string) {
	t.Helper()
	checkHeaders(t, h, map[string]string{
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "no-referrer",
		"Cross-Origin-Resource-Policy": "same-origin",
		"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
			"img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors " + frameAncestors,
	})
}

func trim(b []byte) string {
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}

// TestHeaderLimit: the documented limit holds over real HTTP: a request
// whose line and headers take maxHeaderBytes (16 KiB) is served, one byte
// more gets 431.
func TestHeaderLimit(t *testing.T) {
	root, _ := makeRoot(t)
	ts := startDir(t, root, "*")
	base := len("GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n" + "X-Pad: " + "\r\n" + "\r\n")
	for _, tc := range []struct {
		size, status int
	}{
		{maxHeaderBytes - 1000, 200},
		{maxHeaderBytes, 200},
		{maxHeaderBytes + 1, 431},
		{maxHeaderBytes + netHTTPHeadroom, 431}, // what net/http alone would still read
		{4 * maxHeaderBytes, 431},
	} {
		pad := strings.Repeat("a", tc.size-base)
		resp, _ := rawRequest(t, ts, "GET", "/", [][2]string{{"X-Pad", pad}})
		if resp.StatusCode != tc.status {
			t.Errorf("request of %d bytes: status %d, want %d", tc.size, resp.StatusCode, tc.status)
		}
	}
}
