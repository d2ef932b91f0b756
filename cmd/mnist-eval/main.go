// Command mnist-eval measures the Sparsey engine on the real MNIST digits:
// single-pass learning of a training set, then recall of a test set, with
// the accuracy of the readout, the time per item and, optionally, a
// 1-nearest-neighbour baseline on the same split in the same run.
//
//	go run ./cmd/mnist-eval -per-class 200 -test 10000 -baseline knn
//	go run ./cmd/mnist-eval -train 60000 -test 10000
//	go run ./cmd/mnist-eval -train 50000 -validate 10000   # tuning: last 10k of train
//
// Progress goes to stderr; stdout gets a human summary (per-class accuracy,
// confusion matrix) and, as its last line, one JSON object.
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
