package engine

import (
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden traces in testdata/")

// goldenTrace learns and recalls fixed inputs with a fixed seed on a
// configuration and renders every code and G. The same text must come out
// natively and under GOOS=js GOARCH=wasm.
func goldenTrace(t *testing.T, cfg Config) string {
	t.Helper()
	cfg.Seed = 2026
	net, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	var b strings.Builder
	var inputs []*SDR
	// 200 items: enough for the score calibration to fit a temperature
	// (after 16 samples, one every 8 labelled items).
	// Items are noisy copies of ten prototypes, labelled by prototype, so
	// that the labels can be learned and the temperature is finite.
	var protos []*SDR
	for range 10 {
		protos = append(protos, digitInput(rng))
	}
	for i := range 200 {
		x := protos[i%10].WithNoise(rng, 0.3)
		inputs = append(inputs, x)
		tr, err := net.Learn(x, i%10)
		if err != nil {
			t.Fatal(err)
		}
		if i%4 == 0 {
			writeTrace(&b, fmt.Sprintf("learn %d", i), &tr)
		}
	}
	fmt.Fprintf(&b, "temperatures %.17g %.17g %.17g\n", net.Temperature(ReadoutNaiveBayes), net.Temperature(ReadoutBinary), net.Temperature(ReadoutCount))
	for i, x := range inputs[:20] {
		tr, _ := net.Recall(x.WithNoise(rng, 0.3))
		writeTrace(&b, fmt.Sprintf("recall %d", i), &tr)
	}
	// A sequence learned with H and D input, recognised, and replayed.
	for _, learn := range []bool{true, false} {
		net.Reset()
		for i, x := range inputs[20:26] {
			tr, err := net.Step(x, learn, i%10)
			if err != nil {
				t.Fatal(err)
			}
			writeTrace(&b, fmt.Sprintf("step %d learn=%v", i, learn), &tr)
		}
	}
	net.Reset()
	net.Step(inputs[20], false, -1)
	for i := range 3 {
		tr, _ := net.Predict()
		writeTrace(&b, fmt.Sprintf("predict %d", i), &tr)
	}
	return b.String()
}

// writeTrace renders a trace: every active mac's G and code, except on
// grids of more than 64 macs (level 1 of the default network), which get
// one line each: the number of active macs, their G in full precision
// summed, and an FNV-1a hash of their codes (any change of a code or a G
// changes the line).
func writeTrace(b *strings.Builder, name string, tr *Trace) {
	fmt.Fprintf(b, "%s G=%.17g class=%d scores=%.17g\n", name, tr.G, tr.Class, tr.Scores)
	for li, lt := range tr.Levels {
		for gi, gt := range lt.Grids {
			if len(gt.Active) > 64 {
				h := fnv.New64a()
				sum, act := 0.0, 0
				for m := range gt.Active {
					if gt.Active[m] {
						act++
						sum += gt.G[m]
						fmt.Fprintf(h, "%d:%v;", m, []uint16(gt.Code(m)))
					}
				}
				fmt.Fprintf(b, " L%d g%d active=%d ΣG=%.17g codes=%016x\n", li+1, gi, act, sum, h.Sum64())
				continue
			}
			for m := range gt.Active {
				if !gt.Active[m] {
					continue
				}
				fmt.Fprintf(b, " L%d g%d m%d G=%.17g %v\n", li+1, gi, m, gt.G[m], []uint16(gt.Code(m)))
			}
		}
	}
}

// The golden traces: the default MNIST network (MNISTConfig: per-cell
// critical periods, the top's draws) and testHierarchy, which uses every
// kind of connection (H and D input, the general V path, sequences).
func TestGoldenTrace(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		path string
	}{
		{"default", MNISTConfig(), "testdata/golden_trace.txt"},
		{"hierarchy with H and D", testHierarchy(), "testdata/golden_trace_hd.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkGolden(t, goldenTrace(t, tc.cfg), tc.path) })
	}
}

func checkGolden(t *testing.T, got, path string) {
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run GoldenTrace -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("trace differs from %s at line %d:\n got  %s\n want %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("trace length %d lines, want %d", len(gl), len(wl))
	}
}
