package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
)

// Where identity and class are lost on the way up (-loss N): for N varied
// stored items (the uniform sample's first N, changed by vary as for
// episodic_auroc_varied), how often the nearest stored item is the item
// itself, judged on each representation from the raw pixels to the top
// level's codes; and for N unseen test digits, how often the stored item
// nearest by each level's codes is of the digit's class (1-NN). Codes are
// compared by the number of agreeing CMs over the macs active in both; the
// stored items' codes are recalled after all learning. A diagnostic: it
// scans every stored item per query.

// LossReport is the -loss part of the JSON result.
type LossReport struct {
	Items int `json:"items"` // varied items and test digits analysed
	// SelfNearest: varied items whose nearest stored item is their own, by
	// raw grey pixels (L2), the size-normalised bitmap before thinning
	// (Jaccard), the network's input (Jaccard) and each level's codes.
	SelfRaw, SelfBitmap, SelfInput int
	SelfLevel                      []int
	// ClassNearest: test digits whose nearest stored item by each level's
	// codes has their class.
	ClassLevel []int
}

func analyseLoss(net *engine.Network, train, test *mnist.Dataset, trainIn, testIn []*engine.SDR, cp int,
	sample []int, opt mnist.Options, g engine.Grid, seed uint64, n int, w io.Writer) (*LossReport, error) {
	levels := net.Levels()
	stored := make([]engine.Trace, cp)
	for i := range cp {
		if err := net.RecallInto(trainIn[i], &stored[i]); err != nil {
			return nil, err
		}
	}
	bitmaps := make([]mnist.Bitmap, cp)
	for i := range cp {
		b, err := mnist.Preprocess(train.Image(i), train.Width(), train.Height(), mnist.Options{})
		if err != nil && !errors.Is(err, mnist.ErrEmpty) {
			return nil, err
		}
		bitmaps[i] = b
	}
	jaccard := func(a, b mnist.Bitmap) float64 {
		o, u := 0, 0
		for y := range mnist.Side {
			for x := range mnist.Side {
				p, q := a.At(x, y), b.At(x, y)
				if p && q {
					o++
				}
				if p || q {
					u++
				}
			}
		}
		return float64(o) / float64(max(u, 1))
	}
	nearestCode := func(tr *engine.Trace, level int) int {
		best, bj := -1, -1
		for j := range stored {
			if a, _ := stored[j].Overlap(tr, level); a > best {
				best, bj = a, j
			}
		}
		return bj
	}
	r := &LossReport{Items: min(n, len(sample), len(testIn)), SelfLevel: make([]int, levels), ClassLevel: make([]int, levels)}
	var tr engine.Trace
	for _, i := range sample[:r.Items] {
		rng := rand.New(rand.NewPCG(seed, 0x76617279^uint64(i)<<8))
		img := vary(train.Image(i), train.Width(), train.Height(), rng)
		best, bj := int64(1)<<62, -1
		for j := range cp {
			d := int64(0)
			for p, v := range train.Image(j) {
				e := int64(v) - int64(img[p])
				d += e * e
			}
			if d < best {
				best, bj = d, j
			}
		}
		if bj == i {
			r.SelfRaw++
		}
		bm, err := mnist.Preprocess(img, train.Width(), train.Height(), mnist.Options{})
		if err != nil && !errors.Is(err, mnist.ErrEmpty) {
			return nil, err
		}
		bf, bj := -1.0, -1
		for j := range cp {
			if f := jaccard(bm, bitmaps[j]); f > bf {
				bf, bj = f, j
			}
		}
		if bj == i {
			r.SelfBitmap++
		}
		thin, err := mnist.Preprocess(img, train.Width(), train.Height(), opt)
		if err != nil && !errors.Is(err, mnist.ErrEmpty) {
			return nil, err
		}
		x, err := mnist.Encode(thin, g)
		if err != nil {
			return nil, err
		}
		bf, bj = -1.0, -1
		for j := range cp {
			o := x.Overlap(trainIn[j])
			if f := float64(o) / float64(max(x.Count()+trainIn[j].Count()-o, 1)); f > bf {
				bf, bj = f, j
			}
		}
		if bj == i {
			r.SelfInput++
		}
		if err := net.RecallInto(x, &tr); err != nil {
			return nil, err
		}
		for l := range levels {
			if nearestCode(&tr, l+1) == i {
				r.SelfLevel[l]++
			}
		}
	}
	for k := range r.Items {
		if err := net.RecallInto(testIn[k], &tr); err != nil {
			return nil, err
		}
		for l := range levels {
			if train.Label(nearestCode(&tr, l+1)) == test.Label(k) {
				r.ClassLevel[l]++
			}
		}
	}
	fmt.Fprintf(w, "where identity is lost (%d varied stored items; nearest stored item is itself): raw pixels %d, unthinned bitmap %d, input %d, codes of levels 1.. %v\n",
		r.Items, r.SelfRaw, r.SelfBitmap, r.SelfInput, r.SelfLevel)
	fmt.Fprintf(w, "where class is lost (%d test digits; nearest stored item by each level's codes has their class): %v\n", r.Items, r.ClassLevel)
	return r, nil
}
