package core

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/sparsey-web/sparsey/engine"
)

// The address's query as ParseParams reads it. A link a teacher pastes may
// have a typo; none stops the page: each part the page cannot use is
// described (the parameter, the value it got, what it accepts and what the
// page uses instead) and the page carries on with the default for it.

// query is the address's parameters, recording which names ParseParams
// asked for, so that it can tell repeated and misspelled ones.
type query struct {
	vals  map[string][]string
	order []string // names in the order they first appear
	asked map[string]bool
	multi map[string]bool // names that may be given more than once
}

// readQuery splits the query into its parameters. A part whose
// percent-encoding is broken, or that uses ';' as a separator, is
// described in problems and left out.
func readQuery(raw string) (*query, []string) {
	q := &query{vals: map[string][]string{}, asked: map[string]bool{}, multi: map[string]bool{}}
	var problems []string
	for _, part := range strings.Split(strings.TrimPrefix(raw, "?"), "&") {
		if part == "" {
			continue
		}
		if strings.Contains(part, ";") {
			problems = append(problems, fmt.Sprintf("%s: ';' does not separate parameters (use '&'); ignored", shorten(part)))
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err := cmpErr(err1, err2); err != nil {
			problems = append(problems, fmt.Sprintf("%s: broken percent-encoding (%v); ignored", shorten(part), err))
			continue
		}
		if _, ok := q.vals[key]; !ok {
			q.order = append(q.order, key)
		}
		q.vals[key] = append(q.vals[key], val)
	}
	return q, problems
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// Get returns the first value of parameter name ("" if absent).
func (q *query) Get(name string) string {
	q.asked[name] = true
	if vs := q.vals[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// all returns every value of parameter name, one that may be given more
// than once.
func (q *query) all(name string) []string {
	q.asked[name], q.multi[name] = true, true
	return q.vals[name]
}

// check describes the parameters given more than once (the first is used)
// and the unknown ones that look like a misspelling of a parameter the page
// reads (other unknown parameters, such as a link tracker's, are ignored
// in silence).
func (q *query) check() []string {
	var out []string
	known := make([]string, 0, len(q.asked))
	for n := range q.asked {
		known = append(known, n)
	}
	sort.Strings(known)
	for _, name := range q.order {
		vs := q.vals[name]
		if q.asked[name] {
			if len(vs) > 1 && !q.multi[name] {
				shown := make([]string, len(vs))
				for i, v := range vs {
					shown[i] = name + "=" + shortValue(v)
				}
				out = append(out, fmt.Sprintf("%s is given %d times (%s); using the first", name, len(vs), strings.Join(shown, ", ")))
			}
			continue
		}
		if like := lookalike(name, known); like != "" {
			out = append(out, fmt.Sprintf("%s=%s: no such parameter (did you mean %s?); ignored", shortName(name), shortValue(vs[0]), like))
		}
	}
	return out
}

// lookalike returns the known name that name looks like a misspelling of:
// the same but for case, or within one edit (names of 3–4 letters) or two
// (longer names); "" for none.
func lookalike(name string, known []string) string {
	l := strings.ToLower(name)
	for _, k := range known {
		d := editDistance(l, k)
		switch {
		case l == k:
			return k
		case len(k) >= 5 && d <= 2, len(k) >= 3 && d <= 1:
			return k
		}
	}
	return ""
}

// editDistance is the edit distance of a and b (bytes) counting a swap of
// two neighbours as one edit (optimal string alignment); names longer than
// 64 bytes are never close.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// shortValue shows a parameter's value in a message: cut to 40
// characters, control characters escaped, not quoted unless it needs it.
func shortValue(v string) string {
	s := shorten(v)
	if inner := s[1 : len(s)-1]; s == `"`+inner+`"` && !strings.ContainsAny(inner, `"\ `) && inner != "" {
		return inner
	}
	return s
}

func shortName(n string) string { return shortValue(n) }

// badValue describes a parameter's value the page cannot use: what it accepts
// and what it uses instead.
func badValue(name, value, want, using string) string {
	return fmt.Sprintf("%s=%s: want %s; using %s", name, shortValue(value), want, using)
}

// Level 1's Q and K that the address may set (engine.GridConfig's ranges).
const (
	minQ, maxQ = 1, 64
	minK, maxK = 2, 256
)

// configFor is the network of the scene: p.Config(), or, when p's q and k
// give no valid network, the one that keeps as much of them as can be
// (q alone, k alone, neither). It clears in p what it dropped and describes
// it.
func configFor(p *Params) (engine.Config, []string, error) {
	cfg, err := p.Config()
	if err == nil {
		return cfg, nil, nil
	}
	first := err
	var tries []Params
	if p.Q > 0 && p.K > 0 {
		tries = append(tries, Params{Q: p.Q}, Params{K: p.K})
	}
	for _, try := range append(tries, Params{}) {
		t := *p
		t.Q, t.K = try.Q, try.K
		cfg, err := t.Config()
		if err != nil {
			continue
		}
		var dropped []string
		if p.Q != t.Q {
			dropped = append(dropped, fmt.Sprintf("q=%d", p.Q))
		}
		if p.K != t.K {
			dropped = append(dropped, fmt.Sprintf("k=%d", p.K))
		}
		msg := fmt.Sprintf("%s: no network can be built with this (%s); using the default",
			strings.Join(dropped, " and "), engineReason(first))
		p.Q, p.K = t.Q, t.K
		return cfg, []string{msg}, nil
	}
	return cfg, nil, first
}

// engineReason is the engine's words for an invalid config, without the
// parameter names that Params.Config added.
func engineReason(err error) string {
	s := err.Error()
	if i := strings.Index(s, "no valid network ("); i >= 0 {
		s = strings.TrimSuffix(s[i+len("no valid network ("):], ")")
	}
	return strings.TrimPrefix(s, "engine: invalid config: ")
}
