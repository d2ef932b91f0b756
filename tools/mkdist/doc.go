// Command mkdist turns the page assets into the deployable static folder
// that the server embeds or serves.
//
// Usage:
//
//	go run ./tools/mkdist -src web -data DIR -out dist
//
// Flags:
//
//	-src folder       page folder (default web): index.html, style.css, main.js,
//	                  wasm_exec.js, game.wasm and anything else in it
//	-data folder      optional folder of data files (mnist-train.bin, ...), copied to
//	                  the top of the output; if it lies inside -src it is not copied twice
//	-out folder       output folder (default dist)
//	-br-quality n     brotli quality 0-11 (default 9)
//	-min-size bytes   smallest file that gets compressed copies (default 1024)
//
// Steps:
//
//  1. Every file of -src and -data is copied, except names starting with a
//     dot (files and folders) and .br/.gz copies of a file beside them.
//     Subfolders keep their place; symbolic links to files are followed.
//  2. Every file except index.html (in any folder: lesson/index.html is
//     what /lesson/ serves), favicon.ico and robots.txt is renamed
//     name.<first 12 hex digits of its SHA-256>.ext (game.wasm becomes
//     game.3f2a9c01b7de.wasm), so the server can let browsers cache it for
//     a year. The hash always holds a letter a-f and a digit 0-9, so that
//     it reads neither as a date nor as a word (the server caches neither):
//     when the 12 digits lack one, the last is replaced by one chosen by
//     the 13th digit.
//  3. In every index.html, and only there, each reference to an original name in
//     an attribute value (src="main.js", href="style.css",
//     data-wasm="game.wasm", data-train="mnist-train.bin", srcset lists,
//     with an optional ./ or / prefix and ?query or #fragment) is replaced
//     by the hashed name; a page in a subfolder resolves references against
//     its folder (lesson/index.html's "lesson.css" and "../favicon.svg"
//     become "lesson.<hash>.css" and "../favicon.<hash>.svg"; a reference
//     with a leading / names a file from the top). Text, comments, <script> and <style> bodies are
//     left alone. The page's loader reads the hashed names from
//     document.currentScript.dataset, so no other file needs rewriting. A
//     renamed file that no index.html references is reported as a
//     warning on stderr.
//  4. manifest.json maps every original name to its output name.
//  5. Each compressible file (html, css, js, mjs, wasm, json, map,
//     webmanifest, bin, svg, txt) of at least -min-size bytes gets X.gz
//     (compress/gzip, BestCompression) and X.br (brotli), each kept only if
//     smaller than X. The work runs on GOMAXPROCS goroutines, largest files
//     first. The copies hold no time stamps: the same inputs give the same
//     bytes.
//  6. A summary (file, raw, gzip and brotli sizes, totals) goes to stdout.
//
// The output is built in a temporary folder beside -out and then replaces
// -out as a whole, so stale files disappear and a failed build leaves the
// previous output untouched. To protect against a mistyped -out, mkdist
// refuses an output folder that overlaps -src or -data, or that is not
// empty and has no manifest.json (that is, was not made by mkdist).
//
// # Brotli
//
// Brotli comes from github.com/andybalholm/brotli, a pure-Go port of the
// reference encoder, chosen over the brotli command-line tool so that the
// build needs nothing but Go. Quality 9 is the default: on an 11 MB
// Ebiten wasm (10,869,895 bytes) on a 2-core machine it took 2.3 s for
// 2,162,962 bytes, against 37 s for 1,924,294 bytes at quality 11 (1,890,004
// with the 16 MiB window used from quality 10 on), 17 s at quality 10, and
// 1.0 s for gzip -9 at 2,657,060 bytes. On the 47 MB MNIST training images
// quality 9 took 6.6 s and quality 11 171 s. Quality 9 keeps `make dist`
// quick and the wasm well under the 2.6 MB transfer budget; use
// -br-quality 11 for a release build where the 11% matter.
package main
