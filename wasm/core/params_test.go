package core

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/engine"
)

func TestParseParams(t *testing.T) {
	def := Params{Train: DefaultTrain, Seed: 1, Readout: "softmax"}
	for _, tc := range []struct {
		query string
		want  Params
		bad   []string // parameters the error names; none: no error
	}{
		{"", def, nil},
		{"?", def, nil},
		{"?train=2000&seed=7&q=8&k=16&embed=1&view=map",
			Params{Train: 2000, Seed: 7, Q: 8, K: 16, Embed: true, View: "map", Readout: "softmax"}, nil},
		{"train=0&embed=true&other=x", Params{Train: 0, Seed: 1, Embed: true, Readout: "softmax"}, nil},
		{"embed=0", def, nil},
		{"view=csa&level=3&grid=0&mac=12&cm=3&g=0.25", Params{Train: DefaultTrain, Seed: 1, View: "csa", Readout: "softmax"}, nil},
		{"origin=https://school.example&origin=http://127.0.0.1:8000,https://b.example/",
			Params{Train: DefaultTrain, Seed: 1, Readout: "softmax", Origins: []string{"https://school.example", "http://127.0.0.1:8000", "https://b.example"}}, nil},
		{"origin=*", def, []string{"origin=*"}},
		{"origin=https://a.example/path", def, []string{"origin=https://a.example/path"}},
		{"origin=javascript:alert(1)", def, []string{"origin=javascript"}},
		{"readout=class-nodes", Params{Train: DefaultTrain, Seed: 1, Readout: "class-nodes"}, nil},
		{"readout=bayes", def, []string{"readout=bayes"}},
		{"q=100000&k=0", def, []string{"q=100000: want a whole number from 1 to 64", "k=0: want a whole number from 2 to 256"}},
		{"q=64&k=256", Params{Train: DefaultTrain, Seed: 1, Q: 64, K: 256, Readout: "softmax"}, nil},
		{"train=5&train=7", Params{Train: 5, Seed: 1, Readout: "softmax"}, []string{"train is given 2 times (train=5, train=7); using the first"}},
		{"veiw=map&trian=10&Embed=1&utm_source=x&fbclid=y", def, []string{"veiw=map: no such parameter (did you mean view?)", "trian=10", "did you mean train?", "Embed=1", "did you mean embed?"}},
		{"view=<script>alert(1)</script>", def, []string{`view=<script>alert(1)</script>: want one of csa, map, capacity, sequence; using the main view`}},
		{"train=" + strings.Repeat("9", 100), def, []string{"train=" + `"` + strings.Repeat("9", 40) + `"… (100 characters)`}},
		{"train=1;seed=2", def, []string{`"train=1;seed=2": ';' does not separate parameters`}},
		{"train=10&%zz=1&seed=%G1", Params{Train: 10, Seed: 1, Readout: "softmax"}, []string{`"%zz=1": broken percent-encoding`, `"seed=%G1": broken percent-encoding`}},
		// The views' settings are checked against the network by New
		// (TestBadSettings); a repeated or misspelled one is named here.
		{"g=Infinity&g=NaN", def, []string{"g is given 2 times"}},
		{"levle=2&d=AQ", def, []string{"levle=2: no such parameter (did you mean level?)"}},
		{"train=-5", def, []string{"train=-5"}},
		{"train=lots&seed=-1", def, []string{"train=lots", "seed=-1"}},
		{"q=x&k=1.5", def, []string{"q=x", "k=1.5"}},
		{"embed=yes", def, []string{"embed=yes"}},
		{"view=maps", def, []string{"view=maps", "csa, map, capacity, sequence"}},
		{"%zz", def, []string{"broken percent-encoding"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			got, err := ParseParams(tc.query)
			got.Settings = nil
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if len(tc.bad) == 0 {
				if err != nil {
					t.Errorf("error %v", err)
				}
				return
			}
			if !errors.Is(err, ErrParams) {
				t.Fatalf("error %v, want ErrParams", err)
			}
			for _, b := range tc.bad {
				if !strings.Contains(err.Error(), b) {
					t.Errorf("error %q does not name %q", err, b)
				}
			}
		})
	}
}

func TestParamsConfig(t *testing.T) {
	def := engine.MNISTConfig().Levels[0].Grids[0]
	for _, tc := range []struct {
		p    Params
		q, k int // level 1's, 0: error
	}{
		{Params{Seed: 3}, def.Q, def.K},
		{Params{Seed: 3, Q: 4, K: 16}, 4, 16},
		{Params{Q: 100000}, 0, 0},
		{Params{K: 100000}, 0, 0},
	} {
		cfg, err := tc.p.Config()
		if tc.q == 0 {
			if !errors.Is(err, ErrParams) || !strings.Contains(err.Error(), "=100000: no valid network") {
				t.Errorf("%+v: error %v, want ErrParams naming the parameter", tc.p, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%+v: %v", tc.p, err)
		}
		if l := cfg.Levels[0].Grids[len(cfg.Levels[0].Grids)-1]; l.Q != tc.q || l.K != tc.k || cfg.Seed != tc.p.Seed || cfg.Classes != MaxClasses {
			t.Errorf("%+v: Q %d K %d seed %d classes %d", tc.p, l.Q, l.K, cfg.Seed, cfg.Classes)
		}
	}
	if a, b := (Params{Seed: 2}).StorageKey(), (Params{Seed: 2, Q: 4}).StorageKey(); a == b || a != "mnist/seed=2/q=0/k=0" {
		t.Errorf("storage keys %q, %q", a, b)
	}
}

// A q and k that each fit but together give no network: the page keeps
// what it can and says what it dropped.
func TestConfigFor(t *testing.T) {
	for _, tc := range []struct {
		p       Params
		q, k    int // kept
		dropped string
	}{
		{Params{Q: 4, K: 8}, 4, 8, ""},
		// Each fits with the other's default (level 1's K = 128, Q = 2),
		// not together.
		{Params{Q: 32, K: 256}, 32, 0, "k=256: no network can be built with this"},
		{Params{K: 256, Q: 30}, 30, 0, "k=256"},
	} {
		p := tc.p
		cfg, dropped, err := configFor(&p)
		if err != nil {
			t.Fatalf("%+v: %v", tc.p, err)
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("%+v: %v", tc.p, err)
		}
		if p.Q != tc.q || p.K != tc.k {
			t.Errorf("%+v: kept q=%d k=%d, want %d %d", tc.p, p.Q, p.K, tc.q, tc.k)
		}
		if got := strings.Join(dropped, "; "); tc.dropped == "" && got != "" || !strings.Contains(got, tc.dropped) {
			t.Errorf("%+v: %q, want %q", tc.p, got, tc.dropped)
		}
	}
}

func TestWithParam(t *testing.T) {
	if got := WithParam("?train=5&readout=class-nodes", "readout", ""); got != "train=5" {
		t.Errorf("removing: %q", got)
	}
	if got := WithParam("train=5", "readout", "class-nodes"); got != "readout=class-nodes&train=5" {
		t.Errorf("setting: %q", got)
	}
}

func TestWithView(t *testing.T) {
	for _, tc := range []struct{ query, view, want string }{
		{"", "map", "view=map"},
		{"?train=10&view=csa", "map", "train=10&view=map"},
		{"train=10&view=csa", "", "train=10"},
		{"?view=csa", "", ""},
	} {
		if got := WithView(tc.query, tc.view); got != tc.want {
			t.Errorf("WithView(%q, %q) = %q, want %q", tc.query, tc.view, got, tc.want)
		}
	}
}

func ExampleParseParams() {
	p, err := ParseParams("?train=2000&seed=7&view=map")
	fmt.Println(p.Train, p.Seed, p.View, err)
	_, err = ParseParams("?q=100000&k=0")
	fmt.Println(err)
	// Output:
	// 2000 7 map <nil>
	// core: bad address parameter: q=100000: want a whole number from 1 to 64; using the default; k=0: want a whole number from 2 to 256; using the default
}
