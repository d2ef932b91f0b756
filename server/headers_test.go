package main

import (
	"net/http"
	"testing"
)

func TestFrameAncestors(t *testing.T) {
	root, _ := makeRoot(t)
	tests := []struct {
		value string
		xfo   string // X-Frame-Options; absent when the CSP alone decides
	}{
		{value: "*", xfo: absent},
		{value: "'self'", xfo: "SAMEORIGIN"},
		{value: "'none'", xfo: "DENY"},
		{value: "https://school.example https://lms.example", xfo: absent},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			ts := startDir(t, root, tt.value)
			for _, target := range []string{"/", "/nope", "/healthz"} {
				resp, _ := rawRequest(t, ts, "GET", target, nil)
				checkSecurityHeaders(t, resp.Header, tt.value)
				checkHeaders(t, resp.Header, map[string]string{"X-Frame-Options": tt.xfo})
			}
		})
	}
}

func TestCheckFrameAncestors(t *testing.T) {
	tests := []struct {
		value string
		ok    bool
	}{
		{"*", true},
		{"'self' https://lms.example", true},
		{"", false},
		{"  ", false},
		{"'self'; script-src *", false},
		{"a, b", false},
		{"a\r\nX-Evil: 1", false},
		{"https://é.example", false},
	}
	for _, tt := range tests {
		if err := checkFrameAncestors(tt.value); (err == nil) != tt.ok {
			t.Errorf("checkFrameAncestors(%q) = %v, want ok %v", tt.value, err, tt.ok)
		}
	}
}

func TestCacheControl(t *testing.T) {
	tests := map[string]string{
		"game.abcdef012345.wasm":     cacheImmutable,
		"main.0123abcd.js":           cacheImmutable, // 8 hex
		"x.0123456789abcdef.bin":     cacheImmutable, // 16 hex
		"sub/style.0a1b2c3d4e5f.css": cacheImmutable,
		"x.0123456789abcdef0.bin":    cacheRevalidate, // 17 hex
		"main.0123abc.js":            cacheRevalidate, // 7 hex
		"main.0123ABCD4567.js":       cacheRevalidate, // upper case is not mkdist's
		"scores.20240915.csv":        cacheRevalidate, // digits only: a date
		"style.131251682797.css":     cacheRevalidate, // digits only (mkdist never writes one)
		"notes.deadbeef.txt":         cacheRevalidate, // letters only: a word
		"report.facadebeaded.txt":    cacheRevalidate,
		"style.13125168279e.css":     cacheImmutable, // mkdist's form of the above
		"index.html":                 cacheRevalidate,
		"abcdef012345.js":            cacheRevalidate, // no name before the hash
		"game.abcdef012345":          cacheRevalidate, // no extension
	}
	for name, want := range tests {
		if got := cacheControl(name); got != want {
			t.Errorf("cacheControl(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestRevalidation(t *testing.T) {
	root, _ := makeRoot(t)
	ts := startDir(t, root, "*")
	br := [][2]string{{"Accept-Encoding", "br"}}
	for _, tc := range []struct {
		name   string
		target string
		header [][2]string
	}{
		{"identity", "/index.html", nil},
		{"brotli copy", "/" + hashedWasm, br},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, _ := rawRequest(t, ts, "GET", tc.target, tc.header)
			tag, mod := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
			if tag == "" || mod == "" {
				t.Fatalf("ETag %q, Last-Modified %q: want both", tag, mod)
			}
			for _, cond := range [][2]string{{"If-None-Match", tag}, {"If-Modified-Since", mod}} {
				resp, body := rawRequest(t, ts, "GET", tc.target, append([][2]string{cond}, tc.header...))
				if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
					t.Errorf("%s: status %d with %d bytes, want 304 and no body", cond[0], resp.StatusCode, len(body))
				}
				checkHeaders(t, resp.Header, map[string]string{"ETag": tag, "Content-Length": absent, "Vary": first.Header.Get("Vary")})
			}
			resp, _ := rawRequest(t, ts, "GET", tc.target, append([][2]string{{"If-None-Match", `"stale"`}}, tc.header...))
			if resp.StatusCode != http.StatusOK {
				t.Errorf("stale ETag: status %d, want 200", resp.StatusCode)
			}
		})
	}
	// Each representation has its own strong ETag.
	id, _ := rawRequest(t, ts, "GET", "/"+hashedWasm, nil)
	enc, _ := rawRequest(t, ts, "GET", "/"+hashedWasm, br)
	if id.Header.Get("ETag") == enc.Header.Get("ETag") {
		t.Errorf("identity and brotli responses share ETag %s", id.Header.Get("ETag"))
	}
	resp, _ := rawRequest(t, ts, "GET", "/"+hashedWasm, append([][2]string{{"If-None-Match", id.Header.Get("ETag")}}, br...))
	if resp.StatusCode != http.StatusOK {
		t.Errorf("identity ETag on a brotli request: status %d, want 200", resp.StatusCode)
	}
}
