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
	Drawn   []Path  `json:"drawn"`
	// Worst is the variant with the lowest accuracy, and WorstDelta the
	// largest drop from the direct path on the same digits.
	Worst      string  `json:"worst,omitempty"`
	WorstDelta float64 `json:"worst_delta,omitempty"`
	GOMAXPROCS int     `json:"gomaxprocs"`
	Seconds    float64 `json:"seconds"`
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
}

type options struct {
	train, perClass, test int
	validate              int
	seed                  uint64
	config                string
	side                  float64
	variants, hands       bool
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
	if o.train < 0 || o.test <= 0 || o.perClass < 0 || o.validate < 0 || !(o.side >= 28) {
		fmt.Fprintln(stderr, "drawn-eval: need -train ≥ 0, -test > 0, -per-class ≥ 0, -validate ≥ 0 and -pad ≥ 28")
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
	res := &Result{Config: o.config, Render: o.render, Seed: o.seed, PadSide: o.side, TestSet: "t10k", GOMAXPROCS: runtime.GOMAXPROCS(0)}
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
	recall := func(grey []byte, w, h int) int {
		in, err := mnist.Input(grey, w, h, grid)
		if err != nil {
			return -1 // no ink: no class
		}
		tr, err := net.Recall(in)
		if err != nil {
			return -1
		}
		return tr.Class
	}
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
		d := recall(test.Image(i), test.Width(), test.Height())
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
			var c int
			switch {
			case o.render == "pad112":
				c = recall(p.Render(112, 112), 112, 112)
			case vr.Pen > 0:
				c = recall(p.InputImagePen(grey, vr.Pen), pad.InputSide, pad.InputSide)
			default:
				c = recall(p.InputImage(grey), pad.InputSide, pad.InputSide)
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
	worst := -1
	for v, vr := range variants {
		if digits[v] == 0 {
			continue
		}
		k := float64(digits[v])
		res.Drawn = append(res.Drawn, Path{Variant: vr.Name, Digits: digits[v], Accuracy: float64(right[v]) / k,
			Direct: float64(directRight[v]) / k, Agree: float64(agree[v]) / k, Events: float64(events[v]) / k})
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

func report(w io.Writer, r *Result) {
	fmt.Fprintf(w, "config %s, seed %d: learned %d training digits, drew %d digits of %s on a %.0f px pad, rendered by %s\n",
		r.Config, r.Seed, r.Train, r.Test, r.TestSet, r.PadSide, r.Render)
	fmt.Fprintf(w, "%-56s %6s %8s %8s %8s %8s %8s\n", "path", "digits", "accuracy", "direct", "Δ direct", "agree", "events")
	fmt.Fprintf(w, "%-56s %6d %8.4f\n", "direct (pixels → mnist.Input)", r.Test, r.Direct)
	for _, p := range r.Drawn {
		fmt.Fprintf(w, "%-56s %6d %8.4f %8.4f %+8.4f %8.4f %8.1f\n", "drawn, "+p.Variant, p.Digits, p.Accuracy, p.Direct, p.Accuracy-p.Direct, p.Agree, p.Events)
	}
	if r.Worst != "" {
		fmt.Fprintf(w, "worst: %s; largest drop from direct on the same digits: %+.4f\n", r.Worst, r.WorstDelta)
	}
}
