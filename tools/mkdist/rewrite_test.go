package main

import "testing"

func TestRewriteHTML(t *testing.T) {
	names := map[string]string{
		"main.js":      "main.0123456789ab.js",
		"style.css":    "style.0123456789ab.css",
		"game.wasm":    "game.0123456789ab.wasm",
		"img/logo.png": "img/logo.0123456789ab.png",
	}
	tests := []struct{ name, in, want string }{
		{"src", `<script src="main.js"></script>`, `<script src="main.0123456789ab.js"></script>`},
		{"href", `<link rel="stylesheet" href="style.css">`, `<link rel="stylesheet" href="style.0123456789ab.css">`},
		{"data attribute", `<script src="main.js" data-wasm="game.wasm"></script>`,
			`<script src="main.0123456789ab.js" data-wasm="game.0123456789ab.wasm"></script>`},
		{"single quotes", `<script src='main.js'></script>`, `<script src='main.0123456789ab.js'></script>`},
		{"unquoted", `<script src=main.js></script>`, `<script src=main.0123456789ab.js></script>`},
		{"spaces around =", `<script src = "main.js" ></script>`, `<script src = "main.0123456789ab.js" ></script>`},
		{"upper-case tag", `<SCRIPT SRC="main.js"></SCRIPT>`, `<SCRIPT SRC="main.0123456789ab.js"></SCRIPT>`},
		{"self-closing", `<link href="style.css"/><p>main.js</p>`, `<link href="style.0123456789ab.css"/><p>main.js</p>`},
		{"dot-slash prefix", `<img src="./img/logo.png">`, `<img src="./img/logo.0123456789ab.png">`},
		{"root prefix", `<img src="/img/logo.png">`, `<img src="/img/logo.0123456789ab.png">`},
		{"query and fragment", `<a href="main.js?v=1#x">`, `<a href="main.0123456789ab.js?v=1#x">`},
		{"srcset", `<img srcset="img/logo.png 1x, img/logo.png 2x">`, `<img srcset="img/logo.0123456789ab.png 1x, img/logo.0123456789ab.png 2x">`},
		{"boolean attribute first", `<script defer src="main.js"></script>`, `<script defer src="main.0123456789ab.js"></script>`},
		{"text is not rewritten", `<p>load main.js then game.wasm</p>`, `<p>load main.js then game.wasm</p>`},
		{"comment is not rewritten", `<!-- <script src="main.js"> -->`, `<!-- <script src="main.js"> -->`},
		{"script body is not rewritten", `<script>if (a<b) load("game.wasm")</script><i title="game.wasm">`,
			`<script>if (a<b) load("game.wasm")</script><i title="game.0123456789ab.wasm">`},
		{"style body is not rewritten", `<style>p{background:url(img/logo.png)}</style>`, `<style>p{background:url(img/logo.png)}</style>`},
		{"substring is not a reference", `<a href="xmain.js" title="main.json">`, `<a href="xmain.js" title="main.json">`},
		{"other folder is not a reference", `<script src="lib/main.js"></script>`, `<script src="lib/main.js"></script>`},
		{"absolute URL is not a reference", `<script src="https://cdn.example/main.js"></script>`, `<script src="https://cdn.example/main.js"></script>`},
		{"doctype and lone <", `<!doctype html><p>1 < 2</p><b class="main.js">`, `<!doctype html><p>1 < 2</p><b class="main.0123456789ab.js">`},
		{"unterminated quote", `<script src="main.js`, `<script src="main.js`},
		{"unterminated tag", `<script src=main.js`, `<script src=main.0123456789ab.js`},
		{"empty", ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := rewriteHTML([]byte(tt.in), names)
			if string(got) != tt.want {
				t.Errorf("rewriteHTML(%s)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestRewriteHTMLCounts(t *testing.T) {
	_, counts := rewriteHTML([]byte(`<script src="main.js" data-x="main.js game.wasm"></script><p>style.css</p>`),
		map[string]string{"main.js": "m.js", "game.wasm": "g.wasm", "style.css": "s.css"})
	want := map[string]int{"main.js": 2, "game.wasm": 1}
	if len(counts) != len(want) || counts["main.js"] != 2 || counts["game.wasm"] != 1 {
		t.Errorf("counts %v, want %v", counts, want)
	}
}

// FuzzRewriteHTML checks that no input makes the rewriter panic or loop,
// and that a page without references comes back unchanged.
func FuzzRewriteHTML(f *testing.F) {
	f.Add(`<script src="main.js" data-wasm='game.wasm'></script>`)
	f.Add(`<!-- x --><a href=main.js?x>`)
	f.Add(`<script>"<"</script><style`)
	f.Fuzz(func(t *testing.T, page string) {
		rewriteHTML([]byte(page), map[string]string{"main.js": "main.0123456789ab.js"})
		if got, _ := rewriteHTML([]byte(page), nil); string(got) != page {
			t.Errorf("no names, yet the page changed: %q -> %q", page, got)
		}
	})
}

func TestHashedName(t *testing.T) {
	tests := map[string]string{
		"main.js":         "main.h.js",
		"jquery.min.js":   "jquery.min.h.js",
		"img/logo.png":    "img/logo.h.png",
		"LICENSE":         "LICENSE.h",
		"a.b/LICENSE":     "a.b/LICENSE.h",
		"mnist-train.bin": "mnist-train.h.bin",
	}
	for in, want := range tests {
		if got := hashedName(in, "h"); got != want {
			t.Errorf("hashedName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRewriteHTMLIn: references of a page in a subfolder are resolved
// against its folder and keep their form.
func TestRewriteHTMLIn(t *testing.T) {
	names := map[string]string{
		"main.js":           "main.0123456789ab.js",
		"lesson/lesson.css": "lesson/lesson.0123456789ab.css",
	}
	tests := []struct{ in, want string }{
		{`<link href="lesson.css">`, `<link href="lesson.0123456789ab.css">`},
		{`<link href="./lesson.css">`, `<link href="./lesson.0123456789ab.css">`},
		{`<script src="../main.js">`, `<script src="../main.0123456789ab.js">`},
		{`<script src="/main.js">`, `<script src="/main.0123456789ab.js">`},
		{`<link href="/lesson/lesson.css">`, `<link href="/lesson/lesson.0123456789ab.css">`},
		{`<script src="main.js">`, `<script src="main.js">`}, // lesson/main.js: no such asset
		{`<link href="/lesson.css">`, `<link href="/lesson.css">`},
		{`<iframe src="../?embed=1">`, `<iframe src="../?embed=1">`},
	}
	for _, tt := range tests {
		if got, _ := rewriteHTMLIn([]byte(tt.in), "lesson", names); string(got) != tt.want {
			t.Errorf("rewriteHTMLIn(%s, lesson)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
