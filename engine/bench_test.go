//go:build !js

package engine_test

import (
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist/gomnisttest"
)

var (
	mnistOnce       sync.Once
	trainIn, testIn []*engine.SDR
	trainLabels     []int
)

// mnistInputs preprocesses the real MNIST digits once per test binary.
func mnistInputs(b *testing.B) ([]*engine.SDR, []int, []*engine.SDR) {
	mnistOnce.Do(func() {
		train, test := gomnisttest.Load(b)
		conv := func(d *mnist.Dataset) []*engine.SDR {
			out := make([]*engine.SDR, d.Len())
			for i := range out {
				bm, _ := mnist.Preprocess(d.Image(i), d.Width(), d.Height(), mnist.DefaultOptions)
				out[i], _ = mnist.Encode(bm, engine.MNISTConfig().Input)
			}
			return out
		}
		trainIn, testIn = conv(train), conv(test)
		for i := 0; i < train.Len(); i++ {
			trainLabels = append(trainLabels, train.Label(i))
		}
	})
	return trainIn, trainLabels, testIn
}

func trainedNet(b *testing.B, items int) *engine.Network {
	return trainedPreset(b, "mnist", items)
}

// trainedPreset is the named preset after learning the first items
// training digits.
func trainedPreset(b *testing.B, preset string, items int) *engine.Network {
	in, labels, _ := mnistInputs(b)
	cfg, err := engine.Preset(preset)
	if err != nil {
		b.Fatal(err)
	}
	net, err := engine.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	for i := range items {
		if _, err := net.Learn(in[i], labels[i]); err != nil {
			b.Fatal(err)
		}
	}
	return net
}

// BenchmarkLearn: one single-trial learning step of a preprocessed MNIST
// digit on the default configuration, after 1,000 digits stored.
func BenchmarkLearn(b *testing.B) {
	net := trainedNet(b, 1000)
	in, labels, _ := mnistInputs(b)
	i := 1000
	for b.Loop() {
		if _, err := net.Learn(in[i], labels[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(in) {
			i = 1000
		}
	}
}

// BenchmarkRecall: recall of a preprocessed MNIST test digit with 1k, 10k
// and 60k training digits stored: the cost must not grow with items stored.
func BenchmarkRecall(b *testing.B) {
	for _, stored := range []int{1000, 10000, 60000} {
		b.Run(fmt.Sprintf("stored=%d", stored), func(b *testing.B) {
			net := trainedNet(b, stored)
			_, _, test := mnistInputs(b)
			i := 0
			for b.Loop() {
				if _, err := net.Recall(test[i]); err != nil {
					b.Fatal(err)
				}
				i = (i + 1) % len(test)
			}
		})
	}
}

// BenchmarkRecallFlat interleaves recalls on a network with 1,000 digits
// stored and one with 60,000, query by query, so that the machine's drift
// hits both alike, and reports the ratio of their median times
// (60k/1k-ratio; the floor is 1.2) beside each median.
func BenchmarkRecallFlat(b *testing.B) {
	small, large := trainedNet(b, 1000), trainedNet(b, 60000)
	_, _, test := mnistInputs(b)
	var ts, tl []float64
	i := 0
	for b.Loop() {
		x := test[i%len(test)]
		t0 := time.Now()
		small.Recall(x)
		t1 := time.Now()
		large.Recall(x)
		t2 := time.Now()
		ts = append(ts, float64(t1.Sub(t0).Nanoseconds()))
		tl = append(tl, float64(t2.Sub(t1).Nanoseconds()))
		i++
	}
	ms, ml := median(ts), median(tl)
	b.ReportMetric(ms/1000, "µs-1k")
	b.ReportMetric(ml/1000, "µs-60k")
	b.ReportMetric(ml/ms, "60k/1k-ratio")
}

// BenchmarkVersusFlat measures the default hierarchy against the first
// release's flat network ("flat": level 1 alone) in the same run: both have
// learned the same digits; each iteration learns the next training digit
// on both and recalls the next test digit on both, alternately, timing
// each call. It reports the median times and the ratios default/flat
// (the floor is 1.0 for both).
func BenchmarkVersusFlat(b *testing.B) {
	for _, stored := range []int{1000, 10000, 60000} {
		b.Run(fmt.Sprintf("stored=%d", stored), func(b *testing.B) {
			def, flat := trainedPreset(b, "mnist", stored), trainedPreset(b, "flat", stored)
			in, labels, test := mnistInputs(b)
			var ld, lf, rd, rf []float64
			i := 0
			timed := func(f func()) float64 {
				t0 := time.Now()
				f()
				return float64(time.Since(t0).Nanoseconds())
			}
			for b.Loop() {
				x, y := in[(stored+i)%len(in)], labels[(stored+i)%len(in)]
				q := test[i%len(test)]
				ld = append(ld, timed(func() { def.Learn(x, y) }))
				lf = append(lf, timed(func() { flat.Learn(x, y) }))
				rd = append(rd, timed(func() { def.Recall(q) }))
				rf = append(rf, timed(func() { flat.Recall(q) }))
				i++
			}
			b.ReportMetric(median(ld)/1000, "µs-learn")
			b.ReportMetric(median(lf)/1000, "µs-learn-flat")
			b.ReportMetric(median(ld)/median(lf), "learn-ratio")
			b.ReportMetric(median(rd)/1000, "µs-recall")
			b.ReportMetric(median(rf)/1000, "µs-recall-flat")
			b.ReportMetric(median(rd)/median(rf), "recall-ratio")
		})
	}
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// BenchmarkSoftmaxCost measures the default network (softmax readout)
// against the same network with the naive-Bayes readout it had before
// (the codes are the same; only the readout differs), in the same run:
// each iteration learns the next training digit on both and recalls the
// next test digit on both, alternately, timing each call. It reports the
// median times and the ratios softmax/naive-Bayes (the floor is 1.2 for
// both).
func BenchmarkSoftmaxCost(b *testing.B) {
	for _, stored := range []int{1000, 60000} {
		b.Run(fmt.Sprintf("stored=%d", stored), func(b *testing.B) {
			in, labels, test := mnistInputs(b)
			nbCfg := engine.MNISTConfig()
			nbCfg.Readout = engine.ReadoutNaiveBayes
			soft, err := engine.New(engine.MNISTConfig())
			if err != nil {
				b.Fatal(err)
			}
			nb, err := engine.New(nbCfg)
			if err != nil {
				b.Fatal(err)
			}
			for i := range stored {
				soft.Learn(in[i], labels[i])
				nb.Learn(in[i], labels[i])
			}
			var ls, ln, rs, rn []float64
			timed := func(f func()) float64 {
				t0 := time.Now()
				f()
				return float64(time.Since(t0).Nanoseconds())
			}
			i := 0
			for b.Loop() {
				x, y := in[(stored+i)%len(in)], labels[(stored+i)%len(in)]
				q := test[i%len(test)]
				if i%2 == 0 { // alternate which goes first
					ls = append(ls, timed(func() { soft.Learn(x, y) }))
					ln = append(ln, timed(func() { nb.Learn(x, y) }))
					rs = append(rs, timed(func() { soft.Recall(q) }))
					rn = append(rn, timed(func() { nb.Recall(q) }))
				} else {
					ln = append(ln, timed(func() { nb.Learn(x, y) }))
					ls = append(ls, timed(func() { soft.Learn(x, y) }))
					rn = append(rn, timed(func() { nb.Recall(q) }))
					rs = append(rs, timed(func() { soft.Recall(q) }))
				}
				i++
			}
			b.ReportMetric(median(ls)/1000, "µs-learn")
			b.ReportMetric(median(ln)/1000, "µs-learn-nb")
			b.ReportMetric(median(ls)/median(ln), "learn-ratio")
			b.ReportMetric(median(rs)/1000, "µs-recall")
			b.ReportMetric(median(rn)/1000, "µs-recall-nb")
			b.ReportMetric(median(rs)/median(rn), "recall-ratio")
		})
	}
}

// BenchmarkLoad decodes a snapshot of the default network: what the page
// does with the memory it starts from.
func BenchmarkLoad(b *testing.B) {
	n, err := engine.New(engine.MNISTConfig())
	if err != nil {
		b.Fatal(err)
	}
	s, err := n.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if _, err := engine.Load(s); err != nil {
			b.Fatal(err)
		}
	}
}
