package main

import (
	"slices"
	"strconv"
	"strings"
)

// coding is a content coding the server can send from a precompressed copy
// stored beside the original file with the given suffix.
type coding struct {
	name   string // Content-Encoding value
	suffix string // file name suffix of the precompressed copy
}

// codings lists the supported codings in the server's order of preference.
var codings = []coding{
	{name: "br", suffix: ".br"},
	{name: "gzip", suffix: ".gz"},
}

// acceptedCodings returns the supported codings that the Accept-Encoding
// header values allow, the client's highest q-value first and ties in the
// server's order. An absent or empty header, q=0 and malformed q-values
// allow nothing, so the original (identity) is served. "*" stands for every
// coding not named explicitly; "x-gzip" is gzip (RFC 9110, section 12.5.3).
func acceptedCodings(values []string) []coding {
	q := map[string]float64{}
	star, hasStar := 0.0, false
	for _, v := range values {
		for elem := range strings.SplitSeq(v, ",") {
			name, weight, ok := parseCodingElem(elem)
			if !ok {
				continue
			}
			if name == "*" {
				star, hasStar = weight, true
				continue
			}
			q[name] = weight
		}
	}
	type ranked struct {
		c coding
		q float64
	}
	var rs []ranked
	for _, c := range codings {
		w, ok := q[c.name]
		if !ok && hasStar {
			w, ok = star, true
		}
		if ok && w > 0 {
			rs = append(rs, ranked{c, w})
		}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int {
		switch {
		case a.q > b.q:
			return -1
		case a.q < b.q:
			return 1
		}
		return 0
	})
	out := make([]coding, len(rs))
	for i, r := range rs {
		out[i] = r.c
	}
	return out
}

// parseCodingElem parses one element such as "br;q=0.8". A malformed
// q-value gives weight 0; an empty element is not ok.
func parseCodingElem(elem string) (name string, q float64, ok bool) {
	name, params, _ := strings.Cut(elem, ";")
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return "", 0, false
	}
	if name == "x-gzip" {
		name = "gzip"
	}
	q = 1
	for p := range strings.SplitSeq(params, ";") {
		k, v, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || !(f >= 0 && f <= 1) { // also rejects NaN
			f = 0
		}
		q = f
	}
	return name, q, true
}
