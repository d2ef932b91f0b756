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
	ECE              float64   `json:"ece"`
	Temperature      float64   `json:"temperature"`
	// Readouts are the accuracy and calibration of every readout on the
	// same codes (naive Bayes, the class-node field, counting).
	Readouts []ReadoutResult `json:"readouts"`

	// Episodic memory (docs/MODEL.md), of the top level: stored = the last
	// min(1000, train) digits learned, recalled after all learning; unseen
	// = the first 1000 test digits; novel = scribbles (random strokes with
	// the ink of those test digits); rotated = those digits turned 90°.
	EpisodicAUROC           float64       `json:"episodic_auroc"`
	EpisodicReinstated      float64       `json:"episodic_reinstated"`
	EpisodicReinstatedFirst float64       `json:"episodic_reinstated_first"`
	MeanStoredG             float64       `json:"mean_stored_g"`
	MeanUnseenG             float64       `json:"mean_unseen_g"`
	NovelG                  float64       `json:"novel_g"`
	RotatedG                float64       `json:"rotated_g"`
	PerLevel                []LevelMemory `json:"per_level"`

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
	AUROC           float64 `json:"auroc"`
	NovelAUROC      float64 `json:"novel_auroc"` // unseen digits vs scribbles
	Reinstated      float64 `json:"reinstated"`
	ReinstatedFirst float64 `json:"reinstated_first"`
	StoredG         float64 `json:"stored_g"`
	UnseenG         float64 `json:"unseen_g"`
	NovelG          float64 `json:"novel_g"`
	RotatedG        float64 `json:"rotated_g"`
	FrozenFraction  float64 `json:"frozen_fraction"`
	MeanSaturation  float64 `json:"mean_saturation"`
}

type options struct {
	train, perClass, test, validate int
	seed                            uint64
	config, baseline                string
	thin, capacity                  bool
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
	// The learning traces kept for reinstatement: the first episodicN items
	// and the episodicN before each checkpoint.
	keep := map[int]engine.Trace{}
	kept := func(i int) bool {
		if i < episodicN {
			return true
		}
		for _, c := range checkpoints {
			if i >= c-episodicN && i < c {
				return true
			}
		}
		return false
	}

	var results []*Result
	var learnTime time.Duration
	next := 0
	for _, cp := range checkpoints {
		t0 = time.Now()
		for ; next < cp; next++ {
			tr, err := net.Learn(trainIn[next], train.Label(next))
			if err != nil {
				return nil, err
			}
			if kept(next) {
				keep[next] = tr
			}
			if next%5000 == 4999 {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				fmt.Fprintf(stderr, "learned %d/%d\n", next+1, len(trainIn))
			}
		}
		learnTime += time.Since(t0)
		res := &Result{Config: o.config, Train: cp, Test: test.Len(), TestSet: setName,
			Seed: o.seed, Readout: full.Readout.String(), GOMAXPROCS: runtime.GOMAXPROCS(0),
			PreprocUsPerItem: preproc, LearnUsPerItem: us(learnTime, cp)}
		if err := measure(net, res, trainIn, keep, cp, test, testIn, novel, rotated); err != nil {
			return nil, err
		}
		if cp == len(trainIn) {
			if err := runBaseline(o.baseline, train, test, res, stderr); err != nil {
				return nil, err
			}
		}
		if o.capacity {
			fmt.Fprintf(stderr, "after %d: accuracy %.4f, episodic AUROC %.3f, reinstated %.3f / first %.3f\n",
				cp, res.Accuracy, res.EpisodicAUROC, res.EpisodicReinstated, res.EpisodicReinstatedFirst)
		}
		results = append(results, res)
		for i := range keep {
			if !kept(i) || i < cp-episodicN && i >= episodicN {
				delete(keep, i)
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

// measure recalls the test digits, the stored items and the novel inputs
// on the network holding the first cp training items and fills res.
func measure(net *engine.Network, res *Result, trainIn []*engine.SDR, keep map[int]engine.Trace, cp int,
	test *mnist.Dataset, testIn, novel, rotated []*engine.SDR) error {
	conf := make([][]int, mnist.Classes)
	for i := range conf {
		conf[i] = make([]int, mnist.Classes)
	}
	levels := net.Levels()
	other := make([]readoutTally, len(otherReadouts))
	correct := 0
	gSum := 0.0
	var top []float64
	var hits []bool
	unseen := make([][]float64, levels) // per level, the first episodicN test digits
	t0 := time.Now()
	for i, in := range testIn {
		tr, err := net.Recall(in)
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
		if i < episodicN {
			for l, g := range levelGs(&tr) {
				unseen[l] = append(unseen[l], g)
			}
		}
	}
	res.RecallUsPerItem = us(time.Since(t0), len(testIn))
	res.Accuracy = float64(correct) / float64(len(testIn))
	res.ECE = ece(top, hits, 10)
	res.Readouts = nil
	for k, ro := range otherReadouts {
		res.Readouts = append(res.Readouts, ReadoutResult{Readout: ro.String(),
			Accuracy: other[k].accuracy(), ECE: ece(other[k].conf, other[k].hits, 10), Temperature: net.Temperature(ro)})
	}
	res.Temperature = net.Temperature(net.Config().Readout)
	res.MeanTestG = gSum / float64(len(testIn))
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

	// Stored items: the last min(episodicN, cp) learned, and the first.
	stored := make([][]float64, levels)
	reinst := make([][]float64, levels)
	reinstFirst := make([][]float64, levels)
	for i := max(0, cp-episodicN); i < cp; i++ {
		tr, err := net.Recall(trainIn[i])
		if err != nil {
			return err
		}
		lt := keep[i]
		for l, g := range levelGs(&tr) {
			stored[l] = append(stored[l], g)
			reinst[l] = append(reinst[l], reinstated(&lt.Levels[l], &tr.Levels[l]))
		}
	}
	for i := range min(episodicN, cp) {
		tr, err := net.Recall(trainIn[i])
		if err != nil {
			return err
		}
		lt := keep[i]
		for l := range levels {
			reinstFirst[l] = append(reinstFirst[l], reinstated(&lt.Levels[l], &tr.Levels[l]))
		}
	}
	novelG := make([][]float64, levels)
	rotG := make([][]float64, levels)
	for i := range novel {
		for _, p := range []struct {
			in  *engine.SDR
			out [][]float64
		}{{novel[i], novelG}, {rotated[i], rotG}} {
			tr, err := net.Recall(p.in)
			if err != nil {
				return err
			}
			for l, g := range levelGs(&tr) {
				p.out[l] = append(p.out[l], g)
			}
		}
	}
	res.PerLevel = nil
	for l := range levels {
		res.PerLevel = append(res.PerLevel, LevelMemory{
			Level:           l + 1,
			AUROC:           auroc(stored[l], unseen[l]),
			Reinstated:      mean(reinst[l]),
			ReinstatedFirst: mean(reinstFirst[l]),
			StoredG:         mean(stored[l]),
			UnseenG:         mean(unseen[l]),
			NovelG:          mean(novelG[l]),
			RotatedG:        mean(rotG[l]),
			NovelAUROC:      auroc(unseen[l], novelG[l]),
			FrozenFraction:  0,
			MeanSaturation:  0,
		})
	}
	topL := res.PerLevel[levels-1]
	res.EpisodicAUROC = topL.AUROC
	res.EpisodicReinstated = topL.Reinstated
	res.EpisodicReinstatedFirst = topL.ReinstatedFirst
	res.MeanStoredG, res.MeanUnseenG = topL.StoredG, topL.UnseenG
	res.NovelG, res.RotatedG = topL.NovelG, topL.RotatedG
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
	fmt.Fprintf(w, "calibration: ECE %.4f (top score, 10 bins), temperature %.3g\n", r.ECE, r.Temperature)
	for _, ro := range r.Readouts {
		fmt.Fprintf(w, "  readout %-12s accuracy %.4f  ECE %.4f  temperature %.3g\n", ro.Readout, ro.Accuracy, ro.ECE, ro.Temperature)
	}
	fmt.Fprintf(w, "episodic (top level): AUROC %.4f, reinstated %.4f (first learned %.4f), G stored %.4f / unseen %.4f / rotated %.4f / scribbles %.4f\n",
		r.EpisodicAUROC, r.EpisodicReinstated, r.EpisodicReinstatedFirst, r.MeanStoredG, r.MeanUnseenG, r.RotatedG, r.NovelG)
	fmt.Fprintf(w, "level  AUROC  reinst  first   G stored  unseen  rotated  scribble  frozen  saturation\n")
	for _, l := range r.PerLevel {
		fmt.Fprintf(w, "%5d  %.3f  %.3f   %.3f   %.4f    %.4f  %.4f   %.4f    %.3f   %.3f\n",
			l.Level, l.AUROC, l.Reinstated, l.ReinstatedFirst, l.StoredG, l.UnseenG, l.RotatedG, l.NovelG, l.FrozenFraction, l.MeanSaturation)
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
	fmt.Fprintf(w, "stored  accuracy  ECE     episodic AUROC  reinstated  first   G stored  unseen  rotated  scribble\n")
	for _, r := range rs {
		fmt.Fprintf(w, "%6d  %.4f    %.4f  %.4f          %.4f      %.4f  %.4f    %.4f  %.4f   %.4f\n",
			r.Train, r.Accuracy, r.ECE, r.EpisodicAUROC, r.EpisodicReinstated, r.EpisodicReinstatedFirst,
			r.MeanStoredG, r.MeanUnseenG, r.RotatedG, r.NovelG)
	}
}

func fmtF(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%.3f", x)
	}
	return "[" + strings.Join(s, " ") + "]"
}
