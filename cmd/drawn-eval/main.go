// Command drawn-eval measures the drawn path against the direct one: MNIST
// test digits are traced into pen strokes (wasm/pad/pen), written with a
// writer-like pen speed as pointer positions over the page's pad, played
// into a wasm/pad Pad as the page's pointer does, rendered as the page
// renders the pad and recalled through mnist.Input; the same digits are
// also recalled directly from their pixels. Both on the same network,
// learned from MNIST training digits as the page learns them (the "mnist"
// preset, seed 1, the first N training digits in order).
//
//	go run ./cmd/drawn-eval -train 60000 -test 10000 -variants
//	go run ./cmd/drawn-eval -train 60000 -test 10000 -hands    # perturbations of real hands
//	go run ./cmd/drawn-eval -train 10000 -test 10000 -variants
//	go run ./cmd/drawn-eval -train 50000 -validate 10000   # tuning: last 10k of train
//	go run ./cmd/drawn-eval -render pad112                 # the page's earlier input image
//
// Progress goes to stderr; stdout gets a table and, as its last line, one
// JSON object.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
