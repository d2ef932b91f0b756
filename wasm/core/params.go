package core

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/sparsey-web/sparsey/engine"
)

// MaxClasses is the number of classes of the page's network: the ten
// digits and up to 22 symbols taught on the page.
const MaxClasses = 32

// DefaultTrain is the number of training digits learned on load when the
// address does not say. It comes from the capacity curve of the default
// network (BENCHMARKS.md, mnist-eval -capacity): with 10,000 digits stored
// the top level's familiarity still tells a stored digit from an unseen one
// (AUROC 0.98), at 20,000 less well (0.96), at 60,000 far less (0.75),
// while the accuracy on unseen digits gains under half a point from 10,000
// to 60,000. So the page shows both memories working, and is ready sooner.
const DefaultTrain = 10000

// Params is the scene the page's address chooses (see web/README.md).
type Params struct {
	Train int    // training digits to learn at start (train=N, default DefaultTrain)
	Seed  uint64 // the network's seed (seed=S, default 1)
	Q, K  int    // level 1's CMs per mac and cells per CM (q=, k=; 0: the preset's)
	Embed bool   // only the pad and the recall views (embed=1)
	View  string // a teaching view (view=csa|map|capacity|sequence), "" for none
	// Readout is the readout of the class scores, a name in Readouts
	// (readout=softmax|naive-bayes|class-nodes; default softmax).
	Readout string
	// Origins are the origins of host pages whose messages an embedded
	// page obeys and to which it posts its own (origin=, repeated or
	// separated by commas; none by default).
	Origins []string

	// Settings are the address's other parameters: the views' settings
	// (each view's row in Views has them), applied by New, and the
	// drawing (d=).
	Settings url.Values
}

// ErrParams reports an address parameter with a value the page cannot use.
var ErrParams = errors.New("core: bad address parameter")

// ParamsError lists the address parameters the page cannot use, each with
// what it wants instead. It wraps ErrParams.
type ParamsError struct{ Problems []string }

func (e *ParamsError) Error() string {
	return ErrParams.Error() + ": " + strings.Join(e.Problems, "; ")
}

func (e *ParamsError) Unwrap() error { return ErrParams }

// ParseParams reads the address's query (with or without its leading '?').
// Unknown parameters are ignored, except those that look like a misspelling
// of one the page reads. A part of the query the page cannot use (a value
// out of range or of the wrong kind, a parameter given twice, a broken
// percent-encoding, a misspelled name) is a *ParamsError that names each
// such parameter with the value it got, what it accepts and what the page
// uses instead; the returned Params then hold the defaults in their place,
// so a caller goes on.
func ParseParams(query string) (Params, error) {
	p := Params{Train: DefaultTrain, Seed: 1, Readout: DefaultReadout}
	v, bad := readQuery(query)
	// inRange parses an integer from lo to hi of parameter name into *dst.
	inRange := func(name string, lo, hi int, dst *int, using string) {
		s := v.Get(name)
		if s == "" {
			return
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			want := fmt.Sprintf("a whole number from %d to %d", lo, hi)
			if hi == math.MaxInt {
				want = fmt.Sprintf("a whole number ≥ %d", lo)
			}
			bad = append(bad, badValue(name, s, want, using))
			return
		}
		*dst = n
	}
	inRange("train", 0, math.MaxInt, &p.Train, fmt.Sprintf("the default, %d digits", DefaultTrain))
	if s := v.Get("seed"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			bad = append(bad, badValue("seed", s, "a whole number ≥ 0", "seed 1"))
		} else {
			p.Seed = n
		}
	}
	inRange("q", minQ, maxQ, &p.Q, "the default")
	inRange("k", minK, maxK, &p.K, "the default")
	switch e := v.Get("embed"); e {
	case "", "0", "false":
	case "1", "true":
		p.Embed = true
	default:
		bad = append(bad, badValue("embed", e, "1 or 0", "the whole page (0)"))
	}
	if s := v.Get("view"); s != "" {
		if p.View = ValidView(s); p.View == "" {
			bad = append(bad, badValue("view", s, "one of "+strings.Join(ViewNames(), ", "), "the main view"))
		}
	}
	if s := v.Get("readout"); s != "" {
		if _, ok := Readouts[s]; !ok {
			bad = append(bad, badValue("readout", s, "softmax, naive-bayes or class-nodes", DefaultReadout))
		} else {
			p.Readout = s
		}
	}
	for _, list := range v.all("origin") {
		for o := range strings.SplitSeq(list, ",") {
			if o = strings.TrimSpace(o); o == "" {
				continue
			}
			if origin, ok := ParseOrigin(o); ok {
				p.Origins = append(p.Origins, origin)
			} else {
				bad = append(bad, badValue("origin", o, "a page's origin, like https://example.org", "no host page for it"))
			}
		}
	}
	// The views' settings and the drawing: checked against the network by
	// New (applySettings).
	p.Settings = url.Values{}
	for _, s := range allSettings() {
		if val := v.Get(s.Param); val != "" {
			p.Settings.Set(s.Param, val)
		}
	}
	bad = append(bad, v.check()...)
	if len(bad) > 0 {
		return p, &ParamsError{Problems: bad}
	}
	return p, nil
}

// sceneQuery is the scene's part of the page's link (Link): the
// parameters that choose the network and the page (train, seed, q, k,
// embed, origin), each as the page uses it, left out when it has its
// default.
func (p Params) sceneQuery() map[string][]string {
	out := map[string][]string{}
	if p.Train != DefaultTrain {
		out["train"] = []string{strconv.Itoa(p.Train)}
	}
	if p.Seed != 1 {
		out["seed"] = []string{strconv.FormatUint(p.Seed, 10)}
	}
	if p.Q > 0 {
		out["q"] = []string{strconv.Itoa(p.Q)}
	}
	if p.K > 0 {
		out["k"] = []string{strconv.Itoa(p.K)}
	}
	if p.Embed {
		out["embed"] = []string{"1"}
	}
	if len(p.Origins) > 0 {
		out["origin"] = []string{strings.Join(p.Origins, ",")}
	}
	return out
}

// ParseOrigin returns the origin o names (scheme://host[:port], lower
// case), if it is one: http or https, a host, nothing after it.
func ParseOrigin(o string) (string, bool) {
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", false
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), true
}

// Config is the network of the scene: the "mnist" preset with the scene's
// seed, Q and K, and room for MaxClasses classes. A Q or K that gives no
// valid network is a *ParamsError naming them.
func (p Params) Config() (engine.Config, error) {
	cfg, err := engine.Preset("mnist")
	if err != nil {
		return cfg, err
	}
	cfg.Seed = p.Seed
	cfg.Classes = MaxClasses
	for i := range cfg.Levels[0].Grids {
		if p.Q > 0 {
			cfg.Levels[0].Grids[i].Q = p.Q
		}
		if p.K > 0 {
			cfg.Levels[0].Grids[i].K = p.K
		}
	}
	if err := cfg.Validate(); err != nil {
		var set []string
		if p.Q > 0 {
			set = append(set, fmt.Sprintf("q=%d", p.Q))
		}
		if p.K > 0 {
			set = append(set, fmt.Sprintf("k=%d", p.K))
		}
		if len(set) == 0 {
			return cfg, err
		}
		return cfg, &ParamsError{Problems: []string{fmt.Sprintf("%s: no valid network (%v)", strings.Join(set, " and "), err)}}
	}
	return cfg, nil
}

// StorageKey names the scene's memory in browser storage: scenes with
// another network keep their own memory.
func (p Params) StorageKey() string {
	return fmt.Sprintf("mnist/seed=%d/q=%d/k=%d", p.Seed, p.Q, p.K)
}

// WithView returns the address query with the view parameter set to
// view ("" removes it), keeping every other parameter, so a reload opens
// the same view.
func WithView(query, view string) string { return WithParam(query, "view", view) }

// WithParam returns the address query with parameter name set to value
// ("" removes it), keeping every other parameter.
func WithParam(query, name, value string) string {
	v, _ := url.ParseQuery(strings.TrimPrefix(query, "?"))
	if value == "" {
		v.Del(name)
	} else {
		v.Set(name, value)
	}
	return v.Encode()
}

// DefaultReadout is the readout when the address does not choose one.
const DefaultReadout = "softmax"
