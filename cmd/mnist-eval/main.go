// Command mnist-eval measures the Sparsey engine on the real MNIST digits:
// single-pass learning of a training set, then recall of a test set, with
// both memories: the semantic one (accuracy and calibration of the
// readout) and the episodic one (the top level's familiarity of stored
// items of every age, of slightly changed stored items, the codes kept at
// every level, the similarity structure of the top level's codes: see
// Result), the time per item (recall timed alone), the weights' memory
// and, optionally, baselines on the same split in the same run: 1-nearest
// neighbour (accuracy, time) and a WiSARD n-tuple memory (familiarity by
// age, memory). -capacity measures everything after 1k, 2k, 5k, 10k, 20k,
// 40k and 60k items stored.
//
//	go run ./cmd/mnist-eval -per-class 200 -test 10000 -baseline knn
//	go run ./cmd/mnist-eval -train 60000 -test 10000 -capacity -baseline knn,wisard
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
