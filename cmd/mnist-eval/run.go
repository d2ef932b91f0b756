package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
)

// Result is the JSON object printed as the last line of stdout.
type Result struct {
	Config           string    `json:"config"`
	Train            int       `json:"train"`
	Test             int       `json:"test"`
	TestSet          string    `json:"test_set"`
	Seed             uint64    `json:"seed"`
	Readout          string    `json:"readout"`
	Accuracy         float64   `json:"accuracy"`
	PerClass         []float64 `json:"per_class_accuracy"`
	LearnUsPerItem   float64   `json:"learn_us_per_item"`
	RecallUsPerItem  float64   `json:"recall_us_per_item"`
	PreprocUsPerItem float64   `json:"preprocess_us_per_item"`
	MeanTestG        float64   `json:"mean_test_g"`
	FrozenFraction   []float64 `json:"frozen_fraction_per_level"`
	Saturation       []float64 `json:"mean_saturation_per_level"`
	BaselineName     string    `json:"baseline,omitempty"`
	BaselineAccuracy float64   `json:"baseline_accuracy,omitempty"`
	BaselineRecallUs float64   `json:"baseline_recall_us_per_item,omitempty"`
	GOMAXPROCS       int       `json:"gomaxprocs"`
	Confusion        [][]int   `json:"confusion"`
}

type options struct {
	train, perClass, test, validate int
	seed                            uint64
	config, baseline                string
	thin                            bool
	dilate                          int
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mnist-eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.IntVar(&o.train, "train", 2000, "learn the first `N` training digits")
	fs.IntVar(&o.perClass, "per-class", 0, "learn the first `N` training digits of each class instead of -train")
	fs.IntVar(&o.test, "test", 10000, "recall the first `M` test digits")
	fs.IntVar(&o.validate, "validate", 0, "test on the last `V` training digits instead of the test set (for tuning; they are never learned)")
	fs.Uint64Var(&o.seed, "seed", 1, "network seed")
	fs.StringVar(&o.config, "config", "mnist", "a preset name ("+strings.Join(engine.PresetNames(), ", ")+") or a JSON config file")
	fs.StringVar(&o.baseline, "baseline", "", "also run a baseline on the same split: knn (1-NN, L2 on pixels) or hamming (1-NN on binarised pixels)")
	fs.BoolVar(&o.thin, "thin", true, "preprocess: thin strokes to a skeleton")
	fs.IntVar(&o.dilate, "dilate", 0, "preprocess: dilate after thinning (0 or 1)")
	printConfig := fs.Bool("print-config", false, "print the configuration (defaults filled in) as JSON and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *printConfig {
		cfg, err := loadConfig(o.config, o.seed)
		if err != nil {
			fmt.Fprintf(stderr, "mnist-eval: %v\n", err)
			return 1
		}
		b, _ := json.MarshalIndent(cfg.Defaults(), "", "  ")
		fmt.Fprintln(stdout, string(b))
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mnist-eval: unexpected arguments %q\n", fs.Args())
		return 2
	}
	res, err := evaluate(ctx, o, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "mnist-eval: %v\n", err)
		return 1
	}
	b, _ := json.Marshal(res)
	fmt.Fprintln(stdout, string(b))
	return 0
}

func loadConfig(name string, seed uint64) (engine.Config, error) {
	cfg, err := engine.Preset(name)
	if err != nil {
		b, ferr := os.ReadFile(name)
		if ferr != nil {
			return engine.Config{}, err
		}
		cfg = engine.Config{}
		if err := json.Unmarshal(b, &cfg); err != nil {
			return engine.Config{}, fmt.Errorf("config %s: %w", name, err)
		}
	}
	cfg.Seed = seed
	return cfg, cfg.Validate()
}

func evaluate(ctx context.Context, o options, stdout, stderr io.Writer) (*Result, error) {
	cfg, err := loadConfig(o.config, o.seed)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "loading MNIST…\n")
	trainAll, testAll, err := gomnist.Load()
	if err != nil {
		return nil, err
	}
	train, test, setName := trainAll, testAll, "t10k"
	if o.validate > 0 {
		if o.validate >= trainAll.Len() {
			return nil, errors.New("-validate must leave training digits")
		}
		train, test = trainAll.Split(trainAll.Len() - o.validate)
		setName = fmt.Sprintf("validation (last %d of train)", o.validate)
	}
	if o.perClass > 0 {
		train = train.PerClass(o.perClass)
	} else if o.train < train.Len() {
		train = train.Subset(o.train)
	}
	if o.test < test.Len() {
		test = test.Subset(o.test)
	}
	popt := mnist.Options{Thin: o.thin, Dilate: o.dilate}
	net, err := engine.New(cfg)
	if err != nil {
		return nil, err
	}
	full := net.Config()
	res := &Result{Config: o.config, Train: train.Len(), Test: test.Len(), TestSet: setName,
		Seed: o.seed, Readout: full.Readout.String(), GOMAXPROCS: runtime.GOMAXPROCS(0)}

	// Preprocess first, so that learn and recall times are the engine's own.
	t0 := time.Now()
	trainIn, err := inputs(train, popt, full.Input)
	if err != nil {
		return nil, err
	}
	testIn, err := inputs(test, popt, full.Input)
	if err != nil {
		return nil, err
	}
	res.PreprocUsPerItem = us(time.Since(t0), train.Len()+test.Len())

	t0 = time.Now()
	for i, in := range trainIn {
		if _, err := net.Learn(in, train.Label(i)); err != nil {
			return nil, err
		}
		if i%5000 == 4999 {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			fmt.Fprintf(stderr, "learned %d/%d\n", i+1, len(trainIn))
		}
	}
	res.LearnUsPerItem = us(time.Since(t0), len(trainIn))

	conf := make([][]int, mnist.Classes)
	for i := range conf {
		conf[i] = make([]int, mnist.Classes)
	}
	correct := 0
	gSum := 0.0
	t0 = time.Now()
	for i, in := range testIn {
		tr, err := net.Recall(in)
		if err != nil {
			return nil, err
		}
		gSum += tr.G
		want, got := test.Label(i), tr.Class
		if got == want {
			correct++
		}
		if got >= 0 && got < mnist.Classes {
			conf[want][got]++
		}
	}
	res.RecallUsPerItem = us(time.Since(t0), len(testIn))
	res.Accuracy = float64(correct) / float64(len(testIn))
	res.MeanTestG = gSum / float64(len(testIn))
	res.Confusion = conf
	for c := range conf {
		tot := 0
		for _, v := range conf[c] {
			tot += v
		}
		// Recalls with no class (Class −1) count as wrong in the total.
		n := 0
		for i := 0; i < test.Len(); i++ {
			if test.Label(i) == c {
				n++
			}
		}
		if n > 0 {
			res.PerClass = append(res.PerClass, float64(conf[c][c])/float64(n))
		}
	}
	for lv := 1; lv <= net.Levels(); lv++ {
		st := net.Stats(lv)
		fr, sat := 0, 0.0
		for _, s := range st {
			if s.Frozen {
				fr++
			}
			sat += s.Saturation
		}
		res.FrozenFraction = append(res.FrozenFraction, float64(fr)/float64(len(st)))
		res.Saturation = append(res.Saturation, sat/float64(len(st)))
	}

	if err := runBaseline(o.baseline, train, test, res, stderr); err != nil {
		return nil, err
	}
	report(stdout, res)
	return res, nil
}

// inputs preprocesses every digit with opt and encodes it for the input
// grid g (mnist.Encode): the same path the page takes for drawn digits.
func inputs(d *mnist.Dataset, opt mnist.Options, g engine.Grid) ([]*engine.SDR, error) {
	out := make([]*engine.SDR, d.Len())
	for i := range out {
		bm, err := mnist.Preprocess(d.Image(i), d.Width(), d.Height(), opt)
		if err != nil && !errors.Is(err, mnist.ErrEmpty) {
			return nil, fmt.Errorf("digit %d: %w", i, err)
		}
		s, err := mnist.Encode(bm, g)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

func us(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(d.Microseconds()) / float64(n)
}

func report(w io.Writer, r *Result) {
	fmt.Fprintf(w, "config %s, seed %d, readout %s: learned %d, tested %d on %s\n", r.Config, r.Seed, r.Readout, r.Train, r.Test, r.TestSet)
	fmt.Fprintf(w, "accuracy %.4f   learn %.1f µs/item   recall %.1f µs/item   preprocess %.1f µs/item   mean G %.3f\n",
		r.Accuracy, r.LearnUsPerItem, r.RecallUsPerItem, r.PreprocUsPerItem, r.MeanTestG)
	fmt.Fprintf(w, "frozen macs per level %v, mean saturation %v\n", fmtF(r.FrozenFraction), fmtF(r.Saturation))
	if r.BaselineName != "" {
		fmt.Fprintf(w, "baseline %s: accuracy %.4f, %.1f µs/item\n", r.BaselineName, r.BaselineAccuracy, r.BaselineRecallUs)
	}
	fmt.Fprintf(w, "per class: ")
	for c, a := range r.PerClass {
		fmt.Fprintf(w, "%d:%.3f ", c, a)
	}
	fmt.Fprintf(w, "\nconfusion (rows: true, columns: recalled)\n     ")
	for c := range r.Confusion {
		fmt.Fprintf(w, "%6d", c)
	}
	fmt.Fprintln(w)
	for c, row := range r.Confusion {
		fmt.Fprintf(w, "%4d ", c)
		for _, v := range row {
			fmt.Fprintf(w, "%6d", v)
		}
		fmt.Fprintln(w)
	}
}

func fmtF(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%.3f", x)
	}
	return "[" + strings.Join(s, " ") + "]"
}
