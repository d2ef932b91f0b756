package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/internal/gomnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
	"github.com/sparsey-web/sparsey/wasm/pad/pen"
)

// Result is the JSON object printed as the last line of stdout.
type Result struct {
	Config  string  `json:"config"`
	Render  string  `json:"render"`
	Train   int     `json:"train"`
	Test    int     `json:"test"`
	TestSet string  `json:"test_set"`
	Seed    uint64  `json:"seed"`
	PadSide float64 `json:"pad_side_css_px"`
	Direct  float64 `json:"direct_accuracy"`
	// LearnDrawn: every training digit was also learned drawn
	// (-learn-drawn; two trials per digit).
	LearnDrawn bool   `json:"learn_drawn,omitempty"`
	Drawn      []Path `json:"drawn"`
	// Worst is the variant with the lowest accuracy, and WorstDelta the
	// largest drop from the direct path on the same digits.
	Worst      string  `json:"worst,omitempty"`
	WorstDelta float64 `json:"worst_delta,omitempty"`
	// SureAt is the verdicts' threshold; PagePath pools every variant
	// drawn through the page's own input image (all but the stroke-width
	// variants, which render other images), and SureCurve the same at
	// other thresholds (-sure-curve).
	SureAt     float64     `json:"sure_at"`
	PagePath   *Sure       `json:"page_path,omitempty"`
	SureCurve  []SurePoint `json:"sure_curve,omitempty"`
	NonDigits  *NonDigits  `json:"nondigits,omitempty"`
	GOMAXPROCS int         `json:"gomaxprocs"`
	Seconds    float64     `json:"seconds"`
}

// Path is the drawn path of one variant.
type Path struct {
	Variant string `json:"variant"`
	// Digits is the number of test digits the variant applies to (a style
	// applies to one class).
	Digits int `json:"digits"`
	// Accuracy is the drawn accuracy on those digits, Direct the direct
	// path's on the same digits.
	Accuracy float64 `json:"accuracy"`
	Direct   float64 `json:"direct_accuracy"`
	// Agree is the fraction of digits recalled as the same class as on
	// the direct path.
	Agree float64 `json:"agree_with_direct"`
	// Events is the mean number of pointer positions per digit (one per
	// tick of the page: at 60 ticks per second, events/60 seconds).
	Events float64 `json:"events_per_digit"`
	// Verdicts of the calibrated scores (engine.JudgeAt at SureAt), as
	// fractions of the digits: sure and right, sure and wrong, not sure.
	Sure Sure `json:"sure"`
}

// Sure is how often the verdict is sure and right, sure and wrong, or not
// sure (fractions), and how often the right class is the best guess or the
// runner-up when not sure.
type Sure struct {
	Right   float64 `json:"sure_right"`
	Wrong   float64 `json:"sure_wrong"`
	NotSure float64 `json:"not_sure"`
	// NotSureTop2 is the fraction of the not-sure digits whose class is the
	// best guess or the runner-up.
	NotSureTop2 float64 `json:"not_sure_in_top2"`
}

// SurePoint is the pooled verdicts at one threshold (-sure-curve).
type SurePoint struct {
	At float64 `json:"sure_at"`
	Sure
}

// NonDigits is how the drawn non-digits compare with the drawn digits by
// the network's familiarity (engine.Familiarity; digits positive).
type NonDigits struct {
	Drawings int     `json:"drawings"`
	Seed     uint64  `json:"seed"`
	AUROC    float64 `json:"auroc_vs_traced_digits"`
	// AUROCHands is against the digits of every perturbation pooled
	// (page's path).
	AUROCHands float64 `json:"auroc_vs_all_drawn_digits,omitempty"`
	// PerKind is the AUROC of each kind against the traced digits.
	PerKind map[string]float64 `json:"auroc_per_kind"`
	// Unfamiliar is the fraction under engine.UnfamiliarBelow: of the
	// non-digits, and of the traced digits.
	Unfamiliar       float64 `json:"unfamiliar"`
	DigitsUnfamiliar float64 `json:"digits_unfamiliar"`
	// DigitsP is percentiles of the traced digits' familiarity (2.5, 5,
	// 50).
	DigitsP [3]float64 `json:"digit_familiarity_p2_5_p5_p50"`
	// Sure is the fraction of non-digits the verdict is sure of (some
	// digit).
	Sure float64 `json:"sure_of_a_digit"`
}

type options struct {
	train, perClass, test int
	validate              int
	seed                  uint64
	config                string
	side                  float64
	variants, hands       bool
	sureAt                float64
	sureCurve             bool
	learnDrawn            bool
	nonDigits             int
	nonDigitSeed          uint64
	render                string
	writer                pen.Writer
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("drawn-eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.IntVar(&o.train, "train", 60000, "learn the first `N` training digits (the page learns 10000 on load, 60000 with train=60000)")
	fs.IntVar(&o.perClass, "per-class", 0, "learn the first `N` training digits of each class instead of -train")
	fs.IntVar(&o.test, "test", 10000, "draw and recall the first `M` test digits")
	fs.IntVar(&o.validate, "validate", 0, "draw the last `V` training digits instead of test digits (for tuning; they are never learned)")
	fs.Uint64Var(&o.seed, "seed", 1, "network seed (the page's default is 1)")
	fs.StringVar(&o.config, "config", "mnist", "a preset name ("+strings.Join(engine.PresetNames(), ", ")+"); the page uses mnist")
	fs.Float64Var(&o.side, "pad", 251, "side of the pad in CSS pixels (251 in an 800×600 window)")
	fs.StringVar(&o.render, "render", "input", "how the pad becomes the network's image: input (pad.InputImage, the page's) or pad112 (the page's earlier input: Render at 112×112 with the pad's pen)")
	fs.BoolVar(&o.variants, "variants", false, "also draw every variant (small in a corner, large, slanted, shaky, restarted, fast)")
	fs.BoolVar(&o.hands, "hands", false, "also draw every perturbation of real hands (pen.Hands: stroke width, slant, size and place, pointer timing, stroke order, pen lifts, styles)")
	fs.Float64Var(&o.sureAt, "sure-at", engine.SureAt, "calibrated top score from which a verdict is sure (engine.SureAt)")
	fs.BoolVar(&o.sureCurve, "sure-curve", false, "also report the pooled verdicts at other thresholds")
	fs.BoolVar(&o.learnDrawn, "learn-drawn", false, "also learn each training digit traced and drawn through the page's path (two trials per digit: no longer one pass; reported apart)")
	fs.IntVar(&o.nonDigits, "nondigits", 0, "also draw `N` of each kind of non-digit (pen.NonDigits) and report how familiarity tells them from digits")
	fs.Uint64Var(&o.nonDigitSeed, "nondigit-seed", 1, "seed of the non-digit drawings")
	fs.Float64Var(&o.writer.Speed, "speed", 0, "pen top speed in pad sides per second (0: pen.DefaultSpeed)")
	fs.Float64Var(&o.writer.Rate, "rate", 0, "pointer positions per second (0: pen.DefaultRate, one per tick)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "drawn-eval: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if o.render != "input" && o.render != "pad112" {
		fmt.Fprintf(stderr, "drawn-eval: -render %q: want input or pad112\n", o.render)
		return 2
	}
	if o.train < 0 || o.test <= 0 || o.perClass < 0 || o.validate < 0 || !(o.side >= 28) || o.nonDigits < 0 || !(o.sureAt >= 0 && o.sureAt <= 1) {
		fmt.Fprintln(stderr, "drawn-eval: need -train ≥ 0, -test > 0, -per-class ≥ 0, -validate ≥ 0, -pad ≥ 28, -nondigits ≥ 0 and -sure-at in [0, 1]")
		return 2
	}
	res, err := evaluate(ctx, o, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "drawn-eval: %v\n", err)
		return 1
	}
	b, _ := json.Marshal(res)
	fmt.Fprintln(stdout, string(b))
	return 0
}

func evaluate(ctx context.Context, o options, stdout, stderr io.Writer) (*Result, error) {
	start := time.Now()
	cfg, err := engine.Preset(o.config)
	if err != nil {
		return nil, err
	}
	cfg.Seed = o.seed
	net, err := engine.New(cfg)
	if err != nil {
		return nil, err
	}
	grid := net.Config().Input
	fmt.Fprintf(stderr, "loading MNIST…\n")
	train, test, err := gomnist.Load()
	if err != nil {
		return nil, err
	}
	res := &Result{Config: o.config, Render: o.render, Seed: o.seed, PadSide: o.side, TestSet: "t10k", GOMAXPROCS: runtime.GOMAXPROCS(0),
		LearnDrawn: o.learnDrawn}
	if o.validate > 0 {
		if o.validate >= train.Len() {
			return nil, errors.New("-validate must leave training digits")
		}
		train, test = train.Split(train.Len() - o.validate)
		res.TestSet = fmt.Sprintf("validation (last %d of train)", o.validate)
	}
	if o.perClass > 0 {
		train = train.PerClass(o.perClass)
	} else if o.train < train.Len() {
		train = train.Subset(o.train)
	}
	if o.test < test.Len() {
		test = test.Subset(o.test)
	}
	for i := range train.Len() {
		in, err := mnist.Input(train.Image(i), train.Width(), train.Height(), grid)
		if errors.Is(err, mnist.ErrEmpty) {
			continue // no ink: the page skips it too
		} else if err != nil {
			return nil, fmt.Errorf("training digit %d: %w", i, err)
		}
		if _, err := net.Learn(in, train.Label(i)); err != nil {
			return nil, err
		}
		if o.learnDrawn {
			// A second trial: the same digit traced and drawn through the
			// page's path, as traced (no longer one pass).
			if err := learnDrawn(net, train.Image(i), train.Width(), train.Height(), train.Label(i), pad.Rect{X: 8, Y: 8, W: o.side, H: o.side}, o.writer); err != nil {
				return nil, fmt.Errorf("training digit %d drawn: %w", i, err)
			}
		}
		if i%10000 == 9999 {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			fmt.Fprintf(stderr, "learned %d/%d\n", i+1, train.Len())
		}
	}

	variants := pen.Variants()[:1]
	if o.variants {
		variants = pen.Variants()
	}
	if o.hands {
		variants = append(variants, pen.Hands()[1:]...)
	}
	rect := pad.Rect{X: 8, Y: 8, W: o.side, H: o.side}
	res.Train, res.Test = train.Len(), test.Len()
	var tr engine.Trace
	recall := func(grey []byte, w, h int) recalled {
		in, err := mnist.Input(grey, w, h, grid)
		if err != nil {
			return recalled{class: -1, v: engine.JudgeAt(nil, o.sureAt)}
		}
		if err := net.RecallInto(in, &tr); err != nil {
			return recalled{class: -1, v: engine.JudgeAt(nil, o.sureAt)}
		}
		f, err := net.Familiarity(&tr)
		if err != nil {
			f = 0
		}
		return recalled{class: tr.Class, v: engine.JudgeAt(tr.Scores, o.sureAt), fam: f}
	}
	// Every drawn digit's top score and whether it was right (for the
	// verdicts at other thresholds), and familiarity of the traced ones
	// and of all.
	type judged struct {
		v     int
		right bool
		top   float64
		top2  bool // right class is best or runner-up
	}
	var all []judged
	var famTraced, famAll []float64
	direct := 0
	right := make([]int, len(variants))
	agree := make([]int, len(variants))
	events := make([]int, len(variants))
	digits := make([]int, len(variants))
	directRight := make([]int, len(variants)) // direct path, on each variant's digits
	var p pad.Pad
	grey := make([]byte, pad.InputSide*pad.InputSide)
	for i := range test.Len() {
		if i%1000 == 999 {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			fmt.Fprintf(stderr, "drawn %d/%d\n", i+1, test.Len())
		}
		want := test.Label(i)
		d := recall(test.Image(i), test.Width(), test.Height()).class
		if d == want {
			direct++
		}
		for v, vr := range variants {
			if vr.AppliesTo(want) {
				digits[v]++
				if d == want {
					directRight[v]++
				}
			}
		}
		strokes, err := pen.Digit(test.Image(i), test.Width(), test.Height())
		if err != nil {
			continue // no ink: every drawn path counts as wrong
		}
		for v, vr := range variants {
			if !vr.AppliesTo(want) {
				continue
			}
			rng := rand.New(rand.NewPCG(o.seed, uint64(i)))
			ptr, err := vr.Pointer(rect, strokes, o.writer, rng)
			if err != nil {
				return nil, err
			}
			p.Clear()
			if err := pen.Play(&p, rect, ptr); err != nil {
				return nil, fmt.Errorf("test digit %d, %s: %w", i, vr.Name, err)
			}
			n := 0
			for _, st := range ptr {
				n += len(st)
			}
			events[v] += n
			var rc recalled
			switch {
			case o.render == "pad112":
				rc = recall(p.Render(112, 112), 112, 112)
			case vr.Pen > 0:
				rc = recall(p.InputImagePen(grey, vr.Pen), pad.InputSide, pad.InputSide)
			default:
				rc = recall(p.InputImage(grey), pad.InputSide, pad.InputSide)
			}
			c := rc.class
			all = append(all, judged{v: v, right: c == want, top: rc.v.BestScore,
				top2: rc.v.Best == want || rc.v.RunnerUp == want})
			if vr.Pen == 0 && o.render == "input" {
				famAll = append(famAll, rc.fam)
				if v == 0 {
					famTraced = append(famTraced, rc.fam)
				}
			}
			if c == want {
				right[v]++
			}
			if c == d {
				agree[v]++
			}
		}
	}
	n := float64(test.Len())
	res.Direct = float64(direct) / n
	// Verdicts: per variant, pooled over the page's path, and the curve.
	tally := func(at float64, keep func(judged) bool) Sure {
		var s Sure
		k, top2 := 0, 0
		for _, j := range all {
			if !keep(j) {
				continue
			}
			k++
			switch {
			case j.top >= at && j.right:
				s.Right++
			case j.top >= at:
				s.Wrong++
			default:
				s.NotSure++
				if j.top2 {
					top2++
				}
			}
		}
		if k > 0 {
			if s.NotSure > 0 {
				s.NotSureTop2 = float64(top2) / s.NotSure
			}
			s.Right, s.Wrong, s.NotSure = s.Right/float64(k), s.Wrong/float64(k), s.NotSure/float64(k)
		}
		return s
	}
	res.SureAt = o.sureAt
	page := func(j judged) bool { return variants[j.v].Pen == 0 && o.render == "input" }
	if o.render == "input" {
		s := tally(o.sureAt, page)
		res.PagePath = &s
	}
	if o.sureCurve {
		for _, at := range []float64{0.5, 0.6, 0.7, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96, 0.98, 0.99} {
			res.SureCurve = append(res.SureCurve, SurePoint{At: at, Sure: tally(at, page)})
		}
	}
	if o.nonDigits > 0 && o.render == "input" {
		nd, err := nonDigits(ctx, o, net, rect, recall, famTraced, famAll)
		if err != nil {
			return nil, err
		}
		res.NonDigits = nd
	}
	worst := -1
	for v, vr := range variants {
		if digits[v] == 0 {
			continue
		}
		k := float64(digits[v])
		res.Drawn = append(res.Drawn, Path{Variant: vr.Name, Digits: digits[v], Accuracy: float64(right[v]) / k,
			Direct: float64(directRight[v]) / k, Agree: float64(agree[v]) / k, Events: float64(events[v]) / k,
			Sure: tally(o.sureAt, func(j judged) bool { return j.v == v })})
		p := res.Drawn[len(res.Drawn)-1]
		if worst < 0 || p.Accuracy < res.Drawn[worst].Accuracy {
			worst = len(res.Drawn) - 1
		}
		res.WorstDelta = min(res.WorstDelta, p.Accuracy-p.Direct)
	}
	if worst >= 0 {
		res.Worst = res.Drawn[worst].Variant
	}
	res.Seconds = time.Since(start).Seconds()
	report(stdout, res)
	return res, nil
}

// learnDrawn learns the digit traced into strokes and drawn through the
// page's path (as traced), with its label; a digit without ink is skipped.
func learnDrawn(net *engine.Network, img []byte, w, h, label int, rect pad.Rect, wr pen.Writer) error {
	strokes, err := pen.Digit(img, w, h)
	if err != nil {
		return nil
	}
	var p pad.Pad
	if err := wr.Draw(&p, rect, strokes); err != nil {
		return err
	}
	in, err := mnist.Input(p.InputImage(nil), pad.InputSide, pad.InputSide, net.Config().Input)
	if err != nil {
		return nil
	}
	_, err = net.Learn(in, label)
	return err
}

// recalled is the class, the verdict and the familiarity of an image
// (class −1, no verdict and familiarity 0 without ink).
type recalled struct {
	class int
	v     engine.Verdict
	fam   float64
}

// nonDigits draws o.nonDigits of each kind of pen.NonDigits through the
// page's path and compares their familiarity with the digits'.
func nonDigits(ctx context.Context, o options, net *engine.Network, rect pad.Rect, recall func([]byte, int, int) recalled,
	famTraced, famAll []float64) (*NonDigits, error) {
	res := &NonDigits{Seed: o.nonDigitSeed, PerKind: map[string]float64{}}
	var p pad.Pad
	grey := make([]byte, pad.InputSide*pad.InputSide)
	var fam []float64
	sure := 0
	for k, kind := range pen.NonDigits() {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var f []float64
		for j := range o.nonDigits {
			rng := rand.New(rand.NewPCG(o.nonDigitSeed, uint64(k)<<32|uint64(j)))
			ptr, err := pen.Variant{}.Pointer(rect, kind.Draw(rng), o.writer, rng)
			if err != nil {
				return nil, err
			}
			p.Clear()
			if err := pen.Play(&p, rect, ptr); err != nil {
				return nil, fmt.Errorf("%s %d: %w", kind.Name, j, err)
			}
			rc := recall(p.InputImage(grey), pad.InputSide, pad.InputSide)
			f = append(f, rc.fam)
			if rc.v.Sure {
				sure++
			}
		}
		res.PerKind[kind.Name] = auroc(famTraced, f)
		fam = append(fam, f...)
	}
	res.Drawings = len(fam)
	res.AUROC = auroc(famTraced, fam)
	if len(famAll) > len(famTraced) {
		res.AUROCHands = auroc(famAll, fam)
	}
	below := func(v []float64) float64 {
		n := 0
		for _, x := range v {
			if x < engine.UnfamiliarBelow {
				n++
			}
		}
		return float64(n) / float64(max(len(v), 1))
	}
	res.Unfamiliar, res.DigitsUnfamiliar = below(fam), below(famTraced)
	s := slices.Sorted(slices.Values(famTraced))
	for i, q := range []float64{0.025, 0.05, 0.5} {
		if len(s) > 0 {
			res.DigitsP[i] = s[min(len(s)-1, int(q*float64(len(s))))]
		}
	}
	res.Sure = float64(sure) / float64(max(len(fam), 1))
	return res, nil
}

// auroc is the probability that a random positive outscores a random
// negative (ties count one half).
func auroc(pos, neg []float64) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return 0
	}
	n := slices.Sorted(slices.Values(neg))
	sum := 0.0
	for _, p := range pos {
		lo, _ := slices.BinarySearch(n, p)
		hi := lo
		for hi < len(n) && n[hi] == p {
			hi++
		}
		sum += float64(lo) + float64(hi-lo)/2
	}
	return sum / float64(len(pos)) / float64(len(n))
}

func report(w io.Writer, r *Result) {
	also := ""
	if r.LearnDrawn {
		also = " (each also drawn: two trials per digit)"
	}
	fmt.Fprintf(w, "config %s, seed %d: learned %d training digits%s, drew %d digits of %s on a %.0f px pad, rendered by %s\n",
		r.Config, r.Seed, r.Train, also, r.Test, r.TestSet, r.PadSide, r.Render)
	fmt.Fprintf(w, "%-56s %6s %8s %8s %8s %8s %8s\n", "path", "digits", "accuracy", "direct", "Δ direct", "agree", "events")
	fmt.Fprintf(w, "%-56s %6d %8.4f\n", "direct (pixels → mnist.Input)", r.Test, r.Direct)
	for _, p := range r.Drawn {
		fmt.Fprintf(w, "%-56s %6d %8.4f %8.4f %+8.4f %8.4f %8.1f\n", "drawn, "+p.Variant, p.Digits, p.Accuracy, p.Direct, p.Accuracy-p.Direct, p.Agree, p.Events)
	}
	if r.Worst != "" {
		fmt.Fprintf(w, "worst: %s; largest drop from direct on the same digits: %+.4f\n", r.Worst, r.WorstDelta)
	}
	fmt.Fprintf(w, "\nverdicts, sure from a calibrated top score of %.2f: %-39s %8s %8s %8s %8s\n", r.SureAt, "", "sure+ok", "sure+no", "notsure", "in top2")
	for _, p := range r.Drawn {
		fmt.Fprintf(w, "%-80s %8.4f %8.4f %8.4f %8.4f\n", "drawn, "+p.Variant, p.Sure.Right, p.Sure.Wrong, p.Sure.NotSure, p.Sure.NotSureTop2)
	}
	if s := r.PagePath; s != nil {
		fmt.Fprintf(w, "%-80s %8.4f %8.4f %8.4f %8.4f\n", "all drawn through the page's path (widths excluded)", s.Right, s.Wrong, s.NotSure, s.NotSureTop2)
	}
	for _, p := range r.SureCurve {
		fmt.Fprintf(w, "  at %.2f: sure and right %.4f, sure and wrong %.4f, not sure %.4f\n", p.At, p.Right, p.Wrong, p.NotSure)
	}
	if nd := r.NonDigits; nd != nil {
		fmt.Fprintf(w, "\nnon-digits (%d drawings, seed %d) against digits by familiarity: AUROC %.4f against traced digits, %.4f against all drawn\n",
			nd.Drawings, nd.Seed, nd.AUROC, nd.AUROCHands)
		fmt.Fprintf(w, "under %.3f (unfamiliar): %.4f of non-digits, %.4f of traced digits; digits' familiarity p2.5 %.4f p5 %.4f p50 %.4f; sure of a digit: %.4f of non-digits\n",
			engine.UnfamiliarBelow, nd.Unfamiliar, nd.DigitsUnfamiliar, nd.DigitsP[0], nd.DigitsP[1], nd.DigitsP[2], nd.Sure)
		for _, k := range pen.NonDigits() {
			fmt.Fprintf(w, "  %-12s %.3f\n", k.Name, nd.PerKind[k.Name])
		}
	}
}
