package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/baseline"
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
	ECE              float64   `json:"ece"`
	Temperature      float64   `json:"temperature"`
	// Readouts are the accuracy and calibration of every readout on the
	// same codes (naive Bayes, the class-node field, counting).
	Readouts []ReadoutResult `json:"readouts"`

	// Episodic memory (docs/MODEL.md), of the top level, whose familiarity
	// G should be high for a stored item and lower for one never stored.
	// Stored items of three ages are compared with unseen = the first 1,000
	// test digits: a uniform seeded sample of 1,000 of all the items learned
	// (episodic_auroc, _reinstated), the first 1,000 learned (_oldest) and
	// the last 1,000 (_newest); each is recalled after all learning.
	// Reinstated: the share of CMs whose winner at recall is the one chosen
	// when the item was learned. Varied: the uniform sample's raw images
	// with a small seeded change of shape (vary.go); self_varied: the share
	// of them whose nearest stored top-level code (most CMs in common, ties
	// shared) is their own. Novel = scribbles (random strokes with the ink of
	// the unseen digits); rotated = those digits turned 90°.
	EpisodicAUROC            float64       `json:"episodic_auroc"`
	EpisodicAUROCOldest      float64       `json:"episodic_auroc_oldest"`
	EpisodicAUROCNewest      float64       `json:"episodic_auroc_newest"`
	EpisodicAUROCVaried      float64       `json:"episodic_auroc_varied"`
	EpisodicSelfVaried       float64       `json:"episodic_self_varied"`
	EpisodicReinstated       float64       `json:"episodic_reinstated"`
	EpisodicReinstatedFirst  float64       `json:"episodic_reinstated_first"`
	EpisodicReinstatedNewest float64       `json:"episodic_reinstated_newest"`
	MeanStoredG              float64       `json:"mean_stored_g"`
	MeanOldestG              float64       `json:"mean_oldest_g"`
	MeanVariedG              float64       `json:"mean_varied_g"`
	MeanUnseenG              float64       `json:"mean_unseen_g"`
	NovelG                   float64       `json:"novel_g"`
	RotatedG                 float64       `json:"rotated_g"`
	PerLevel                 []LevelMemory `json:"per_level"`
	// CodeKept is, per level, the share of the first 1,000 items learned
	// whose winners at that level, recomputed after all learning, are the
	// winners chosen when the item was learned (every mac, every CM).
	CodeKept []float64 `json:"code_kept"`
	// WeightBytes is the memory the network's weights take.
	WeightBytes int64 `json:"weight_bytes"`
	// Similarity at the top: TopAccuracy is the accuracy of a naive-Bayes
	// readout over the top level's winners only (learned from the codes
	// chosen when each item was learned); TopNearestClass, for each of the
	// unseen digits, is whether the stored item whose top-level code shares
	// the most CMs with its recalled code has its class (ties shared).
	TopAccuracy     float64 `json:"top_accuracy"`
	TopNearestClass float64 `json:"top_nearest_class"`
	// TopDrawnUniform is the share of the top level's active macs, over
	// every learning frame so far, whose G was at or below their G⁻: their
	// code was drawn uniformly (a new, nearly random code).
	TopDrawnUniform float64 `json:"top_drawn_uniform"`

	// WiSARD is an n-tuple memory learned from the same inputs, with the
	// same stored and unseen items (-baseline wisard).
	WiSARD *WiSARDResult `json:"wisard,omitempty"`
	// Loss is -loss: where identity and class are lost (loss.go).
	Loss *LossReport `json:"loss,omitempty"`

	BaselineName     string  `json:"baseline,omitempty"`
	BaselineAccuracy float64 `json:"baseline_accuracy,omitempty"`
	BaselineRecallUs float64 `json:"baseline_recall_us_per_item,omitempty"`
	GOMAXPROCS       int     `json:"gomaxprocs"`
	Confusion        [][]int `json:"confusion"`
}

// ReadoutResult is one readout's accuracy and calibration on the test set.
type ReadoutResult struct {
	Readout     string  `json:"readout"`
	Accuracy    float64 `json:"accuracy"`
	ECE         float64 `json:"ece"`
	Temperature float64 `json:"temperature"`
}

// otherReadouts are the readouts measured beside the configured one.
var otherReadouts = []engine.Readout{engine.ReadoutNaiveBayes, engine.ReadoutBinary, engine.ReadoutCount}

// readoutTally gathers one readout's predictions.
type readoutTally struct {
	right int
	conf  []float64
	hits  []bool
}

func (t *readoutTally) add(class int, scores []float64, want int) {
	ok := class == want
	if ok {
		t.right++
	}
	c := 0.0
	if class >= 0 {
		c = scores[class]
	}
	t.conf = append(t.conf, c)
	t.hits = append(t.hits, ok)
}

func (t *readoutTally) accuracy() float64 {
	if len(t.hits) == 0 {
		return 0
	}
	return float64(t.right) / float64(len(t.hits))
}

// LevelMemory is the episodic measures of one level (its familiarity is
// the mean G of its active macs).
type LevelMemory struct {
	Level           int     `json:"level"`
	AUROC           float64 `json:"auroc"` // uniform sample vs unseen
	AUROCOldest     float64 `json:"auroc_oldest"`
	AUROCNewest     float64 `json:"auroc_newest"`
	NovelAUROC      float64 `json:"novel_auroc"` // unseen digits vs scribbles
	Reinstated      float64 `json:"reinstated"`  // uniform sample
	ReinstatedFirst float64 `json:"reinstated_first"`
	CodeKept        float64 `json:"code_kept"`
	StoredG         float64 `json:"stored_g"`
	UnseenG         float64 `json:"unseen_g"`
	NovelG          float64 `json:"novel_g"`
	RotatedG        float64 `json:"rotated_g"`
	FrozenFraction  float64 `json:"frozen_fraction"`
	MeanSaturation  float64 `json:"mean_saturation"`
}

// WiSARDResult is the n-tuple memory's familiarity by age and its size.
type WiSARDResult struct {
	N           int     `json:"n"`
	AUROC       float64 `json:"auroc"`
	AUROCOldest float64 `json:"auroc_oldest"`
	AUROCNewest float64 `json:"auroc_newest"`
	Bytes       int64   `json:"bytes"`
	Entries     int64   `json:"entries"`
}

type options struct {
	train, perClass, test, validate int
	seed                            uint64
	config, baseline                string
	thin, capacity                  bool
	dilate                          int
	wisard                          bool // -baseline lists wisard
	wisardN                         int
	wisardInput                     string
	loss                            int
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
	fs.StringVar(&o.baseline, "baseline", "", "also run baselines on the same split, comma-separated: knn (1-NN, L2 on pixels) or hamming (1-NN on binarised pixels); wisard (an n-tuple memory of the same inputs: familiarity by age and bytes)")
	fs.IntVar(&o.wisardN, "wisard-n", 40, "bits per tuple of the wisard baseline")
	fs.IntVar(&o.loss, "loss", 0, "after all learning, analyse `N` varied stored items and N test digits: where identity and class are lost between the raw pixels and the top level (slow: scans every stored item per query)")
	fs.StringVar(&o.wisardInput, "wisard-input", "pixels", "what the wisard baseline reads: pixels (the raw 28×28 digit binarised at 128) or input (the network's preprocessed input)")
	fs.BoolVar(&o.thin, "thin", true, "preprocess: thin strokes to a skeleton")
	fs.IntVar(&o.dilate, "dilate", 0, "preprocess: dilate after thinning (0 or 1)")
	fs.BoolVar(&o.capacity, "capacity", false, "measure both memories after 1k, 2k, 5k, 10k, 20k, 40k and 60k items stored (up to -train)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `file`")
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
	var nn []string
	for _, b := range strings.Split(o.baseline, ",") {
		switch b {
		case "":
		case "wisard":
			o.wisard = true
		case "knn", "hamming":
			nn = append(nn, b)
		default:
			fmt.Fprintf(stderr, "mnist-eval: unknown -baseline %q (knn, hamming or wisard)\n", b)
			return 2
		}
	}
	if len(nn) > 1 {
		fmt.Fprintf(stderr, "mnist-eval: -baseline: one of knn and hamming\n")
		return 2
	}
	o.baseline = strings.Join(nn, "")
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "mnist-eval: %v\n", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "mnist-eval: %v\n", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	res, err := evaluate(ctx, o, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "mnist-eval: %v\n", err)
		return 1
	}
	var b []byte
	if o.capacity {
		b, _ = json.Marshal(struct {
			Capacity []*Result `json:"capacity"`
		}{res})
	} else {
		b, _ = json.Marshal(res[0])
	}
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

func evaluate(ctx context.Context, o options, stdout, stderr io.Writer) ([]*Result, error) {
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
	preproc := us(time.Since(t0), train.Len()+test.Len())
	novel, rotated, err := novelInputs(test, min(episodicN, test.Len()), popt, full.Input, o.seed)
	if err != nil {
		return nil, err
	}

	checkpoints := []int{len(trainIn)}
	if o.capacity {
		checkpoints = capacityPoints(len(trainIn))
	}
	// The items each checkpoint measures: the first episodicN, the last
	// episodicN before it and a uniform seeded sample of episodicN of all
	// before it. Their learning traces are kept until then.
	samples := make([][]int, len(checkpoints))
	want := map[int]int{} // item → the last checkpoint (index) that needs its trace
	for ci, cp := range checkpoints {
		samples[ci] = uniformSample(cp, episodicN, o.seed)
		for _, i := range samples[ci] {
			want[i] = ci
		}
		for i := max(0, cp-episodicN); i < cp; i++ {
			want[i] = ci
		}
	}
	for i := range min(episodicN, len(trainIn)) {
		want[i] = len(checkpoints) - 1
	}
	keep := map[int]engine.Trace{}
	var book codeBook
	var wis *baseline.WiSARD
	var wisTrain, wisTest []*engine.SDR
	if o.wisard {
		switch o.wisardInput {
		case "pixels":
			wisTrain, wisTest = binarised(train), binarised(test)
		case "input":
			wisTrain, wisTest = trainIn, testIn
		default:
			return nil, fmt.Errorf("-wisard-input %q: want pixels or input", o.wisardInput)
		}
		if wis, err = baseline.NewWiSARD(wisTrain[0].Len(), o.wisardN, o.seed); err != nil {
			return nil, err
		}
	}

	var results []*Result
	var learnTime time.Duration
	var topNB *codeNB
	var tr engine.Trace
	var flat []uint16
	topFloor := full.Levels[len(full.Levels)-1].Grids
	drawnUniform, topFrames := 0, 0
	next := 0
	for ci, cp := range checkpoints {
		from := next
		t0 = time.Now()
		for ; next < cp; next++ {
			if err := net.LearnInto(trainIn[next], train.Label(next), &tr); err != nil {
				return nil, err
			}
			if _, ok := want[next]; ok {
				keep[next] = copyTrace(&tr)
			}
			top := &tr.Levels[len(tr.Levels)-1]
			for gi := range top.Grids {
				for m, a := range top.Grids[gi].Active {
					if a {
						topFrames++
						if top.Grids[gi].G[m] <= topFloor[gi].GFloor {
							drawnUniform++
						}
					}
				}
			}
			flat = flatCode(flat[:0], top)
			book.add(flat, train.Label(next))
			if topNB == nil {
				topNB = newCodeNB(top, full.Classes, full.ReadoutAlpha)
			}
			topNB.learn(flat, train.Label(next))
			if next%5000 == 4999 {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				fmt.Fprintf(stderr, "learned %d/%d\n", next+1, len(trainIn))
			}
		}
		learnTime += time.Since(t0)
		if wis != nil {
			for i := from; i < cp; i++ {
				if err := wis.Learn(wisTrain[i]); err != nil {
					return nil, err
				}
			}
		}
		res := &Result{Config: o.config, Train: cp, Test: test.Len(), TestSet: setName,
			Seed: o.seed, Readout: full.Readout.String(), GOMAXPROCS: runtime.GOMAXPROCS(0),
			PreprocUsPerItem: preproc, LearnUsPerItem: us(learnTime, cp),
			TopDrawnUniform: float64(drawnUniform) / float64(max(topFrames, 1))}
		ep := episode{trainIn: trainIn, keep: keep, cp: cp, sample: samples[ci], book: &book, topNB: topNB,
			testIn: testIn, novel: novel, rotated: rotated}
		if ep.varied, err = variedInputs(train, samples[ci], popt, full.Input, o.seed); err != nil {
			return nil, err
		}
		if err := measure(net, res, &ep, test); err != nil {
			return nil, err
		}
		if wis != nil {
			if res.WiSARD, err = measureWiSARD(wis, o.wisardN, &ep, wisTrain, wisTest); err != nil {
				return nil, err
			}
		}
		if cp == len(trainIn) {
			if err := runBaseline(o.baseline, train, test, res, stderr); err != nil {
				return nil, err
			}
			if o.loss > 0 {
				if res.Loss, err = analyseLoss(net, train, test, trainIn, testIn, cp, samples[ci], popt, full.Input, o.seed, o.loss, stdout); err != nil {
					return nil, err
				}
			}
		}
		if o.capacity {
			fmt.Fprintf(stderr, "after %d: accuracy %.4f, episodic AUROC %.3f (oldest %.3f, newest %.3f, varied %.3f), code kept %v\n",
				cp, res.Accuracy, res.EpisodicAUROC, res.EpisodicAUROCOldest, res.EpisodicAUROCNewest, res.EpisodicAUROCVaried, fmtF(res.CodeKept))
		}
		results = append(results, res)
		for i, last := range want {
			if last <= ci {
				if _, ok := keep[i]; ok && !(i < episodicN) {
					delete(keep, i)
				}
			}
		}
	}
	if o.capacity {
		reportCapacity(stdout, results)
	} else {
		report(stdout, results[0])
	}
	return results, nil
}

// episodicN is the number of stored and of unseen items the episodic
// measures compare (fewer when fewer were learned or tested).
const episodicN = 1000

// capacityPoints are the numbers of items stored at which -capacity
// measures both memories.
func capacityPoints(n int) []int {
	var out []int
	for _, c := range []int{1000, 2000, 5000, 10000, 20000, 40000, 60000} {
		if c < n {
			out = append(out, c)
		}
	}
	return append(out, n)
}

// uniformSample is a seeded uniform sample of min(k, n) of the indices
// 0..n−1, sorted; the same for the same seed and n.
func uniformSample(n, k int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 0x756e69666f726d^uint64(n)))
	out := rng.Perm(n)[:min(k, n)]
	slices.Sort(out)
	return out
}

// copyTrace is a copy of tr that owns its slices (LearnInto reuses tr's).
func copyTrace(tr *engine.Trace) engine.Trace {
	out := *tr
	out.Scores = slices.Clone(tr.Scores)
	out.Levels = make([]engine.LevelTrace, len(tr.Levels))
	for li, lt := range tr.Levels {
		out.Levels[li].G = lt.G
		out.Levels[li].Grids = make([]engine.GridTrace, len(lt.Grids))
		for gi, gt := range lt.Grids {
			gt.Active = slices.Clone(gt.Active)
			gt.G = slices.Clone(gt.G)
			gt.Frozen = slices.Clone(gt.Frozen)
			gt.Codes = slices.Clone(gt.Codes)
			out.Levels[li].Grids[gi] = gt
		}
	}
	return out
}

// episode is what one checkpoint's measures read: the items learned so
// far, the kept learning traces, the samples and the unseen inputs.
type episode struct {
	trainIn                []*engine.SDR
	keep                   map[int]engine.Trace
	cp                     int
	sample                 []int         // the uniform sample of the items learned
	varied                 []*engine.SDR // the sample's items, varied (vary.go)
	book                   *codeBook
	topNB                  *codeNB
	testIn, novel, rotated []*engine.SDR
}

// oldest and newest are the first and the last min(episodicN, cp) items
// learned.
func (ep *episode) oldest() []int { return span(0, min(episodicN, ep.cp)) }
func (ep *episode) newest() []int { return span(max(0, ep.cp-episodicN), ep.cp) }

func span(from, to int) []int {
	out := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// variedInputs makes the varied copy of each sampled training digit: its
// raw image changed by vary with a generator seeded by the item's index,
// then the same preprocessing as every input.
func variedInputs(d *mnist.Dataset, items []int, opt mnist.Options, g engine.Grid, seed uint64) ([]*engine.SDR, error) {
	out := make([]*engine.SDR, len(items))
	for k, i := range items {
		rng := rand.New(rand.NewPCG(seed, 0x76617279^uint64(i)<<8))
		img := vary(d.Image(i), d.Width(), d.Height(), rng)
		bm, err := mnist.Preprocess(img, d.Width(), d.Height(), opt)
		if err != nil && !errors.Is(err, mnist.ErrEmpty) {
			return nil, fmt.Errorf("varied digit %d: %w", i, err)
		}
		if out[k], err = mnist.Encode(bm, g); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// measure recalls the test digits, the stored items and the novel inputs
// on the network holding the first ep.cp training items and fills res.
func measure(net *engine.Network, res *Result, ep *episode, test *mnist.Dataset) error {
	conf := make([][]int, mnist.Classes)
	for i := range conf {
		conf[i] = make([]int, mnist.Classes)
	}
	levels := net.Levels()
	other := make([]readoutTally, len(otherReadouts))
	correct, topRight := 0, 0
	gSum := 0.0
	var top []float64
	var hits []bool
	unseen := make([][]float64, levels) // per level, the first episodicN test digits
	nearestClass, nearestN := 0.0, 0
	var recallTime time.Duration
	var tr engine.Trace
	var flat []uint16
	for i, in := range ep.testIn {
		t0 := time.Now()
		err := net.RecallInto(in, &tr)
		recallTime += time.Since(t0)
		if err != nil {
			return err
		}
		gSum += tr.G
		want, got := test.Label(i), tr.Class
		if got == want {
			correct++
		}
		if got >= 0 && got < mnist.Classes {
			conf[want][got]++
			top = append(top, tr.Scores[got])
		} else {
			top = append(top, 0)
		}
		hits = append(hits, got == want)
		// The other readouts of the same codes, for comparison (the
		// class-node field is the paper's).
		for k, ro := range otherReadouts {
			c, sc, err := net.Classify(&tr, ro)
			if err != nil {
				return err
			}
			other[k].add(c, sc, want)
		}
		flat = flatCode(flat[:0], &tr.Levels[levels-1])
		if ep.topNB.classify(flat) == want {
			topRight++
		}
		if i < episodicN {
			for l, g := range levelGs(&tr) {
				unseen[l] = append(unseen[l], g)
			}
			same := 0
			_, ties := ep.book.nearest(flat, ep.cp, func(j int) {
				if ep.book.labels[j] == want {
					same++
				}
			})
			nearestClass += float64(same) / float64(ties)
			nearestN++
		}
	}
	res.RecallUsPerItem = us(recallTime, len(ep.testIn))
	res.Accuracy = float64(correct) / float64(len(ep.testIn))
	res.TopAccuracy = float64(topRight) / float64(len(ep.testIn))
	res.TopNearestClass = nearestClass / float64(max(nearestN, 1))
	res.ECE = ece(top, hits, 10)
	res.Readouts = nil
	for k, ro := range otherReadouts {
		res.Readouts = append(res.Readouts, ReadoutResult{Readout: ro.String(),
			Accuracy: other[k].accuracy(), ECE: ece(other[k].conf, other[k].hits, 10), Temperature: net.Temperature(ro)})
	}
	res.Temperature = net.Temperature(net.Config().Readout)
	res.MeanTestG = gSum / float64(len(ep.testIn))
	res.Confusion = conf
	res.PerClass = nil
	for c := range conf {
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

	// Stored items of each age, recalled after all learning.
	type ageStats struct {
		g, reinst [][]float64 // per level
		kept      []int       // per level: items whose winners are all kept
	}
	recallAge := func(items []int) (ageStats, error) {
		a := ageStats{g: make([][]float64, levels), reinst: make([][]float64, levels), kept: make([]int, levels)}
		for _, i := range items {
			if err := net.RecallInto(ep.trainIn[i], &tr); err != nil {
				return a, err
			}
			lt := ep.keep[i]
			for l, g := range levelGs(&tr) {
				a.g[l] = append(a.g[l], g)
				a.reinst[l] = append(a.reinst[l], reinstated(&lt.Levels[l], &tr.Levels[l]))
				if sameLevelCodes(&lt.Levels[l], &tr.Levels[l]) {
					a.kept[l]++
				}
			}
		}
		return a, nil
	}
	uniform, err := recallAge(ep.sample)
	if err != nil {
		return err
	}
	oldest, err := recallAge(ep.oldest())
	if err != nil {
		return err
	}
	newest, err := recallAge(ep.newest())
	if err != nil {
		return err
	}
	// The varied copies of the uniform sample: their familiarity and
	// whether their nearest stored code is their own.
	var variedG []float64
	self := 0.0
	for k, in := range ep.varied {
		if err := net.RecallInto(in, &tr); err != nil {
			return err
		}
		variedG = append(variedG, tr.G)
		flat = flatCode(flat[:0], &tr.Levels[levels-1])
		own := false
		_, ties := ep.book.nearest(flat, ep.cp, func(j int) { own = own || j == ep.sample[k] })
		if own {
			self += 1 / float64(ties)
		}
	}
	novelG := make([][]float64, levels)
	rotG := make([][]float64, levels)
	for i := range ep.novel {
		for _, p := range []struct {
			in  *engine.SDR
			out [][]float64
		}{{ep.novel[i], novelG}, {ep.rotated[i], rotG}} {
			if err := net.RecallInto(p.in, &tr); err != nil {
				return err
			}
			for l, g := range levelGs(&tr) {
				p.out[l] = append(p.out[l], g)
			}
		}
	}
	res.PerLevel, res.CodeKept = nil, nil
	nOld := len(ep.oldest())
	for l := range levels {
		kept := float64(oldest.kept[l]) / float64(max(nOld, 1))
		res.CodeKept = append(res.CodeKept, kept)
		res.PerLevel = append(res.PerLevel, LevelMemory{
			Level:           l + 1,
			AUROC:           auroc(uniform.g[l], unseen[l]),
			AUROCOldest:     auroc(oldest.g[l], unseen[l]),
			AUROCNewest:     auroc(newest.g[l], unseen[l]),
			Reinstated:      mean(uniform.reinst[l]),
			ReinstatedFirst: mean(oldest.reinst[l]),
			CodeKept:        kept,
			StoredG:         mean(uniform.g[l]),
			UnseenG:         mean(unseen[l]),
			NovelG:          mean(novelG[l]),
			RotatedG:        mean(rotG[l]),
			NovelAUROC:      auroc(unseen[l], novelG[l]),
		})
	}
	topL := res.PerLevel[levels-1]
	res.EpisodicAUROC = topL.AUROC
	res.EpisodicAUROCOldest = topL.AUROCOldest
	res.EpisodicAUROCNewest = topL.AUROCNewest
	res.EpisodicAUROCVaried = auroc(variedG, unseen[levels-1])
	res.EpisodicSelfVaried = self / float64(max(len(ep.varied), 1))
	res.EpisodicReinstated = topL.Reinstated
	res.EpisodicReinstatedFirst = topL.ReinstatedFirst
	res.EpisodicReinstatedNewest = mean(newest.reinst[levels-1])
	res.MeanStoredG, res.MeanUnseenG = topL.StoredG, topL.UnseenG
	res.MeanOldestG, res.MeanVariedG = mean(oldest.g[levels-1]), mean(variedG)
	res.NovelG, res.RotatedG = topL.NovelG, topL.RotatedG
	res.WeightBytes = net.WeightBytes()
	res.FrozenFraction, res.Saturation = nil, nil
	for lv := 1; lv <= levels; lv++ {
		fr, sat, macs := 0, 0.0, 0
		for gi := range net.Grids(lv) {
			for _, s := range net.Stats(lv, gi) {
				if s.Frozen {
					fr++
				}
				sat += s.Saturation
				macs++
			}
		}
		res.FrozenFraction = append(res.FrozenFraction, float64(fr)/float64(macs))
		res.Saturation = append(res.Saturation, sat/float64(macs))
		res.PerLevel[lv-1].FrozenFraction = float64(fr) / float64(macs)
		res.PerLevel[lv-1].MeanSaturation = sat / float64(macs)
	}
	return nil
}

// measureWiSARD is the n-tuple memory's familiarity of the same stored
// items of each age against the same unseen digits, and its size.
func measureWiSARD(w *baseline.WiSARD, n int, ep *episode, trainIn, testIn []*engine.SDR) (*WiSARDResult, error) {
	fam := func(in []*engine.SDR, items []int) ([]float64, error) {
		var out []float64
		for _, i := range items {
			f, err := w.Familiarity(in[i])
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
		return out, nil
	}
	unseen, err := fam(testIn, span(0, min(episodicN, len(testIn))))
	if err != nil {
		return nil, err
	}
	r := &WiSARDResult{N: n, Bytes: w.Bytes(), Entries: w.Entries()}
	for _, p := range []struct {
		items []int
		out   *float64
	}{{ep.sample, &r.AUROC}, {ep.oldest(), &r.AUROCOldest}, {ep.newest(), &r.AUROCNewest}} {
		g, err := fam(trainIn, p.items)
		if err != nil {
			return nil, err
		}
		*p.out = auroc(g, unseen)
	}
	return r, nil
}

// novelInputs makes n inputs unlike digits (scribbles with the ink of the
// first n test digits' skeletons) and the first n test digits turned a
// quarter turn.
func novelInputs(test *mnist.Dataset, n int, opt mnist.Options, g engine.Grid, seed uint64) (novel, rotated []*engine.SDR, err error) {
	rng := rand.New(rand.NewPCG(seed, 0x6e6f76656c))
	for i := range n {
		bm, err := mnist.Preprocess(test.Image(i), test.Width(), test.Height(), opt)
		if err != nil && !errors.Is(err, mnist.ErrEmpty) {
			return nil, nil, err
		}
		for _, img := range [][]byte{scribble(rng, max(bm.Count(), 12)), rotate90(test.Image(i), test.Width(), test.Height())} {
			b, err := mnist.Preprocess(img, test.Height(), test.Width(), opt)
			if err != nil && !errors.Is(err, mnist.ErrEmpty) {
				return nil, nil, err
			}
			s, err := mnist.Encode(b, g)
			if err != nil {
				return nil, nil, err
			}
			if len(novel) == i {
				novel = append(novel, s)
			} else {
				rotated = append(rotated, s)
			}
		}
	}
	return novel, rotated, nil
}

// binarised is every digit's raw pixels binarised at 128, as SDRs.
func binarised(d *mnist.Dataset) []*engine.SDR {
	out := make([]*engine.SDR, d.Len())
	for i := range out {
		out[i] = engine.NewSDR(d.Width() * d.Height())
		for p, v := range d.Image(i) {
			if v >= mnist.DefaultThreshold {
				out[i].Set(p)
			}
		}
	}
	return out
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
	fmt.Fprintf(w, "frozen macs per level %v, mean saturation %v, weights %d bytes\n", fmtF(r.FrozenFraction), fmtF(r.Saturation), r.WeightBytes)
	fmt.Fprintf(w, "calibration: ECE %.4f (top score, 10 bins), temperature %.3g\n", r.ECE, r.Temperature)
	for _, ro := range r.Readouts {
		fmt.Fprintf(w, "  readout %-12s accuracy %.4f  ECE %.4f  temperature %.3g\n", ro.Readout, ro.Accuracy, ro.ECE, ro.Temperature)
	}
	fmt.Fprintf(w, "episodic (top level): AUROC uniform %.4f, oldest %.4f, newest %.4f, varied %.4f; nearest stored code is its own for %.4f of varied items\n",
		r.EpisodicAUROC, r.EpisodicAUROCOldest, r.EpisodicAUROCNewest, r.EpisodicAUROCVaried, r.EpisodicSelfVaried)
	fmt.Fprintf(w, "  reinstated uniform %.4f, first learned %.4f, newest %.4f; code kept per level %v\n",
		r.EpisodicReinstated, r.EpisodicReinstatedFirst, r.EpisodicReinstatedNewest, fmtF(r.CodeKept))
	fmt.Fprintf(w, "  G stored %.4f / oldest %.4f / varied %.4f / unseen %.4f / rotated %.4f / scribbles %.4f\n",
		r.MeanStoredG, r.MeanOldestG, r.MeanVariedG, r.MeanUnseenG, r.RotatedG, r.NovelG)
	fmt.Fprintf(w, "similarity at the top: top-level readout accuracy %.4f, nearest stored code of the same class %.4f; top macs drawn uniformly while learning: %.3f\n", r.TopAccuracy, r.TopNearestClass, r.TopDrawnUniform)
	fmt.Fprintf(w, "level  AUROC  oldest newest  reinst  first   kept    G stored  unseen  rotated  scribble  frozen  saturation\n")
	for _, l := range r.PerLevel {
		fmt.Fprintf(w, "%5d  %.3f  %.3f  %.3f   %.3f   %.3f   %.3f   %.4f    %.4f  %.4f   %.4f    %.3f   %.3f\n",
			l.Level, l.AUROC, l.AUROCOldest, l.AUROCNewest, l.Reinstated, l.ReinstatedFirst, l.CodeKept, l.StoredG, l.UnseenG, l.RotatedG, l.NovelG, l.FrozenFraction, l.MeanSaturation)
	}
	if r.WiSARD != nil {
		fmt.Fprintf(w, "baseline wisard (n = %d): AUROC uniform %.4f, oldest %.4f, newest %.4f; %d bytes (%d addresses)\n",
			r.WiSARD.N, r.WiSARD.AUROC, r.WiSARD.AUROCOldest, r.WiSARD.AUROCNewest, r.WiSARD.Bytes, r.WiSARD.Entries)
	}
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

// reportCapacity prints one line per checkpoint of -capacity.
func reportCapacity(w io.Writer, rs []*Result) {
	fmt.Fprintf(w, "config %s, seed %d, readout %s, tested on %d digits of %s\n", rs[0].Config, rs[0].Seed, rs[0].Readout, rs[0].Test, rs[0].TestSet)
	fmt.Fprintf(w, "stored  accuracy  ECE     AUROC uniform oldest newest varied  self    reinst  code kept per level   top acc  top near  weight bytes  recall µs\n")
	for _, r := range rs {
		fmt.Fprintf(w, "%6d  %.4f    %.4f  %.4f        %.4f %.4f %.4f  %.4f  %.4f  %-20s  %.4f   %.4f    %12d  %.1f\n",
			r.Train, r.Accuracy, r.ECE, r.EpisodicAUROC, r.EpisodicAUROCOldest, r.EpisodicAUROCNewest, r.EpisodicAUROCVaried,
			r.EpisodicSelfVaried, r.EpisodicReinstated, fmtF(r.CodeKept), r.TopAccuracy, r.TopNearestClass, r.WeightBytes, r.RecallUsPerItem)
	}
	if rs[0].WiSARD != nil {
		fmt.Fprintf(w, "wisard (n = %d): stored  AUROC uniform oldest newest  bytes\n", rs[0].WiSARD.N)
		for _, r := range rs {
			fmt.Fprintf(w, "                %6d  %.4f        %.4f %.4f  %d\n", r.Train, r.WiSARD.AUROC, r.WiSARD.AUROCOldest, r.WiSARD.AUROCNewest, r.WiSARD.Bytes)
		}
	}
}

func fmtF(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%.3f", x)
	}
	return "[" + strings.Join(s, " ") + "]"
}
