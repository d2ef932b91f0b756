package engine

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden_trace.txt")

// goldenTrace learns and recalls fixed inputs with a fixed seed on the
// default MNIST configuration and renders every code and G. The same text
// must come out natively and under GOOS=js GOARCH=wasm.
func goldenTrace(t *testing.T) string {
	t.Helper()
	cfg := HierarchyConfig()
	cfg.Seed = 2026
	net, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	var b strings.Builder
	var inputs []*SDR
	for i := range 60 {
		x := digitInput(rng)
		inputs = append(inputs, x)
		tr, err := net.Learn(x, i%10)
		if err != nil {
			t.Fatal(err)
		}
		writeTrace(&b, fmt.Sprintf("learn %d", i), &tr)
	}
	for i, x := range inputs[:20] {
		tr, _ := net.Recall(x.WithNoise(rng, 0.3))
		writeTrace(&b, fmt.Sprintf("recall %d", i), &tr)
	}
	return b.String()
}

func writeTrace(b *strings.Builder, name string, tr *Trace) {
	fmt.Fprintf(b, "%s G=%.17g class=%d\n", name, tr.G, tr.Class)
	for li, lt := range tr.Levels {
		for m := range lt.Active {
			if !lt.Active[m] {
				continue
			}
			fmt.Fprintf(b, " L%d m%d G=%.17g %v\n", li+1, m, lt.G[m], []uint16(lt.Code(m)))
		}
	}
}

func TestGoldenTrace(t *testing.T) {
	got := goldenTrace(t)
	const path = "testdata/golden_trace.txt"
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
