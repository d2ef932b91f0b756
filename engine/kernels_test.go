package engine

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// Plain reference implementations of what the optimised kernels compute,
// and randomized tests that compare them: the bit-sliced U sums
// (accumulate, counts), the bit-plane max V (colsMax), the per-row max V
// (fastMax), the frozen macs' memo (memoMax), the lazy V fill (fillVals),
// the general path (generalMax, exponents), the tie rules, and learning's
// weight writes (learnRows, learnCols) with bundle freezing, closed macs
// and closed CMs. The references read only the weights (hasU), the cells'
// weight counts and birth marks and the seeded ranks: nothing the kernels
// keep for speed (rows, planes, tie keys, memo tables).

// randomNet is a random small hierarchy on a w×h input: one or two grids
// per level, random Q and K (up to 300 at the top, past the old 8-bit
// winner), random fields, tie rules, critical periods and exponents.
func randomNet(t *testing.T, rng *rand.Rand) *Network {
	t.Helper()
	const w, h = 24, 20
	cfg := Config{Seed: rng.Uint64(), Input: Grid{W: w, H: h}, ReadoutLevels: []int{1}}
	levels := 2 + rng.IntN(2)
	for li := range levels {
		var lv LevelConfig
		for range 1 + rng.IntN(2) {
			g := GridConfig{Q: 1 + rng.IntN(6), K: 2 + rng.IntN(40), HRadius: NoH, Center: 0.5 + 0.45*rng.Float64(),
				GFloor: 0.9 * rng.Float64(), FreezeBundle: 1}
			if li == levels-1 && rng.IntN(2) == 0 {
				g.K = 200 + rng.IntN(100)
			}
			switch rng.IntN(4) {
			case 0:
				g.CellPeriods, g.TieBreak = true, TieOldest
			case 1:
				g.TieBreak, g.FreezeBundle = TieFewestWeights, 0.3+0.5*rng.Float64()
				g.FreezeMac = 0.05 + 0.3*rng.Float64() // frozen macs: the memo path
			case 2:
				g.TieBreak = TieRank
				g.ExpU = 0.5 + 2*rng.Float64() // the general path
			case 3:
				g.TieBreak, g.CloseAfter = TieOldest, 1+rng.IntN(60)
			}
			if li == 0 {
				g.Macs = Grid{W: 1 + rng.IntN(6), H: 1 + rng.IntN(5)}
				g.Fields = []Field{{RF: Grid{W: 3 + rng.IntN(6), H: 3 + rng.IntN(6)}}}
			} else {
				below := cfg.Levels[li-1].Grids
				for s, bg := range below {
					g.Fields = append(g.Fields, Field{Source: s, RF: Grid{W: 1 + rng.IntN(bg.Macs.W), H: 1 + rng.IntN(bg.Macs.H)}})
				}
				g.Macs = Grid{W: 1 + rng.IntN(3), H: 1 + rng.IntN(3)}
			}
			lv.Grids = append(lv.Grids, g)
		}
		cfg.Levels = append(cfg.Levels, lv)
	}
	net, err := New(cfg)
	if err != nil {
		t.Fatalf("%v\n%+v", err, cfg)
	}
	return net
}

// refAfferents lists mac mc's active afferent units for the current input
// (n.pix) and the current codes of the level below, and π in the grid's
// units.
func refAfferents(n *Network, l *grid, mc *mac) (act []int, pi int) {
	if !l.cols {
		for j, p := range mc.pix {
			if n.pix[p>>6]&(1<<uint(p&63)) != 0 {
				act = append(act, j)
			}
		}
		return act, len(act)
	}
	for _, s := range mc.src {
		if !s.g.active[s.mac] {
			continue
		}
		pi++
		for c := range s.g.q {
			act = append(act, int(s.base)+c*s.g.k+int(s.g.code[int(s.mac)*s.g.q+c]))
		}
	}
	return act, pi
}

// refU is every cell's raw U sum: the active afferents with a weight onto it.
func refU(l *grid, mc *mac, act []int) []int32 {
	u := make([]int32, l.cells)
	for i := range u {
		for _, j := range act {
			if l.hasU(mc, i, j) {
				u[i]++
			}
		}
	}
	return u
}

// refV is V of every cell in Q16, as the CSA defines it (u/π_U, raised to
// ExpU through the same table).
func refV(l *grid, u []int32, nAct int) []int32 {
	v := make([]int32, len(u))
	for i, x := range u {
		v[i] = applyPow(ratioQ16(int(x), nAct), l.powU)
	}
	return v
}

// refBetter reports whether cell a ranks before cell b of the same CM in
// a tie of V, by the grid's rule, read from the plain per-cell state.
func refBetter(l *grid, mc *mac, a, b int) bool {
	switch l.cfg.TieBreak {
	case TieFewestWeights:
		ra, rb := min(mc.rowSet[a], 0xffff), min(mc.rowSet[b], 0xffff)
		if ra != rb {
			return ra < rb
		}
		if l.prio[a] != l.prio[b] {
			return l.prio[a] > l.prio[b]
		}
	case TieOldest:
		ba, bb := mc.born[a], mc.born[b]
		if (ba == 0) != (bb == 0) {
			return ba != 0
		}
		if ba != bb {
			return ba < bb
		}
	case TieRank:
		if l.prio[a] != l.prio[b] {
			return l.prio[a] > l.prio[b]
		}
	}
	return a%l.k > b%l.k
}

// refMax is the max-V code, each CM's best V and their sum.
func refMax(l *grid, mc *mac, v []int32) (code []uint16, best []int32, sum int64) {
	for c := range l.q {
		w := 0
		for j := 1; j < l.k; j++ {
			i, bi := c*l.k+j, c*l.k+w
			if v[i] > v[bi] || v[i] == v[bi] && refBetter(l, mc, i, bi) {
				w = j
			}
		}
		code = append(code, uint16(w))
		best = append(best, v[c*l.k+w])
		sum += int64(v[c*l.k+w])
	}
	return code, best, sum
}

// The kernels of one mac against the references, for every active mac of
// random networks in random states.
func TestKernelsMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 73))
	checked := map[string]int{}
	for trial := range 40 {
		net := randomNet(t, rng)
		in := net.cfg.Input.N()
		var seen []*SDR
		for i := range 40 + rng.IntN(200) {
			x := RandomSDR(rng, in, 1+rng.IntN(in/6))
			if len(seen) > 0 && rng.IntN(3) == 0 {
				x = seen[rng.IntN(len(seen))] // repeats: memo hits, full matches
			}
			seen = append(seen, x)
			if _, err := net.Learn(x, i%10); err != nil {
				t.Fatal(err)
			}
		}
		for probe := range 12 {
			x := RandomSDR(rng, in, 1+rng.IntN(in/6))
			if probe%3 == 0 {
				x = seen[rng.IntN(len(seen))]
			}
			copy(net.pix, x.words())
			for _, l := range net.grids {
				for m := range l.macs {
					mc := &l.macs[m]
					act, pi := refAfferents(net, l, mc)
					name := fmt.Sprintf("trial %d probe %d level %d grid %d mac %d", trial, probe, l.level+1, l.idx, m)
					if got := net.gatherU(l, mc); got != pi {
						t.Fatalf("%s: π %d, want %d", name, got, pi)
					}
					if got := net.uActive(l, mc); got != len(act) {
						t.Fatalf("%s: %d active afferents, want %d", name, got, len(act))
					}
					if pi < l.cfg.PiMin || l.cfg.PiMax > 0 && pi > l.cfg.PiMax || len(act) == 0 {
						l.active[m] = false
						continue
					}
					u := refU(l, mc, act)
					sums := make([]int32, l.cells)
					net.uSums(l, mc, sums)
					if !slices.Equal(sums, u) {
						t.Fatalf("%s: U sums %v, want %v", name, sums, u)
					}
					v := refV(l, u, len(act))
					wantCode, wantBest, wantSum := refMax(l, mc, v)
					code := make([]uint16, l.q)
					var sum int64
					var path string
					switch {
					case l.powU != nil:
						path, sum = "generalMax", net.generalMax(l, mc, len(act), 0, 0, code)
					case l.cols:
						path, sum = "colsMax", net.colsMax(l, mc, len(act), code)
					case mc.frozen && l.q <= memoQ && l.k <= 256:
						path, sum = "memoMax", net.memoMax(l, mc, len(act), code)
					default:
						path, sum = "fastMax", net.fastMax(l, mc, len(act), code)
					}
					checked[path]++
					if !slices.Equal(code, wantCode) || sum != wantSum || !slices.Equal(net.cmMax[:l.q], wantBest) {
						t.Fatalf("%s: %s code %v (Σ %d, best %v), want %v (Σ %d, best %v)", name, path, code, sum, net.cmMax[:l.q], wantCode, wantSum, wantBest)
					}
					if l.powU == nil {
						// The lazy V fill, after the max-V kernel left its state.
						vals := make([]int32, l.cells)
						net.fillVals(l, mc, len(act), vals)
						checked["fillVals"]++
						if !slices.Equal(vals, v) {
							t.Fatalf("%s: fillVals after %s %v, want %v", name, path, vals, v)
						}
					}
					copy(l.code[m*l.q:], wantCode)
					l.active[m] = true
				}
			}
		}
	}
	t.Logf("kernel calls checked: %v", checked)
	for _, k := range []string{"generalMax", "colsMax", "memoMax", "fastMax", "fillVals"} {
		if checked[k] == 0 {
			t.Errorf("no call of %s was checked", k)
		}
	}
}

// A whole recall against a plain one: every mac's activity, code and G,
// level by level, from the references alone.
func TestRecallMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(79, 83))
	for trial := range 30 {
		net := randomNet(t, rng)
		in := net.cfg.Input.N()
		var seen []*SDR
		for i := range 100 + rng.IntN(100) {
			x := RandomSDR(rng, in, 1+rng.IntN(in/6))
			if len(seen) > 0 && rng.IntN(3) == 0 {
				x = seen[rng.IntN(len(seen))]
			}
			seen = append(seen, x)
			net.Learn(x, i%10)
		}
		for probe := range 10 {
			x := seen[rng.IntN(len(seen))]
			if probe%2 == 1 {
				x = RandomSDR(rng, in, 1+rng.IntN(in/6))
			}
			tr, err := net.Recall(x)
			if err != nil {
				t.Fatal(err)
			}
			// The reference pass, with its own codes (written into the
			// grids' state only after the recall above is done with it).
			copy(net.pix, x.words())
			for _, l := range net.grids {
				gt := &tr.Levels[l.level].Grids[l.idx]
				for m := range l.macs {
					mc := &l.macs[m]
					act, pi := refAfferents(net, l, mc)
					on := pi >= l.cfg.PiMin && (l.cfg.PiMax == 0 || pi <= l.cfg.PiMax) && len(act) > 0
					if gt.Active[m] != on {
						t.Fatalf("trial %d level %d grid %d mac %d: active %v, want %v", trial, l.level+1, l.idx, m, gt.Active[m], on)
					}
					l.active[m] = on
					if !on {
						continue
					}
					code, _, sum := refMax(l, mc, refV(l, refU(l, mc, act), len(act)))
					g := float64(sum) / float64(int64(l.q)*vOne)
					if got := gt.Code(m); !slices.Equal([]uint16(got), code) || gt.G[m] != g {
						t.Fatalf("trial %d level %d grid %d mac %d: code %v G %v, want %v G %v", trial, l.level+1, l.idx, m, got, gt.G[m], code, g)
					}
					copy(l.code[m*l.q:], code)
				}
			}
		}
	}
}

// Learning writes exactly the weights from the active afferents to the
// winners of the trace, in every mac that learns: not in a closed mac, not
// in a closed CM, not from a frozen bundle; and a drawn winner of a mac
// with per-cell periods is a cell that could still learn.
func TestLearnWritesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(89, 97))
	writes := 0
	for trial := range 20 {
		net := randomNet(t, rng)
		in := net.cfg.Input.N()
		for i := range 100 {
			x := RandomSDR(rng, in, 1+rng.IntN(in/6))
			// The state before: weights, frozen flags, bundles, births.
			type before struct {
				w, bf   []uint64
				frozen  bool
				virgins []uint16
				born    []uint32
			}
			var bs [][]before
			for _, l := range net.grids {
				var row []before
				for m := range l.macs {
					mc := &l.macs[m]
					row = append(row, before{slices.Clone(mc.wU), slices.Clone(mc.bundleFrozen), mc.frozen, slices.Clone(mc.virgins), slices.Clone(mc.born)})
				}
				bs = append(bs, row)
			}
			items := net.items
			tr, err := net.Learn(x, i%10)
			if err != nil {
				t.Fatal(err)
			}
			copy(net.pix, x.words())
			for _, l := range net.grids {
				gt := &tr.Levels[l.level].Grids[l.idx]
				copy(l.active, gt.Active)
				copy(l.code, gt.Codes)
			}
			for gi, l := range net.grids {
				gt := &tr.Levels[l.level].Grids[l.idx]
				for m := range l.macs {
					mc, b := &l.macs[m], bs[gi][m]
					want := slices.Clone(b.w)
					// Bundle freezing: a unit's bundle stops learning once
					// more than FreezeBundle of the mac's cells have a weight
					// from it.
					bf := slices.Clone(b.bf)
					freeze := func() {
						if l.cfg.FreezeBundle >= 1 {
							return
						}
						for j := range mc.nU {
							n := 0
							for i := range l.cells {
								if l.cols && want[j*mc.uW+i>>6]&(1<<uint(i&63)) != 0 || !l.cols && want[i*mc.uW+j>>6]&(1<<uint(j&63)) != 0 {
									n++
								}
							}
							if n > int(l.cfg.FreezeBundle*float64(l.cells)) {
								bf[j>>6] |= 1 << uint(j&63)
							}
						}
					}
					closed := b.frozen || l.cfg.CloseAfter > 0 && items >= l.cfg.CloseAfter
					if gt.Active[m] && !closed {
						act, _ := refAfferents(net, l, mc)
						for c, w := range gt.Code(m) {
							if l.cfg.CellPeriods && b.virgins[c] == 0 {
								continue // a closed CM learns nothing
							}
							if l.cfg.CellPeriods {
								young := -1
								for j := range l.k {
									if bb := b.born[c*l.k+j]; bb != 0 && (young < 0 || bb > b.born[c*l.k+young]) {
										young = j
									}
								}
								full := true // a CM keeps a fully matching cell, whatever its age
								for _, j := range act {
									cell := c*l.k + int(w)
									has := l.cols && b.w[j*mc.uW+cell>>6]&(1<<uint(cell&63)) != 0 ||
										!l.cols && b.w[cell*mc.uW+j>>6]&(1<<uint(j&63)) != 0
									full = full && has
								}
								if b.born[c*l.k+int(w)] != 0 && int(w) != young && !full {
									t.Fatalf("trial %d item %d: level %d mac %d CM %d chose cell %d, whose period is over", trial, i, l.level+1, m, c, w)
								}
							}
							cell := c*l.k + int(w)
							for _, j := range act {
								if bf[j>>6]&(1<<uint(j&63)) != 0 {
									continue // a frozen bundle
								}
								if l.cols {
									want[j*mc.uW+cell>>6] |= 1 << uint(cell&63)
								} else {
									want[cell*mc.uW+j>>6] |= 1 << uint(j&63)
								}
								writes++
							}
							if !l.cols {
								freeze() // level 1 freezes a bundle as soon as it is full
							}
						}
						freeze() // a code-reading mac, after the frame
					}
					if !slices.Equal(mc.wU, want) || !slices.Equal(mc.bundleFrozen, bf) {
						t.Fatalf("trial %d item %d: level %d grid %d mac %d: weights or frozen bundles differ from the reference", trial, i, l.level+1, l.idx, m)
					}
				}
			}
		}
	}
	if writes == 0 {
		t.Fatal("no weight write was checked")
	}
}

// The memo of a frozen level-1 mac gives what fastMax computes for every
// pattern, also when patterns take turns in the same table slot (each
// must evict the other, never answer for it).
func TestMemoCollisions(t *testing.T) {
	const n = 40
	net := oneMac(t, n, 4, 16, func(l *GridConfig) { l.FreezeMac = 0.02 })
	rng := rand.New(rand.NewPCG(101, 103))
	l, mc := net.levels[0][0], &net.levels[0][0].macs[0]
	for !mc.frozen {
		net.Learn(RandomSDR(rng, n, 6), -1)
	}
	slot := func(key uint64) uint64 { return (key * 0x9e3779b97f4a7c15) >> (64 - memoBits) }
	// Groups of distinct patterns sharing a slot.
	bySlot := map[uint64][]*SDR{}
	for len(bySlot) < 200 {
		x := RandomSDR(rng, n, 1+rng.IntN(8))
		k := x.words()[0]
		if g := bySlot[slot(k)]; len(g) == 0 || g[len(g)-1].words()[0] != k {
			bySlot[slot(k)] = append(g, x)
		}
	}
	hits := 0
	for round := range 3 {
		for _, g := range bySlot {
			for _, x := range g {
				copy(net.pix, x.words())
				net.gatherU(l, mc)
				act := net.uActive(l, mc)
				want := make([]uint16, l.q)
				wantSum := net.fastMax(l, mc, act, want)
				wantBest := slices.Clone(net.cmMax[:l.q])
				if mc.memo != nil {
					if e := &mc.memo[slot(x.words()[0])]; e.ok && e.key == x.words()[0] {
						hits++
					}
				}
				got := make([]uint16, l.q)
				if sum := net.memoMax(l, mc, act, got); sum != wantSum || !slices.Equal(got, want) || !slices.Equal(net.cmMax[:l.q], wantBest) {
					t.Fatalf("round %d: memo gives %v (Σ %d), fastMax %v (Σ %d)", round, got, sum, want, wantSum)
				}
			}
		}
	}
	if hits == 0 {
		t.Error("the memo never hit")
	}
}
