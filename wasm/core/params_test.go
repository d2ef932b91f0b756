package core

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseParams(t *testing.T) {
	def := Params{Train: DefaultTrain, Seed: 1, Readout: "naive-bayes"}
	for _, tc := range []struct {
		query string
		want  Params
		bad   []string // parameters the error names; none: no error
	}{
		{"", def, nil},
		{"?", def, nil},
		{"?train=2000&seed=7&q=8&k=16&embed=1&view=map",
			Params{Train: 2000, Seed: 7, Q: 8, K: 16, Embed: true, View: "map", Readout: "naive-bayes"}, nil},
		{"train=0&embed=true&other=x", Params{Train: 0, Seed: 1, Embed: true, Readout: "naive-bayes"}, nil},
		{"embed=0", def, nil},
		{"view=csa&level=3&grid=0&mac=12&cm=3&g=0.25", Params{Train: DefaultTrain, Seed: 1, View: "csa", Readout: "naive-bayes"}, nil},
		{"origin=https://school.example&origin=http://127.0.0.1:8000,https://b.example/",
			Params{Train: DefaultTrain, Seed: 1, Readout: "naive-bayes", Origins: []string{"https://school.example", "http://127.0.0.1:8000", "https://b.example"}}, nil},
		{"origin=*", def, []string{"origin=*"}},
		{"origin=https://a.example/path", def, []string{"origin=https://a.example/path"}},
		{"origin=javascript:alert(1)", def, []string{"origin=javascript"}},
		{"readout=class-nodes", Params{Train: DefaultTrain, Seed: 1, Readout: "class-nodes"}, nil},
		{"readout=bayes", def, []string{"readout=bayes"}},
		{"q=100000&k=0", Params{Train: DefaultTrain, Seed: 1, Q: 100000, Readout: "naive-bayes"}, []string{"k=0"}},
		{"train=-5", def, []string{"train=-5"}},
		{"train=lots&seed=-1", def, []string{"train=lots", "seed=-1"}},
		{"q=x&k=1.5", def, []string{"q=x", "k=1.5"}},
		{"embed=yes", def, []string{"embed=yes"}},
		{"view=maps", def, []string{"view=maps", "csa, map, capacity, sequence"}},
		{"%zz", def, []string{"cannot be read"}},
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
	for _, tc := range []struct {
		p    Params
		q, k int // level 1's, 0: error
	}{
		{Params{Seed: 3}, 8, 32},
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
	// core: bad address parameter: k=0 (want a whole number ≥ 1)
}
