// Package e2e tests the page in headless Chromium, driven by chromedp, as
// the project's browser-testing recipe describes (SwiftShader flags, input
// paced by the page's Ebiten tick counter): TestMain builds game.wasm,
// copies wasm_exec.js and the web files, writes the MNIST sample data into a
// temporary directory and serves it over HTTP on 127.0.0.1; each test starts
// a browser with the recommended flags, draws real strokes with mouse and
// touch events paced by the page's tick counter, and reads the results back
// through window.sparsey.
//
//	go test ./e2e -timeout 30m -v
//	go test ./e2e -run TestPagePerformance -v   # the numbers for BENCHMARKS.md
//	go test ./e2e -run TestDrawDigits -update-screenshot   # docs/screenshot.png
//	go test ./e2e -run TestDrawnParity -v   # traced MNIST digits: page vs native drawn path
//	go test ./e2e -run TestTaughtRedrawn -v   # taught drawings redrawn by hand: the nearest stored item
//	go test ./e2e -run 'TestLessonServed|TestLessonReads|TestLessonSizes|TestLessonPage' -v   # the lesson at /lesson/
//
// SPARSEY_E2E_FLOORS=1 also fails on floors the issues set that are not
// met yet (measured and logged in any case): TestTaughtRedrawn's 7 of 10;
// TestFirstRecall and TestLesson then fail over the first-visit floors
// themselves (3 s, 8 s with the CPU throttled 4×) instead of four times them.
//
// Chromium must be on PATH (Debian package "chromium"); without it the
// tests fail, unless -short, which skips them. Screenshots go to
// $SPARSEY_ARTIFACTS, or a temporary directory that the log names.
package e2e
